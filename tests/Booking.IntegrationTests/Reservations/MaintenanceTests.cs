using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Reservations;

public sealed class MaintenanceTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Block_CollidingReservations_CancelledWithReasonPatronToldAudited()
    {
        var branch = await host.BranchAsync(Zone);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var inside = await host.SignInNewAsync();
        var outside = await host.SignInNewAsync();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var start = Local(Zone, "2026-01-13T10:00");
        var hit = (await (await inside.Http.BookAsync(cutter.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        var spared = (await (await outside.Http.BookAsync(cutter.Id, start.AddHours(4), start.AddHours(5))).JsonAsync()).GetProperty("id").GetGuid();

        var result = await (await staff.Http.PostAsJsonAsync($"/api/v1/resources/{cutter.Id}/maintenance",
            new { start = start.AddMinutes(30), end = start.AddHours(3), reason = "Lens cleaning" })).JsonAsync();

        Assert.Equal([hit], result.GetProperty("cancelledReservationIds").EnumerateArray().Select(e => e.GetGuid()));
        var cancelled = await inside.Http.GetFromJsonAsync<JsonElement>($"/api/v1/reservations/{hit}");
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Contains("Lens cleaning", cancelled.GetProperty("statusReason").GetString());
        Assert.Equal("confirmed", (await outside.Http.GetFromJsonAsync<JsonElement>($"/api/v1/reservations/{spared}")).GetProperty("status").GetString());

        var notice = await host.InScopeAsync(db => db.Notifications.SingleAsync(n => n.ReservationId == hit));
        Assert.Equal(inside.UserId, notice.RecipientId);
        Assert.Null(notice.SentAtUtc);
        var audit = await host.InScopeAsync(db => db.AuditLog.Where(a => a.ActorId == staff.UserId).Select(a => a.Action).ToListAsync());
        Assert.Contains("maintenance.block", audit);
        Assert.Contains("reservation.cancel-on-behalf", audit);

        var busy = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/resources/{cutter.Id}/availability?from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(start.AddHours(6).ToString("O"))}");
        Assert.Contains(busy.GetProperty("busy").EnumerateArray(), b => b.GetProperty("why").GetString() == "maintenance");
    }

    [Fact]
    public async Task Block_RacingParallelBookings_NoActiveReservationInsideTheBlock()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room, new Domain.Resources.PolicyOverride { BufferAfterMinutes = 0 });
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patrons = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.SignInNewAsync()));
        var nine = Local(Zone, "2026-01-14T09:00");

        // Eight one-hour bookings race a block over the whole morning: each either lands first and is
        // cancelled by the block, or comes after it and is refused. None may survive inside it.
        var bookings = patrons.Select((p, i) => Task.Run(() => p.Http.BookAsync(room.Id, nine.AddHours(i % 4), nine.AddHours((i % 4) + 1)))).ToList();
        var block = Task.Run(() => staff.Http.PostAsJsonAsync($"/api/v1/resources/{room.Id}/maintenance", new { start = nine, end = nine.AddHours(4), reason = "Floor repair" }));
        await Task.WhenAll(bookings.Cast<Task>().Append(block));

        Assert.Equal(HttpStatusCode.Created, (await block).StatusCode);
        foreach (var response in await Task.WhenAll(bookings))
        {
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity });
        }

        var survivors = await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == room.Id
            && (r.Status == Domain.Reservations.ReservationStatus.Pending || r.Status == Domain.Reservations.ReservationStatus.Confirmed)));
        Assert.Equal(0, survivors);
    }

    [Fact]
    public async Task Block_ByPatron_403()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-13T10:00");
        await (await patron.Http.PostAsJsonAsync($"/api/v1/resources/{room.Id}/maintenance", new { start, end = start.AddHours(1), reason = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(0, await host.InScopeAsync(db => db.MaintenanceBlocks.CountAsync(b => b.ResourceId == room.Id)));
    }

    [Fact]
    public async Task Lift_Twice_409()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var start = Local(Zone, "2026-01-13T10:00");
        var block = await (await staff.Http.PostAsJsonAsync($"/api/v1/resources/{room.Id}/maintenance", new { start, end = start.AddHours(1), reason = "Repaint" })).JsonAsync();
        var lift = $"/api/v1/resources/{room.Id}/maintenance/{block.GetProperty("block").GetProperty("id").GetGuid()}/lift";
        Assert.Equal(HttpStatusCode.OK, (await staff.Http.PostAsync(lift, null)).StatusCode);
        await (await staff.Http.PostAsync(lift, null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        var patron = await host.SignInNewAsync();
        Assert.Equal(HttpStatusCode.Created, (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).StatusCode);
    }
}
