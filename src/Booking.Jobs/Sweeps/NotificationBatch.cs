using Booking.Data;
using Booking.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Booking.Jobs.Sweeps;

/// <summary>
/// Writes a sweep batch's notifications and reminder stamps. On PostgreSQL one <c>INSERT ... SELECT FROM unnest</c>
/// per table: EF's batched inserts cost a statement and a tracked entity per row, which made inserting the
/// most expensive part of a batch. SQLite is embedded, so EF's inserts are kept there.
/// </summary>
public static class NotificationBatch
{
    /// <summary>Inserts the notifications (and stamps) in the current transaction; a duplicate stamp throws a unique violation.</summary>
    public static async Task InsertAsync(BookingDbContext db, IReadOnlyList<Notification> notifications, IReadOnlyList<ReservationNotice> stamps, DateTime now, CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            db.Notifications.AddRange(notifications);
            db.ReservationNotices.AddRange(stamps);
            await db.SaveChangesAsync(ct);
            return;
        }

        if (notifications.Count > 0)
        {
            var ids = notifications.Select(n => n.Id).ToArray();
            var recipients = notifications.Select(n => n.RecipientId).ToArray();
            var kinds = notifications.Select(n => n.Kind).ToArray();
            var subjects = notifications.Select(n => n.Subject).ToArray();
            var bodies = notifications.Select(n => n.Body).ToArray();
            var reservations = notifications.Select(n => n.ReservationId).ToArray();
            var facts = notifications.Select(n => n.Facts).ToArray();
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "Notifications" ("Id", "RecipientId", "Kind", "Subject", "Body", "ReservationId", "CreatedAtUtc", "Facts")
                SELECT t.id, t.recipient, t.kind, t.subject, t.body, t.reservation, {now}, t.facts
                FROM unnest({ids}, {recipients}, {kinds}, {subjects}, {bodies}, {reservations}, {facts}) AS t(id, recipient, kind, subject, body, reservation, facts)
                """, ct);
        }

        if (stamps.Count > 0)
        {
            // One purpose per batch; the start each stamp is for is the one it was read with, passed as text to keep its UTC exact.
            var purpose = stamps[0].Purpose;
            var ids = stamps.Select(s => s.Id).ToArray();
            var reservations = stamps.Select(s => s.ReservationId).ToArray();
            var starts = stamps.Select(s => s.ForStartsAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var sent = stamps.Select(s => s.NotificationId).ToArray();
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "ReservationNotices" ("Id", "ReservationId", "Purpose", "ForStartsAtUtc", "NotificationId", "StampedAtUtc")
                SELECT t.id, t.reservation, {purpose}, t.starts::timestamptz, t.sent, {now}
                FROM unnest({ids}, {reservations}, {starts}, {sent}) AS t(id, reservation, starts, sent)
                """, ct);
        }
    }
}
