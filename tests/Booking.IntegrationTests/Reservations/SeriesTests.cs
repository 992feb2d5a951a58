using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Reservations;

/// <summary>Recurring reservations booked by staff in one step, on the database under test.</summary>
public sealed class SeriesTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    private static Task<HttpResponseMessage> BookSeriesAsync(HttpClient client, object body) =>
        client.PostAsJsonAsync("/api/v1/reservations/series", body);

    private static object Weekly(Guid resourceId, Guid? patronId, string firstDate, int count, string start = "10:00", string end = "12:00") =>
        new { resourceId, patronId, firstDate, startTime = start, endTime = end, repeat = "weekly", count };

    [Fact]
    public async Task BookSeries_WeeklyWithOneDateTaken_BooksTheRestAndListsTheRefusal()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var other = await host.SignInNewAsync();
        (await other.Http.BookAsync(room.Id, Local(Zone, "2026-01-27T11:00"), Local(Zone, "2026-01-27T12:00"))).EnsureSuccessStatusCode();

        var response = await BookSeriesAsync(staff.Http, Weekly(room.Id, patron.UserId, "2026-01-13", 8));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var series = await response.JsonAsync();
        Assert.Equal(8, series.GetProperty("requested").GetInt32());
        Assert.Equal(7, series.GetProperty("booked").GetInt32());
        Assert.Equal(1, series.GetProperty("refused").GetInt32());
        Assert.Equal("every Tuesday, 10:00–12:00, 8 times: 7 booked, 1 refused", series.GetProperty("summary").GetString());
        var refused = Assert.Single(series.GetProperty("dates").EnumerateArray(), d => d.GetProperty("outcome").GetString() == "refused");
        Assert.Equal("2026-01-27", refused.GetProperty("date").GetString());
        Assert.Equal("slot-taken", refused.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(refused.GetProperty("message").GetString()));

        var id = series.GetProperty("id").GetGuid();
        var made = await host.InScopeAsync(db => db.Reservations.Where(r => r.SeriesId == id).ToListAsync());
        Assert.Equal(7, made.Count);
        Assert.All(made, r => Assert.Equal(patron.UserId, r.PatronId));
        Assert.All(made, r => Assert.Equal(ReservationStatus.Confirmed, r.Status));

        // The patron reads their series; another patron cannot.
        var mine = await (await patron.Http.GetAsync($"/api/v1/reservations/series/{id}")).JsonAsync();
        Assert.Equal(7, mine.GetProperty("booked").GetInt32());
        await (await other.Http.GetAsync($"/api/v1/reservations/series/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        var reservation = await (await patron.Http.GetAsync($"/api/v1/reservations/{made[0].Id}")).JsonAsync();
        Assert.Equal(id, reservation.GetProperty("seriesId").GetGuid());
    }

    [Fact]
    public async Task BookSeries_OverDaylightSavingChange_StaysAtTenLocal()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();

        // 8 March 2026: New York moves from -05:00 to -04:00. Staff pass the 30-day advance window on a patron's behalf.
        var series = await (await BookSeriesAsync(staff.Http, Weekly(room.Id, patron.UserId, "2026-03-03", 3))).JsonAsync();

        var starts = series.GetProperty("dates").EnumerateArray().Select(d => d.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.Equal([Local(Zone, "2026-03-03T10:00"), Local(Zone, "2026-03-10T10:00"), Local(Zone, "2026-03-17T10:00")], starts);
        Assert.Equal([TimeSpan.FromHours(-5), TimeSpan.FromHours(-4), TimeSpan.FromHours(-4)], starts.Select(s => s.Offset));
        var id = series.GetProperty("id").GetGuid();
        var utcHours = await host.InScopeAsync(db => db.Reservations.Where(r => r.SeriesId == id).OrderBy(r => r.StartsAtUtc).Select(r => r.StartsAtUtc).ToListAsync());
        Assert.Equal([15, 14, 14], utcHours.Select(u => u.Hour));
    }

    [Fact]
    public async Task BookSeries_CertificationAndMaintenance_RefusedDatesSayWhy()
    {
        var branch = await host.BranchAsync(Zone);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var admin = await host.SignInNewAsync(Roles.Admin);
        var certified = await host.SignInNewAsync();
        var uncertified = await host.SignInNewAsync();
        var certification = await admin.Http.CertificationAsync();
        await host.RequireAsync(cutter.Id, certification);
        (await staff.Http.GrantAsync(certified.UserId, certification)).EnsureSuccessStatusCode();
        await host.InScopeAsync(async db =>
        {
            db.MaintenanceBlocks.Add(new MaintenanceBlock(cutter.Id, new(Local(Zone, "2026-01-15T09:00").UtcDateTime, Local(Zone, "2026-01-15T12:00").UtcDateTime), "Lens cleaning", staff.UserId, host.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        object Plan(Guid patronId) => new { resourceId = cutter.Id, patronId, firstDate = "2026-01-14", startTime = "10:00", endTime = "11:00", repeat = "daily", count = 3 };

        var ofCertified = await (await BookSeriesAsync(staff.Http, Plan(certified.UserId))).JsonAsync();
        var ofUncertified = await (await BookSeriesAsync(staff.Http, Plan(uncertified.UserId))).JsonAsync();

        Assert.Equal([null, "maintenance", null], Codes(ofCertified));
        Assert.Equal(2, ofCertified.GetProperty("booked").GetInt32());
        Assert.Equal(["certification-required", "certification-required", "certification-required"], Codes(ofUncertified));
        Assert.Equal(0, ofUncertified.GetProperty("booked").GetInt32());

        static List<string?> Codes(JsonElement series) =>
            series.GetProperty("dates").EnumerateArray().Select(d => d.GetProperty("code").GetString()).ToList();
    }

    public static TheoryData<string, string> BadPlans => new()
    {
        { """{"firstDate":"2026-02-03","startTime":"10:00","endTime":"12:00","repeat":"weekly","count":0}""", "count" },
        { """{"firstDate":"2026-02-03","startTime":"10:00","endTime":"12:00","repeat":"weekly","count":-3}""", "count" },
        { """{"firstDate":"2026-02-03","startTime":"10:00","endTime":"12:00","repeat":"weekly","count":53}""", "count" },
        { """{"firstDate":"2026-02-03","startTime":"10:00","endTime":"12:00","repeat":"weekly"}""", "count" },
        { """{"firstDate":"2026-02-03","startTime":"12:00","endTime":"10:00","repeat":"weekly","count":2}""", "endTime" },
        { """{"firstDate":"2026-02-03","startTime":"10:00","endTime":"12:00","repeat":"weekly","until":"2026-02-01"}""", "until" },
        { """{"firstDate":"2026-02-03","startTime":"10:00","endTime":"12:00","repeat":"weekly","until":"2027-03-01"}""", "until" },
        { """{"firstDate":"2026-02-07","startTime":"10:00","endTime":"12:00","repeat":"weekdays","until":"2026-02-08"}""", "until" },
        { """{"firstDate":"2026-02-03","startTime":"10:00","endTime":"12:00","repeat":"monthly","count":2}""", "repeat" },
        { """{"firstDate":"9999-02-03","startTime":"10:00","endTime":"12:00","repeat":"daily","count":2}""", "firstDate" },
        { """{"startTime":"10:00","endTime":"12:00","repeat":"daily","count":2}""", "firstDate" },
    };

    [Theory]
    [MemberData(nameof(BadPlans))]
    public async Task BookSeries_BadPlan_ValidationAndNothingWritten(string plan, string field)
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(plan)!;
        body["resourceId"] = JsonSerializer.SerializeToElement(room.Id);

        var problem = await (await staff.Http.PostAsJsonAsync("/api/v1/reservations/series", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await host.InScopeAsync(db => db.ReservationSeries.CountAsync(s => s.ResourceId == room.Id)));
        Assert.Equal(0, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == room.Id)));
    }

    [Fact]
    public async Task BookSeries_UnknownResourceOrPatron_NotFoundAndNothingWritten()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var before = await host.InScopeAsync(db => db.ReservationSeries.CountAsync());

        await (await BookSeriesAsync(staff.Http, Weekly(Guid.NewGuid(), null, "2026-02-03", 2))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await BookSeriesAsync(staff.Http, Weekly(room.Id, Guid.NewGuid(), "2026-02-03", 2))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await staff.Http.PostAsync("/api/v1/reservations/series", new StringContent("{\"count\":", System.Text.Encoding.UTF8, "application/json")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        Assert.Equal(before, await host.InScopeAsync(db => db.ReservationSeries.CountAsync()));
    }

    [Fact]
    public async Task BookSeries_PatronOrStranger_ForbiddenOrUnauthorized()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var body = Weekly(room.Id, patron.UserId, "2026-02-03", 2);

        await (await BookSeriesAsync(patron.Http, body)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.Unauthorized, (await BookSeriesAsync(host.CreateClient(), body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync($"/api/v1/reservations/series/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(0, await host.InScopeAsync(db => db.ReservationSeries.CountAsync(s => s.ResourceId == room.Id)));
    }

    [Fact]
    public async Task CancelRest_FromNow_CancelsFutureDatesAndKeepsTheCheckedInOne()
    {
        var branch = await host.BranchAsync(Zone, opens: 6);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var other = await host.SignInNewAsync();
        // The host's clock: Monday 12 January, 07:00 in New York.
        var series = await (await BookSeriesAsync(staff.Http, new { resourceId = room.Id, patronId = patron.UserId, firstDate = "2026-01-12", startTime = "07:30", endTime = "08:30", repeat = "daily", count = 4 })).JsonAsync();
        Assert.Equal(4, series.GetProperty("booked").GetInt32());
        var id = series.GetProperty("id").GetGuid();
        var first = series.GetProperty("dates")[0].GetProperty("reservationId").GetGuid();
        host.Clock.Advance(TimeSpan.FromMinutes(20)); // check-in opens 15 minutes before the start
        (await patron.Http.PostAsync($"/api/v1/reservations/{first}/check-in", null)).EnsureSuccessStatusCode();

        // Someone else's series is not theirs to cancel; staff must say why.
        await (await other.Http.PostAsJsonAsync($"/api/v1/reservations/series/{id}/cancel", new { })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await staff.Http.PostAsJsonAsync($"/api/v1/reservations/series/{id}/cancel", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        // From a time in the past means from now: only what is still ahead.
        var result = await (await staff.Http.PostAsJsonAsync($"/api/v1/reservations/series/{id}/cancel", new { from = Local(Zone, "2026-01-01T00:00"), reason = "The class moved online" })).JsonAsync();

        Assert.Equal(3, result.GetProperty("cancelled").GetArrayLength());
        var statuses = await host.InScopeAsync(db => db.Reservations.Where(r => r.SeriesId == id).OrderBy(r => r.StartsAtUtc).Select(r => r.Status).ToListAsync());
        Assert.Equal([ReservationStatus.CheckedIn, ReservationStatus.Cancelled, ReservationStatus.Cancelled, ReservationStatus.Cancelled], statuses);
        var notices = await host.InScopeAsync(db => db.Notifications.CountAsync(n => n.RecipientId == patron.UserId && n.Kind == Booking.Domain.Notifications.NotificationKinds.ReservationCancelled));
        Assert.Equal(3, notices);
    }

    [Fact]
    public async Task CancelRest_ByThePatronFromTheThirdDate_LeavesTheFirstTwo()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var series = await (await BookSeriesAsync(staff.Http, new { resourceId = room.Id, patronId = patron.UserId, firstDate = "2026-01-20", startTime = "14:00", endTime = "15:00", repeat = "weekdays", count = 5 })).JsonAsync();
        var id = series.GetProperty("id").GetGuid();
        var third = series.GetProperty("dates")[2].GetProperty("start").GetDateTimeOffset();

        var result = await (await patron.Http.PostAsJsonAsync($"/api/v1/reservations/series/{id}/cancel", new { from = third })).JsonAsync();

        Assert.Equal(3, result.GetProperty("cancelled").GetArrayLength());
        var outcomes = result.GetProperty("series").GetProperty("dates").EnumerateArray().Select(d => d.GetProperty("status").GetString()).ToList();
        Assert.Equal(["confirmed", "confirmed", "cancelled", "cancelled", "cancelled"], outcomes);
    }

    [Fact]
    public async Task BookSeries_TwoSeriesRacingForTheSameDates_NeverDoubleBooked()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await Task.WhenAll(host.SignInNewAsync(Roles.Staff), host.SignInNewAsync(Roles.Staff));
        var patrons = await Task.WhenAll(host.SignInNewAsync(), host.SignInNewAsync());

        // Overlapping but not equal times, so the buffer counts too.
        var responses = await Task.WhenAll(
            Task.Run(() => BookSeriesAsync(staff[0].Http, new { resourceId = room.Id, patronId = patrons[0].UserId, firstDate = "2026-02-02", startTime = "10:00", endTime = "11:00", repeat = "daily", count = 12 })),
            Task.Run(() => BookSeriesAsync(staff[1].Http, new { resourceId = room.Id, patronId = patrons[1].UserId, firstDate = "2026-02-02", startTime = "10:30", endTime = "11:30", repeat = "daily", count = 12 })));

        var series = await Task.WhenAll(responses.Select(r => r.JsonAsync()));
        Assert.Equal(12, series.Sum(s => s.GetProperty("booked").GetInt32()));
        Assert.All(series.SelectMany(s => s.GetProperty("dates").EnumerateArray()).Where(d => d.GetProperty("outcome").GetString() == "refused"),
            d => Assert.Equal("slot-taken", d.GetProperty("code").GetString()));
        await AssertNoOverlapAsync(room.Id);
    }

    [Fact]
    public async Task BookSeries_RacingSingleBookings_EachDateOnce()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var seriesPatron = await host.SignInNewAsync();
        var patrons = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.SignInNewAsync()));

        // Within the room's 30-day advance window, which the patrons booking alone must keep to.
        var first = new DateTime(2026, 1, 26, 10, 0, 0, DateTimeKind.Unspecified);
        var singles = patrons.Select((p, i) => Task.Run(() =>
            p.Http.BookAsync(room.Id, At(first.AddDays(i)), At(first.AddDays(i).AddHours(1))))).ToList();
        var seriesTask = Task.Run(() => BookSeriesAsync(staff.Http, new { resourceId = room.Id, patronId = seriesPatron.UserId, firstDate = "2026-01-26", startTime = "10:00", endTime = "11:00", repeat = "daily", count = 8 }));
        var single = await Task.WhenAll(singles);
        var series = await (await seriesTask).JsonAsync();

        var singlesWon = single.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(single, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Equal(8, singlesWon + series.GetProperty("booked").GetInt32());
        await AssertNoOverlapAsync(room.Id);
    }

    private static DateTimeOffset At(DateTime local) => Local(Zone, local.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));

    private async Task AssertNoOverlapAsync(Guid resourceId)
    {
        var kept = await host.InScopeAsync(db => db.Reservations
            .Where(r => r.ResourceId == resourceId && (r.Status == ReservationStatus.Confirmed || r.Status == ReservationStatus.Pending || r.Status == ReservationStatus.CheckedIn))
            .OrderBy(r => r.StartsAtUtc).ToListAsync());
        for (var i = 1; i < kept.Count; i++)
        {
            Assert.True(kept[i].StartsAtUtc >= kept[i - 1].BlockedUntilUtc, $"{kept[i - 1].Interval} (+buffer) overlaps {kept[i].Interval}");
        }
    }
}
