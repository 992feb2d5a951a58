using System.Globalization;
using System.Security.Claims;
using Booking.Data;
using Booking.Domain.Calendar;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Jobs.Calendar;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Calendar;

/// <summary>The address of a patron's private feed.</summary>
public sealed record FeedUrlView(string Url, DateTimeOffset CreatedAt);

/// <summary>
/// Calendar feeds: a private .ics per patron behind a secret, revocable token, and a public busy-times
/// feed per resource (no patron data).
/// </summary>
public static class CalendarApi
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder api)
    {
        var me = api.MapGroup("/calendar/me").WithTags("Calendar").RequireAuthorization();
        me.MapGet("/feed-url", FeedUrlAsync);
        me.MapPost("/feed-url/rotate", RotateAsync);
        return api;
    }

    /// <summary>The public feeds, outside <c>/api/v1</c> so calendar apps get a plain address.</summary>
    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/calendar/patrons/{file}", PatronFeedAsync).AllowAnonymous().WithTags("Calendar");
        app.MapGet("/calendar/resources/{file}", ResourceFeedAsync).AllowAnonymous().WithTags("Calendar");
        return app;
    }

    private static async Task<Ok<FeedUrlView>> FeedUrlAsync(ClaimsPrincipal user, HttpRequest request, CalendarFeeds feeds, CancellationToken ct) =>
        TypedResults.Ok(View(await feeds.CurrentAsync(user.UserId(), ct), feeds, request));

    private static async Task<Ok<FeedUrlView>> RotateAsync(ClaimsPrincipal user, HttpRequest request, CalendarFeeds feeds, CancellationToken ct) =>
        TypedResults.Ok(View(await feeds.RotateAsync(user.UserId(), ct), feeds, request));

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> PatronFeedAsync(string file, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var token = file.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) ? file[..^4] : null;
        var feed = token is { Length: > 0 and <= 64 }
            ? await db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.Token == token && f.RevokedAtUtc == null, ct)
            : null;
        if (feed is null)
        {
            return Problems.Of(ErrorCodes.NotFound, "No calendar feed at this address (it may have been replaced by a new one).");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-30);
        var rows = await (
            from r in db.Reservations.AsNoTracking()
            join res in db.Resources.AsNoTracking() on r.ResourceId equals res.Id
            join l in db.Locations.AsNoTracking() on res.LocationId equals l.Id
            where r.PatronId == feed.PatronId && r.EndsAtUtc > since
            orderby r.StartsAtUtc
            select new { r.Id, Resource = res.Name, Location = l.Name, r.StartsAtUtc, r.EndsAtUtc, r.Status, r.Notes }).Take(1000).ToListAsync(ct);
        var shown = rows.Where(r => r.Status is not ReservationStatus.Rejected).ToList();
        var sequences = await CalendarSequence.ForReservationsAsync(db, shown.Select(r => (r.Id, r.Status)).ToList(), ct);
        // A calendar app fetches the feed without the patron's cookie: it speaks the patron's saved language.
        var culture = Languages.CultureFor(await db.Users.AsNoTracking().Where(u => u.Id == feed.PatronId).Select(u => u.PreferredLanguage).FirstOrDefaultAsync(ct));
        var entries = shown.Select(r => new CalendarEntry(r.Id, CalendarWords.Summary(r.Resource, culture), $"{r.Resource}, {r.Location}", r.StartsAtUtc, r.EndsAtUtc, r.Status,
            CalendarWords.Description(r.Resource, r.Location, r.Notes, culture), null, sequences[r.Id]));
        return TypedResults.Text(CalendarFiles.Feed(CalendarWords.MyReservations(culture), entries, now), ContentType);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ResourceFeedAsync(string file, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!file.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) || !Guid.TryParse(file[..^4], out var resourceId))
        {
            return Problems.Of(ErrorCodes.NotFound, "No resource with that id.");
        }

        var resource = await db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resourceId, ct);
        if (resource is null)
        {
            return Problems.Of(ErrorCodes.NotFound, "No resource with that id.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-7);
        var busy = await db.Reservations.AsNoTracking()
            .Where(r => r.ResourceId == resourceId && r.EndsAtUtc > since)
            .Where(r => r.Status == ReservationStatus.Pending || r.Status == ReservationStatus.Confirmed || r.Status == ReservationStatus.CheckedIn)
            .OrderBy(r => r.StartsAtUtc)
            .Select(r => new { r.Id, r.StartsAtUtc, r.EndsAtUtc, r.Status })
            .Take(2000).ToListAsync(ct);
        // Busy times only: the summary says "Booked", no name, no notes. These UIDs are not the mails' (no patron imports
        // both), and their SEQUENCE stays 0: the feed must not tell the public how many notices a booking had.
        var culture = CultureInfo.CurrentUICulture;
        var entries = busy.Select(r => new CalendarEntry(r.Id, CalendarWords.Booked(culture), resource.Name, r.StartsAtUtc, r.EndsAtUtc, r.Status, null, CalendarFiles.BusyUid(r.Id)));
        return TypedResults.Text(CalendarFiles.Feed(CalendarWords.BusyTimes(resource.Name, culture), entries, now), ContentType);
    }

    private static FeedUrlView View(CalendarFeed feed, CalendarFeeds feeds, HttpRequest request) =>
        new(feeds.Url(feed, request), new DateTimeOffset(DateTime.SpecifyKind(feed.CreatedAtUtc, DateTimeKind.Utc)));
}
