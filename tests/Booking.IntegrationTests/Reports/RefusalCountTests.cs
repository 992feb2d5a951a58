using System.Net;
using Booking.Domain.Common;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Reports;

/// <summary>Refused booking attempts become anonymous counts per branch, local day, kind and code, from the API and the booking page.</summary>
public sealed class RefusalCountTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    // The host's clock: Monday 12 Jan 2026, 07:00 in New York.
    private static readonly DateOnly Today = new(2026, 1, 12);

    [Fact]
    public async Task Book_RefusedThroughApiAndPage_CountedWithoutAnythingPersonal()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();

        // API: 21:00 is after closing (20:00).
        var late = Local(Zone, "2026-01-13T21:00");
        await (await patron.Http.BookAsync(room.Id, late, late.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.OutsideOpeningHours);
        // Bad input says nothing about demand: not counted.
        await (await patron.Http.BookAsync(room.Id, late, late.AddHours(-1))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        // The page: the same rule, through the same workflow.
        var page = new PageSession(host);
        await page.SignInAsync(patron.Email, MakerspaceHost.Password);
        var form = $"/reservations/new?resourceId={room.Id}&start=2026-01-13T10:00";
        var (status, html, _) = await page.SubmitAsync(form, form, new Dictionary<string, string>
        {
            ["ResourceId"] = room.Id.ToString(),
            ["Date"] = "2026-01-13",
            ["StartTime"] = "19:30",
            ["EndTime"] = "20:30",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("This time cannot be reserved", html, StringComparison.Ordinal);

        var counts = await host.InScopeAsync(db => db.RefusalCounts.AsNoTracking().Where(c => c.LocationId == branch.Id).ToListAsync());
        var count = Assert.Single(counts);
        Assert.Equal((Today, KnownKinds.Room, ErrorCodes.OutsideOpeningHours, 2), (count.Day, count.KindCode, count.Code, count.Count));
    }

    [Fact]
    public async Task Book_ParallelRefusalsOfOneSlot_EveryOneCounted()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = Local(Zone, "2026-01-14T10:00");
        var holder = await host.SignInNewAsync();
        await (await holder.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        var patrons = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => host.SignInNewAsync()));

        using var gate = new ManualResetEventSlim(false);
        var attempts = patrons.Select(p => Task.Run(async () =>
        {
            gate.Wait();
            return await p.Http.BookAsync(room.Id, start, start.AddHours(1));
        })).ToList();
        gate.Set();
        var responses = await Task.WhenAll(attempts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var count = await host.InScopeAsync(db => db.RefusalCounts.AsNoTracking().SingleAsync(c => c.LocationId == branch.Id));
        Assert.Equal((ErrorCodes.SlotTaken, 24), (count.Code, count.Count));
    }

    [Fact]
    public async Task Book_DayIsTheBranchesLocalDate()
    {
        // 12:00Z is already the 12th in New York, still the 12th in Honolulu (02:00), and the 13th in Auckland (01:00).
        var auckland = await host.BranchAsync("Pacific/Auckland");
        var room = await host.ResourceAsync(auckland.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var late = Local("Pacific/Auckland", "2026-01-14T22:00");
        await (await patron.Http.BookAsync(room.Id, late, late.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.OutsideOpeningHours);

        var count = await host.InScopeAsync(db => db.RefusalCounts.AsNoTracking().SingleAsync(c => c.LocationId == auckland.Id));
        Assert.Equal(new DateOnly(2026, 1, 13), count.Day);
    }
}

/// <summary>When the count cannot be written, the patron still gets the refusal, and nothing else changes.</summary>
public sealed class RefusalCountFailureTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    [Fact]
    public async Task Book_CountCannotBeWritten_RefusalStillAnswered()
    {
        var branch = await host.BranchAsync("America/New_York");
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        // This class's own database: take the table away so the count's statement fails.
        await host.InScopeAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE \"RefusalCounts\" RENAME TO \"RefusalCountsGone\""));

        var late = Local("America/New_York", "2026-01-13T21:00");
        await (await patron.Http.BookAsync(room.Id, late, late.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.OutsideOpeningHours);
        // And a booking that goes ahead is untouched by it.
        var start = Local("America/New_York", "2026-01-13T10:00");
        await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.Conflict, ErrorCodes.SlotTaken);

        await host.InScopeAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE \"RefusalCountsGone\" RENAME TO \"RefusalCounts\""));
        Assert.Equal(0, await host.InScopeAsync(db => db.RefusalCounts.CountAsync()));
    }
}
