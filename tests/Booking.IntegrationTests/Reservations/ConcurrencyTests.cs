using System.Net;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Reservations;

/// <summary>SPEC rules 1 and 2 under parallel requests, on the database under test.</summary>
public sealed class ConcurrencyTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Book_ThirtyPatronsSameSlot_ExactlyOneWins()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var patrons = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => host.SignInNewAsync()));
        var start = Local(Zone, "2026-01-13T10:00");

        using var gate = new ManualResetEventSlim(false);
        var attempts = patrons.Select(p => Task.Run(async () =>
        {
            gate.Wait();
            return await p.Http.BookAsync(printer.Id, start, start.AddHours(1));
        })).ToList();
        gate.Set();
        var responses = await Task.WhenAll(attempts);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(29, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "slot-taken");
        }

        var active = await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == printer.Id && r.Status == ReservationStatus.Confirmed));
        Assert.Equal(1, active);
    }

    [Fact]
    public async Task Book_ParallelOverlappingButNotEqual_NoOverlapSurvives()
    {
        var branch = await host.BranchAsync(Zone);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter); // 15-minute cool-down buffer
        var patrons = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => host.SignInNewAsync()));
        var day = Local(Zone, "2026-01-13T09:00");

        // Staggered 30-minute requests every 15 minutes: each overlaps its neighbours or their buffer.
        var responses = await Task.WhenAll(patrons.Select((p, i) => Task.Run(() =>
            p.Http.BookAsync(cutter.Id, day.AddMinutes(15 * i), day.AddMinutes((15 * i) + 30)))));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var kept = await host.InScopeAsync(db => db.Reservations.Where(r => r.ResourceId == cutter.Id).OrderBy(r => r.StartsAtUtc).ToListAsync());
        Assert.NotEmpty(kept);
        for (var i = 1; i < kept.Count; i++)
        {
            Assert.True(kept[i].StartsAtUtc >= kept[i - 1].BlockedUntilUtc, $"{kept[i - 1].Interval} (+buffer) overlaps {kept[i].Interval}");
        }
    }

    [Fact]
    public async Task Book_OnePatronParallelOverActiveLimit_LimitHolds()
    {
        var branch = await host.BranchAsync(Zone);
        var desks = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            host.ResourceAsync(branch.Id, KnownKinds.Room, new PolicyOverride { MaxActiveReservations = 2, MaxHoursPerWeek = 100 })));
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-14T10:00");

        var responses = await Task.WhenAll(desks.Select(d => Task.Run(() => patron.Http.BookAsync(d.Id, start, start.AddHours(1)))));

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "quota");
        }
    }

    [Fact]
    public async Task Book_OnePatronParallelOverWeeklyHours_QuotaHolds()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room, new PolicyOverride { MaxActiveReservations = 50, MaxHoursPerWeek = 3, BufferAfterMinutes = 0 });
        var patron = await host.SignInNewAsync();
        var monday = Local(Zone, "2026-01-19T09:00");

        // Eight separate one-hour requests in one local week, all at once: at most three hours may stick.
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            patron.Http.BookAsync(room.Id, monday.AddDays(i % 5).AddHours(i), monday.AddDays(i % 5).AddHours(i + 1)))));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var minutes = await host.InScopeAsync(async db => (await db.Reservations.Where(r => r.PatronId == patron.UserId).ToListAsync()).Sum(r => r.Interval.Duration.TotalMinutes));
        Assert.Equal(180, minutes);
    }
}
