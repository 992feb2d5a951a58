using Booking.Domain.Common;
using Booking.Domain.Networking;
using Booking.Domain.Sessions;
using Booking.Domain.Tests.Support;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Networking;

/// <summary>Who may see whom at a networking session, who may ask whom to connect, and what a profile may hold.</summary>
public sealed class NetworkingRulesTests
{
    private static readonly DateTime Now = Z(2026, 1, 12, 12);
    private static readonly DateTime Start = Z(2026, 1, 14, 23);
    private static readonly DateTime After = Start.AddHours(3);
    private static readonly Guid Asker = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();

    private static Session Meetup(SessionKind kind = SessionKind.Networking) =>
        new(new SessionDetails(kind, "Founders", null, Guid.NewGuid(), Guid.NewGuid(), new UtcInterval(Start, Start.AddHours(2)), 10,
            null, null, Staff, 0), Staff, Now);

    [Theory]
    [InlineData(RegistrationStatus.Registered, true)]
    [InlineData(RegistrationStatus.Attended, true)]
    [InlineData(RegistrationStatus.Passed, true)]
    [InlineData(RegistrationStatus.Waitlisted, false)]
    [InlineData(RegistrationStatus.Cancelled, false)]
    [InlineData(RegistrationStatus.NoShow, false)]
    public void OnlyAPlaceMakesAnAttendee_WhoSeesTheList(RegistrationStatus status, bool sees)
    {
        Assert.Equal(sees, NetworkingRules.MaySeeWhoIsComing(Meetup(), status, viewerIsStaff: false));
        Assert.Equal(sees, NetworkingRules.IsShown(status, optedIn: true, hasProfile: true));
    }

    [Fact]
    public void NotRegistered_SeesNothing_StaffSeeTheList()
    {
        Assert.False(NetworkingRules.MaySeeWhoIsComing(Meetup(), null, viewerIsStaff: false));
        Assert.True(NetworkingRules.MaySeeWhoIsComing(Meetup(), null, viewerIsStaff: true));
    }

    [Fact]
    public void OtherKindsAndCancelledSessions_HaveNoList()
    {
        Assert.False(NetworkingRules.MaySeeWhoIsComing(Meetup(SessionKind.Workshop), RegistrationStatus.Registered, viewerIsStaff: true));
        var cancelled = Meetup();
        cancelled.Cancel("Snow", Now);
        Assert.False(NetworkingRules.MaySeeWhoIsComing(cancelled, RegistrationStatus.Registered, viewerIsStaff: true));
    }

    [Fact]
    public void AnAttendee_IsShownOnlyOptedInWithAProfile()
    {
        Assert.True(NetworkingRules.IsShown(RegistrationStatus.Registered, optedIn: true, hasProfile: true));
        Assert.False(NetworkingRules.IsShown(RegistrationStatus.Registered, optedIn: false, hasProfile: true));
        Assert.False(NetworkingRules.IsShown(RegistrationStatus.Registered, optedIn: true, hasProfile: false));
    }

    [Fact]
    public void OptingIn_NeedsAPlaceAtANetworkingSessionAndAProfile()
    {
        NetworkingRules.CheckConsent(Meetup(), RegistrationStatus.Registered, hasProfile: true, optIn: true);
        RefusalAssertions.ShouldThrowDomain(() => NetworkingRules.CheckConsent(Meetup(), RegistrationStatus.Waitlisted, true, true), ErrorCodes.Forbidden);
        RefusalAssertions.ShouldThrowDomain(() => NetworkingRules.CheckConsent(Meetup(), null, true, true), ErrorCodes.Forbidden);
        RefusalAssertions.ShouldThrowDomain(() => NetworkingRules.CheckConsent(Meetup(), RegistrationStatus.Registered, false, true), ErrorCodes.InvalidState);
        RefusalAssertions.ShouldThrowDomain(() => NetworkingRules.CheckConsent(Meetup(SessionKind.Workshop), RegistrationStatus.Registered, true, true), ErrorCodes.InvalidState);
    }

    [Fact]
    public void Ask_AfterTheSession_BetweenTwoShownAttendees_Passes()
    {
        NetworkingRules.CheckAsk(Meetup(), After, Asker, RegistrationStatus.Attended, true, Other, RegistrationStatus.Registered, true);
    }

    [Fact]
    public void Ask_BeforeTheEnd_OrAMonthLater_IsRefused()
    {
        RefusalAssertions.ShouldThrowDomain(
            () => NetworkingRules.CheckAsk(Meetup(), Start.AddHours(1), Asker, RegistrationStatus.Registered, true, Other, RegistrationStatus.Registered, true), ErrorCodes.InvalidState);
        RefusalAssertions.ShouldThrowDomain(
            () => NetworkingRules.CheckAsk(Meetup(), Start.AddHours(2) + NetworkingRules.ConnectWindow, Asker, RegistrationStatus.Registered, true, Other, RegistrationStatus.Registered, true), ErrorCodes.InvalidState);
    }

    [Fact]
    public void Ask_BySomeoneWithoutAPlace_IsForbidden()
    {
        RefusalAssertions.ShouldThrowDomain(
            () => NetworkingRules.CheckAsk(Meetup(), After, Asker, RegistrationStatus.Waitlisted, true, Other, RegistrationStatus.Registered, true), ErrorCodes.Forbidden);
        RefusalAssertions.ShouldThrowDomain(
            () => NetworkingRules.CheckAsk(Meetup(), After, Asker, null, false, Other, RegistrationStatus.Registered, true), ErrorCodes.Forbidden);
    }

    [Fact]
    public void Ask_SomeoneHiddenOrOneself_IsNotFound_LikeAnUnknownId()
    {
        RefusalAssertions.ShouldThrowDomain(
            () => NetworkingRules.CheckAsk(Meetup(), After, Asker, RegistrationStatus.Registered, true, Other, RegistrationStatus.Registered, false), ErrorCodes.NotFound);
        RefusalAssertions.ShouldThrowDomain(
            () => NetworkingRules.CheckAsk(Meetup(), After, Asker, RegistrationStatus.Registered, true, Other, RegistrationStatus.Waitlisted, true), ErrorCodes.NotFound);
        RefusalAssertions.ShouldThrowDomain(
            () => NetworkingRules.CheckAsk(Meetup(), After, Asker, RegistrationStatus.Registered, true, Guid.Empty, null, false), ErrorCodes.NotFound);
        RefusalAssertions.ShouldThrowDomain(
            () => NetworkingRules.CheckAsk(Meetup(), After, Asker, RegistrationStatus.Registered, true, Asker, RegistrationStatus.Registered, true), ErrorCodes.NotFound);
    }

    [Fact]
    public void Ask_WhileHidingOneself_IsRefused()
    {
        RefusalAssertions.ShouldThrowDomain(
            () => NetworkingRules.CheckAsk(Meetup(), After, Asker, RegistrationStatus.Registered, false, Other, RegistrationStatus.Registered, true), ErrorCodes.InvalidState);
    }

    [Fact]
    public void ARequest_IsOnePairWhoeverAsks_AndAnsweredOnceByTheAsked()
    {
        var one = new ConnectionRequest(Guid.Empty, Asker, Other, Now);
        var back = new ConnectionRequest(Guid.Empty, Other, Asker, Now);
        Assert.Equal((one.FirstPatronId, one.SecondPatronId), (back.FirstPatronId, back.SecondPatronId));

        RefusalAssertions.ShouldThrowDomain(() => one.Answer(Asker, true, Now), ErrorCodes.NotFound);
        one.Answer(Other, true, Now);
        Assert.Equal(ConnectionStatus.Accepted, one.Status);
        RefusalAssertions.ShouldThrowDomain(() => one.Answer(Other, false, Now), ErrorCodes.InvalidState);
        Assert.Equal(ConnectionStatus.Accepted, one.Status);
    }

    [Theory]
    [InlineData("https://example.org/me", true)]
    [InlineData("http://bakery.example", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("ftp://example.org", false)]
    [InlineData("example.org", false)]
    [InlineData("https://user:pw@example.org", false)]
    [InlineData("https://exa mple.org", false)]
    [InlineData("data:text/html,hi", false)]
    public void Link_OnlyHttpOrHttps(string link, bool ok) => Assert.Equal(ok, NetworkingProfile.IsLink(link));

    [Fact]
    public void Profile_CheckedAgainstLimitsAndTopics()
    {
        var topic = Guid.NewGuid();
        var topics = new HashSet<Guid> { topic };
        Assert.Empty(NetworkingProfile.Check(new ProfileInput("Ana", "Baker", [topic], [], "https://ana.example"), topics));

        var problems = NetworkingProfile.Check(new ProfileInput(" ", new string('x', 281), [Guid.NewGuid()], Enumerable.Range(0, 11).Select(_ => topic).ToList(), "mailto:a@b.c"), topics);
        Assert.Equal(["displayName", "whatIDo", "offers", "link"], problems.Select(p => p.Field));
        Assert.Single(NetworkingProfile.Check(new ProfileInput(new string('n', 81), null, null, null, null), topics));
        Assert.Single(NetworkingProfile.Check(new ProfileInput("Ana\u0007", null, null, null, null), topics));
        Assert.Single(NetworkingProfile.Check(new ProfileInput("Ana", null, null, Enumerable.Range(0, 11).Select(_ => Guid.NewGuid()).ToList(), null), topics));
    }
}
