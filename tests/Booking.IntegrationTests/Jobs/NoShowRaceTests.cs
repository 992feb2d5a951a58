using System.Collections.Concurrent;
using System.Net;
using Booking.Domain.Notifications;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Booking.IntegrationTests.Jobs;

/// <summary>A jobs host whose no-show sweep takes five reservations per batch, so forty span eight batches.</summary>
public sealed class FiveBatchJobsHost : JobsHost
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Jobs:Sweeps:BatchSize"] = "5",
    };
}

/// <summary>SPEC rule 5 under concurrency: check-ins at the desk racing the batched no-show sweep.</summary>
public sealed class NoShowRaceTests(FiveBatchJobsHost host, ITestOutputHelper output) : IClassFixture<FiveBatchJobsHost>
{
    private const string Zone = "America/New_York";
    private const int Reservations = 40;
    private const int GraceMinutes = 15;

    [Fact]
    public async Task CheckIns_WhileTheSweepRuns_EachEitherCheckedInOrReleasedOnce()
    {
        var branch = await host.BranchAsync(Zone);
        var start = host.Clock.DaysAhead(Zone, 2, 10);
        var ids = new List<Guid>();
        for (var i = 0; i < Reservations; i++)
        {
            ids.Add(await BookAsync(branch.Id, start));
        }

        // Two earlier reservations warm both paths (check-in, and a sweep that releases), so the race below is not
        // decided by which side compiles its queries first.
        var early = start.AddHours(-2);
        var warmCheckIn = await BookAsync(branch.Id, early);
        await BookAsync(branch.Id, early);
        host.Clock.MoveTo(early);
        var staff = await host.SignInNewAsync(Booking.Data.Identity.Roles.Staff);
        await (await staff.Http.PostAsync($"/api/v1/reservations/{warmCheckIn}/check-in", null)).JsonAsync();
        var sweepClock = new FakeTimeProvider(early.AddMinutes(GraceMinutes));
        Assert.Equal(1, await SweepAtAsync(sweepClock));

        // At one instant check-in and release exclude each other (the window closes as the grace runs out), so
        // the desk's clock reads a minute before the end of the grace and the sweep's the end itself: a check-in
        // at 10:14 meeting a sweep that started at 10:15, where both are allowed and only the locks decide.
        host.Clock.MoveTo(start.AddMinutes(GraceMinutes - 1));
        sweepClock.Advance(start.AddMinutes(GraceMinutes) - sweepClock.GetUtcNow());
        var desk = await host.SignInAsync(staff.Email, MakerspaceHost.Password); // the first token has expired by now

        var checkedIn = new ConcurrentBag<Guid>();
        var refused = new ConcurrentBag<(Guid Id, HttpStatusCode Status, string Body)>();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var checkIns = ids.OrderBy(_ => Random.Shared.Next()).Select(id => Task.Run(async () =>
        {
            await go.Task;
            // Spread over about the time the sweep takes, so check-ins land before, between and inside its batches.
            await Task.Delay(Random.Shared.Next(0, 250));
            var response = await desk.PostAsync($"/api/v1/reservations/{id}/check-in", null);
            if (response.IsSuccessStatusCode)
            {
                checkedIn.Add(id);
            }
            else
            {
                refused.Add((id, response.StatusCode, await response.Content.ReadAsStringAsync()));
            }
        })).ToList();
        var sweep = Task.Run(async () =>
        {
            await go.Task;
            return await SweepAtAsync(sweepClock);
        });
        go.SetResult();
        await Task.WhenAll(checkIns);
        var released = await sweep;
        Assert.Equal(0, await SweepAtAsync(sweepClock));

        var statuses = await host.InScopeAsync(db => db.Reservations.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Status));
        var notices = await host.InScopeAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.ReservationId != null && ids.Contains(n.ReservationId.Value) && n.Kind == NotificationKinds.NoShow)
            .GroupBy(n => n.ReservationId!.Value).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count));
        output.WriteLine($"{checkedIn.Count} checked in, {released} released by the racing sweep, {refused.Count} check-ins refused.");

        foreach (var id in ids)
        {
            var noticesFor = notices.GetValueOrDefault(id);
            if (checkedIn.Contains(id))
            {
                Assert.True(statuses[id] == ReservationStatus.CheckedIn, $"{id}: check-in succeeded but the reservation ended {statuses[id]}.");
                Assert.True(noticesFor == 0, $"{id}: checked in, yet {noticesFor} no-show notices.");
            }
            else
            {
                Assert.True(statuses[id] == ReservationStatus.NoShow, $"{id}: check-in refused but the reservation is {statuses[id]}.");
                Assert.True(noticesFor == 1, $"{id}: released with {noticesFor} no-show notices.");
            }
        }

        Assert.Equal(Reservations, checkedIn.Count + refused.Count);
        Assert.Equal(refused.Count, released);
        Assert.All(refused, r => Assert.True(r.Status == HttpStatusCode.Conflict && r.Body.Contains("invalid-state", StringComparison.Ordinal), $"{r.Id}: {(int)r.Status} {r.Body}"));
    }

    /// <summary>A room of its own (the same grace everywhere) booked by a patron of its own; returns the reservation's id.</summary>
    private async Task<Guid> BookAsync(Guid branchId, DateTimeOffset start)
    {
        var room = await host.ResourceAsync(branchId, KnownKinds.Room, new PolicyOverride { NoShowGraceMinutes = GraceMinutes });
        var patron = await host.SignInNewAsync();
        return (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>Runs the no-show sweep as the host builds it, but reading its own clock.</summary>
    private async Task<int> SweepAtAsync(TimeProvider clock)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<NoShowSweep>(scope.ServiceProvider, clock).RunAsync(default);
    }
}
