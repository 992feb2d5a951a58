using Booking.Data;
using Booking.Domain.Notifications;
using Booking.Domain.Reservations;
using Booking.Workflows.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Booking.Jobs.Calendar;

/// <summary>
/// The one SEQUENCE rule for every .ics about an event (the mails' attachments, the single download, the feeds), so a
/// calendar that imported one never ignores a later one. Derived, not stored, from the calendar-bearing notifications
/// made about the event: the mail made n-th (counting from 1, ordered by when made, a cancellation made in the same
/// instant counting as later) says n; a download or feed says how many have been made so far, i.e. the same number as
/// the latest mail, and the next mail says one more. An event that ended without a cancelling notice (a patron's own
/// cancellation) says one more than its last mail, so the cancelled state wins over the invitation.
/// </summary>
public static class CalendarSequence
{
    private static readonly string[] CalendarKinds =
    [
        NotificationKinds.ReservationConfirmed, NotificationKinds.ReservationApproved, NotificationKinds.Reminder,
        NotificationKinds.ReservationCancelled, NotificationKinds.NoShow, NotificationKinds.ReservationRejected,
        NotificationKinds.SessionRegistered, NotificationKinds.SessionPromoted, NotificationKinds.SessionCancelled,
    ];

    /// <summary>The SEQUENCE of a mail's .ics: 1 + the calendar-bearing notifications about the same event made before it. A resend keeps its number.</summary>
    public static async Task<int> ForNoticeAsync(BookingDbContext db, Notification notification, NoticeFacts? facts, CancellationToken ct)
    {
        var rows = notification.ReservationId is { } reservationId
            ? await db.Notifications.AsNoTracking().Where(n => n.ReservationId == reservationId && CalendarKinds.Contains(n.Kind))
                .Select(n => new { n.Id, n.Kind, n.CreatedAtUtc, n.Facts }).ToListAsync(ct)
            : await db.Notifications.AsNoTracking()
                .Where(n => n.RecipientId == notification.RecipientId && n.ReservationId == null
                    && (n.Kind == NotificationKinds.SessionRegistered || n.Kind == NotificationKinds.SessionPromoted || n.Kind == NotificationKinds.SessionCancelled))
                .Select(n => new { n.Id, n.Kind, n.CreatedAtUtc, n.Facts }).ToListAsync(ct);
        var sessionId = facts?.SessionId;
        var ordered = rows
            .Where(n => notification.ReservationId is not null || NoticeFacts.FromJson(n.Facts)?.SessionId == sessionId)
            .OrderBy(n => n.CreatedAtUtc).ThenBy(n => NotificationKinds.CancelsCalendarEntry(n.Kind)).ThenBy(n => n.Id)
            .Select(n => n.Id).ToList();
        return 1 + Math.Max(0, ordered.IndexOf(notification.Id));
    }

    /// <summary>The SEQUENCE of each reservation's event in a download or feed, as it stands now.</summary>
    public static async Task<IReadOnlyDictionary<Guid, int>> ForReservationsAsync(
        BookingDbContext db, IReadOnlyCollection<(Guid Id, ReservationStatus Status)> reservations, CancellationToken ct)
    {
        var ids = reservations.Select(r => r.Id).Distinct().ToList();
        var made = await db.Notifications.AsNoTracking()
            .Where(n => n.ReservationId != null && ids.Contains(n.ReservationId.Value) && CalendarKinds.Contains(n.Kind))
            .Select(n => new { Id = n.ReservationId!.Value, n.Kind }).ToListAsync(ct);
        var byId = made.ToLookup(n => n.Id, n => n.Kind);
        var sequences = new Dictionary<Guid, int>();
        foreach (var (id, status) in reservations)
        {
            var kinds = byId[id].ToList();
            var endedUnannounced = status is ReservationStatus.Cancelled or ReservationStatus.NoShow or ReservationStatus.Rejected
                && !kinds.Any(NotificationKinds.CancelsCalendarEntry);
            sequences[id] = kinds.Count + (endedUnannounced ? 1 : 0);
        }

        return sequences;
    }
}
