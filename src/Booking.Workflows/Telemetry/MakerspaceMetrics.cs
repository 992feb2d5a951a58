using System.Diagnostics.Metrics;

namespace Booking.Workflows.Telemetry;

/// <summary>
/// The app's own counters on the meter "Makerspace", made once per host from its <see cref="IMeterFactory"/> (so a
/// test listens to one host's meter, not to every host in its process). Each call is one counter add, no allocation.
/// </summary>
public sealed class MakerspaceMetrics
{
    private readonly Counter<long> _bookingsMade;
    private readonly Counter<long> _bookingsRefused;
    private readonly Counter<long> _noShowsReleased;
    private readonly Counter<long> _remindersQueued;
    private readonly Counter<long> _mailSent;
    private readonly Counter<long> _mailFailed;

    public MakerspaceMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MakerspaceTelemetry.Name);
        _bookingsMade = meter.CreateCounter<long>("makerspace.bookings.made", "{reservation}", "Reservations made by patrons, or by staff on a patron's behalf");
        _bookingsRefused = meter.CreateCounter<long>("makerspace.bookings.refused", "{request}", "Bookings refused, by refusal code");
        _noShowsReleased = meter.CreateCounter<long>("makerspace.no_shows.released", "{reservation}", "Reservations released as no-shows");
        _remindersQueued = meter.CreateCounter<long>("makerspace.reminders.queued", "{notification}", "Reminders queued for e-mail");
        _mailSent = meter.CreateCounter<long>("makerspace.mail.sent", "{message}", "E-mails the mail server accepted, by kind");
        _mailFailed = meter.CreateCounter<long>("makerspace.mail.failed", "{attempt}", "Delivery attempts that failed (retried by Hangfire)");
    }

    public void BookingMade(string kind) => _bookingsMade.Add(1, new KeyValuePair<string, object?>(MakerspaceTelemetry.ResourceKindTag, kind));

    /// <summary>A refused booking; <paramref name="kind"/> is null when the refusal came before the resource was known.</summary>
    public void BookingRefused(string code, string? kind)
    {
        var codeTag = new KeyValuePair<string, object?>(MakerspaceTelemetry.RefusalCodeTag, code);
        if (kind is null)
        {
            _bookingsRefused.Add(1, codeTag);
        }
        else
        {
            _bookingsRefused.Add(1, codeTag, new KeyValuePair<string, object?>(MakerspaceTelemetry.ResourceKindTag, kind));
        }
    }

    public void NoShowsReleased(int count, string kind) => _noShowsReleased.Add(count, new KeyValuePair<string, object?>(MakerspaceTelemetry.ResourceKindTag, kind));

    public void RemindersQueued(int count, string purpose) => _remindersQueued.Add(count, new KeyValuePair<string, object?>(MakerspaceTelemetry.ReminderPurposeTag, purpose));

    /// <summary>An e-mail accepted by the server; <paramref name="kind"/> is a notification kind or an account mail's.</summary>
    public void MailSent(string kind) => _mailSent.Add(1, new KeyValuePair<string, object?>(MakerspaceTelemetry.MailKindTag, kind));

    public void MailFailed(string kind) => _mailFailed.Add(1, new KeyValuePair<string, object?>(MakerspaceTelemetry.MailKindTag, kind));
}
