using Booking.Data.Identity;
using Booking.Domain.Locations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Pages;

/// <summary>The desk board's day: paging between days, a closed day said so, patrons by name; the desk's pages keep the branch.</summary>
public sealed class DeskBoardPagesTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Board_PreviousAndNextDayLinks_KeepTheBranch()
    {
        var branch = await host.BranchAsync(Zone);
        var desk = await DeskAsync();

        var html = await desk.GetAsync($"/desk?locationId={branch.Id}&date=2026-01-14");

        Assert.Contains($"href=\"/desk?locationId={branch.Id}&amp;date=2026-01-13\">Previous day", html);
        Assert.Contains($"href=\"/desk?locationId={branch.Id}&amp;date=2026-01-15\">Next day", html);
        Assert.Contains($"href=\"/desk?locationId={branch.Id}\">Today", html);
    }

    [Fact]
    public async Task Board_DayTheBranchDoesNotOpen_SaysClosedNotNoReservations()
    {
        var branch = await host.BranchAsync(Zone, configure: l => l.SetOpeningHours(
            Enum.GetValues<DayOfWeek>().Where(d => d != DayOfWeek.Sunday).Select(d => new OpeningInterval(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))));
        var desk = await DeskAsync();

        var sunday = await desk.GetAsync($"/desk?locationId={branch.Id}&date=2026-01-18");
        Assert.Contains("Closed</span>", sunday);
        Assert.Contains($"{branch.Name} does not open on Sundays.", sunday);
        Assert.DoesNotContain("No reservations that day.", sunday);

        var monday = await desk.GetAsync($"/desk?locationId={branch.Id}&date=2026-01-19");
        Assert.Contains("No reservations that day.", monday);
        Assert.DoesNotContain("does not open", monday);
    }

    [Fact]
    public async Task Board_DayOfAClosure_SaysClosedWithItsReason()
    {
        var branch = await host.BranchAsync(Zone, configure: l => l.AddClosure(new DateTime(2026, 2, 16), new DateTime(2026, 2, 17), "Presidents' Day"));
        var desk = await DeskAsync();

        var html = System.Net.WebUtility.HtmlDecode(await desk.GetAsync($"/desk?locationId={branch.Id}&date=2026-02-16"));

        Assert.Contains($"{branch.Name} is closed that day: Presidents' Day.", html);
        Assert.DoesNotContain("No reservations that day.", html);
    }

    [Fact]
    public async Task Board_ShowsPatronsByNameLinkingToTheirPage_NotTheirEmail()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-13T10:00");
        await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        var desk = await DeskAsync();

        var html = await desk.GetAsync($"/desk?locationId={branch.Id}&date=2026-01-13");

        Assert.Contains($"<a href=\"/desk/patrons/{patron.UserId}\">{patron.Email.Split('@')[0]}</a>", html);
        Assert.DoesNotContain(patron.Email, html);
    }

    [Theory]
    [InlineData("/desk/maintenance")]
    [InlineData("/desk/sessions")]
    [InlineData("/desk")]
    public async Task DeskNav_OnABranchsPage_EveryBranchPageLinkKeepsThatBranch(string page)
    {
        var branch = await host.BranchAsync(Zone);
        var desk = await DeskAsync();

        var html = await desk.GetAsync($"{page}?locationId={branch.Id}");

        Assert.Contains($"href=\"/desk?locationId={branch.Id}\"", html);
        Assert.Contains($"href=\"/desk/maintenance?locationId={branch.Id}\"", html);
        Assert.Contains($"href=\"/desk/sessions?locationId={branch.Id}\"", html);
        Assert.Contains("href=\"/desk/patrons\"", html); // patrons belong to no branch
    }

    [Fact]
    public async Task DeskNav_ForgedBranch_LinksWithoutIt()
    {
        var desk = await DeskAsync();

        var html = await desk.GetAsync("/desk/maintenance?locationId=%22%3E%3Cscript%3E");

        Assert.Contains("href=\"/desk/maintenance\"", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public async Task Maintenance_ResourcePicker_NamesTheBranch()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var desk = await DeskAsync();

        var html = await desk.GetAsync($"/desk/maintenance?locationId={branch.Id}");

        Assert.Matches($"<optgroup label=\"{branch.Name}\">\\s*<option value=\"{room.Id}\">{room.Name}</option>", html);
    }

    private async Task<PageSession> DeskAsync()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var desk = new PageSession(host);
        await desk.SignInAsync(staff.Email, MakerspaceHost.Password);
        return desk;
    }
}
