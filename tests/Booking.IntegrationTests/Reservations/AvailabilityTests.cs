using System.Net.Http.Json;
using System.Text.Json;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Reservations;

public sealed class AvailabilityTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task ResourceAvailability_OneBooking_BusyWithBufferAndFreeAroundIt()
    {
        var branch = await host.BranchAsync(Zone, opens: 9, closes: 17);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-13T11:00");
        await (await patron.Http.BookAsync(cutter.Id, start, start.AddHours(1))).JsonAsync();

        var from = Uri.EscapeDataString(Local(Zone, "2026-01-13T00:00").ToString("O"));
        var to = Uri.EscapeDataString(Local(Zone, "2026-01-14T00:00").ToString("O"));
        var day = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/resources/{cutter.Id}/availability?from={from}&to={to}");

        var busy = Assert.Single(day.GetProperty("busy").EnumerateArray());
        Assert.Equal("2026-01-13T11:00:00-05:00", busy.GetProperty("start").GetString());
        Assert.Equal("2026-01-13T12:15:00-05:00", busy.GetProperty("end").GetString()); // cool-down included
        var free = day.GetProperty("free").EnumerateArray().Select(f => (f.GetProperty("start").GetString(), f.GetProperty("end").GetString())).ToList();
        // Before: 9:00 until 10:45 (a new booking needs its own cool-down before 11:00). After: 12:15 to closing.
        Assert.Equal([("2026-01-13T09:00:00-05:00", "2026-01-13T10:45:00-05:00"), ("2026-01-13T12:15:00-05:00", "2026-01-13T17:00:00-05:00")], free);
    }

    [Fact]
    public async Task KindAvailability_TwoPrintersOneTaken_OnlyTheOtherFree()
    {
        var branch = await host.BranchAsync(Zone);
        var taken = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var free = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-13T10:00");
        await (await patron.Http.BookAsync(taken.Id, start, start.AddHours(2))).JsonAsync();

        var url = $"/api/v1/availability?kind=3d-printer&locationId={branch.Id}&start={Uri.EscapeDataString(start.AddHours(1).ToString("O"))}&end={Uri.EscapeDataString(start.AddHours(3).ToString("O"))}";
        var answer = await host.CreateClient().GetFromJsonAsync<JsonElement>(url);
        var rows = answer.EnumerateArray().ToDictionary(r => r.GetProperty("resourceId").GetGuid());
        Assert.Equal(2, rows.Count);
        Assert.True(rows[free.Id].GetProperty("free").GetBoolean());
        Assert.False(rows[taken.Id].GetProperty("free").GetBoolean());
        Assert.Equal("slot-taken", rows[taken.Id].GetProperty("code").GetString());
    }

    [Fact]
    public async Task KindAvailability_OutsideHours_NoneFreeWithReason()
    {
        var branch = await host.BranchAsync(Zone);
        await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = Local(Zone, "2026-01-13T21:00");
        var url = $"/api/v1/availability?kind=room&locationId={branch.Id}&start={Uri.EscapeDataString(start.ToString("O"))}&end={Uri.EscapeDataString(start.AddHours(1).ToString("O"))}";
        var row = Assert.Single((await host.CreateClient().GetFromJsonAsync<JsonElement>(url)).EnumerateArray());
        Assert.False(row.GetProperty("free").GetBoolean());
        Assert.Equal("outside-opening-hours", row.GetProperty("code").GetString());
    }
}
