using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Notifications;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Privacy;

/// <summary>Privacy by default: retention anonymises what is old, a patron takes their data or closes their account.</summary>
public sealed class PrivacyTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    [Fact]
    public async Task Retention_anonymises_what_ended_over_90_days_ago_keeps_the_rest_and_the_figures()
    {
        var patron = await host.SignInNewAsync();
        var waiting = await host.SignInNewAsync();
        var branch = await host.BranchAsync();
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var day = host.Clock.GetUtcNow().UtcDateTime.Date.AddDays(20);
        var old = await BookAsync(patron, room.Id, day.AddHours(15), "Bring the big screen, call me on 555-0101");
        var recent = await BookAsync(patron, room.Id, day.AddDays(1).AddHours(15), "Second visit");
        (await waiting.Http.PostAsJsonAsync("/api/v1/waitlist", new { resourceId = room.Id, start = new DateTimeOffset(day.AddHours(15)), end = new DateTimeOffset(day.AddHours(16)) })).EnsureSuccessStatusCode();
        var note = await host.InScopeAsync(async db =>
        {
            var n = new Notification(patron.UserId, NotificationKinds.ReservationConfirmed, "Booked", "Your reservation is confirmed.", old, host.Clock.GetUtcNow().UtcDateTime);
            db.Notifications.Add(n);
            await db.SaveChangesAsync();
            return n.Id;
        });
        var figuresBefore = await FiguresAsync(room.Id);

        // The old visit ended 90 days and an hour ago; the recent one a day less than 90 days ago.
        host.Clock.SetUtcNow(new DateTimeOffset(day.AddHours(16).AddDays(90).AddHours(1)));
        Assert.True(await SweepAsync() >= 3);
        Assert.Equal(0, await SweepAsync());

        var (oldRow, recentRow) = await host.InScopeAsync(async db => (
            await db.Reservations.AsNoTracking().SingleAsync(r => r.Id == old),
            await db.Reservations.AsNoTracking().SingleAsync(r => r.Id == recent)));
        Assert.NotEqual(patron.UserId, oldRow.PatronId);
        Assert.NotEqual(patron.UserId, oldRow.CreatedById);
        Assert.Null(oldRow.Notes);
        Assert.Equal(ReservationStatus.Confirmed, oldRow.Status);
        Assert.Equal(patron.UserId, recentRow.PatronId);
        Assert.Equal("Second visit", recentRow.Notes);
        Assert.Equal(Booking.Data.Identity.AnonymisedPatron.Id, oldRow.PatronId);
        Assert.False(await host.InScopeAsync(db => db.WaitlistEntries.AnyAsync(w => w.PatronId == waiting.UserId)));
        Assert.False(await host.InScopeAsync(db => db.Notifications.AnyAsync(n => n.Id == note)));

        // Reports count rooms, times and statuses, never people: the same figures after as before.
        Assert.Equal(figuresBefore, await FiguresAsync(room.Id));
        // Signed in again: the first token expired with the months the clock moved.
        using var again = await host.SignInAsync(patron.Email, MakerspaceHost.Password);
        var mine = await again.GetFromJsonAsync<List<ReservationItem>>("/api/v1/reservations/mine?when=all");
        Assert.Equal([recent], mine!.Select(r => r.Id));
    }

    [Fact]
    public async Task A_patron_downloads_their_data_and_only_theirs()
    {
        var patron = await host.SignInNewAsync();
        var other = await host.SignInNewAsync();
        var branch = await host.BranchAsync();
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        await BookAsync(patron, room.Id, host.Clock.GetUtcNow().UtcDateTime.Date.AddDays(3).AddHours(15), "Laser files on a USB stick");

        using var response = await patron.Http.GetAsync("/api/v1/account/data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("attachment;", response.Content.Headers.ContentDisposition?.ToString() ?? response.Headers.GetValues("Content-Disposition").First(), StringComparison.Ordinal);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(patron.Email, body, StringComparison.Ordinal);
        Assert.Contains("Laser files on a USB stick", body, StringComparison.Ordinal);

        var theirs = await other.Http.GetStringAsync("/api/v1/account/data");
        Assert.DoesNotContain("Laser files", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain(patron.Email, theirs, StringComparison.Ordinal);
        using var stranger = await host.CreateClient().GetAsync("/api/v1/account/data");
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
    }

    [Fact]
    public async Task Closing_an_account_cancels_what_is_upcoming_frees_the_slot_and_removes_the_person()
    {
        var patron = await host.SignInNewAsync();
        var next = await host.SignInNewAsync();
        var branch = await host.BranchAsync();
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = host.Clock.GetUtcNow().UtcDateTime.Date.AddDays(5).AddHours(15);
        var id = await BookAsync(patron, room.Id, start, "Knitting club");

        // A wrong password changes nothing.
        using (var wrong = await patron.Http.PostAsJsonAsync("/api/v1/account/close", new { password = "not-it" }))
        {
            await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        }

        Assert.True(await host.InScopeAsync(db => db.Users.AnyAsync(u => u.Id == patron.UserId)));
        Assert.True(await host.InScopeAsync(db => db.Reservations.AnyAsync(r => r.Id == id && r.Status == ReservationStatus.Confirmed)));

        using (var closed = await patron.Http.PostAsJsonAsync("/api/v1/account/close", new { password = MakerspaceHost.Password }))
        {
            Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        }

        var row = await host.InScopeAsync(db => db.Reservations.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(ReservationStatus.Cancelled, row.Status);
        Assert.NotEqual(patron.UserId, row.PatronId);
        Assert.Null(row.Notes);
        Assert.False(await host.InScopeAsync(db => db.Users.AnyAsync(u => u.Id == patron.UserId)));
        Assert.False(await host.InScopeAsync(db => db.Notifications.AnyAsync(n => n.RecipientId == patron.UserId)));
        using (var signIn = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = patron.Email, password = MakerspaceHost.Password }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        }

        // The token issued before is worth nothing now: it names an account that no longer exists.
        using (var after = await patron.Http.GetAsync("/api/v1/reservations/mine"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }

        // The slot is free for the next patron.
        using var booked = await next.Http.BookAsync(room.Id, new DateTimeOffset(start), new DateTimeOffset(start.AddHours(1)));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
    }

    [Fact]
    public async Task Staff_cannot_close_their_own_account_and_strangers_cannot_close_any()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        using var refused = await staff.Http.PostAsJsonAsync("/api/v1/account/close", new { password = MakerspaceHost.Password });
        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.True(await host.InScopeAsync(db => db.Users.AnyAsync(u => u.Id == staff.UserId)));

        using var stranger = await host.CreateClient().PostAsJsonAsync("/api/v1/account/close", new { password = MakerspaceHost.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
    }

    [Fact]
    public async Task The_privacy_page_explains_offers_the_download_and_closes_an_account()
    {
        var patron = await host.SignInNewAsync();
        var page = new PageSession(host);
        await page.SignInAsync(patron.Email, MakerspaceHost.Password);
        var html = await page.GetAsync("/account/my-data");
        Assert.Contains("90 days", html, StringComparison.Ordinal);
        Assert.Contains("Download my data", html, StringComparison.Ordinal);

        var (_, notClosed, _) = await page.SubmitAsync("/account/my-data", "/account/my-data?handler=Close",
            new Dictionary<string, string> { ["Password"] = MakerspaceHost.Password });
        Assert.Contains("Tick the box", notClosed, StringComparison.Ordinal);
        Assert.True(await host.InScopeAsync(db => db.Users.AnyAsync(u => u.Id == patron.UserId)));

        var (status, closed, _) = await page.SubmitAsync("/account/my-data", "/account/my-data?handler=Close",
            new Dictionary<string, string> { ["Password"] = MakerspaceHost.Password, ["Understood"] = "true" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Your account is closed", closed, StringComparison.Ordinal);
        Assert.False(await host.InScopeAsync(db => db.Users.AnyAsync(u => u.Id == patron.UserId)));
    }

    private sealed record ReservationItem(Guid Id);

    private async Task<Guid> BookAsync(SignedInClient patron, Guid resourceId, DateTime startUtc, string notes)
    {
        using var response = await patron.Http.PostAsJsonAsync("/api/v1/reservations", new
        {
            resourceId,
            start = new DateTimeOffset(startUtc),
            end = new DateTimeOffset(startUtc.AddHours(1)),
            notes,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    private async Task<int> SweepAsync()
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PrivacySweep>().RunAsync(default);
    }

    private Task<string> FiguresAsync(Guid resourceId) =>
        host.InScopeAsync(async db => string.Join(";", (await db.Reservations.AsNoTracking().Where(r => r.ResourceId == resourceId)
            .Select(r => new { r.Status, r.KindCode, r.StartsAtUtc, r.EndsAtUtc }).ToListAsync())
            .OrderBy(r => r.StartsAtUtc).Select(r => $"{r.KindCode} {r.Status} {r.StartsAtUtc:O}-{r.EndsAtUtc:O}")));
}
