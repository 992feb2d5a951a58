using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Jobs;

/// <summary>The unclaimed-desk sweep as Quartz runs it (registered beside the other sweeps, clustered on PostgreSQL).</summary>
public sealed class UnclaimedDeskJobTests(QuartzHost host) : IClassFixture<QuartzHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task UnclaimedDesksJob_FiredByTheScheduler_GivesTheDeskBackToPublicBooking()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var desk = await host.ResourceAsync(branch.Id, KnownKinds.CoworkingDesk);
        var start = host.Clock.DaysAhead(Zone, 2, 12);
        var session = await (await staff.Http.ScheduleAsync(new { kind = "networking", title = "Meet-up", roomId = room.Id, start, end = start.AddHours(2), capacity = 4, holdDesks = 1 })).JsonAsync();
        var id = session.GetProperty("id").GetGuid();

        host.Clock.MoveTo(start.AddHours(-2));
        await host.Runs.RunNowAsync("unclaimed-desks");

        var row = await host.InScopeAsync(db => db.SessionDesks.AsNoTracking().SingleAsync(d => d.SessionId == id));
        Assert.NotNull(row.ReleasedAtUtc);
        var hold = await host.InScopeAsync(db => db.Reservations.AsNoTracking().SingleAsync(r => r.Id == row.ReservationId));
        Assert.Equal(ReservationStatus.Cancelled, hold.Status);
        Assert.Equal(desk.Id, hold.ResourceId);
    }
}
