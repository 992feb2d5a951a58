using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Reservations;

/// <summary>SPEC rule 3: opening hours and "a week" are local, and stay right on the days the clocks change.</summary>
public sealed class DaylightSavingTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private static readonly PolicyOverride FarAhead = new() { AdvanceWindowDays = 400, MaxActiveReservations = 20, BufferAfterMinutes = 0 };

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-29", "+02:00")]    // spring forward: 02:00 → 03:00
    [InlineData("Europe/Berlin", "2026-10-25", "+01:00")]    // fall back: 03:00 → 02:00
    [InlineData("America/New_York", "2026-03-08", "-04:00")] // spring forward
    [InlineData("America/New_York", "2026-11-01", "-05:00")] // fall back
    public async Task Book_OnChangeDay_OpeningHoursStayLocal(string zone, string date, string offset)
    {
        var branch = await host.BranchAsync(zone, opens: 9, closes: 17);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room, FarAhead);
        var patron = await host.SignInNewAsync();

        var nine = Local(zone, $"{date}T09:00");
        var created = await (await patron.Http.BookAsync(room.Id, nine, nine.AddHours(1))).JsonAsync();
        Assert.Equal($"{date}T09:00:00{offset}", created.GetProperty("start").GetString());
        var stored = await host.InScopeAsync(db => db.Reservations.Where(r => r.ResourceId == room.Id).Select(r => r.StartsAtUtc).SingleAsync());
        Assert.Equal(nine.UtcDateTime, stored);

        var eight = Local(zone, $"{date}T08:00");
        await (await patron.Http.BookAsync(room.Id, eight, eight.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "outside-opening-hours");
        var four = Local(zone, $"{date}T16:00");
        await (await patron.Http.BookAsync(room.Id, four, four.AddHours(2))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "outside-opening-hours");
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-29", "+02:00")]
    [InlineData("America/New_York", "2026-11-01", "-05:00")]
    public async Task Availability_OnChangeDay_FreeFromLocalOpening(string zone, string date, string offset)
    {
        var branch = await host.BranchAsync(zone, opens: 9, closes: 17);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room, FarAhead);
        var from = Uri.EscapeDataString(Local(zone, $"{date}T00:00").ToString("O"));
        var to = Uri.EscapeDataString(Local(zone, $"{date}T23:00").ToString("O"));
        var day = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/resources/{room.Id}/availability?from={from}&to={to}");
        var free = Assert.Single(day.GetProperty("free").EnumerateArray());
        Assert.Equal($"{date}T09:00:00{offset}", free.GetProperty("start").GetString());
        Assert.Equal($"{date}T17:00:00{offset}", free.GetProperty("end").GetString());
    }

    [Fact]
    public async Task WeeklyHours_AcrossSpringForwardSunday_CountsTheLocalWeek()
    {
        const string zone = "America/New_York";
        var branch = await host.BranchAsync(zone, opens: 9, closes: 21);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room, FarAhead with { MaxHoursPerWeek = 2 });
        var patron = await host.SignInNewAsync();

        // Sunday 8 March (the change day) 19:00–21:00 local is Monday 00:00–01:00 UTC: still the local week of 2–8 March.
        var sunday = Local(zone, "2026-03-08T19:00");
        await (await patron.Http.BookAsync(room.Id, sunday, sunday.AddHours(2))).JsonAsync();
        var sundayMorning = Local(zone, "2026-03-08T10:00");
        await (await patron.Http.BookAsync(room.Id, sundayMorning, sundayMorning.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "quota");

        // Monday 9 March 09:00 local starts a new local week.
        var monday = Local(zone, "2026-03-09T09:00");
        Assert.Equal(HttpStatusCode.Created, (await patron.Http.BookAsync(room.Id, monday, monday.AddHours(2))).StatusCode);
    }
}
