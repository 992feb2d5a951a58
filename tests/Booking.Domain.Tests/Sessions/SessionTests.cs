using Booking.Domain.Common;
using Booking.Domain.Sessions;
using Booking.Domain.Tests.Support;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Sessions;

public sealed class SessionTests
{
    private static readonly DateTime Now = Z(2026, 1, 12, 12);
    private static readonly DateTime Start = Z(2026, 1, 14, 23);
    private static readonly Guid Certification = Guid.NewGuid();

    private static Session Training(int capacity = 2) =>
        new(new SessionDetails(SessionKind.Training, "Laser safety", null, Guid.NewGuid(), Guid.NewGuid(), new UtcInterval(Start, Start.AddHours(2)), capacity,
            Certification, null, Staff, 0), Staff, Now);

    private static Guid P(int n) => Guid.Parse($"00000000-0000-0000-0000-{n:000000000000}");

    [Fact]
    public void Register_UpToCapacity_RegisteredThenWaitlistedInOrder()
    {
        var session = Training();
        Assert.Equal(RegistrationStatus.Registered, session.Register(P(1), Now).Status);
        Assert.Equal(RegistrationStatus.Registered, session.Register(P(2), Now).Status);
        var third = session.Register(P(3), Now);
        var fourth = session.Register(P(4), Now);
        Assert.Equal(RegistrationStatus.Waitlisted, third.Status);
        Assert.Equal(1, session.PositionInLine(third));
        Assert.Equal(2, session.PositionInLine(fourth));
    }

    [Fact]
    public void Register_Twice_Conflict()
    {
        var session = Training();
        session.Register(P(1), Now);
        RefusalAssertions.ShouldThrowDomain(() => session.Register(P(1), Now), "conflict");
        Assert.Single(session.Registrations);
    }

    [Fact]
    public void Register_Started_Closed() =>
        RefusalAssertions.ShouldThrowDomain(() => Training().Register(P(1), Start), "registration-closed");

    [Fact]
    public void Register_Cancelled_Closed()
    {
        var session = Training();
        session.Cancel("Trainer ill", Now);
        RefusalAssertions.ShouldThrowDomain(() => session.Register(P(1), Now), "registration-closed");
    }

    [Fact]
    public void CancelRegistration_PlaceFrees_FirstInLinePromotedOnce()
    {
        var session = Training(1);
        session.Register(P(1), Now);
        var second = session.Register(P(2), Now);
        var third = session.Register(P(3), Now);

        var promoted = session.CancelRegistration(P(1), Now);

        Assert.Same(second, promoted);
        Assert.Equal(RegistrationStatus.Registered, second.Status);
        Assert.Equal(RegistrationStatus.Waitlisted, third.Status);
        Assert.Equal(1, session.PositionInLine(third));
    }

    [Fact]
    public void CancelRegistration_Waitlisted_NobodyPromoted()
    {
        var session = Training(1);
        session.Register(P(1), Now);
        session.Register(P(2), Now);
        var third = session.Register(P(3), Now);
        Assert.Null(session.CancelRegistration(P(2), Now));
        Assert.Equal(RegistrationStatus.Waitlisted, third.Status);
        Assert.Equal(1, session.PlacesTaken);
    }

    [Fact]
    public void CancelRegistration_NotRegistered_NotFound() =>
        RefusalAssertions.ShouldThrowDomain(() => Training().CancelRegistration(P(1), Now), "not-found");

    [Fact]
    public void Register_AfterCancelling_BackAtTheEndOfTheLine()
    {
        var session = Training(1);
        session.Register(P(1), Now);
        session.Register(P(2), Now);
        session.CancelRegistration(P(2), Now);
        session.Register(P(3), Now);
        var again = session.Register(P(2), Now);
        Assert.Equal(RegistrationStatus.Waitlisted, again.Status);
        Assert.Equal(2, session.PositionInLine(again));
    }

    [Fact]
    public void MarkAttendance_BeforeStart_Refused()
    {
        var session = Training();
        session.Register(P(1), Now);
        RefusalAssertions.ShouldThrowDomain(() => session.MarkAttendance(P(1), true, true, Staff, Now), "invalid-state");
    }

    [Fact]
    public void MarkAttendance_Passed_FinalAfterwards()
    {
        var session = Training();
        session.Register(P(1), Now);
        Assert.Equal(RegistrationStatus.Passed, session.MarkAttendance(P(1), true, true, Staff, Start).Status);
        RefusalAssertions.ShouldThrowDomain(() => session.MarkAttendance(P(1), false, false, Staff, Start), "invalid-state");
    }

    [Fact]
    public void MarkAttendance_PassedWithoutAttending_Refused()
    {
        var session = Training();
        session.Register(P(1), Now);
        RefusalAssertions.ShouldThrowDomain(() => session.MarkAttendance(P(1), false, true, Staff, Start), "validation");
    }

    [Fact]
    public void MarkAttendance_Waitlisted_Refused()
    {
        var session = Training(1);
        session.Register(P(1), Now);
        session.Register(P(2), Now);
        RefusalAssertions.ShouldThrowDomain(() => session.MarkAttendance(P(2), true, false, Staff, Start), "invalid-state");
    }

    [Fact]
    public void MarkAttendance_NoShow_Recorded()
    {
        var session = Training();
        session.Register(P(1), Now);
        Assert.Equal(RegistrationStatus.NoShow, session.MarkAttendance(P(1), false, false, Staff, Start).Status);
    }

    [Fact]
    public void New_TrainingWithoutCertification_Refused() =>
        RefusalAssertions.ShouldThrowDomain(() => new Session(new SessionDetails(SessionKind.Training, "T", null, Guid.NewGuid(), Guid.NewGuid(),
            new UtcInterval(Start, Start.AddHours(1)), 5, null, null, Staff, 0), Staff, Now), "validation");

    [Fact]
    public void New_WorkshopHoldingDesks_Refused() =>
        RefusalAssertions.ShouldThrowDomain(() => new Session(new SessionDetails(SessionKind.Workshop, "W", null, Guid.NewGuid(), Guid.NewGuid(),
            new UtcInterval(Start, Start.AddHours(1)), 5, null, null, Staff, 2), Staff, Now), "validation");

    [Fact]
    public void New_InThePast_Refused() =>
        RefusalAssertions.ShouldThrowDomain(() => new Session(new SessionDetails(SessionKind.Workshop, "W", null, Guid.NewGuid(), Guid.NewGuid(),
            new UtcInterval(Now.AddHours(-1), Now.AddHours(1)), 5, null, null, Staff, 0), Staff, Now), "validation");

    [Fact]
    public void Cancel_TellsRegisteredAndWaiting_NotCancelled()
    {
        var session = Training(1);
        session.Register(P(1), Now);
        session.Register(P(2), Now);
        session.Register(P(3), Now);
        session.CancelRegistration(P(3), Now);
        Assert.Equal([P(1), P(2)], session.Cancel("Trainer ill", Now));
        Assert.True(session.IsCancelled);
        RefusalAssertions.ShouldThrowDomain(() => session.Cancel("again", Now), "invalid-state");
    }

    [Fact]
    public void SetAsideSeats_NeverBelowTheClientsOnThem_NorToAnotherPartnerWhileTheyHold_NorAboveWhatThePublicLeaves_LoweringPromotes()
    {
        var partner = Guid.NewGuid();
        var session = Training(capacity: 4);
        Assert.Empty(session.SetAsideSeats(partner, 2, hostPartnerId: null, Now));
        session.RegisterOnPartnerSeat(P(1), partner, Now);
        session.Register(P(2), Now);
        session.Register(P(3), Now);
        Assert.Equal(RegistrationStatus.Waitlisted, session.Register(P(4), Now).Status);

        var fewer = session.SeatsChangeRefusal(null, 0)!;
        var otherPartner = session.SeatsChangeRefusal(Guid.NewGuid(), 2)!;
        var more = session.SeatsChangeRefusal(partner, 3)!;

        // The forms say each beside its field; the change itself is refused with the same sentence (the lock's check).
        Assert.False(fewer.AboutPartner);
        Assert.True(otherPartner.AboutPartner);
        Assert.False(more.AboutPartner);
        Assert.Equal("The partner's clients already hold 1 of the seats set aside: set aside at least 1.",
            RefusalAssertions.ShouldThrowDomain(() => session.SetAsideSeats(null, 0, null, Now), "conflict").Message);
        RefusalAssertions.ShouldThrowDomain(() => session.SetAsideSeats(Guid.NewGuid(), 2, null, Now), "conflict");
        Assert.Equal("The public holds 2 of the 4 places: set aside at most 2.",
            RefusalAssertions.ShouldThrowDomain(() => session.SetAsideSeats(partner, 3, null, Now), "conflict").Message);
        Assert.Equal(2, session.PartnerSeats);

        // Down to the one the client holds: the freed public place goes to the first in line.
        Assert.Null(session.SeatsChangeRefusal(partner, 1));
        Assert.Equal(P(4), Assert.Single(session.SetAsideSeats(partner, 1, null, Now)).PatronId);
        Assert.Equal(3, session.PublicPlacesTaken);
    }
}
