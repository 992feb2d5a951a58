using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.IntegrationTests.Infrastructure;

namespace Booking.IntegrationTests.Admin;

public sealed class OpeningHoursTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private static List<string> Hours(JsonElement location) =>
        location.GetProperty("openingHours").EnumerateArray()
            .Select(h => $"{h.GetProperty("day").GetString()} {h.GetProperty("opens").GetString()}-{h.GetProperty("closes").GetString()}")
            .ToList();

    [Fact]
    public async Task SetOpeningHours_SeveralIntervalsADay_ReplacesTheWeek()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var id = (await AdminSetup.CreateLocationAsync(admin, openingHours:
        [
            new { day = "Monday", opens = "09:00", closes = "17:00" },
            new { day = "Friday", opens = "09:00", closes = "17:00" },
        ])).GetProperty("id").GetGuid();

        var response = await admin.PutAsJsonAsync($"/api/v1/locations/{id}/opening-hours", new object[]
        {
            new { day = "Monday", opens = "13:00", closes = "17:00" },
            new { day = "Monday", opens = "09:00", closes = "12:00" },
            new { day = "Friday", opens = "09:00", closes = "17:00" },
            new { day = "Sunday", opens = "12:00", closes = "16:00" },
        });

        var expected = new List<string> { "Monday 09:00:00-12:00:00", "Monday 13:00:00-17:00:00", "Friday 09:00:00-17:00:00", "Sunday 12:00:00-16:00:00" };
        Assert.Equal(expected, Hours(await AdminSetup.OkAsync(response)));
        Assert.Equal(expected, Hours(await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/locations/{id}")));
    }

    [Fact]
    public async Task SetOpeningHours_SameWeekTwice_StaysTheSame()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var id = await AdminSetup.CreateLocationIdAsync(admin);
        var week = new object[] { new { day = "Monday", opens = "09:00", closes = "17:00" }, new { day = "Tuesday", opens = "09:00", closes = "17:00" } };

        await AdminSetup.OkAsync(await admin.PutAsJsonAsync($"/api/v1/locations/{id}/opening-hours", week));
        await AdminSetup.OkAsync(await admin.PutAsJsonAsync($"/api/v1/locations/{id}/opening-hours", week));

        var fetched = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/locations/{id}");
        Assert.Equal(["Monday 09:00:00-17:00:00", "Tuesday 09:00:00-17:00:00"], Hours(fetched));
    }

    [Fact]
    public async Task SetOpeningHours_EmptyList_ClosedAllWeek()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var id = await AdminSetup.CreateLocationIdAsync(admin);

        await AdminSetup.OkAsync(await admin.PutAsJsonAsync($"/api/v1/locations/{id}/opening-hours", Array.Empty<object>()));

        var fetched = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/locations/{id}");
        Assert.Empty(Hours(fetched));
    }

    [Theory]
    [InlineData("""[{"day":"Monday","opens":"09:00","closes":"13:00"},{"day":"Monday","opens":"12:30","closes":"17:00"}]""", "openingHours")]
    [InlineData("""[{"day":"Monday","opens":"09:00","closes":"09:00"}]""", "openingHours[0].closes")]
    [InlineData("""[{"day":"Monday","opens":"09:00","closes":"17:00"},{"day":"Tuesday","opens":"18:00","closes":"08:00"}]""", "openingHours[1].closes")]
    [InlineData("""[{"day":"Mon","opens":"09:00","closes":"17:00"}]""", "openingHours[0].day")]
    [InlineData("""[{"day":"1","opens":"09:00","closes":"17:00"}]""", "openingHours[0].day")]
    [InlineData("""[{"opens":"09:00","closes":"17:00"}]""", "openingHours[0].day")]
    [InlineData("""[{"day":"Monday","opens":"9","closes":"17:00"}]""", "openingHours[0].opens")]
    [InlineData("""[{"day":"Monday","opens":"09:00","closes":"5pm"}]""", "openingHours[0].closes")]
    [InlineData("""[{"day":"Monday","opens":"09:00","closes":"24:00"}]""", "openingHours[0].closes")]
    [InlineData("""[{"day":"Monday","opens":"09:00"}]""", "openingHours[0].closes")]
    [InlineData("""[null]""", "openingHours[0]")]
    public async Task SetOpeningHours_BadInterval_400NamesFieldAndChangesNothing(string json, string field)
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var id = await AdminSetup.CreateLocationIdAsync(admin);
        var before = await AdminSetup.SnapshotAsync(admin, $"/api/v1/locations/{id}");

        var response = await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/locations/{id}/opening-hours", json);

        await response.ShouldBeValidationOfAsync(field);
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, $"/api/v1/locations/{id}"));
    }

    [Theory]
    [InlineData("""{"day":"Monday","opens":"09:00","closes":"17:00"}""")]
    [InlineData("""[{"day":"Monday","opens":9,"closes":17}]""")]
    [InlineData("""[{"day":"Monday",""")]
    [InlineData("null")]
    public async Task SetOpeningHours_MalformedJson_400ValidationAndChangesNothing(string json)
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var id = await AdminSetup.CreateLocationIdAsync(admin);
        var before = await AdminSetup.SnapshotAsync(admin, $"/api/v1/locations/{id}");

        var response = await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/locations/{id}/opening-hours", json);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, $"/api/v1/locations/{id}"));
    }

    [Fact]
    public async Task SetOpeningHours_UnknownLocation_404NotFound()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var response = await admin.PutAsJsonAsync($"/api/v1/locations/{Guid.NewGuid()}/opening-hours", new object[] { new { day = "Monday", opens = "09:00", closes = "17:00" } });
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}
