using System.Net;
using System.Text.RegularExpressions;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Resources;

/// <summary>SPEC rule 3 for the resource grid's day view: on the days the clocks change, the rows are that day's real local times.</summary>
public sealed partial class DayViewDaylightSavingTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";
    private static readonly TimeSpan Summer = TimeSpan.FromHours(-4);
    private static readonly TimeSpan Winter = TimeSpan.FromHours(-5);

    [Fact]
    public async Task DayView_SpringForward_NoTwoOClockRows_BookingAcrossTheGapInItsRows_FreeCellBooksTheRightInstant()
    {
        var (room, patron) = await NightRoomAsync();
        // 01:30 EST to 03:30 EDT: one real hour across the gap.
        await (await patron.Http.BookAsync(room.Id, new DateTimeOffset(2026, 3, 8, 1, 30, 0, Winter), new DateTimeOffset(2026, 3, 8, 3, 30, 0, Summer))).JsonAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);

        var day = await browser.GetAsync($"/resources/{room.Id}?day=2026-03-08");
        Assert.Equal(
            new (string, string)[] { ("00:00", "free"), ("00:30", "free"), ("01:00", "free"), ("01:30", "mine"), ("03:00", "mine"), ("03:30", "free"),
             ("04:00", "free"), ("04:30", "free"), ("05:00", "free"), ("05:30", "free") },
            Rows(day));
        Assert.Contains($"/reservations/new?resourceId={room.Id}&amp;start=2026-03-08T01:00\"", day);
        Assert.Contains($"/reservations/new?resourceId={room.Id}&amp;start=2026-03-08T03:30\"", day);
        Assert.DoesNotContain("start=2026-03-08T02:", day);
        Assert.Contains("clocks go forward", day);

        // The week keeps its 02:00 row for the other days, but on the Sunday that time does not exist: no free link to it.
        var week = await browser.GetAsync($"/resources/{room.Id}?week=2026-03-02");
        Assert.Contains("start=2026-03-07T02:00", week);
        Assert.DoesNotContain("start=2026-03-08T02:", week);
        Assert.Contains("No such time (clocks go forward)", week);
        Assert.Contains("The clocks change on Sunday, March 8", week);

        // A day without a change keeps every row, 02:00 included.
        var monday = await browser.GetAsync($"/resources/{room.Id}?day=2026-03-09");
        Assert.Equal(12, Rows(monday).Count);
        Assert.DoesNotContain("clocks", monday);

        var form = $"/reservations/new?resourceId={room.Id}&start=2026-03-08T03:30";
        var (_, _, landed) = await browser.SubmitAsync(form, form, new Dictionary<string, string>
        {
            ["ResourceId"] = room.Id.ToString(),
            ["Date"] = "2026-03-08",
            ["StartTime"] = "03:30",
            ["EndTime"] = "04:00",
        });
        Assert.Equal("/reservations/mine", landed?.AbsolutePath);
        Assert.Equal(1, await CountAsync(room.Id, new DateTime(2026, 3, 8, 7, 30, 0, DateTimeKind.Utc), new DateTime(2026, 3, 8, 8, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public async Task DayView_FallBack_RepeatedHourShownTwiceWithItsOffset_SecondOccurrenceBookable()
    {
        var (room, patron) = await NightRoomAsync();
        // The second 01:30 (EST) to 02:30 EST: only the repeated hour's second half and the hour after.
        await (await patron.Http.BookAsync(room.Id, new DateTimeOffset(2026, 11, 1, 1, 30, 0, Winter), new DateTimeOffset(2026, 11, 1, 2, 30, 0, Winter))).JsonAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);

        var day = await browser.GetAsync($"/resources/{room.Id}?day=2026-11-01");
        Assert.Equal(
            new (string, string)[] { ("00:00", "free"), ("00:30", "free"), ("01:00 (UTC-04:00)", "free"), ("01:30 (UTC-04:00)", "free"),
             ("01:00 (UTC-05:00)", "free"), ("01:30 (UTC-05:00)", "mine"), ("02:00", "mine"), ("02:30", "free"),
             ("03:00", "free"), ("03:30", "free"), ("04:00", "free"), ("04:30", "free"), ("05:00", "free"), ("05:30", "free") },
            Rows(day));
        // Both 01:00s carry their offset, so the form books the instant the row shows.
        Assert.Contains($"/reservations/new?resourceId={room.Id}&amp;start=2026-11-01T01:00-04:00\"", day);
        Assert.Contains($"/reservations/new?resourceId={room.Id}&amp;start=2026-11-01T01:00-05:00\"", day);
        Assert.Contains("clocks go back", day);

        var form = $"/reservations/new?resourceId={room.Id}&start=2026-11-01T01:00-05:00";
        var page = await browser.GetAsync(form);
        Assert.Contains("UTC-05:00", page);
        var (_, _, landed) = await browser.SubmitAsync(form, form, new Dictionary<string, string>
        {
            ["ResourceId"] = room.Id.ToString(),
            ["Date"] = "2026-11-01",
            ["StartTime"] = "01:00",
            ["EndTime"] = "01:30",
            ["StartOffset"] = "-05:00",
        });
        Assert.Equal("/reservations/mine", landed?.AbsolutePath);
        Assert.Equal(1, await CountAsync(room.Id, new DateTime(2026, 11, 1, 6, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 1, 6, 30, 0, DateTimeKind.Utc)));

        // Without an offset the form keeps its rule: an ambiguous time is the first one.
        var (_, _, again) = await browser.SubmitAsync(form, form, new Dictionary<string, string>
        {
            ["ResourceId"] = room.Id.ToString(),
            ["Date"] = "2026-11-01",
            ["StartTime"] = "01:00",
            ["EndTime"] = "01:30",
        });
        Assert.Equal("/reservations/mine", again?.AbsolutePath);
        Assert.Equal(1, await CountAsync(room.Id, new DateTime(2026, 11, 1, 5, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 1, 5, 30, 0, DateTimeKind.Utc)));
    }

    /// <summary>A room at a branch open from midnight to 06:00 every day, so the change hours are on the grid.</summary>
    private async Task<(Resource Room, SignedInClient Patron)> NightRoomAsync()
    {
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 6);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room, new PolicyOverride { AdvanceWindowDays = 400, MaxActiveReservations = 20, BufferAfterMinutes = 0 });
        return (room, await host.SignInNewAsync());
    }

    private Task<int> CountAsync(Guid roomId, DateTime startUtc, DateTime endUtc) =>
        host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == roomId && r.StartsAtUtc == startUtc && r.EndsAtUtc == endUtc));

    /// <summary>The day view's rows: each row's heading and its one cell's state (a row inside a block spanning rows has the block's).</summary>
    private static List<(string Time, string State)> Rows(string html)
    {
        var rows = new List<(string Time, string State)>();
        foreach (Match m in RowPattern().Matches(html))
        {
            var state = m.Groups[2].Success ? m.Groups[2].Value : rows[^1].State;
            rows.Add((WebUtility.HtmlDecode(m.Groups[1].Value.Trim()), state));
        }

        return rows;
    }

    [GeneratedRegex("""<th scope="row">([^<]*)</th>\s*(?:<td class="cell-([a-z]+)"(?: rowspan="\d+")?>)?""")]
    private static partial Regex RowPattern();
}
