using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Locations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.BrowserTests;

/// <summary>
/// Every page, as a patron, staff and an admin would see it, at a desk's and a phone's width in light mode and at the
/// desk's in dark mode: axe-core finds nothing (colour contrast included, in both schemes), nothing is wider than the phone, and
/// (with MAKERSPACE_SCREENSHOTS=1) a screenshot of each lands in <c>artifacts/screenshots/tour</c> to be looked at. A host
/// of its own, with a branch and resources named as a library would name them.
/// </summary>
public sealed class SiteTourTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task EveryPage_EachRole_DeskAndPhone_LightAndDark_AccessibleAndFits()
    {
        var world = await TourWorld.CreateAsync(host);
        var failures = new List<string>();
        foreach (var (role, email, pages) in world.Visits)
        {
            // 94 page loads, each scanned: axe-core comes with every load rather than being sent into each page.
            var page = await host.NewPageAsync(scanEveryPage: true);
            if (email is not null)
            {
                await new SignInPage(page).SignInAsync(email, MakerspaceHost.Password);
            }

            foreach (var width in new[] { 1280, 360 })
            {
                await page.SetViewportSizeAsync(width, width == 360 ? 740 : 900);
                foreach (var (name, path) in pages)
                {
                    await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
                    var loaded = await TryAsync($"{role} {name} ({path}) at {width} px", () => page.GotoAsync(path));
                    // Dark mode changes colours, not layout: its contrast is checked once, at the desk's width, on the
                    // same load (the browser applies the scheme to the page as it stands).
                    foreach (var scheme in !loaded ? [] : width == 360 ? [ColorScheme.Light] : new[] { ColorScheme.Light, ColorScheme.Dark })
                    {
                        var where = $"{role} {name} ({path}) at {width} px, {scheme}";
                        await page.EmulateMediaAsync(new() { ColorScheme = scheme });
                        await TryAsync(where, async () =>
                        {
                            await page.ShouldBeAccessibleAsync();
                            var wide = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                            if (wide > width)
                            {
                                failures.Add($"{where}: {wide} px wide");
                            }

                            await page.SaveScreenshotAsync($"tour/{role}-{name}-{width}-{scheme.ToString().ToLowerInvariant()}");
                        });
                    }
                }
            }

            await page.Context.CloseAsync();
        }

        async Task<bool> TryAsync(string where, Func<Task> check)
        {
            try
            {
                await check();
                return true;
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException or PlaywrightException or TimeoutException)
            {
                failures.Add($"{where}: {e.Message}");
                return false;
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A branch open Monday to Saturday (so Sunday is a closed day), its resources, sessions and people.</summary>
    private sealed record TourWorld(IReadOnlyList<(string Role, string? Email, IReadOnlyList<(string Name, string Path)> Pages)> Visits)
    {
        public static async Task<TourWorld> CreateAsync(BrowserHost host)
        {
            var branch = await host.BranchAsync(Zone, opens: 7, configure: l =>
            {
                l.Rename("Riverside Branch Library", "12 River Street");
                l.SetOpeningHours(Enum.GetValues<DayOfWeek>().Where(d => d != DayOfWeek.Sunday)
                    .Select(d => new OpeningInterval(d, new TimeOnly(7, 0), new TimeOnly(d == DayOfWeek.Saturday ? 17 : 20, 0))));
                l.AddClosure(new DateTime(2026, 2, 16), new DateTime(2026, 2, 17), "Presidents' Day");
            });
            var room = await NamedAsync(host, branch.Id, KnownKinds.Room, "Study room A", "Seats six, with a whiteboard and a screen.");
            var printer = await NamedAsync(host, branch.Id, KnownKinds.Printer3D, "Prusa MK4 #1", "PLA and PETG, 25 × 21 × 22 cm build volume.");
            var laptop = await NamedAsync(host, branch.Id, KnownKinds.Laptop, "Laptop 1", "14-inch laptop with office and design software.");
            var admin = await host.SignInNewAsync(Roles.Admin, "alex.admin@example.test");
            var staff = await host.SignInNewAsync(Roles.Staff, "sam.staff@example.test");
            var patron = await host.SignInNewAsync(email: "ada.lovelace@example.test");
            var other = await host.SignInNewAsync(email: "grace.hopper@example.test");
            await host.InScopeAsync(async db =>
            {
                foreach (var (id, name) in new[] { (admin.UserId, "Alex Admin"), (staff.UserId, "Sam Staff"), (patron.UserId, "Ada Lovelace"), (other.UserId, "Grace Hopper") })
                {
                    (await db.Users.FindAsync(id))!.DisplayName = name;
                }

                return await db.SaveChangesAsync();
            });

            var safety = await admin.Http.CertificationAsync("3D printer basics", 24);
            await host.RequireAsync(printer.Id, safety);
            var training = (await staff.Http.TrainingAsync(room.Id, safety, Local(Zone, "2026-01-14T18:00"), title: "3D printer basics")).GetProperty("id").GetGuid();
            await (await staff.Http.ScheduleAsync(new
            {
                kind = "workshop",
                title = "Build a website for your small business",
                roomId = room.Id,
                start = Local(Zone, "2026-01-15T18:00"),
                end = Local(Zone, "2026-01-15T20:00"),
                capacity = 12,
            })).JsonAsync();
            await (await patron.Http.PostAsync($"/api/v1/sessions/{training}/registrations", null)).JsonAsync();

            // Ada: a room today (check-in not yet open), a laptop tomorrow, a cancelled room booking for tomorrow,
            // and a place in line behind Grace.
            var today = Local(Zone, "2026-01-12T08:00");
            await (await patron.Http.BookAsync(room.Id, today, today.AddHours(1))).JsonAsync();
            await (await patron.Http.BookAsync(laptop.Id, today.AddDays(1), today.AddDays(1).AddHours(3))).JsonAsync();
            var cancelled = (await (await patron.Http.BookAsync(room.Id, today.AddDays(1).AddHours(2), today.AddDays(1).AddHours(3))).JsonAsync()).GetProperty("id").GetGuid();
            (await patron.Http.PostAsJsonAsync($"/api/v1/reservations/{cancelled}/cancel", new { })).EnsureSuccessStatusCode();
            var taken = today.AddDays(2).AddHours(2);
            await (await other.Http.BookAsync(room.Id, taken, taken.AddHours(1))).JsonAsync();
            await (await patron.Http.PostAsJsonAsync("/api/v1/waitlist", new { resourceId = room.Id, start = taken, end = taken.AddHours(1) })).JsonAsync();
            var upcoming = (await (await patron.Http.BookAsync(room.Id, today.AddDays(3), today.AddDays(3).AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
            await (await other.Http.BookAsync(laptop.Id, Local(Zone, "2026-01-12T07:00"), Local(Zone, "2026-01-12T10:00"))).JsonAsync();
            await (await staff.Http.PostAsJsonAsync($"/api/v1/resources/{printer.Id}/maintenance",
                new { start = Local(Zone, "2026-01-16T09:00"), end = Local(Zone, "2026-01-16T12:00"), reason = "Nozzle replacement" })).JsonAsync();

            (string, string)[] everyone =
            [
                ("home", "/"), ("sessions", "/sessions"), ("session", $"/sessions/{training}"),
                ("resource-week", $"/resources/{room.Id}?week=2026-01-12"), ("resource-day", $"/resources/{room.Id}?day=2026-01-14"),
                ("not-found", "/no-such-page"),
            ];
            return new TourWorld(
            [
                ("anonymous", null, [.. everyone, ("sign-in", "/account/sign-in"), ("register", "/account/register"), ("forgot-password", "/account/forgot-password"), ("door-display", $"/display/{branch.Id}")]),
                ("patron", patron.Email,
                [
                    .. everyone, ("my-reservations", "/reservations/mine"), ("cancel-confirm", $"/reservations/{upcoming}/cancel"),
                    ("reserve", $"/reservations/new?resourceId={room.Id}&start=2026-01-16T10:00"),
                    ("waitlist-join", $"/waitlist/new?resourceId={room.Id}&start=2026-01-14T10:00"),
                    ("my-certifications", "/certifications/mine"), ("my-data", "/account/my-data"), ("check-in", $"/resources/{room.Id}/check-in"), ("desk-forbidden", "/desk"),
                ]),
                ("staff", staff.Email,
                [
                    ("desk", $"/desk?locationId={branch.Id}&date=2026-01-12"), ("desk-closed", $"/desk?locationId={branch.Id}&date=2026-01-18"),
                    ("patrons", "/desk/patrons?q=a"), ("patron", $"/desk/patrons/{patron.UserId}"), ("maintenance", $"/desk/maintenance?locationId={branch.Id}"),
                    ("desk-sessions", $"/desk/sessions?locationId={branch.Id}"), ("attendance", $"/desk/sessions/{training}"),
                    ("sign", $"/resources/{printer.Id}/sign"), ("resource", $"/resources/{printer.Id}"), ("admin-forbidden", "/admin"),
                    ("kiosk", $"/kiosk/{branch.Id}"),
                ]),
                ("admin", admin.Email,
                [
                    ("admin", "/admin"), ("locations", "/admin/locations"), ("location", $"/admin/locations/{branch.Id}"), ("resources", "/admin/resources"),
                    ("resource", $"/admin/resources/{printer.Id}"), ("resource-photo", $"/admin/resources/{printer.Id}/photo"), ("new-resource", "/admin/resources/new"), ("kinds", "/admin/kinds"),
                    ("kind", "/admin/kinds/room"), ("certifications", "/admin/certifications"), ("certification", $"/admin/certifications/{safety}"),
                    ("users", "/admin/users?email=example"),
                ]),
            ]);
        }

        private static async Task<Resource> NamedAsync(BrowserHost host, Guid branchId, string kind, string name, string description)
        {
            var resource = await host.ResourceAsync(branchId, kind);
            await host.InScopeAsync(async db =>
            {
                (await db.Resources.FindAsync(resource.Id))!.Describe(name, description, 1);
                return await db.SaveChangesAsync();
            });
            return resource;
        }
    }
}
