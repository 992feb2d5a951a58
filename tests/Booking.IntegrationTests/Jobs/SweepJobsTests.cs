using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.Domain.Notifications;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Reservations.WaitlistTests;

namespace Booking.IntegrationTests.Jobs;

/// <summary>
/// A host with the real Quartz scheduler on (in-memory store on SQLite, the clustered store on PostgreSQL).
/// The sweeps' own triggers are paused, so the tests decide when a sweep runs: they fire it through the scheduler.
/// </summary>
public class QuartzHost : JobsHost
{
    private SweepRuns? _runs;

    public SweepRuns Runs => _runs ?? throw new InvalidOperationException("The host is not started.");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Jobs:Scheduler:Enabled"] = "true",
        ["Jobs:SweepInterval"] = "24h",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Runs.TakeOverAsync(Services);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => _runs = SweepRuns.Register(services));
    }
}

/// <summary>The overdue-laptop and waiting-list-lapse sweeps as Quartz runs them (the jobs in SweepJobs).</summary>
public sealed class SweepJobsTests(QuartzHost host) : IClassFixture<QuartzHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task OverdueJob_RepeatedAndBesideAnotherNode_PatronAndStaffToldOnceThenDaily_NotAfterReturn()
    {
        var branch = await host.BranchAsync(Zone);
        var laptop = await host.ResourceAsync(branch.Id, KnownKinds.Laptop);
        var patron = await host.SignInNewAsync();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var start = host.Clock.DaysAhead(Zone, 1, 9);
        var end = start.AddHours(2);
        var id = (await (await patron.Http.BookAsync(laptop.Id, start, end)).JsonAsync()).GetProperty("id").GetGuid();

        host.Clock.MoveTo(start.AddMinutes(-10));
        var handedOver = await host.SignInAsync(staff.Email, MakerspaceHost.Password); // the hand-over is at the desk
        await (await handedOver.PostAsync($"/api/v1/reservations/{id}/check-in", null)).JsonAsync();

        // Before the end: not overdue, nothing said.
        host.Clock.MoveTo(end.AddMinutes(-1));
        await host.Runs.RunNowAsync("overdue-laptops");
        Assert.Equal((0, 0), await ToldAsync(id, staff.UserId));

        // Overdue: told once, however often the sweep runs, and with a second node sweeping at the same time.
        host.Clock.MoveTo(end.AddMinutes(1));
        await Task.WhenAll(host.Runs.RunNowAsync("overdue-laptops"), host.SweepAsync<OverdueSweep>());
        await host.Runs.RunNowAsync("overdue-laptops");
        host.Clock.Advance(TimeSpan.FromHours(3));
        await host.Runs.RunNowAsync("overdue-laptops");
        Assert.Equal((1, 1), await ToldAsync(id, staff.UserId));

        // A day later: told again, once.
        host.Clock.MoveTo(end.AddDays(1).AddMinutes(1));
        await host.Runs.RunNowAsync("overdue-laptops");
        await Task.WhenAll(host.Runs.RunNowAsync("overdue-laptops"), host.SweepAsync<OverdueSweep>());
        Assert.Equal((2, 2), await ToldAsync(id, staff.UserId));

        Assert.Empty(await host.DeliverAllAsync());
        var patronMails = host.Smtp.To(patron.Email).Where(m => (m.Subject ?? "").StartsWith("Please return", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, patronMails.Count);
        Assert.Contains(patronMails, m => (m.TextBody ?? "").Contains("is due back now", StringComparison.Ordinal));
        Assert.Contains(patronMails, m => (m.TextBody ?? "").Contains("is 1 day overdue", StringComparison.Ordinal));
        Assert.Equal(2, host.Smtp.To(staff.Email).Count(m => (m.Subject ?? "").StartsWith("Overdue:", StringComparison.Ordinal)));

        // Returned: no more reminders on the following days.
        var desk = await host.SignInAsync(staff.Email, MakerspaceHost.Password);
        await (await desk.PostAsync($"/api/v1/reservations/{id}/complete", null)).JsonAsync();
        host.Clock.MoveTo(end.AddDays(2).AddMinutes(1));
        await host.Runs.RunNowAsync("overdue-laptops");
        Assert.Equal((2, 2), await ToldAsync(id, staff.UserId));
    }

    [Fact]
    public async Task WaitlistLapseJob_RepeatedAndConcurrent_OfferPassesToTheNextOnce()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var holder = await host.SignInNewAsync();
        var first = await host.SignInNewAsync();
        var second = await host.SignInNewAsync();
        var third = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 4, 10);
        var held = (await (await holder.Http.BookAsync(printer.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        foreach (var patron in new[] { first, second, third })
        {
            await (await patron.Http.PostAsJsonAsync("/api/v1/waitlist", new { resourceId = printer.Id, start, end = start.AddHours(1) })).JsonAsync();
        }

        await (await holder.Http.PostAsync($"/api/v1/reservations/{held}/cancel", null)).JsonAsync();
        var offer = (await OfferOfAsync(first)).GetProperty("id").GetGuid();

        // Not yet lapsed: the sweep leaves the offer with the first in line.
        await host.Runs.RunNowAsync("waitlist-lapses");
        Assert.Equal([first.UserId], await OfferedToAsync(printer.Id));

        // Lapsed: Quartz's run and two other nodes' sweeps at once, then again: the second is offered it once.
        host.Clock.Advance(TimeSpan.FromMinutes(31));
        await Task.WhenAll(host.Runs.RunNowAsync("waitlist-lapses"), host.SweepAsync<WaitlistLapseSweep>(), host.SweepAsync<WaitlistLapseSweep>());
        await host.Runs.RunNowAsync("waitlist-lapses");
        await host.Runs.RunNowAsync("waitlist-lapses");

        Assert.Equal([second.UserId], await OfferedToAsync(printer.Id));
        var firstAgain = await host.SignInAsync(first.Email, MakerspaceHost.Password);
        var lapsed = await firstAgain.GetFromJsonAsync<JsonElement>($"/api/v1/reservations/{offer}");
        Assert.Equal("cancelled", lapsed.GetProperty("status").GetString());
        var offers = await host.InScopeAsync(db => db.Notifications.Where(n => n.Kind == NotificationKinds.WaitlistOffer).Select(n => n.RecipientId).ToListAsync());
        Assert.Equal(1, offers.Count(r => r == first.UserId));
        Assert.Equal(1, offers.Count(r => r == second.UserId));
        Assert.Equal(0, offers.Count(r => r == third.UserId));
    }

    /// <summary>(patron notices, this staff member's notices) about an overdue laptop.</summary>
    private Task<(int Patron, int Staff)> ToldAsync(Guid reservationId, Guid staffId) =>
        host.InScopeAsync(async db =>
        {
            var kinds = await db.Notifications.Where(n => n.ReservationId == reservationId)
                .Select(n => new { n.Kind, n.RecipientId }).ToListAsync();
            return (kinds.Count(k => k.Kind == NotificationKinds.Overdue), kinds.Count(k => k.Kind == NotificationKinds.OverdueForStaff && k.RecipientId == staffId));
        });

    /// <summary>Who holds a pending waiting-list offer for the printer now.</summary>
    private Task<List<Guid>> OfferedToAsync(Guid resourceId) =>
        host.InScopeAsync(db => db.Reservations.Where(r => r.ResourceId == resourceId && r.OfferExpiresAtUtc != null && r.Status == Booking.Domain.Reservations.ReservationStatus.Pending)
            .Select(r => r.PatronId).ToListAsync());
}
