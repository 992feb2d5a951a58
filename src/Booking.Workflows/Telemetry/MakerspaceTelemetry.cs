using System.Diagnostics;

namespace Booking.Workflows.Telemetry;

/// <summary>
/// The names the app's own telemetry goes by: the activity source and the meter (both "Makerspace"), and the tags
/// they carry. Tags name kinds, codes and outcomes, never a person (no e-mail addresses, no names).
/// </summary>
public static class MakerspaceTelemetry
{
    /// <summary>The ActivitySource and Meter name an exporter subscribes to.</summary>
    public const string Name = "Makerspace";

    /// <summary>One activity per sweep run and per delivery job.</summary>
    public static readonly ActivitySource Source = new(Name);

    public const string ResourceKindTag = "makerspace.resource.kind";
    public const string RefusalCodeTag = "makerspace.refusal.code";
    public const string ReminderPurposeTag = "makerspace.reminder.purpose";
    public const string MailKindTag = "makerspace.mail.kind";
    public const string SweepTag = "makerspace.sweep";
    public const string SweepItemsTag = "makerspace.sweep.items";
    public const string SweepFireTag = "makerspace.sweep.fire_id";
    public const string NotificationIdTag = "makerspace.notification.id";
    public const string OutcomeTag = "makerspace.outcome";

    /// <summary>
    /// Marks a failed activity: the error status with the exception's type only. Its message is left out on purpose:
    /// an SMTP server's refusal often quotes the recipient's address.
    /// </summary>
    public static void Failed(Activity? activity, Exception e)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(OutcomeTag, "failed");
        activity.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
    }
}
