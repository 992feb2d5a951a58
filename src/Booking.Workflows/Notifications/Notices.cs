using System.Globalization;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Notifications;
using Booking.Workflows.Reservations;

namespace Booking.Workflows.Notifications;

/// <summary>
/// Every notification the library sends, made here and nowhere else: one method per thing that happened, taking the
/// facts it tells (ids, the resource and its branch, times, reasons) and returning the <see cref="Notification"/> to
/// queue. Each English sentence exists once. Two kinds cover two events each: <see cref="NotificationKinds.ReservationCancelled"/>
/// (by staff, or by a closure or maintenance) and <see cref="NotificationKinds.CertificationGranted"/> (granted, or
/// renewed by a passed training).
/// </summary>
public static class Notices
{
    // Reservations, told as they change.

    /// <summary>Staff cancelled a patron's reservation, giving <paramref name="reason"/>.</summary>
    public static Notification ReservationCancelledByStaff(
        Guid patronId, Guid reservationId, BookingSubject subject, UtcInterval interval, string reason, DateTime nowUtc) =>
        new(patronId, NotificationKinds.ReservationCancelled,
            ReservationCancelledSubject(subject.Resource.Name),
            $"Staff cancelled your reservation ({subject.Describe(interval)}): {reason}",
            reservationId, nowUtc, (Slot(reservationId, subject, interval) with { Variant = "staff", Reason = reason }).ToJson());

    /// <summary>A closure or a maintenance block took the time of a patron's reservation; <paramref name="why"/> says which.</summary>
    public static Notification ReservationCancelledByClosureOrMaintenance(
        Guid patronId, Guid reservationId, string resourceName, DateTime startsAtUtc, TimeZoneInfo zone, string why, DateTime nowUtc, DateTime? endsAtUtc = null) =>
        new(patronId, NotificationKinds.ReservationCancelled,
            ReservationCancelledSubject(resourceName),
            $"We are sorry: your reservation of {resourceName} on {LocalCalendar.Describe(startsAtUtc, zone)} was cancelled. {why} Please book another time.",
            reservationId, nowUtc, new NoticeFacts
            {
                Variant = "closure",
                ReservationId = reservationId,
                Resource = resourceName,
                TimeZone = zone.Id,
                Start = startsAtUtc,
                End = endsAtUtc,
                Reason = why,
            }.ToJson());

    /// <summary>Staff approved a request.</summary>
    public static Notification ReservationApproved(Guid patronId, Guid reservationId, BookingSubject subject, UtcInterval interval, DateTime nowUtc) =>
        new(patronId, NotificationKinds.ReservationApproved,
            $"Your reservation of {subject.Resource.Name} is confirmed",
            $"Staff approved your reservation: {subject.Describe(interval)}.",
            reservationId, nowUtc, Slot(reservationId, subject, interval).ToJson());

    /// <summary>Staff did not approve a request, giving <paramref name="reason"/>.</summary>
    public static Notification ReservationRejected(
        Guid patronId, Guid reservationId, BookingSubject subject, UtcInterval interval, string reason, DateTime nowUtc) =>
        new(patronId, NotificationKinds.ReservationRejected,
            $"Your request for {subject.Resource.Name} was not approved",
            $"Staff did not approve your request ({subject.Describe(interval)}): {reason}",
            reservationId, nowUtc, (Slot(reservationId, subject, interval) with { Reason = reason }).ToJson());

    /// <summary>A reservation booked straight into confirmed (the e-mail carries its calendar entry).</summary>
    public static Notification ReservationConfirmed(Guid patronId, Guid reservationId, BookingSubject subject, UtcInterval interval, DateTime nowUtc) =>
        new(patronId, NotificationKinds.ReservationConfirmed,
            $"Booked: {subject.Resource.Name}",
            $"Your reservation is confirmed: {subject.Describe(interval)}. The attached calendar entry keeps itself up to date if anything changes.",
            reservationId, nowUtc, Slot(reservationId, subject, interval).ToJson());

    /// <summary>A reservation starts in <paramref name="lead"/>.</summary>
    public static Notification Reminder(Guid patronId, Guid reservationId, BookingSubject subject, UtcInterval interval, TimeSpan lead, DateTime nowUtc) =>
        new(patronId, NotificationKinds.Reminder,
            $"Reminder: {subject.Resource.Name} in {Durations.InWords(lead)}",
            $"This is a reminder of your reservation: {subject.Describe(interval)}. Please check in at the desk or in My reservations when you arrive; if you cannot come, cancel it so someone else can use the time.",
            reservationId, nowUtc, (Slot(reservationId, subject, interval) with { LeadMinutes = (int)lead.TotalMinutes }).ToJson());

    /// <summary>Nobody checked in within the resource's grace (<c>subject.Policy.NoShowGraceMinutes</c>): the reservation was released.</summary>
    public static Notification NoShowReleased(Guid patronId, Guid reservationId, BookingSubject subject, UtcInterval interval, DateTime nowUtc) =>
        new(patronId, NotificationKinds.NoShow,
            $"Your reservation of {subject.Resource.Name} was released",
            $"You did not check in within {subject.Policy.NoShowGraceMinutes} minutes of the start of your reservation ({subject.Describe(interval)}), so it was released for others. If this is a mistake, please talk to staff at the desk.",
            reservationId, nowUtc, (Slot(reservationId, subject, interval) with { GraceMinutes = subject.Policy.NoShowGraceMinutes }).ToJson());

    /// <summary>Too many no-shows of one kind: the patron cannot book <paramref name="kindName"/> until <paramref name="untilUtc"/>.</summary>
    public static Notification Suspended(
        Guid patronId, string kindName, int strikes, int windowDays, DateTime untilUtc, Location location, DateTime nowUtc)
    {
        var until = LocalCalendar.Describe(untilUtc, location.TimeZone);
        return new(patronId, NotificationKinds.Suspended,
            $"You cannot book {kindName} until {until}",
            $"You missed {strikes} reservations of {kindName} in the last {windowDays} days without cancelling, so you cannot make new bookings of {kindName} until {until} ({location.TimeZoneId}). Your other bookings are not affected. If something kept you away, staff at the desk can lift this.",
            null, nowUtc, new NoticeFacts
            {
                KindName = kindName,
                Strikes = strikes,
                WindowDays = windowDays,
                Until = untilUtc,
                Location = location.Name,
                Address = location.Address,
                TimeZone = location.TimeZoneId,
            }.ToJson());
    }

    /// <summary>A slot the patron waited for is offered to them, held until <paramref name="heldUntilUtc"/>.</summary>
    public static Notification WaitlistOffer(
        Guid patronId, Guid offeredReservationId, BookingSubject subject, UtcInterval interval, DateTime heldUntilUtc, DateTime nowUtc) =>
        new(patronId, NotificationKinds.WaitlistOffer,
            $"{subject.Resource.Name} is free for you",
            $"The time you waited for is free: {subject.Describe(interval)}. It is held for you until {LocalCalendar.Describe(heldUntilUtc, subject.Location.TimeZone)}; accept it in My reservations before then.",
            offeredReservationId, nowUtc, (Slot(offeredReservationId, subject, interval) with { HeldUntil = heldUntilUtc }).ToJson());

    // Laptops not brought back.

    /// <summary>A borrowed laptop is due back now (day 0) or <paramref name="daysOverdue"/> days overdue: the patron is asked to return it.</summary>
    public static Notification LaptopOverdue(
        Guid patronId, Guid reservationId, BookingSubject subject, UtcInterval interval, int daysOverdue, DateTime nowUtc) =>
        new(patronId, NotificationKinds.Overdue,
            $"Please return {subject.Resource.Name}",
            $"The laptop you borrowed ({subject.Describe(interval)}) {Late(daysOverdue)}. Please bring it back to the desk at {subject.Location.Name} as soon as you can, so the next person can use it.",
            reservationId, nowUtc, (Slot(reservationId, subject, interval) with { DaysOverdue = daysOverdue }).ToJson());

    /// <summary>The same overdue laptop, told to one member of staff.</summary>
    public static Notification LaptopOverdueForStaff(
        Guid staffId, Guid reservationId, BookingSubject subject, UtcInterval interval, string? patronName, int daysOverdue, DateTime nowUtc) =>
        new(staffId, NotificationKinds.OverdueForStaff,
            $"Overdue: {subject.Resource.Name}",
            $"{subject.Resource.Name} lent to {patronName} ({subject.Describe(interval)}) {Late(daysOverdue)}.",
            reservationId, nowUtc, (Slot(reservationId, subject, interval) with { DaysOverdue = daysOverdue, Patron = patronName }).ToJson());

    // Certifications.

    /// <summary>Staff (or a passed training) granted a certification.</summary>
    public static Notification CertificationGranted(Guid patronId, string certificationName, DateTime? expiresAtUtc, DateTime nowUtc) =>
        new(patronId, NotificationKinds.CertificationGranted,
            $"You are certified: {certificationName}",
            $"You now hold {certificationName}, valid {Until(expiresAtUtc)}.",
            null, nowUtc, new NoticeFacts { Certification = certificationName, Expires = expiresAtUtc }.ToJson());

    /// <summary>A passed training extended a certification the patron already held (stored as a grant).</summary>
    public static Notification CertificationRenewed(Guid patronId, string certificationName, DateTime? expiresAtUtc, DateTime nowUtc) =>
        new(patronId, NotificationKinds.CertificationGranted,
            $"Your {certificationName} certification is renewed",
            $"You passed the training; {certificationName} is now valid {Until(expiresAtUtc)}.",
            null, nowUtc, new NoticeFacts { Variant = "renewed", Certification = certificationName, Expires = expiresAtUtc }.ToJson());

    /// <summary>
    /// Staff revoked a certification, giving <paramref name="reason"/>; <paramref name="cancelled"/> are the upcoming
    /// reservations that needed it and were cancelled with it (each with <see cref="CertificationRevokedReason"/>).
    /// </summary>
    public static Notification CertificationRevoked(
        Guid patronId, string certificationName, string reason, IReadOnlyList<(BookingSubject Subject, UtcInterval Interval)> cancelled, DateTime nowUtc)
    {
        var list = cancelled.Count == 0
            ? "You had no upcoming reservations that needed it."
            : "These reservations needed it and are cancelled: " + string.Join("; ", cancelled.Select(c => c.Subject.Describe(c.Interval))) + ".";
        return new(patronId, NotificationKinds.CertificationRevoked,
            $"Your {certificationName} certification was revoked",
            $"{CertificationRevokedReason(certificationName, reason)}. {list} Staff at the makerspace desk can tell you how to be certified again.",
            null, nowUtc, new NoticeFacts
            {
                Certification = certificationName,
                Reason = reason,
                Cancelled = [.. cancelled.Select(c => new NoticeSlot(c.Subject.Resource.Name, c.Interval.Start, c.Interval.End, c.Subject.Location.TimeZoneId))],
            }.ToJson());
    }

    /// <summary>The revocation in one sentence: the notice's first and the reason written on each reservation it cancelled.</summary>
    public static string CertificationRevokedReason(string certificationName, string reason) =>
        $"Your {certificationName} certification was revoked: {reason}";

    /// <summary>A certification expires soon (the sweep warns some days before).</summary>
    public static Notification CertificationExpiring(Guid patronId, string certificationName, DateTime expiresAtUtc, DateTime nowUtc) =>
        new(patronId, NotificationKinds.CertificationExpiring,
            $"Your {certificationName} certification expires on {Day(expiresAtUtc)}",
            $"Your {certificationName} certification expires on {Day(expiresAtUtc)} (UTC). Bookings that end after that will be refused; sign up for a training session to renew it in time.",
            null, nowUtc, new NoticeFacts { Certification = certificationName, Expires = expiresAtUtc }.ToJson());

    /// <summary>A certification has expired.</summary>
    public static Notification CertificationExpired(Guid patronId, string certificationName, DateTime expiredAtUtc, DateTime nowUtc) =>
        new(patronId, NotificationKinds.CertificationExpired,
            $"Your {certificationName} certification has expired",
            $"Your {certificationName} certification expired on {Day(expiredAtUtc)} (UTC). Until you renew it, the tools that need it cannot be booked. Sign up for a training session to renew it.",
            null, nowUtc, new NoticeFacts { Certification = certificationName, Expires = expiredAtUtc }.ToJson());

    // Sessions (trainings and workshops).

    /// <summary>A place freed up and the first patron in the session's line has it.</summary>
    public static Notification SessionPromoted(Guid patronId, string sessionTitle, DateTime startsAtUtc, TimeZoneInfo zone, DateTime nowUtc, SessionPlace? place = null, string? desk = null) =>
        new(patronId, NotificationKinds.SessionPromoted,
            $"You have a place at {sessionTitle}",
            $"A place freed up: you are now registered for {sessionTitle}, {LocalCalendar.Describe(startsAtUtc, zone)}.{DeskSentence(desk)} If you cannot come, cancel so the next person in line gets it.",
            null, nowUtc, WithDesk(SessionFacts(sessionTitle, startsAtUtc, zone, place), desk).ToJson());

    /// <summary>Staff cancelled a session the patron was registered (or waiting) for, giving <paramref name="reason"/>.</summary>
    public static Notification SessionCancelled(
        Guid patronId, string sessionTitle, DateTime startsAtUtc, TimeZoneInfo zone, string? reason, DateTime nowUtc, SessionPlace? place = null) =>
        new(patronId, NotificationKinds.SessionCancelled,
            $"{sessionTitle} is cancelled",
            $"We are sorry: {sessionTitle} on {LocalCalendar.Describe(startsAtUtc, zone)} is cancelled: {reason}",
            null, nowUtc, (SessionFacts(sessionTitle, startsAtUtc, zone, place) with { Reason = reason }).ToJson());

    /// <summary>A patron registered for a session and has a place (the e-mail carries its calendar entry).</summary>
    public static Notification SessionRegistered(Guid patronId, string sessionTitle, DateTime startsAtUtc, TimeZoneInfo zone, DateTime nowUtc, SessionPlace place, string? desk = null) =>
        new(patronId, NotificationKinds.SessionRegistered,
            $"You are registered: {sessionTitle}",
            $"You have a place at {sessionTitle}, {LocalCalendar.Describe(startsAtUtc, zone)}.{DeskSentence(desk)} If you cannot come, cancel so the next person in line gets it.",
            null, nowUtc, WithDesk(SessionFacts(sessionTitle, startsAtUtc, zone, place), desk).ToJson());

    /// <summary>A networking session's desk, said in the session's notices (the mail's "desk" variant).</summary>
    private static string DeskSentence(string? desk) => desk is null ? "" : $" Your desk: {desk}.";

    private static NoticeFacts WithDesk(NoticeFacts facts, string? desk) => desk is null ? facts : facts with { Desk = desk, Variant = "desk" };

    // Networking.

    /// <summary>
    /// Both attendees of a networking session agreed to connect: <paramref name="patronId"/> is told the other's name,
    /// e-mail address and link (each of the two gets one of these).
    /// </summary>
    public static Notification NetworkingConnected(
        Guid patronId, string sessionTitle, DateTime startsAtUtc, TimeZoneInfo zone, SessionPlace place,
        string contactName, string contactEmail, string? contactLink, DateTime nowUtc) =>
        new(patronId, NotificationKinds.NetworkingConnected,
            $"You are connected with {contactName}",
            $"You and {contactName} met at {sessionTitle} and both agreed to share contact details. E-mail: {contactEmail}."
                + (contactLink is null ? "" : $" Link: {contactLink}"),
            null, nowUtc, (SessionFacts(sessionTitle, startsAtUtc, zone, place) with
            {
                Variant = contactLink is null ? null : "link",
                Contact = contactName,
                ContactEmail = contactEmail,
                ContactLink = contactLink,
            }).ToJson());

    // Partner organisations.

    /// <summary>
    /// <paramref name="partnerName"/> asks the patron to become its client; nothing changes unless they agree on their
    /// account's partners page before <paramref name="expiresAtUtc"/>.
    /// </summary>
    public static Notification PartnerClientRequest(Guid patronId, string partnerName, DateTime expiresAtUtc, DateTime nowUtc) =>
        new(patronId, NotificationKinds.PartnerClientRequest,
            $"{partnerName} asks to help you with your bookings",
            $"{partnerName}, a partner organisation of the library, asks you to become its client. If you agree, its staff can see your bookings and attendance and book for you within the library's limits. Nothing changes unless you agree, on the Partner organisations page of your account, by {Day(expiresAtUtc)}. If you do not know them, ignore this message.",
            null, nowUtc, new NoticeFacts { Partner = partnerName, Expires = expiresAtUtc }.ToJson());

    private static NoticeFacts Slot(Guid reservationId, BookingSubject subject, UtcInterval interval) => new()
    {
        ReservationId = reservationId,
        Resource = subject.Resource.Name,
        Location = subject.Location.Name,
        Address = subject.Location.Address,
        TimeZone = subject.Location.TimeZoneId,
        Start = interval.Start,
        End = interval.End,
    };

    private static NoticeFacts SessionFacts(string title, DateTime startsAtUtc, TimeZoneInfo zone, SessionPlace? place) => new()
    {
        Session = title,
        SessionId = place?.SessionId,
        Start = startsAtUtc,
        End = place?.EndsAtUtc,
        Location = place?.Location,
        Address = place?.Address,
        TimeZone = zone.Id,
    };

    private static string ReservationCancelledSubject(string resourceName) => $"Your reservation of {resourceName} was cancelled";

    private static string Late(int daysOverdue) =>
        daysOverdue == 0 ? "is due back now" : $"is {daysOverdue} day{(daysOverdue == 1 ? "" : "s")} overdue";

    private static string Until(DateTime? expiresAtUtc) =>
        expiresAtUtc is { } e ? $"until {e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "with no expiry";

    private static string Day(DateTime utc) => utc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>Where and until when a session runs, for its notices' links and calendar entry.</summary>
public sealed record SessionPlace(Guid SessionId, DateTime EndsAtUtc, string? Location, string? Address);
