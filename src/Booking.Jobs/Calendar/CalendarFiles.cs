using System.Security.Cryptography;
using System.Text;
using Booking.Domain.Reservations;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using MimeKit;

namespace Booking.Jobs.Calendar;

/// <summary>A reservation as a calendar event; what an .ics needs to say about it.</summary>
/// <remarks><paramref name="Uid"/> replaces the reservation's own UID where the id must not be shown (public feeds);
/// <paramref name="Sequence"/> is the event's version by <see cref="CalendarSequence"/>'s one rule.</remarks>
public sealed record CalendarEntry(Guid ReservationId, string Summary, string Location, DateTime StartsAtUtc, DateTime EndsAtUtc, ReservationStatus Status, string? Description, string? Uid = null, int Sequence = 0);

/// <summary>
/// Writes .ics text with Ical.Net. Every reservation has one stable UID (<c>{id}@makerspace</c>) so a
/// calendar updates its entry instead of adding another; SEQUENCE (<see cref="CalendarSequence"/>) grows as the
/// reservation moves on through its life, and a cancellation says METHOD:CANCEL.
/// </summary>
public static class CalendarFiles
{
    public const string ProductId = "-//Makerspace//Booking//EN";

    /// <summary>Separates the public busy-time UIDs from any other hash of a reservation id.</summary>
    private const string BusyUidPurpose = "makerspace-public-busy-time:";

    public static string Uid(Guid reservationId) => $"{reservationId}@makerspace";

    /// <summary>A patron's place at a session: one event per session and patron, so a cancellation removes the right one.</summary>
    public static string SessionUid(Guid sessionId, Guid patronId) => $"session-{sessionId:N}-{patronId:N}@makerspace";

    /// <summary>
    /// The UID of a reservation in a resource's public busy-time feed: stable for the reservation, so calendars
    /// update it, but a one-way hash, so the public never learns the id that opens it in the API.
    /// </summary>
    public static string BusyUid(Guid reservationId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(BusyUidPurpose + reservationId.ToString("N")));
        return $"busy-{Convert.ToHexStringLower(hash.AsSpan(0, 16))}@makerspace";
    }

    /// <summary>
    /// One event, for an e-mail attachment (RFC 5546): REQUEST (add or update) or CANCEL, from the library (ORGANIZER,
    /// <c>Smtp:From</c>) to the patron (ATTENDEE). <paramref name="sequence"/> is derived from the notifications made
    /// before (see <see cref="CalendarSequence"/>), so each mail about the same UID supersedes the one before it.
    /// </summary>
    public static string ForMail(CalendarEntry entry, bool cancel, DateTime nowUtc, int sequence, MailboxAddress organizer, MailboxAddress attendee)
    {
        var calendar = NewCalendar(cancel ? "CANCEL" : "REQUEST");
        var e = Event(entry, nowUtc, cancel);
        e.Sequence = sequence;
        e.Organizer = new Organizer("mailto:" + organizer.Address) { CommonName = organizer.Name is { Length: > 0 } o ? o : null };
        e.Attendees.Add(new Attendee("mailto:" + attendee.Address)
        {
            CommonName = attendee.Name is { Length: > 0 } a && a != attendee.Address ? a : null,
            Role = "REQ-PARTICIPANT",
            ParticipationStatus = cancel ? "DECLINED" : "ACCEPTED",
            Rsvp = false,
        });
        calendar.Events.Add(e);
        return Serialize(calendar);
    }

    /// <summary>A feed of many events (PUBLISH), e.g. a patron's reservations or a resource's busy times.</summary>
    public static string Feed(string name, IEnumerable<CalendarEntry> entries, DateTime nowUtc)
    {
        var calendar = NewCalendar("PUBLISH");
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var entry in entries)
        {
            calendar.Events.Add(Event(entry, nowUtc, cancel: !entry.Status.IsActive() && entry.Status != ReservationStatus.Completed));
        }

        return Serialize(calendar);
    }

    private static Ical.Net.Calendar NewCalendar(string method) => new()
    {
        ProductId = ProductId,
        Method = method,
    };

    private static CalendarEvent Event(CalendarEntry entry, DateTime nowUtc, bool cancel) => new()
    {
        Uid = entry.Uid ?? Uid(entry.ReservationId),
        Sequence = entry.Sequence,
        Summary = entry.Summary,
        Location = entry.Location,
        Description = entry.Description,
        DtStart = new CalDateTime(DateTime.SpecifyKind(entry.StartsAtUtc, DateTimeKind.Utc)),
        DtEnd = new CalDateTime(DateTime.SpecifyKind(entry.EndsAtUtc, DateTimeKind.Utc)),
        DtStamp = new CalDateTime(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc)),
        Status = cancel ? EventStatus.Cancelled : entry.Status == ReservationStatus.Pending ? EventStatus.Tentative : EventStatus.Confirmed,
    };

    private static string Serialize(Ical.Net.Calendar calendar) => new CalendarSerializer().SerializeToString(calendar) ?? "";
}
