using System.Net;
using Booking.Data;
using Booking.Domain.Locations;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Web.Features.Availability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Reservations;

/// <summary>
/// A node keeps a copy of the resources it books against (issue #19: a round trip less per booking). A change saved
/// anywhere (here through another unit of work, as another node would) counts from the very next booking: the
/// catalogue's stamp, read with the booking's facts, tells the copy is old.
/// </summary>
public sealed class CatalogueCopyTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Book_AfterTheResourceAndItsBranchChangeElsewhere_TheNextBookingFollowsTheChange()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-13T10:00");

        var first = await (await patron.Http.BookAsync(printer.Id, start, start.AddHours(1))).JsonAsync();
        Assert.Equal("confirmed", first.GetProperty("status").GetString());

        // Staff now approve every booking of this printer.
        await ChangeAsync(db => db.Resources.SingleAsync(r => r.Id == printer.Id), r => r.OverridePolicy(new PolicyOverride { RequiresApproval = true }));
        var second = await (await patron.Http.BookAsync(printer.Id, start.AddHours(2), start.AddHours(3))).JsonAsync();
        Assert.Equal("pending", second.GetProperty("status").GetString());

        // The branch now closes at noon.
        await ChangeAsync(db => db.Locations.SingleAsync(l => l.Id == branch.Id), l => l.SetOpeningHours(
            Enum.GetValues<DayOfWeek>().Select(d => new OpeningInterval(d, new TimeOnly(8, 0), new TimeOnly(12, 0))).ToList()));
        var afternoon = await patron.Http.BookAsync(printer.Id, start.AddHours(4), start.AddHours(5));
        await afternoon.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "outside-opening-hours");

        // Out of service.
        await ChangeAsync(db => db.Resources.SingleAsync(r => r.Id == printer.Id), r => r.TakeOutOfService("Nozzle jammed"));
        var broken = await patron.Http.BookAsync(printer.Id, start.AddHours(-1), start);
        await broken.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "out-of-service");
        Assert.Equal(2, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == printer.Id)));
    }

    [Fact]
    public async Task Availability_AfterChangesElsewhere_TheNextAnswerFollows()
    {
        var branch = await host.BranchAsync(Zone);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-15T10:00");

        var answer = await AvailabilityAsync(patron.Http, branch.Id, start);
        Assert.True(Assert.Single(answer).GetProperty("free").GetBoolean());
        // The node keeps the kind's resources at this branch: the next answer reads only the busy time.
        Assert.NotNull(host.Services.GetRequiredService<KindCatalogues>().Find(KnownKinds.LaserCutter, branch.Id));

        // Out of service, saved elsewhere.
        await ChangeAsync(db => db.Resources.SingleAsync(r => r.Id == cutter.Id), r => r.TakeOutOfService("Lens cracked"));
        answer = await AvailabilityAsync(patron.Http, branch.Id, start);
        Assert.Equal("out-of-service", Assert.Single(answer).GetProperty("code").GetString());

        // A second cutter added elsewhere is in the very next answer.
        var second = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        answer = await AvailabilityAsync(patron.Http, branch.Id, start);
        Assert.Equal(2, answer.Count);
        Assert.True(answer.Single(a => a.GetProperty("resourceId").GetGuid() == second.Id).GetProperty("free").GetBoolean());

        // The branch now closes at noon.
        await ChangeAsync(db => db.Locations.SingleAsync(l => l.Id == branch.Id), l => l.SetOpeningHours(
            Enum.GetValues<DayOfWeek>().Select(d => new OpeningInterval(d, new TimeOnly(8, 0), new TimeOnly(12, 0))).ToList()));
        answer = await AvailabilityAsync(patron.Http, branch.Id, start.AddHours(3));
        Assert.Equal("outside-opening-hours", answer.Single(a => a.GetProperty("resourceId").GetGuid() == second.Id).GetProperty("code").GetString());

        // And a booking made since is busy time in the next answer (never kept: it is read every time).
        var booked = await patron.Http.BookAsync(second.Id, start, start.AddHours(1));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        answer = await AvailabilityAsync(patron.Http, branch.Id, start);
        Assert.Equal("slot-taken", answer.Single(a => a.GetProperty("resourceId").GetGuid() == second.Id).GetProperty("code").GetString());
    }

    private static async Task<List<System.Text.Json.JsonElement>> AvailabilityAsync(HttpClient http, Guid branchId, DateTimeOffset start)
    {
        var url = $"/api/v1/availability?kind={KnownKinds.LaserCutter}&locationId={branchId}&start={Uri.EscapeDataString(start.ToString("O"))}&end={Uri.EscapeDataString(start.AddHours(1).ToString("O"))}";
        return (await (await http.GetAsync(url)).JsonAsync()).EnumerateArray().ToList();
    }

    [Fact]
    public async Task Save_TheCatalogueGetsANewStampOnlyWhenAResourceKindOrBranchChanges()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var before = await StampAsync();

        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-14T10:00");
        Assert.Equal(HttpStatusCode.Created, (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).StatusCode);
        Assert.Equal(before, await StampAsync());

        await ChangeAsync(db => db.Locations.SingleAsync(l => l.Id == branch.Id), l => l.AddClosure(new DateTime(2026, 2, 1, 0, 0, 0), new DateTime(2026, 2, 2, 0, 0, 0), "Inventory"));
        var afterClosure = await StampAsync();
        Assert.NotEqual(before, afterClosure);

        await ChangeAsync(db => db.Resources.SingleAsync(r => r.Id == room.Id), r => r.Describe("Quiet room", null, 4));
        Assert.NotEqual(afterClosure, await StampAsync());
    }

    private Task<string> StampAsync() => host.InScopeAsync(db => db.CatalogueVersions.AsNoTracking().Select(v => v.Stamp).SingleAsync());

    private Task ChangeAsync<T>(Func<BookingDbContext, Task<T>> find, Action<T> change) => host.InScopeAsync(async db =>
    {
        change(await find(db));
        await db.SaveChangesAsync();
        return 0;
    });
}
