using System.Reflection;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Notifications;
using Booking.Domain.Resources;
using Booking.Workflows.Notifications;
using Booking.Workflows.Reservations;

namespace Booking.IntegrationTests.Notifications;

/// <summary>
/// Each notice says what happened with its facts, to the right person, about the right reservation. Plain facts, no host:
/// the sentences themselves are checked end to end by the workflow and sweep tests.
/// </summary>
public sealed class NoticesTests
{
    private static readonly Guid Patron = Guid.NewGuid();
    private static readonly Guid Staff = Guid.NewGuid();
    private static readonly Guid ReservationId = Guid.NewGuid();
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    // Tue 3 Mar 2026 14:00–15:00 in New York (EST, UTC-5).
    private static readonly UtcInterval Slot = new(new DateTime(2026, 3, 3, 19, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 3, 20, 0, 0, DateTimeKind.Utc));
    private const string SlotInWords = "Laser cutter, Tue 3 Mar 2026 14:00–15:00 (America/New_York)";

    private static readonly Location Branch = new("Central Library", "America/New_York");
    private static readonly BookingSubject Cutter = new(
        new Resource("Laser cutter", KnownKinds.LaserCutter, Branch.Id),
        new ResourceKind(KnownKinds.LaserCutter, "Laser cutters", BookingPolicy.DefaultFor(KnownKinds.LaserCutter)),
        Branch,
        BookingPolicy.DefaultFor(KnownKinds.LaserCutter) with { NoShowGraceMinutes = 25 });

    [Fact]
    public void ReservationCancelledByStaff_TellsThePatronTheSlotAndReason()
    {
        var n = Notices.ReservationCancelledByStaff(Patron, ReservationId, Cutter, Slot, "The cutter is needed for a class.", Now);
        AssertMade(n, NotificationKinds.ReservationCancelled, Patron, ReservationId);
        Assert.Equal("Your reservation of Laser cutter was cancelled", n.Subject);
        Assert.Equal($"Staff cancelled your reservation ({SlotInWords}): The cutter is needed for a class.", n.Body);
    }

    [Fact]
    public void ReservationCancelledByClosureOrMaintenance_SameSubjectAsByStaff_BodySaysWhy()
    {
        var n = Notices.ReservationCancelledByClosureOrMaintenance(Patron, ReservationId, "Laser cutter", Slot.Start, Branch.TimeZone, "The branch is closed for a flood.", Now);
        AssertMade(n, NotificationKinds.ReservationCancelled, Patron, ReservationId);
        Assert.Equal(Notices.ReservationCancelledByStaff(Patron, ReservationId, Cutter, Slot, "x", Now).Subject, n.Subject);
        Assert.Equal("We are sorry: your reservation of Laser cutter on Tue 3 Mar 2026 14:00 was cancelled. The branch is closed for a flood. Please book another time.", n.Body);
    }

    [Fact]
    public void ReservationApproved_TellsTheSlot()
    {
        var n = Notices.ReservationApproved(Patron, ReservationId, Cutter, Slot, Now);
        AssertMade(n, NotificationKinds.ReservationApproved, Patron, ReservationId);
        Assert.Equal("Your reservation of Laser cutter is confirmed", n.Subject);
        Assert.Contains(SlotInWords, n.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void ReservationRejected_TellsTheSlotAndReason()
    {
        var n = Notices.ReservationRejected(Patron, ReservationId, Cutter, Slot, "Not certified yet.", Now);
        AssertMade(n, NotificationKinds.ReservationRejected, Patron, ReservationId);
        Assert.Equal("Your request for Laser cutter was not approved", n.Subject);
        Assert.EndsWith($"({SlotInWords}): Not certified yet.", n.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void ReservationConfirmed_TellsTheSlot()
    {
        var n = Notices.ReservationConfirmed(Patron, ReservationId, Cutter, Slot, Now);
        AssertMade(n, NotificationKinds.ReservationConfirmed, Patron, ReservationId);
        Assert.Equal("Booked: Laser cutter", n.Subject);
        Assert.StartsWith($"Your reservation is confirmed: {SlotInWords}.", n.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1440, "Reminder: Laser cutter in 24 hours")]
    [InlineData(60, "Reminder: Laser cutter in 1 hour")]
    public void Reminder_SubjectSaysTheLeadInWords(int leadMinutes, string subject)
    {
        var n = Notices.Reminder(Patron, ReservationId, Cutter, Slot, TimeSpan.FromMinutes(leadMinutes), Now);
        AssertMade(n, NotificationKinds.Reminder, Patron, ReservationId);
        Assert.Equal(subject, n.Subject);
        Assert.Contains(SlotInWords, n.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void NoShowReleased_TellsTheResourcesGraceAndSlot()
    {
        var n = Notices.NoShowReleased(Patron, ReservationId, Cutter, Slot, Now);
        AssertMade(n, NotificationKinds.NoShow, Patron, ReservationId);
        Assert.Equal("Your reservation of Laser cutter was released", n.Subject);
        Assert.StartsWith($"You did not check in within 25 minutes of the start of your reservation ({SlotInWords})", n.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Suspended_TellsKindStrikesWindowAndLocalEnd()
    {
        var until = new DateTime(2026, 3, 16, 14, 30, 0, DateTimeKind.Utc); // 10:30 EDT
        var n = Notices.Suspended(Patron, "Laser cutters", 3, 60, until, Branch, Now);
        AssertMade(n, NotificationKinds.Suspended, Patron, null);
        Assert.Equal("You cannot book Laser cutters until Mon 16 Mar 2026 10:30", n.Subject);
        Assert.Contains("You missed 3 reservations of Laser cutters in the last 60 days", n.Body, StringComparison.Ordinal);
        Assert.Contains("until Mon 16 Mar 2026 10:30 (America/New_York)", n.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitlistOffer_NamesTheOfferedReservationAndHoldInTheBranchZone()
    {
        var offered = Guid.NewGuid();
        var n = Notices.WaitlistOffer(Patron, offered, Cutter, Slot, Now.AddMinutes(30), Now);
        AssertMade(n, NotificationKinds.WaitlistOffer, Patron, offered);
        Assert.Equal("Laser cutter is free for you", n.Subject);
        Assert.Contains($"free: {SlotInWords}. It is held for you until Mon 2 Mar 2026 04:30;", n.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "is due back now")]
    [InlineData(1, "is 1 day overdue")]
    [InlineData(3, "is 3 days overdue")]
    public void LaptopOverdue_PatronAndStaffToldHowLate(int days, string late)
    {
        var patron = Notices.LaptopOverdue(Patron, ReservationId, Cutter, Slot, days, Now);
        AssertMade(patron, NotificationKinds.Overdue, Patron, ReservationId);
        Assert.Equal("Please return Laser cutter", patron.Subject);
        Assert.Contains($"({SlotInWords}) {late}. Please bring it back to the desk at Central Library", patron.Body, StringComparison.Ordinal);

        var staff = Notices.LaptopOverdueForStaff(Staff, ReservationId, Cutter, Slot, "Ada Lovelace", days, Now);
        AssertMade(staff, NotificationKinds.OverdueForStaff, Staff, ReservationId);
        Assert.Equal("Overdue: Laser cutter", staff.Subject);
        Assert.Equal($"Laser cutter lent to Ada Lovelace ({SlotInWords}) {late}.", staff.Body);
    }

    [Fact]
    public void CertificationGranted_SaysUntilWhenOrNoExpiry()
    {
        var n = Notices.CertificationGranted(Patron, "Laser safety", new DateTime(2027, 3, 2, 0, 0, 0, DateTimeKind.Utc), Now);
        AssertMade(n, NotificationKinds.CertificationGranted, Patron, null);
        Assert.Equal("You are certified: Laser safety", n.Subject);
        Assert.Equal("You now hold Laser safety, valid until 2027-03-02.", n.Body);
        Assert.Equal("You now hold Laser safety, valid with no expiry.", Notices.CertificationGranted(Patron, "Laser safety", null, Now).Body);
    }

    [Fact]
    public void CertificationRenewed_StoredAsAGrant_SaysTheNewExpiry()
    {
        var n = Notices.CertificationRenewed(Patron, "Laser safety", new DateTime(2028, 1, 5, 0, 0, 0, DateTimeKind.Utc), Now);
        AssertMade(n, NotificationKinds.CertificationGranted, Patron, null);
        Assert.Equal("Your Laser safety certification is renewed", n.Subject);
        Assert.Contains("now valid until 2028-01-05", n.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void CertificationRevoked_ReasonAndEveryCancelledReservation()
    {
        var later = new UtcInterval(Slot.Start.AddDays(1), Slot.End.AddDays(1));
        var n = Notices.CertificationRevoked(Patron, "Laser safety", "Unsafe use", [(Cutter, Slot), (Cutter, later)], Now);
        AssertMade(n, NotificationKinds.CertificationRevoked, Patron, null);
        Assert.Equal("Your Laser safety certification was revoked", n.Subject);
        Assert.StartsWith(Notices.CertificationRevokedReason("Laser safety", "Unsafe use") + ". These reservations needed it and are cancelled: ", n.Body, StringComparison.Ordinal);
        Assert.Contains($"{SlotInWords}; Laser cutter, Wed 4 Mar 2026 14:00–15:00 (America/New_York).", n.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void CertificationRevoked_NothingCancelled_SaysSo()
    {
        var n = Notices.CertificationRevoked(Patron, "Laser safety", "Unsafe use", [], Now);
        Assert.StartsWith("Your Laser safety certification was revoked: Unsafe use. You had no upcoming reservations that needed it.", n.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void CertificationExpiringAndExpired_SayTheDay()
    {
        var on = new DateTime(2026, 3, 16, 0, 0, 0, DateTimeKind.Utc);
        var expiring = Notices.CertificationExpiring(Patron, "Laser safety", on, Now);
        AssertMade(expiring, NotificationKinds.CertificationExpiring, Patron, null);
        Assert.Equal("Your Laser safety certification expires on 16 March 2026", expiring.Subject);

        var expired = Notices.CertificationExpired(Patron, "Laser safety", on, Now);
        AssertMade(expired, NotificationKinds.CertificationExpired, Patron, null);
        Assert.Equal("Your Laser safety certification has expired", expired.Subject);
        Assert.StartsWith("Your Laser safety certification expired on 16 March 2026 (UTC).", expired.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void SessionPromotedAndCancelled_SayTheTitleAndLocalStart()
    {
        var promoted = Notices.SessionPromoted(Patron, "Laser basics", Slot.Start, Branch.TimeZone, Now);
        AssertMade(promoted, NotificationKinds.SessionPromoted, Patron, null);
        Assert.Equal("You have a place at Laser basics", promoted.Subject);
        Assert.Contains("registered for Laser basics, Tue 3 Mar 2026 14:00.", promoted.Body, StringComparison.Ordinal);

        var cancelled = Notices.SessionCancelled(Patron, "Laser basics", Slot.Start, Branch.TimeZone, "The trainer is ill.", Now);
        AssertMade(cancelled, NotificationKinds.SessionCancelled, Patron, null);
        Assert.Equal("Laser basics is cancelled", cancelled.Subject);
        Assert.Equal("We are sorry: Laser basics on Tue 3 Mar 2026 14:00 is cancelled: The trainer is ill.", cancelled.Body);
    }

    [Fact]
    public void EveryKind_HasAFactory()
    {
        var made = new[]
        {
            Notices.ReservationCancelledByStaff(Patron, ReservationId, Cutter, Slot, "r", Now),
            Notices.ReservationApproved(Patron, ReservationId, Cutter, Slot, Now),
            Notices.ReservationRejected(Patron, ReservationId, Cutter, Slot, "r", Now),
            Notices.WaitlistOffer(Patron, ReservationId, Cutter, Slot, Now, Now),
            Notices.CertificationGranted(Patron, "c", null, Now),
            Notices.CertificationRevoked(Patron, "c", "r", [], Now),
            Notices.CertificationExpiring(Patron, "c", Now, Now),
            Notices.CertificationExpired(Patron, "c", Now, Now),
            Notices.SessionPromoted(Patron, "s", Now, Branch.TimeZone, Now),
            Notices.SessionCancelled(Patron, "s", Now, Branch.TimeZone, "r", Now),
            Notices.SessionRegistered(Patron, "s", Now, Branch.TimeZone, Now, new SessionPlace(Guid.NewGuid(), Now.AddHours(1), null, null)),
            Notices.ReservationConfirmed(Patron, ReservationId, Cutter, Slot, Now),
            Notices.Reminder(Patron, ReservationId, Cutter, Slot, TimeSpan.FromHours(1), Now),
            Notices.NoShowReleased(Patron, ReservationId, Cutter, Slot, Now),
            Notices.LaptopOverdue(Patron, ReservationId, Cutter, Slot, 0, Now),
            Notices.LaptopOverdueForStaff(Staff, ReservationId, Cutter, Slot, "p", 0, Now),
            Notices.Suspended(Patron, "k", 3, 60, Now, Branch, Now),
            Notices.NetworkingConnected(Patron, "s", Now, Branch.TimeZone, new SessionPlace(Guid.NewGuid(), Now.AddHours(1), null, null), "n", "n@example.test", null, Now),
            Notices.PartnerClientRequest(Patron, "p", Now.AddDays(30), Now),
        }.Select(n => n.Kind).Order().ToList();

        var kinds = typeof(NotificationKinds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order().ToList();
        Assert.Equal(kinds, made);
    }

    private static void AssertMade(Notification n, string kind, Guid recipient, Guid? reservationId)
    {
        Assert.Equal(kind, n.Kind);
        Assert.Equal(recipient, n.RecipientId);
        Assert.Equal(reservationId, n.ReservationId);
        Assert.Equal(Now, n.CreatedAtUtc);
        Assert.NotEqual(Guid.Empty, n.Id);
        Assert.Null(n.SentAtUtc);
    }
}
