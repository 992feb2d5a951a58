using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Domain.Tests.Support;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Reservations;

/// <summary>
/// A laptop lent 08:00–11:00 UTC on 2 June 2026 with the laptop policy: check-in (hand-over) opens 30 minutes before,
/// no-show grace 30 minutes, 30 minutes kept free after each loan.
/// </summary>
public sealed class ReservationTests
{
    private static readonly Resource Laptop = new("Laptop 7", KnownKinds.Laptop, Guid.NewGuid());
    private static readonly BookingPolicy Policy = BookingPolicy.DefaultFor(KnownKinds.Laptop);
    private static readonly DateTime Start = Z(2026, 6, 2, 8);
    private static readonly DateTime End = Z(2026, 6, 2, 11);
    private static readonly DateTime BookedAt = Z(2026, 6, 1, 12);

    private static Reservation Book(bool requiresApproval = false, bool onBehalf = false, string? notes = null) =>
        Reservation.Book(Laptop, Policy with { RequiresApproval = requiresApproval },
            new BookingRequest(Patron, new UtcInterval(Start, End), onBehalf), onBehalf ? Staff : Patron, notes, BookedAt);

    private static Reservation Offer() =>
        Reservation.Offer(Laptop, Policy, Patron, new UtcInterval(Start, End), BookedAt.AddHours(2), BookedAt);

    /// <summary>A reservation brought to <paramref name="status"/> through legal transitions only.</summary>
    private static Reservation InStatus(ReservationStatus status)
    {
        switch (status)
        {
            case ReservationStatus.Pending:
                return Book(requiresApproval: true);
            case ReservationStatus.Rejected:
                var rejected = Book(requiresApproval: true);
                rejected.Reject(Staff, "No", BookedAt);
                return rejected;
            case ReservationStatus.Confirmed:
                return Book();
            case ReservationStatus.Cancelled:
                var cancelled = Book();
                cancelled.Cancel(Patron, null, BookedAt);
                return cancelled;
            case ReservationStatus.NoShow:
                var noShow = Book();
                noShow.MarkNoShow(Policy, Start.AddHours(1));
                return noShow;
            case ReservationStatus.CheckedIn:
                var checkedIn = Book();
                checkedIn.CheckIn(Policy, Start);
                return checkedIn;
            case ReservationStatus.Completed:
                var completed = Book();
                completed.CheckIn(Policy, Start);
                completed.Complete(End);
                return completed;
            default:
                throw new ArgumentOutOfRangeException(nameof(status));
        }
    }

    private static void ShouldBeRefused(ReservationStatus status, Action<Reservation> transition, string code = ErrorCodes.InvalidState)
    {
        var reservation = InStatus(status);
        RefusalAssertions.ShouldThrowDomain(() => transition(reservation), code);
        Assert.Equal(status, reservation.Status);
    }

    // ---- Book ----

    [Fact]
    public void Book_NoApprovalNeeded_Confirmed()
    {
        var reservation = Book(notes: "  bring charger  ");
        Assert.Equal(ReservationStatus.Confirmed, reservation.Status);
        Assert.True(reservation.IsActive);
        Assert.Equal((Laptop.Id, KnownKinds.Laptop, Patron, Patron, false), (reservation.ResourceId, reservation.KindCode, reservation.PatronId, reservation.CreatedById, reservation.CreatedOnBehalf));
        Assert.Equal(new UtcInterval(Start, End), reservation.Interval);
        Assert.Equal("bring charger", reservation.Notes);
        Assert.Equal(BookedAt, reservation.CreatedAtUtc);
        Assert.NotEqual(Guid.Empty, reservation.Id);
    }

    [Fact]
    public void Book_ApprovalRequired_Pending()
    {
        var reservation = Book(requiresApproval: true);
        Assert.Equal(ReservationStatus.Pending, reservation.Status);
        Assert.True(reservation.IsActive);
        Assert.False(reservation.IsAwaitingPatron);
    }

    [Fact]
    public void Book_AnyPolicy_BlockedUntilIsEndPlusBuffer()
    {
        Assert.Equal(End.AddMinutes(30), Book().BlockedUntilUtc);
        var cutter = Reservation.Book(Laptop, BookingPolicy.DefaultFor(KnownKinds.LaserCutter), Request(Start, 60), Patron, null, BookedAt);
        Assert.Equal(Start.AddMinutes(75), cutter.BlockedUntilUtc);
        var desk = Reservation.Book(Laptop, BookingPolicy.DefaultFor(KnownKinds.CoworkingDesk), Request(Start, 240), Patron, null, BookedAt);
        Assert.Equal(Start.AddMinutes(240), desk.BlockedUntilUtc);
    }

    [Fact]
    public void Book_StaffOnBehalf_RecordsStaffAsCreator()
    {
        var reservation = Book(onBehalf: true, notes: "   ");
        Assert.Equal(Patron, reservation.PatronId);
        Assert.Equal(Staff, reservation.CreatedById);
        Assert.True(reservation.CreatedOnBehalf);
        Assert.Null(reservation.Notes);
    }

    // ---- Approve / Reject ----

    [Fact]
    public void Approve_Pending_ConfirmedAndDecisionRecorded()
    {
        var reservation = Book(requiresApproval: true);
        reservation.Approve(Staff, BookedAt.AddHours(1));
        Assert.Equal(ReservationStatus.Confirmed, reservation.Status);
        Assert.Equal(Staff, reservation.DecidedById);
        Assert.Equal(BookedAt.AddHours(1), reservation.DecidedAtUtc);
    }

    [Theory]
    [InlineData(ReservationStatus.Confirmed)]
    [InlineData(ReservationStatus.CheckedIn)]
    [InlineData(ReservationStatus.Completed)]
    [InlineData(ReservationStatus.Cancelled)]
    [InlineData(ReservationStatus.NoShow)]
    [InlineData(ReservationStatus.Rejected)]
    public void Approve_NotPending_ThrowsInvalidState(ReservationStatus status) =>
        ShouldBeRefused(status, r => r.Approve(Staff, BookedAt));

    [Fact]
    public void Reject_Pending_RejectedWithReason()
    {
        var reservation = Book(requiresApproval: true);
        reservation.Reject(Staff, "  Room needed for a class  ", BookedAt.AddHours(1));
        Assert.Equal(ReservationStatus.Rejected, reservation.Status);
        Assert.False(reservation.IsActive);
        Assert.Equal("Room needed for a class", reservation.StatusReason);
        Assert.Equal(Staff, reservation.DecidedById);
    }

    [Fact]
    public void Reject_BlankReason_SaysNotApproved()
    {
        var reservation = Book(requiresApproval: true);
        reservation.Reject(Staff, " ", BookedAt);
        Assert.Equal("Not approved by staff.", reservation.StatusReason);
    }

    [Theory]
    [InlineData(ReservationStatus.Confirmed)]
    [InlineData(ReservationStatus.CheckedIn)]
    [InlineData(ReservationStatus.Completed)]
    [InlineData(ReservationStatus.Cancelled)]
    [InlineData(ReservationStatus.NoShow)]
    [InlineData(ReservationStatus.Rejected)]
    public void Reject_NotPending_ThrowsInvalidState(ReservationStatus status) =>
        ShouldBeRefused(status, r => r.Reject(Staff, "No", BookedAt));

    // ---- Cancel ----

    [Theory]
    [InlineData(ReservationStatus.Pending)]
    [InlineData(ReservationStatus.Confirmed)]
    public void Cancel_ByPatron_CancelledWithPatronReason(ReservationStatus status)
    {
        var reservation = InStatus(status);
        reservation.Cancel(Patron, null, BookedAt.AddHours(3));
        Assert.Equal(ReservationStatus.Cancelled, reservation.Status);
        Assert.False(reservation.IsActive);
        Assert.Equal(Patron, reservation.CancelledById);
        Assert.Equal(BookedAt.AddHours(3), reservation.CancelledAtUtc);
        Assert.Equal("Cancelled by the patron.", reservation.StatusReason);
    }

    [Fact]
    public void Cancel_ReasonLongerThanItsColumn_RefusedAndNothingChanged()
    {
        var reservation = Book();
        var refusal = Assert.Throws<DomainException>(() => reservation.Cancel(Staff, new string('a', Reservation.MaxReasonLength + 1), BookedAt));
        Assert.Equal(ErrorCodes.Validation, refusal.Code);
        Assert.Equal((ReservationStatus.Confirmed, (Guid?)null), (reservation.Status, reservation.CancelledById));

        reservation.Cancel(Staff, new string('a', Reservation.MaxReasonLength), BookedAt);
        Assert.Equal(ReservationStatus.Cancelled, reservation.Status);
    }

    [Fact]
    public void Cancel_ByStaffWithoutReason_SaysStaff()
    {
        var reservation = Book();
        reservation.Cancel(Staff, null, BookedAt);
        Assert.Equal("Cancelled by staff.", reservation.StatusReason);
    }

    [Fact]
    public void Cancel_WithReason_KeepsReason()
    {
        var reservation = Book();
        reservation.Cancel(Staff, "Maintenance: broken screen", BookedAt);
        Assert.Equal("Maintenance: broken screen", reservation.StatusReason);
    }

    [Theory]
    [InlineData(ReservationStatus.CheckedIn)]
    [InlineData(ReservationStatus.Completed)]
    [InlineData(ReservationStatus.Cancelled)]
    [InlineData(ReservationStatus.NoShow)]
    [InlineData(ReservationStatus.Rejected)]
    public void Cancel_NotPendingOrConfirmed_ThrowsInvalidState(ReservationStatus status) =>
        ShouldBeRefused(status, r => r.Cancel(Patron, null, BookedAt));

    // ---- CheckIn ----

    [Fact]
    public void CheckInWindow_LaptopPolicy_FromThirtyBeforeToThirtyAfterStart() =>
        Assert.Equal(new UtcInterval(Start.AddMinutes(-30), Start.AddMinutes(30)), Book().CheckInWindow(Policy));

    [Theory]
    [InlineData(-30)] // the window opens
    [InlineData(0)]
    [InlineData(29)]  // the last minute of grace
    public void CheckIn_InsideWindow_CheckedIn(int minutesFromStart)
    {
        var reservation = Book();
        reservation.CheckIn(Policy, Start.AddMinutes(minutesFromStart));
        Assert.Equal(ReservationStatus.CheckedIn, reservation.Status);
        Assert.True(reservation.IsActive);
        Assert.Equal(Start.AddMinutes(minutesFromStart), reservation.CheckedInAtUtc);
    }

    [Theory]
    [InlineData(-31)] // before the window opens
    [InlineData(30)]  // grace over
    [InlineData(120)]
    public void CheckIn_OutsideWindow_ThrowsCheckInWindow(int minutesFromStart) =>
        ShouldBeRefused(ReservationStatus.Confirmed, r => r.CheckIn(Policy, Start.AddMinutes(minutesFromStart)), ErrorCodes.CheckInWindow);

    [Theory]
    [InlineData(ReservationStatus.Pending)]
    [InlineData(ReservationStatus.CheckedIn)]
    [InlineData(ReservationStatus.Completed)]
    [InlineData(ReservationStatus.Cancelled)]
    [InlineData(ReservationStatus.NoShow)]
    [InlineData(ReservationStatus.Rejected)]
    public void CheckIn_NotConfirmed_ThrowsInvalidState(ReservationStatus status) =>
        ShouldBeRefused(status, r => r.CheckIn(Policy, Start));

    // ---- Complete ----

    [Fact]
    public void Complete_CheckedIn_Completed()
    {
        var reservation = InStatus(ReservationStatus.CheckedIn);
        reservation.Complete(End.AddMinutes(-5));
        Assert.Equal(ReservationStatus.Completed, reservation.Status);
        Assert.False(reservation.IsActive);
        Assert.Equal(End.AddMinutes(-5), reservation.CompletedAtUtc);
    }

    [Theory]
    [InlineData(ReservationStatus.Pending)]
    [InlineData(ReservationStatus.Confirmed)]
    [InlineData(ReservationStatus.Completed)]
    [InlineData(ReservationStatus.Cancelled)]
    [InlineData(ReservationStatus.NoShow)]
    [InlineData(ReservationStatus.Rejected)]
    public void Complete_NotCheckedIn_ThrowsInvalidState(ReservationStatus status) =>
        ShouldBeRefused(status, r => r.Complete(End));

    // ---- MarkNoShow ----

    [Theory]
    [InlineData(30)] // grace just over
    [InlineData(300)]
    public void MarkNoShow_AfterGrace_NoShow(int minutesFromStart)
    {
        var reservation = Book();
        reservation.MarkNoShow(Policy, Start.AddMinutes(minutesFromStart));
        Assert.Equal(ReservationStatus.NoShow, reservation.Status);
        Assert.False(reservation.IsActive);
        Assert.False(string.IsNullOrWhiteSpace(reservation.StatusReason));
    }

    [Theory]
    [InlineData(-60)]
    [InlineData(29)]
    public void MarkNoShow_BeforeGraceOver_ThrowsInvalidState(int minutesFromStart) =>
        ShouldBeRefused(ReservationStatus.Confirmed, r => r.MarkNoShow(Policy, Start.AddMinutes(minutesFromStart)));

    [Theory]
    [InlineData(ReservationStatus.Pending)]
    [InlineData(ReservationStatus.CheckedIn)]
    [InlineData(ReservationStatus.Completed)]
    [InlineData(ReservationStatus.Cancelled)]
    [InlineData(ReservationStatus.NoShow)]
    [InlineData(ReservationStatus.Rejected)]
    public void MarkNoShow_NotConfirmed_ThrowsInvalidState(ReservationStatus status) =>
        ShouldBeRefused(status, r => r.MarkNoShow(Policy, End));

    // ---- IsOverdue ----

    [Fact]
    public void IsOverdue_CheckedInLaptopAfterEnd_True() =>
        Assert.True(InStatus(ReservationStatus.CheckedIn).IsOverdue(End.AddMinutes(1)));

    [Fact]
    public void IsOverdue_CheckedInLaptopAtEnd_False() =>
        Assert.False(InStatus(ReservationStatus.CheckedIn).IsOverdue(End));

    [Theory]
    [InlineData(ReservationStatus.Confirmed)]
    [InlineData(ReservationStatus.Completed)]
    [InlineData(ReservationStatus.NoShow)]
    public void IsOverdue_NotHandedOverOrReturned_False(ReservationStatus status) =>
        Assert.False(InStatus(status).IsOverdue(End.AddHours(5)));

    // ---- waiting-list offers ----

    [Fact]
    public void Offer_Always_PendingAwaitingPatron()
    {
        var offer = Offer();
        Assert.Equal(ReservationStatus.Pending, offer.Status);
        Assert.True(offer.IsActive);
        Assert.True(offer.IsAwaitingPatron);
        Assert.Equal(BookedAt.AddHours(2), offer.OfferExpiresAtUtc);
        Assert.Equal(End.AddMinutes(30), offer.BlockedUntilUtc);
    }

    [Fact]
    public void AcceptOffer_BeforeExpiry_Confirmed()
    {
        var offer = Offer();
        offer.AcceptOffer(Policy, BookedAt.AddHours(1));
        Assert.Equal(ReservationStatus.Confirmed, offer.Status);
        Assert.False(offer.IsAwaitingPatron);
        Assert.Null(offer.OfferExpiresAtUtc);
    }

    [Fact]
    public void AcceptOffer_ApprovalRequired_StaysPendingForStaff()
    {
        var offer = Offer();
        offer.AcceptOffer(Policy with { RequiresApproval = true }, BookedAt.AddHours(1));
        Assert.Equal(ReservationStatus.Pending, offer.Status);
        Assert.False(offer.IsAwaitingPatron);

        offer.Approve(Staff, BookedAt.AddHours(1));
        Assert.Equal(ReservationStatus.Confirmed, offer.Status);
    }

    [Theory]
    [InlineData(2)] // exactly at expiry
    [InlineData(3)]
    public void AcceptOffer_AfterExpiry_ThrowsInvalidState(int hoursAfterOffer)
    {
        var offer = Offer();
        RefusalAssertions.ShouldThrowDomain(() => offer.AcceptOffer(Policy, BookedAt.AddHours(hoursAfterOffer)), ErrorCodes.InvalidState);
        Assert.True(offer.IsAwaitingPatron);
    }

    [Fact]
    public void AcceptOffer_Twice_ThrowsInvalidState()
    {
        var offer = Offer();
        offer.AcceptOffer(Policy, BookedAt);
        RefusalAssertions.ShouldThrowDomain(() => offer.AcceptOffer(Policy, BookedAt), ErrorCodes.InvalidState);
    }

    [Theory]
    [InlineData(ReservationStatus.Pending)]
    [InlineData(ReservationStatus.Confirmed)]
    [InlineData(ReservationStatus.CheckedIn)]
    [InlineData(ReservationStatus.Cancelled)]
    public void AcceptOffer_NotAnOffer_ThrowsInvalidState(ReservationStatus status) =>
        ShouldBeRefused(status, r => r.AcceptOffer(Policy, BookedAt));

    [Fact]
    public void Approve_OfferAwaitingPatron_ThrowsInvalidState()
    {
        var offer = Offer();
        RefusalAssertions.ShouldThrowDomain(() => offer.Approve(Staff, BookedAt), ErrorCodes.InvalidState);
        RefusalAssertions.ShouldThrowDomain(() => offer.Reject(Staff, "No", BookedAt), ErrorCodes.InvalidState);
        Assert.Equal(ReservationStatus.Pending, offer.Status);
    }

    [Fact]
    public void Cancel_OfferAwaitingPatron_CancelledAndOfferCleared()
    {
        var offer = Offer();
        offer.Cancel(Patron, "Not needed any more", BookedAt);
        Assert.Equal(ReservationStatus.Cancelled, offer.Status);
        Assert.Null(offer.OfferExpiresAtUtc);
        Assert.False(offer.IsAwaitingPatron);
    }

    [Fact]
    public void CheckIn_OfferNotYetAccepted_ThrowsInvalidState()
    {
        var offer = Offer();
        RefusalAssertions.ShouldThrowDomain(() => offer.CheckIn(Policy, Start), ErrorCodes.InvalidState);
    }

    // ---- status codes ----

    [Fact]
    public void StatusCodes_EveryStatus_RoundTrips()
    {
        foreach (var status in Enum.GetValues<ReservationStatus>())
        {
            Assert.Equal(status, ReservationStatusCodes.FromCode(status.ToCode()));
        }

        Assert.Equal("checked-in", ReservationStatus.CheckedIn.ToCode());
        Assert.Equal("no-show", ReservationStatus.NoShow.ToCode());
    }

    [Fact]
    public void StatusCodes_Active_ArePendingConfirmedCheckedIn() =>
        Assert.Equal(
            [ReservationStatus.Pending, ReservationStatus.Confirmed, ReservationStatus.CheckedIn],
            Enum.GetValues<ReservationStatus>().Where(s => s.IsActive()));
}
