using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Reservations;

/// <summary>Cancel, check in, complete, reject: each allowed change works, each other one is a clear error.</summary>
public sealed class LifecycleTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Cancel_Own_CancelledAndSlotFreeAgain()
    {
        var (printer, patron, id, start) = await BookedAsync(KnownKinds.Printer3D, "2026-01-13T10:00");
        var cancelled = await (await patron.Http.PostAsJsonAsync($"/api/v1/reservations/{id}/cancel", new { reason = "Plans changed" })).JsonAsync();
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal("Plans changed", cancelled.GetProperty("statusReason").GetString());

        var other = await host.SignInNewAsync();
        Assert.Equal(HttpStatusCode.Created, (await other.Http.BookAsync(printer.Id, start, start.AddHours(1))).StatusCode);
    }

    [Fact]
    public async Task Cancel_Twice_409InvalidState()
    {
        var (_, patron, id, _) = await BookedAsync(KnownKinds.Printer3D, "2026-01-13T10:00");
        await (await patron.Http.PostAsync($"/api/v1/reservations/{id}/cancel", null)).JsonAsync();
        var again = await patron.Http.PostAsync($"/api/v1/reservations/{id}/cancel", null);
        var problem = await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        Assert.Contains("cancelled", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnotherPatronsReservation_Get404AndCancel404_NothingChanged()
    {
        var (_, _, id, _) = await BookedAsync(KnownKinds.Printer3D, "2026-01-13T10:00");
        var stranger = await host.SignInNewAsync();

        await (await stranger.Http.GetAsync($"/api/v1/reservations/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await stranger.Http.PostAsync($"/api/v1/reservations/{id}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await stranger.Http.PostAsync($"/api/v1/reservations/{id}/check-in", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        var status = await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());
        Assert.Equal(Domain.Reservations.ReservationStatus.Confirmed, status);
    }

    [Fact]
    public async Task StaffCancel_WithoutReason_400_WithReason_PatronTold()
    {
        var (_, patron, id, _) = await BookedAsync(KnownKinds.Printer3D, "2026-01-13T10:00");
        var staff = await host.SignInNewAsync(Roles.Staff);

        await (await staff.Http.PostAsync($"/api/v1/reservations/{id}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var cancelled = await (await staff.Http.PostAsJsonAsync($"/api/v1/reservations/{id}/cancel", new { reason = "Printer moved to another branch" })).JsonAsync();
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());

        var notice = await host.InScopeAsync(db => db.Notifications.SingleAsync(n => n.ReservationId == id));
        Assert.Equal(patron.UserId, notice.RecipientId);
        Assert.Contains("Printer moved", notice.Body);
        Assert.True(await host.InScopeAsync(db => db.AuditLog.AnyAsync(a => a.Subject == $"reservation:{id}" && a.Action == "reservation.cancel-on-behalf")));
    }

    [Fact]
    public async Task CheckIn_BeforeWindow422_InsideWindowCheckedIn_OverdueThenReturned()
    {
        var (_, patron, id, start) = await BookedAsync(KnownKinds.Laptop, "2026-01-12T08:00");
        var staff = await host.SignInNewAsync(Roles.Staff);

        // Now is 07:00 local; a laptop's check-in (the hand-over, at the desk) opens 30 minutes before the start.
        await (await staff.Http.PostAsync($"/api/v1/reservations/{id}/check-in", null)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "check-in-window");

        // The clock only moves forward; every other test in this class books a later day.
        host.Clock.SetUtcNow(start.AddMinutes(-10));
        var checkedIn = await (await staff.Http.PostAsync($"/api/v1/reservations/{id}/check-in", null)).JsonAsync();
        Assert.Equal("checked-in", checkedIn.GetProperty("status").GetString());
        await (await patron.Http.PostAsync($"/api/v1/reservations/{id}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");

        host.Clock.SetUtcNow(start.AddHours(2)); // an hour past its end, not returned
        staff = await host.SignInNewAsync(Roles.Staff); // the first token has expired by now
        var overdue = await staff.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/reservations/{id}");
        Assert.True(overdue.GetProperty("overdue").GetBoolean());

        var returned = await (await staff.Http.PostAsync($"/api/v1/reservations/{id}/complete", null)).JsonAsync();
        Assert.Equal("completed", returned.GetProperty("status").GetString());
        Assert.False(returned.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Complete_NotCheckedIn_409InvalidState()
    {
        var (_, _, id, _) = await BookedAsync(KnownKinds.Laptop, "2026-01-13T09:00");
        var staff = await host.SignInNewAsync(Roles.Staff);
        await (await staff.Http.PostAsync($"/api/v1/reservations/{id}/complete", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");
    }

    [Fact]
    public async Task Reject_Pending_RejectedWithReasonAndSlotFree()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room, new PolicyOverride { RequiresApproval = true });
        var patron = await host.SignInNewAsync();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var start = Local(Zone, "2026-01-13T10:00");
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();

        await (await staff.Http.PostAsync($"/api/v1/reservations/{id}/reject", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var rejected = await (await staff.Http.PostAsJsonAsync($"/api/v1/reservations/{id}/reject", new { reason = "Room reserved for a class" })).JsonAsync();
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        await (await staff.Http.PostAsync($"/api/v1/reservations/{id}/approve", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");
    }

    [Fact]
    public async Task DeskBoard_Staff_SeesTheDayAtTheBranch_PatronForbidden()
    {
        var (_, patron, id, _) = await BookedAsync(KnownKinds.Printer3D, "2026-01-13T10:00");
        var branchId = await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == id)
            .Join(db.Resources, r => r.ResourceId, r => r.Id, (_, res) => res.LocationId).SingleAsync());
        var staff = await host.SignInNewAsync(Roles.Staff);

        var board = await staff.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/reservations?date=2026-01-13&locationId={branchId}");
        var row = Assert.Single(board.EnumerateArray());
        Assert.Equal(patron.Email, row.GetProperty("patronEmail").GetString());
        var otherDay = await staff.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/reservations?date=2026-01-14&locationId={branchId}");
        Assert.Equal(0, otherDay.GetArrayLength());

        await (await patron.Http.GetAsync($"/api/v1/reservations?date=2026-01-13")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await staff.Http.GetAsync("/api/v1/reservations?date=13/01/2026")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    private async Task<(Resource Resource, SignedInClient Patron, Guid Id, DateTimeOffset Start)> BookedAsync(string kind, string localStart)
    {
        var branch = await host.BranchAsync(Zone);
        var resource = await host.ResourceAsync(branch.Id, kind);
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, localStart);
        var created = await (await patron.Http.BookAsync(resource.Id, start, start.AddHours(1))).JsonAsync();
        return (resource, patron, created.GetProperty("id").GetGuid(), start);
    }
}
