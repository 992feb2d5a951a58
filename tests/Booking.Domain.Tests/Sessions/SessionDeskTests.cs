using Booking.Domain.Common;
using Booking.Domain.Sessions;
using Booking.Domain.Tests.Support;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Sessions;

/// <summary>The claim rules of a networking session's desks: choose or be given one, one each, back to the pool, release.</summary>
public sealed class SessionDeskTests
{
    private static readonly DateTime Now = Z(2026, 1, 12, 12);
    private static readonly DateTime Start = Z(2026, 1, 14, 17);
    private static readonly Guid DeskA = Guid.NewGuid();
    private static readonly Guid DeskB = Guid.NewGuid();

    private static Session Networking(int capacity = 5, int desks = 2)
    {
        var session = new Session(new SessionDetails(SessionKind.Networking, "Founders' lunch", null, Guid.NewGuid(), Guid.NewGuid(),
            new UtcInterval(Start, Start.AddHours(2)), capacity, null, null, Staff, desks), Staff, Now);
        session.HoldWith(Guid.NewGuid(), new[] { DeskA, DeskB }.Take(desks).Select(d => (d, Guid.NewGuid())));
        return session;
    }

    private static Guid P(int n) => Guid.Parse($"00000000-0000-0000-0000-{n:000000000000}");

    private static SessionDesk Claim(Session session, SessionRegistration registration, Guid? deskId = null)
    {
        var desk = session.ChooseDesk(registration, deskId) ?? throw new InvalidOperationException("No desk chosen.");
        session.Claim(desk, registration, Guid.NewGuid());
        return desk;
    }

    [Fact]
    public void ChooseDesk_NoChoice_FirstFreeInOrder()
    {
        var session = Networking();
        Assert.Equal(DeskA, Claim(session, session.Register(P(1), Now)).ResourceId);
        Assert.Equal(DeskB, Claim(session, session.Register(P(2), Now)).ResourceId);
        Assert.Null(session.ChooseDesk(session.Register(P(3), Now), null));
        Assert.Equal(2, session.DeskReservationIds.Length);
    }

    [Fact]
    public void ChooseDesk_Chosen_ThatDeskAndItBecomesTheAttendees()
    {
        var session = Networking();
        var registration = session.Register(P(1), Now);
        var desk = session.ChooseDesk(registration, DeskB)!;
        var reservationId = Guid.NewGuid();
        session.Claim(desk, registration, reservationId);

        Assert.Equal(DeskB, desk.ResourceId);
        Assert.Same(desk, session.DeskOf(registration));
        Assert.Equal(reservationId, desk.ReservationId);
        Assert.Contains(reservationId, session.DeskReservationIds);
        Assert.Equal([DeskA], session.FreeDesks.Select(d => d.ResourceId));
    }

    [Fact]
    public void ChooseDesk_TakenByAnother_SlotTaken()
    {
        var session = Networking();
        Claim(session, session.Register(P(1), Now), DeskA);
        RefusalAssertions.ShouldThrowDomain(() => session.ChooseDesk(session.Register(P(2), Now), DeskA), ErrorCodes.SlotTaken);
    }

    [Fact]
    public void ChooseDesk_NotTheSessionsDesk_Validation()
    {
        var session = Networking();
        RefusalAssertions.ShouldThrowDomain(() => session.ChooseDesk(session.Register(P(1), Now), Guid.NewGuid()), ErrorCodes.Validation);
    }

    [Fact]
    public void ChooseDesk_SessionWithoutDesks_Validation()
    {
        var session = Networking(desks: 0);
        var registration = session.Register(P(1), Now);
        Assert.Null(session.ChooseDesk(registration, null));
        RefusalAssertions.ShouldThrowDomain(() => session.ChooseDesk(registration, DeskA), ErrorCodes.Validation);
    }

    [Fact]
    public void ChooseDesk_Waitlisted_NoDeskYet()
    {
        var session = Networking(capacity: 1);
        session.Register(P(1), Now);
        var waiting = session.Register(P(2), Now);
        Assert.Equal(RegistrationStatus.Waitlisted, waiting.Status);
        Assert.Null(session.ChooseDesk(waiting, DeskB));
    }

    [Fact]
    public void Claim_SecondDeskForOneAttendee_Conflict()
    {
        var session = Networking();
        var registration = session.Register(P(1), Now);
        Claim(session, registration, DeskA);
        RefusalAssertions.ShouldThrowDomain(() => session.ChooseDesk(registration, null), ErrorCodes.Conflict);
        RefusalAssertions.ShouldThrowDomain(() => session.Claim(session.FreeDesks.Single(), registration, Guid.NewGuid()), ErrorCodes.Conflict);
    }

    [Fact]
    public void Claim_ADeskAlreadyClaimed_SlotTaken()
    {
        var session = Networking();
        var desk = Claim(session, session.Register(P(1), Now), DeskA);
        RefusalAssertions.ShouldThrowDomain(() => session.Claim(desk, session.Register(P(2), Now), Guid.NewGuid()), ErrorCodes.SlotTaken);
    }

    [Fact]
    public void TakeBackDesk_ThenHoldAgain_BackInThePoolWithTheNewHold()
    {
        var session = Networking();
        var registration = session.Register(P(1), Now);
        var desk = Claim(session, registration, DeskA);

        Assert.Same(desk, session.TakeBackDesk(registration));
        var hold = Guid.NewGuid();
        session.HoldAgain(desk, hold);

        Assert.True(desk.IsFree);
        Assert.Null(session.DeskOf(registration));
        Assert.Contains(hold, session.DeskReservationIds);
        Assert.Equal(DeskA, session.ChooseDesk(session.Register(P(2), Now), null)!.ResourceId);
    }

    [Fact]
    public void TakeBackDeskHeldBy_OnlyAnAttendeesReservation()
    {
        var session = Networking();
        var desk = Claim(session, session.Register(P(1), Now), DeskB);
        var poolHold = session.FreeDesks.Single().ReservationId;

        Assert.Null(session.TakeBackDeskHeldBy(poolHold));
        Assert.Null(session.TakeBackDeskHeldBy(Guid.NewGuid()));
        Assert.Same(desk, session.TakeBackDeskHeldBy(desk.ReservationId));
    }

    [Fact]
    public void DesksToRelease_OnlyUnclaimedAndOnlyInTheWindowBeforeTheStart()
    {
        var session = Networking();
        Claim(session, session.Register(P(1), Now), DeskA);
        var before = TimeSpan.FromHours(2);

        Assert.Empty(session.DesksToRelease(before, Start.AddHours(-2).AddSeconds(-1)));
        var due = session.DesksToRelease(before, Start.AddHours(-2));
        Assert.Equal([DeskB], due.Select(d => d.ResourceId));
        Assert.Empty(session.DesksToRelease(before, Start));

        session.Release(due[0], Start.AddHours(-2));
        Assert.Empty(session.DesksToRelease(before, Start.AddMinutes(-30)));
        Assert.Single(session.DeskReservationIds);
        RefusalAssertions.ShouldThrowDomain(() => session.ChooseDesk(session.Register(P(2), Now), DeskB), ErrorCodes.SlotTaken);
        Assert.Null(session.ChooseDesk(session.Register(P(3), Now), null));
    }

    [Fact]
    public void DesksToRelease_CancelledSession_Nothing()
    {
        var session = Networking();
        session.Cancel("Speaker ill", Now);
        Assert.Empty(session.DesksToRelease(TimeSpan.FromHours(2), Start.AddHours(-1)));
    }

    [Fact]
    public void Release_AClaimedDesk_InvalidState()
    {
        var session = Networking();
        var desk = Claim(session, session.Register(P(1), Now), DeskA);
        RefusalAssertions.ShouldThrowDomain(() => session.Release(desk, Now), ErrorCodes.InvalidState);
    }
}
