using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Reservations;

/// <summary>Every refusal of SPEC.md's table through HTTP: its status and code, and nothing written.</summary>
public sealed class BookingRulesHttpTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Book_FreeSlot_201WithLocalOffsetsAndListedInMine()
    {
        var (resource, patron) = await SetupAsync(KnownKinds.Printer3D);
        var start = Local(Zone, "2026-01-13T10:00");
        var created = await (await patron.Http.BookAsync(resource.Id, start, start.AddHours(2))).JsonAsync();

        Assert.Equal("confirmed", created.GetProperty("status").GetString());
        Assert.Equal("2026-01-13T10:00:00-05:00", created.GetProperty("start").GetString());
        var mine = await patron.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/reservations/mine");
        Assert.Contains(mine.EnumerateArray(), r => r.GetProperty("id").GetGuid() == created.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Book_InsideAnotherBookingsBuffer_409SlotTaken()
    {
        var (cutter, first) = await SetupAsync(KnownKinds.LaserCutter); // 15-minute cool-down
        var second = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-13T10:00");
        await (await first.Http.BookAsync(cutter.Id, start, start.AddHours(1))).JsonAsync();

        var inBuffer = await second.Http.BookAsync(cutter.Id, start.AddHours(1), start.AddMinutes(90));
        var problem = await inBuffer.ShouldBeProblemAsync(HttpStatusCode.Conflict, "slot-taken");
        Assert.Contains("kept free", problem.GetProperty("detail").GetString());

        var afterBuffer = await second.Http.BookAsync(cutter.Id, start.AddMinutes(75), start.AddMinutes(105));
        Assert.Equal(HttpStatusCode.Created, afterBuffer.StatusCode);
    }

    [Theory]
    [InlineData("2026-01-13T07:00", 60, "outside-opening-hours")] // opens at 8
    [InlineData("2026-01-13T19:30", 60, "outside-opening-hours")] // runs past 20:00
    [InlineData("2026-01-13T10:00", 15, "duration")]              // shorter than 30 minutes
    [InlineData("2026-01-13T10:00", 600, "duration")]             // longer than 8 hours
    [InlineData("2026-01-13T10:10", 60, "duration")]              // not on a 30-minute step
    [InlineData("2026-01-12T07:00", 60, "lead-time")]             // starts now, 30 minutes ahead needed
    [InlineData("2026-01-12T06:00", 60, "lead-time")]             // already past
    [InlineData("2026-02-20T10:00", 60, "advance-window")]        // more than 14 days ahead
    public async Task Book_BreaksPolicy_422WithCodeAndNothingWritten(string localStart, int minutes, string code)
    {
        var (printer, patron) = await SetupAsync(KnownKinds.Printer3D);
        var start = Local(Zone, localStart);
        var response = await patron.Http.BookAsync(printer.Id, start, start.AddMinutes(minutes));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, code);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(0, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == printer.Id)));
    }

    [Fact]
    public async Task Book_OnClosureDay_422Closed()
    {
        var branch = await host.BranchAsync(Zone, configure: l => l.AddClosure(new DateTime(2026, 1, 15), new DateTime(2026, 1, 16), "Staff training day"));
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-15T10:00");

        var problem = await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "closed");
        Assert.Contains("Staff training day", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Book_OutOfService_422OutOfService()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        await host.InScopeAsync(async db =>
        {
            (await db.Resources.FirstAsync(r => r.Id == printer.Id)).TakeOutOfService("Nozzle replaced");
            return await db.SaveChangesAsync();
        });
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-13T10:00");

        var problem = await (await patron.Http.BookAsync(printer.Id, start, start.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "out-of-service");
        Assert.Contains("Nozzle replaced", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Book_DuringMaintenance_422Maintenance()
    {
        var (printer, patron) = await SetupAsync(KnownKinds.Printer3D);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var start = Local(Zone, "2026-01-13T10:00");
        var block = await staff.Http.PostAsJsonAsync($"/api/v1/resources/{printer.Id}/maintenance", new { start, end = start.AddHours(3), reason = "Belt tension" });
        Assert.Equal(HttpStatusCode.Created, block.StatusCode);

        await (await patron.Http.BookAsync(printer.Id, start.AddHours(1), start.AddHours(2))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "maintenance");
    }

    [Fact]
    public async Task Book_StaffOnBehalf_PassesLeadTimeAndIsAudited()
    {
        var branch = await host.BranchAsync(Zone, opens: 6);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var patron = await host.SignInNewAsync();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var tooSoon = Local(Zone, "2026-01-12T07:00"); // starts now: a walk-in

        var patronTry = await patron.Http.BookAsync(printer.Id, tooSoon, tooSoon.AddHours(1));
        await patronTry.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "lead-time");

        var onBehalf = await (await staff.Http.BookAsync(printer.Id, tooSoon, tooSoon.AddHours(1), patron.UserId)).JsonAsync();
        Assert.True(onBehalf.GetProperty("createdOnBehalf").GetBoolean());
        Assert.Equal(patron.UserId, onBehalf.GetProperty("patronId").GetGuid());
        var audit = await host.InScopeAsync(db => db.AuditLog.SingleAsync(a => a.Subject == $"reservation:{onBehalf.GetProperty("id").GetGuid()}"));
        Assert.Equal("reservation.override", audit.Action);
        Assert.Equal(staff.UserId, audit.ActorId);
        Assert.Contains("lead-time", audit.Details);
    }

    [Fact]
    public async Task Book_StaffOnBehalf_StillCannotOverlap()
    {
        var (printer, patron) = await SetupAsync(KnownKinds.Printer3D);
        var other = await host.SignInNewAsync();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var start = Local(Zone, "2026-01-13T10:00");
        await (await other.Http.BookAsync(printer.Id, start, start.AddHours(1))).JsonAsync();

        await (await staff.Http.BookAsync(printer.Id, start, start.AddHours(1), patron.UserId)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "slot-taken");
    }

    [Fact]
    public async Task Book_PatronForSomeoneElse_403Forbidden()
    {
        var (printer, patron) = await SetupAsync(KnownKinds.Printer3D);
        var other = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-13T10:00");

        await (await patron.Http.BookAsync(printer.Id, start, start.AddHours(1), other.UserId)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(0, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == printer.Id)));
    }

    [Fact]
    public async Task Book_RequiresApproval_PendingUntilStaffApprove()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room, new PolicyOverride { RequiresApproval = true });
        var patron = await host.SignInNewAsync();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var start = Local(Zone, "2026-01-13T10:00");

        var pending = await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        var id = pending.GetProperty("id").GetGuid();

        await (await patron.Http.PostAsync($"/api/v1/reservations/{id}/approve", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var approved = await (await staff.Http.PostAsync($"/api/v1/reservations/{id}/approve", null)).JsonAsync();
        Assert.Equal("confirmed", approved.GetProperty("status").GetString());
        var notice = await host.InScopeAsync(db => db.Notifications.SingleAsync(n => n.ReservationId == id));
        Assert.Equal(patron.UserId, notice.RecipientId);
    }

    private async Task<(Resource Resource, SignedInClient Patron)> SetupAsync(string kind)
    {
        var branch = await host.BranchAsync(Zone);
        return (await host.ResourceAsync(branch.Id, kind), await host.SignInNewAsync());
    }
}
