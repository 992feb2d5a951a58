using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Common;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Reports;

/// <summary>
/// Refused booking attempts become anonymous counts per branch, local day, kind and code, from the API and the booking page.
/// They are counted on the node and written every few seconds on the host's clock, or before a report reads them.
/// </summary>
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

        await WriteCountsAsync();
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
        await WriteCountsAsync();
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

        await WriteCountsAsync();
        var count = await host.InScopeAsync(db => db.RefusalCounts.AsNoTracking().SingleAsync(c => c.LocationId == auckland.Id));
        Assert.Equal(new DateOnly(2026, 1, 13), count.Day);
    }

    [Fact]
    public async Task Book_Refused_NoStatementOfItsOwn_WrittenWhenTheClockMovesOn()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var late = Local(Zone, "2026-01-15T21:00");
        for (var i = 0; i < 3; i++)
        {
            await (await patron.Http.BookAsync(room.Id, late, late.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.OutsideOpeningHours);
        }

        // Answered without a write: the counts wait on this node.
        Assert.False(await host.InScopeAsync(db => db.RefusalCounts.AnyAsync(c => c.LocationId == branch.Id)));

        // The writer's few seconds pass on the host's clock (only forward: the class's other tests stay in the future).
        host.Clock.Advance(RefusalCountWriter.Interval);
        var count = await Eventually.ValueAsync(
            () => host.InScopeAsync(db => db.RefusalCounts.AsNoTracking().SingleOrDefaultAsync(c => c.LocationId == branch.Id)),
            "the refusals written by the writer");
        Assert.Equal((Today, ErrorCodes.OutsideOpeningHours, 3), (count.Day, count.Code, count.Count));
    }

    [Fact]
    public async Task DemandReport_ReadsThisNodesRefusalsAtOnce()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var patron = await host.SignInNewAsync();
        var late = Local(Zone, "2026-01-16T21:00");
        await (await patron.Http.BookAsync(printer.Id, late, late.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.OutsideOpeningHours);
        await (await patron.Http.BookAsync(printer.Id, late, late.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.OutsideOpeningHours);

        // No clock moved: the report writes this node's counts before it reads.
        var staff = await host.SignInNewAsync(Roles.Staff);
        var report = await staff.Http.GetFromJsonAsync<DemandReport>($"/api/v1/reports/demand?locationId={branch.Id}", Json);
        var row = Assert.Single(report!.Refusals, r => r.Kind == KnownKinds.LaserCutter);
        Assert.Equal((ErrorCodes.OutsideOpeningHours, 2), (row.Code, row.Count));
    }

    [Fact]
    public async Task Write_TwoNodesAtOnce_EveryCountAdded()
    {
        var branch = await host.BranchAsync(Zone);
        var nodes = new[] { new RefusalCounts(NullLogger<RefusalCounts>.Instance), new RefusalCounts(NullLogger<RefusalCounts>.Instance) };
        foreach (var node in nodes)
        {
            for (var i = 0; i < 50; i++)
            {
                node.Add(Today, branch.Id, KnownKinds.Room, ErrorCodes.SlotTaken);
                node.Add(Today, branch.Id, KnownKinds.Room, ErrorCodes.Quota);
            }
        }

        // Both write the same two keys at the same moment, a few times over, each with its own connection.
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(nodes.Select(node => host.InScopeAsync(db => node.WriteAsync(db, CancellationToken.None))));
            foreach (var node in nodes)
            {
                node.Add(Today, branch.Id, KnownKinds.Room, ErrorCodes.SlotTaken);
            }
        }

        await Task.WhenAll(nodes.Select(node => host.InScopeAsync(db => node.WriteAsync(db, CancellationToken.None))));
        var counts = await host.InScopeAsync(db => db.RefusalCounts.AsNoTracking().Where(c => c.LocationId == branch.Id).OrderBy(c => c.Code).ToListAsync());
        Assert.Equal([(ErrorCodes.Quota, 100), (ErrorCodes.SlotTaken, 106)], counts.Select(c => (c.Code, c.Count)));
        Assert.All(nodes, node => Assert.Equal(0, node.Pending));
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private Task WriteCountsAsync() => host.InScopeAsync(db => host.Services.GetRequiredService<RefusalCounts>().WriteAsync(db, CancellationToken.None));
}

/// <summary>When the counts cannot be written, the patron still gets the refusal, nothing else changes, and the counts wait for the next write.</summary>
public sealed class RefusalCountFailureTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    [Fact]
    public async Task Write_TableGone_RefusalStillAnswered_CountsKeptForTheNextWrite()
    {
        var branch = await host.BranchAsync("America/New_York");
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var counts = host.Services.GetRequiredService<RefusalCounts>();
        // This class's own database: take the table away so the counts' statement fails.
        await host.InScopeAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE \"RefusalCounts\" RENAME TO \"RefusalCountsGone\""));

        var late = Local("America/New_York", "2026-01-13T21:00");
        await (await patron.Http.BookAsync(room.Id, late, late.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.OutsideOpeningHours);
        // And a booking that goes ahead is untouched by it.
        var start = Local("America/New_York", "2026-01-13T10:00");
        await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.Conflict, ErrorCodes.SlotTaken);

        await Assert.ThrowsAnyAsync<Exception>(() => host.InScopeAsync(db => counts.WriteAsync(db, CancellationToken.None)));
        Assert.Equal(2, counts.Pending);

        await host.InScopeAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE \"RefusalCountsGone\" RENAME TO \"RefusalCounts\""));
        await host.InScopeAsync(db => counts.WriteAsync(db, CancellationToken.None));
        var written = await host.InScopeAsync(db => db.RefusalCounts.AsNoTracking().Where(c => c.LocationId == branch.Id).OrderBy(c => c.Code).Select(c => new { c.Code, c.Count }).ToListAsync());
        Assert.Equal([(ErrorCodes.OutsideOpeningHours, 1), (ErrorCodes.SlotTaken, 1)], written.Select(c => (c.Code, c.Count)));
        Assert.Equal(0, counts.Pending);
    }

    [Fact]
    public async Task Write_BranchDeletedMeanwhile_ItsCountsGoWithIt()
    {
        var counts = new RefusalCounts(NullLogger<RefusalCounts>.Instance);
        var kept = await host.BranchAsync("America/New_York");
        var gone = Guid.NewGuid();
        counts.Add(new DateOnly(2026, 1, 12), gone, KnownKinds.Room, ErrorCodes.SlotTaken);
        counts.Add(new DateOnly(2026, 1, 12), kept.Id, KnownKinds.Room, ErrorCodes.SlotTaken);

        await host.InScopeAsync(db => counts.WriteAsync(db, CancellationToken.None));

        var written = await host.InScopeAsync(db => db.RefusalCounts.AsNoTracking().Where(c => c.LocationId == kept.Id || c.LocationId == gone).ToListAsync());
        Assert.Equal(kept.Id, Assert.Single(written).LocationId);
        Assert.Equal(0, counts.Pending);
    }
}
