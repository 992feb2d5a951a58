using System.Diagnostics;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Notifications;
using Booking.Domain.Reservations;
using Booking.Domain.Sessions;
using Booking.Jobs.Calendar;
using Booking.Jobs.Mail;
using Booking.Jobs.Sweeps;
using Booking.Workflows.Notifications;
using Booking.Workflows.Telemetry;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Booking.Jobs.Delivery;

/// <summary>
/// The Hangfire job that e-mails one notification. It re-reads the row and skips what is already sent or
/// no longer applies (a reminder for a cancelled or moved reservation); SMTP failures escape, so Hangfire
/// retries with growing delays. The row is stamped sent only after the server accepted the message:
/// delivery is at least once, and the stamp makes every later attempt a no-op. The one window left is a
/// crash after the server accepted and before the stamp commits; the repeat then carries the same
/// Message-Id.
/// </summary>
public sealed class DeliverNotification(BookingDbContext db, IMailSender sender, MailComposer composer, TimeProvider clock, MakerspaceMetrics metrics, ILogger<DeliverNotification> logger)
{
    /// <summary>Seconds between attempts: about 4.5 hours in all, less than <c>Jobs:Delivery:RequeueAfter</c>.</summary>
    public static readonly int[] RetryDelaysInSeconds = [10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];

    private string? _kind; // the notification's kind once read, for the failure counter and the activity

    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("E-mail notification {0}")]
    public async Task RunAsync(Guid notificationId, CancellationToken ct)
    {
        // One activity per attempt: its kind, id and outcome (sent, discarded, settled, failed), never the recipient.
        using var activity = MakerspaceTelemetry.Source.StartActivity("deliver notification", ActivityKind.Consumer);
        activity?.SetTag(MakerspaceTelemetry.NotificationIdTag, notificationId.ToString());
        try
        {
            activity?.SetTag(MakerspaceTelemetry.OutcomeTag, await DeliverAsync(notificationId, ct));
        }
        catch (Exception e)
        {
            metrics.MailFailed(_kind ?? "unknown");
            MakerspaceTelemetry.Failed(activity, e);
            throw;
        }
        finally
        {
            activity?.SetTag(MakerspaceTelemetry.MailKindTag, _kind);
        }
    }

    /// <summary>Sends the notification if it still applies; returns the outcome (sent, discarded or settled).</summary>
    private async Task<string> DeliverAsync(Guid notificationId, CancellationToken ct)
    {
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == notificationId, ct);
        if (notification is null || notification.IsSettled)
        {
            logger.LogInformation("Notification {NotificationId} already settled or gone; nothing to send", notificationId);
            return "settled";
        }

        _kind = notification.Kind;
        var now = clock.GetUtcNow().UtcDateTime;
        var recipient = await db.Users.AsNoTracking().Where(u => u.Id == notification.RecipientId)
            .Select(u => new { u.Email, u.DisplayName, u.PreferredLanguage }).FirstOrDefaultAsync(ct);
        if (recipient?.Email is null)
        {
            await DiscardAsync(notification, "The recipient has no e-mail address.", now, ct);
            return "discarded";
        }

        ReservationFacts? facts = null;
        if (notification.ReservationId is { } reservationId)
        {
            facts = await ReservationFacts.LoadAsync(db, reservationId, ct);
            if (await WhyNotApplicableAsync(notification, facts, now, ct) is { } why)
            {
                await DiscardAsync(notification, why, now, ct);
                return "discarded";
            }
        }

        var noticeFacts = NoticeFacts.FromJson(notification.Facts);
        if (facts is null && noticeFacts?.SessionId is { } sessionId && await WhySessionNoticeNotApplicableAsync(notification, sessionId, ct) is { } whyNot)
        {
            await DiscardAsync(notification, whyNot, now, ct);
            return "discarded";
        }

        var entry = facts?.ToCalendarEntry(Languages.CultureFor(recipient.PreferredLanguage)) ?? SessionEntry(notification, noticeFacts);
        var sequence = entry is null ? 0 : await CalendarSequence.ForNoticeAsync(db, notification, noticeFacts, ct);
        // Only facts that name no zone (certification dates) need the library's first branch: most mails skip the read.
        var fallbackZone = noticeFacts is { TimeZone: not null }
            ? "UTC"
            : await db.Locations.AsNoTracking().OrderBy(l => l.Name).Select(l => l.TimeZoneId).FirstOrDefaultAsync(ct) ?? "UTC";
        var message = composer.Compose(notification, new Recipient(recipient.Email, recipient.DisplayName, recipient.PreferredLanguage), entry, now, sequence, fallbackZone);
        await sender.SendAsync(message, ct);
        notification.MarkSent(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(CancellationToken.None); // accepted by the server: record it even if shutdown is under way
        metrics.MailSent(notification.Kind);
        logger.LogInformation("Notification {NotificationId} ({Kind}) sent", notification.Id, notification.Kind);
        return "sent";
    }

    private async Task<string?> WhyNotApplicableAsync(Notification notification, ReservationFacts? facts, DateTime now, CancellationToken ct)
    {
        if (facts is null)
        {
            return "The reservation no longer exists.";
        }

        var reservation = facts.Reservation;
        switch (notification.Kind)
        {
            case NotificationKinds.Reminder:
                var notice = await db.ReservationNotices.AsNoTracking().FirstOrDefaultAsync(n => n.NotificationId == notification.Id, ct);
                if (reservation.Status != ReservationStatus.Confirmed)
                {
                    return $"The reservation is {reservation.Status.ToCode()} now.";
                }

                if (notice is null || notice.ForStartsAtUtc != reservation.StartsAtUtc)
                {
                    return "The reservation moved; this reminder was for the old time.";
                }

                return now >= reservation.StartsAtUtc ? "The reservation has started." : null;
            case NotificationKinds.ReservationConfirmed:
                return reservation.IsActive ? null : $"The reservation is {reservation.Status.ToCode()} now.";
            case NotificationKinds.Overdue or NotificationKinds.OverdueForStaff:
                return reservation.Status == ReservationStatus.CheckedIn ? null : "The laptop was returned.";
            default:
                return null;
        }
    }

    /// <summary>A registration confirmation for a place the patron has since given up (or a session since cancelled) is not sent.</summary>
    private async Task<string?> WhySessionNoticeNotApplicableAsync(Notification notification, Guid sessionId, CancellationToken ct)
    {
        if (notification.Kind is not (NotificationKinds.SessionRegistered or NotificationKinds.SessionPromoted))
        {
            return null;
        }

        var statuses = await db.SessionRegistrations.AsNoTracking()
            .Where(r => r.SessionId == sessionId && r.PatronId == notification.RecipientId).Select(r => r.Status).ToListAsync(ct);
        var cancelled = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => s.CancelledAtUtc != null).FirstOrDefaultAsync(ct);
        return cancelled ? "The session was cancelled."
            : statuses.Any(s => s is RegistrationStatus.Registered or RegistrationStatus.Attended or RegistrationStatus.Passed) ? null
            : "The patron no longer holds a place.";
    }

    /// <summary>A session's place in the patron's calendar: one UID per session and patron.</summary>
    private static CalendarEntry? SessionEntry(Notification notification, NoticeFacts? facts) =>
        facts is { SessionId: { } sessionId, Start: { } start, End: { } end }
            ? new CalendarEntry(sessionId, facts.Session ?? "", facts.Location ?? "", start, end,
                notification.Kind == NotificationKinds.SessionCancelled ? ReservationStatus.Cancelled : ReservationStatus.Confirmed, null,
                CalendarFiles.SessionUid(sessionId, notification.RecipientId))
            : null;

    private async Task DiscardAsync(Notification notification, string why, DateTime now, CancellationToken ct)
    {
        notification.Discard(why, now);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Notification {NotificationId} ({Kind}) not sent: {Reason}", notification.Id, notification.Kind, why);
    }
}
