using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.Domain.Notifications;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Jobs;

/// <summary>No-show release: once, only after start + grace, never when checked in or cancelled; strikes suspend.</summary>
public sealed class NoShowTests(JobsHost host) : IClassFixture<JobsHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Sweep_AfterGrace_ReleasesOnceLeavesCheckedInAndCancelled_SlotBookableAtOnce()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room, new PolicyOverride { BufferAfterMinutes = 0 });
        var otherRoom = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var thirdRoom = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = host.Clock.DaysAhead(Zone, 2, 10);
        var absent = await host.SignInNewAsync();
        var present = await host.SignInNewAsync();
        var cancelling = await host.SignInNewAsync();
        var absentId = await BookAsync(absent, room.Id, start, start.AddHours(2));
        var presentId = await BookAsync(present, otherRoom.Id, start, start.AddHours(2));
        var cancelledId = await BookAsync(cancelling, thirdRoom.Id, start, start.AddHours(2));
        await (await cancelling.Http.PostAsync($"/api/v1/reservations/{cancelledId}/cancel", null)).JsonAsync();

        host.Clock.MoveTo(start.AddMinutes(-10));
        var presentNow = await host.SignInAsync(present.Email, MakerspaceHost.Password);
        await (await presentNow.PostAsync($"/api/v1/reservations/{presentId}/check-in", null)).JsonAsync();

        host.Clock.MoveTo(start.AddMinutes(14)); // grace for rooms is 15 minutes
        await host.SweepAsync<NoShowSweep>();
        Assert.Equal("confirmed", await StatusAsync(absentId));

        host.Clock.MoveTo(start.AddMinutes(15));
        var released = await Task.WhenAll(host.SweepAsync<NoShowSweep>(), host.SweepAsync<NoShowSweep>());
        Assert.Equal(0, await host.SweepAsync<NoShowSweep>());
        Assert.Equal(1, released.Sum());
        Assert.Equal("no-show", await StatusAsync(absentId));
        Assert.Equal("checked-in", await StatusAsync(presentId));
        Assert.Equal("cancelled", await StatusAsync(cancelledId));
        Assert.Equal(1, await host.InScopeAsync(db => db.Notifications.CountAsync(n => n.ReservationId == absentId && n.Kind == NotificationKinds.NoShow)));

        // The freed time can be booked straight away by someone else.
        var next = await host.SignInNewAsync();
        var response = await next.Http.BookAsync(room.Id, start.AddMinutes(30), start.AddHours(2));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        Assert.Empty(await host.DeliverAllAsync());
        var mail = Assert.Single(host.Smtp.To(absent.Email), m => (m.Subject ?? "").Contains("released", StringComparison.Ordinal));
        Assert.Contains("METHOD:CANCEL", string.Join("", mail.Attachments.Select(a => a.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreeNoShows_SuspendsThatKind_StaffLiftsIt()
    {
        var branch = await host.BranchAsync(Zone);
        var patron = await host.SignInNewAsync();
        var day = host.Clock.DaysAhead(Zone, 2, 9);
        foreach (var hour in new[] { 0, 2, 4 })
        {
            var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
            await BookAsync(patron, room.Id, day.AddHours(hour), day.AddHours(hour + 1));
        }

        host.Clock.MoveTo(day.AddHours(4).AddMinutes(20));
        Assert.Equal(3, await host.SweepAsync<NoShowSweep>());

        var again = await host.SignInAsync(patron.Email, MakerspaceHost.Password);
        var spare = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var tomorrow = host.Clock.DaysAhead(Zone, 1, 10);
        var refused = await (await again.BookAsync(spare.Id, tomorrow, tomorrow.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "suspended");
        var detail = refused.GetProperty("detail").GetString()!;
        Assert.Contains("Room", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("until", detail, StringComparison.Ordinal);
        // Other kinds are not affected.
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        Assert.Equal(HttpStatusCode.Created, (await again.BookAsync(printer.Id, tomorrow, tomorrow.AddHours(1))).StatusCode);
        Assert.Equal(1, await host.InScopeAsync(db => db.Notifications.CountAsync(n => n.RecipientId == patron.UserId && n.Kind == NotificationKinds.Suspended)));

        var staff = await host.SignInNewAsync(Roles.Staff);
        var list = await staff.Http.GetFromJsonAsync<JsonElement>($"/api/v1/patrons/{patron.UserId}/suspensions");
        var suspension = Assert.Single(list.EnumerateArray());
        Assert.True(suspension.GetProperty("inForce").GetBoolean());
        await (await again.PostAsync($"/api/v1/suspensions/{suspension.GetProperty("id").GetGuid()}/lift", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await staff.Http.PostAsync($"/api/v1/suspensions/{suspension.GetProperty("id").GetGuid()}/lift", null)).JsonAsync();
        Assert.Equal(HttpStatusCode.Created, (await again.BookAsync(spare.Id, tomorrow, tomorrow.AddHours(1))).StatusCode);
    }

    [Fact]
    public async Task Strikes_CountOnlyNoShowsSinceTheLastSuspension_AndTwoAreNotEnough()
    {
        var branch = await host.BranchAsync(Zone);
        var patron = await host.SignInNewAsync();
        var twice = await host.SignInNewAsync();
        await MissAsync(branch.Id, [(patron, 3), (twice, 2)]);
        Assert.Equal(1, await SuspensionsAsync(patron.UserId));
        Assert.Equal(0, await SuspensionsAsync(twice.UserId));

        var staff = await host.SignInNewAsync(Roles.Staff);
        var suspension = Assert.Single((await staff.Http.GetFromJsonAsync<JsonElement>($"/api/v1/patrons/{patron.UserId}/suspensions")).EnumerateArray());
        await (await staff.Http.PostAsync($"/api/v1/suspensions/{suspension.GetProperty("id").GetGuid()}/lift", null)).JsonAsync();

        // One more miss each: the patron's three were punished already; the other patron now has three.
        await MissAsync(branch.Id, [(patron, 1), (twice, 1)]);
        Assert.Equal(1, await SuspensionsAsync(patron.UserId));
        Assert.Equal(1, await SuspensionsAsync(twice.UserId));

        await MissAsync(branch.Id, [(patron, 2)]);
        Assert.Equal(2, await SuspensionsAsync(patron.UserId));
        var latest = await host.InScopeAsync(db => db.BookingSuspensions.AsNoTracking()
            .Where(s => s.PatronId == patron.UserId).OrderByDescending(s => s.StartsAtUtc).FirstAsync());
        Assert.StartsWith("3 reservations of", latest.Reason, StringComparison.Ordinal);
    }

    /// <summary>Each patron books that many rooms two days ahead and does not come; the sweep runs once after the last.</summary>
    private async Task MissAsync(Guid branchId, (SignedInClient Patron, int Times)[] misses)
    {
        var day = host.Clock.DaysAhead(Zone, 2, 9);
        var latestEnd = day;
        foreach (var (account, times) in misses)
        {
            // A fresh token: the clock has moved on by days since the last sign-in.
            var patron = account with { Http = await host.SignInAsync(account.Email, MakerspaceHost.Password) };
            for (var i = 0; i < times; i++)
            {
                var room = await host.ResourceAsync(branchId, KnownKinds.Room);
                await BookAsync(patron, room.Id, day.AddHours(2 * i), day.AddHours((2 * i) + 1));
                latestEnd = latestEnd > day.AddHours((2 * i) + 1) ? latestEnd : day.AddHours((2 * i) + 1);
            }
        }

        host.Clock.MoveTo(latestEnd);
        Assert.Equal(misses.Sum(m => m.Times), await host.SweepAsync<NoShowSweep>());
    }

    private Task<int> SuspensionsAsync(Guid patronId) =>
        host.InScopeAsync(db => db.BookingSuspensions.CountAsync(s => s.PatronId == patronId));

    private static async Task<Guid> BookAsync(SignedInClient patron, Guid resourceId, DateTimeOffset start, DateTimeOffset end) =>
        (await (await patron.Http.BookAsync(resourceId, start, end)).JsonAsync()).GetProperty("id").GetGuid();

    private Task<string> StatusAsync(Guid id) =>
        host.InScopeAsync(async db => (await db.Reservations.AsNoTracking().SingleAsync(r => r.Id == id)).Status switch
        {
            var s => Booking.Domain.Reservations.ReservationStatusCodes.ToCode(s),
        });
}
