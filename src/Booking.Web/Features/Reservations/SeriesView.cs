using System.Globalization;
using System.Resources;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Workflows.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Reservations;

/// <summary>
/// One planned date of a series: <c>booked</c> (with its reservation's id and status), <c>refused</c> (with the
/// refusal's code and sentence) or <c>not-booked</c> (never tried: the booking of the series was interrupted).
/// </summary>
public sealed record SeriesDateView(DateOnly Date, DateTimeOffset Start, DateTimeOffset End, string Outcome, Guid? ReservationId, string? Status, string? Code, string? Message);

/// <summary>A series as the API and pages show it: the plan in words, its counts, and every planned date.</summary>
public sealed record SeriesView(
    Guid Id, Guid ResourceId, string ResourceName, string LocationName, Guid PatronId, string? PatronEmail, string Repeat, string Description,
    DateOnly FirstDate, DateOnly LastDate, string StartTime, string EndTime, string TimeZone, int Requested, int Booked, int Refused, int Cancelled, int NotBooked,
    IReadOnlyList<SeriesDateView> Dates)
{
    // The words of the page's _SeriesSummary partial (its resx), so the API and the page say a series alike.
    private static readonly ResourceManager SummaryWords = new("Booking.Web.Features.Reservations._SeriesSummary", typeof(SeriesView).Assembly);

    /// <summary>"every Tuesday, 10:00–12:00, 8 times: 7 booked, 1 refused", in the current UI culture (the request's language).</summary>
    public string Summary => SummaryIn(CultureInfo.CurrentUICulture);

    /// <summary>The summary in <paramref name="culture"/>.</summary>
    public string SummaryIn(CultureInfo culture)
    {
        var every = Repeat switch
        {
            "weekly" => $"every {FirstDate.DayOfWeek}",
            "weekdays" => "every weekday",
            _ => "every day",
        };
        var head = Requested == 1
            ? Say("{0}, {1}–{2}, 1 time", culture, Say(every, culture), StartTime, EndTime)
            : Say("{0}, {1}–{2}, {3} times", culture, Say(every, culture), StartTime, EndTime, Requested);
        var counts = new List<string> { Count(Booked, "booked", culture) };
        counts.AddRange(new[] { (Refused, "refused"), (Cancelled, "cancelled"), (NotBooked, "not booked") }
            .Where(c => c.Item1 > 0).Select(c => Count(c.Item1, c.Item2, culture)));
        return head + ": " + string.Join(", ", counts);
    }

    private static string Count(int n, string what, CultureInfo culture) => n == 1 ? Say("1 " + what, culture) : Say("{0} " + what, culture, n);

    private static string Say(string english, CultureInfo culture, params object[] args)
    {
        var own = culture.TwoLetterISOLanguageName == Languages.Default ? null : SummaryWords.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        var template = own?.GetString(english) ?? english;
        return args.Length == 0 ? template : string.Format(culture, template, args);
    }

    /// <summary>Upcoming dates that "cancel the rest" would cancel.</summary>
    public IEnumerable<SeriesDateView> Cancellable(DateTimeOffset now) =>
        Dates.Where(d => d.Start > now && d.Status is "pending" or "confirmed");
}

/// <summary>Reads a series with its reservations into a <see cref="SeriesView"/>.</summary>
public static class SeriesQueries
{
    /// <summary>The series, if it exists and <paramref name="patronId"/> is null (staff) or its patron.</summary>
    public static async Task<SeriesView?> LoadAsync(BookingDbContext db, Guid id, Guid? patronId, CancellationToken ct)
    {
        var series = await db.ReservationSeries.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && (patronId == null || s.PatronId == patronId), ct);
        if (series is null)
        {
            return null;
        }

        var subject = await BookingSubject.LoadAsync(db, series.ResourceId, ct);
        var reservations = await db.Reservations.AsNoTracking().Where(r => r.SeriesId == id).ToListAsync(ct);
        var email = await db.Users.Where(u => u.Id == series.PatronId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        return ToView(series, subject!, reservations, email);
    }

    /// <summary>Series whose last date is not past, for a patron (or every patron's, for the desk), soonest first.</summary>
    public static async Task<IReadOnlyList<SeriesView>> UpcomingAsync(BookingDbContext db, Guid? patronId, DateOnly today, int take, CancellationToken ct)
    {
        var list = await db.ReservationSeries.AsNoTracking()
            .Where(s => s.LastDate >= today && (patronId == null || s.PatronId == patronId))
            .OrderBy(s => s.FirstDate).Take(take).ToListAsync(ct);
        if (list.Count == 0)
        {
            return [];
        }

        var ids = list.Select(s => s.Id).ToList();
        var reservations = (await db.Reservations.AsNoTracking().Where(r => r.SeriesId != null && ids.Contains(r.SeriesId.Value)).ToListAsync(ct))
            .ToLookup(r => r.SeriesId!.Value);
        var patronIds = list.Select(s => s.PatronId).Distinct().ToList();
        var emails = await db.Users.Where(u => patronIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        var subjects = new Dictionary<Guid, BookingSubject>();
        var views = new List<SeriesView>();
        foreach (var series in list)
        {
            if (!subjects.TryGetValue(series.ResourceId, out var subject))
            {
                subject = (await BookingSubject.LoadAsync(db, series.ResourceId, ct))!;
                subjects[series.ResourceId] = subject;
            }

            views.Add(ToView(series, subject, reservations[series.Id].ToList(), emails.GetValueOrDefault(series.PatronId)));
        }

        return views;
    }

    /// <summary>Booked, then cancelled or not approved: no longer counted as booked.</summary>
    private static bool IsCancelled(SeriesDateView date) => date.Status is "cancelled" or "rejected";

    public static SeriesView ToView(ReservationSeries series, BookingSubject subject, IReadOnlyList<Reservation> reservations, string? patronEmail)
    {
        var zone = subject.Location.TimeZone;
        var byDate = reservations.ToLookup(r => DateOnly.FromDateTime(LocalCalendar.ToLocal(r.StartsAtUtc, zone)));
        var refusals = series.Refusals.ToDictionary(r => r.Date);
        var dates = new List<SeriesDateView>();
        foreach (var occurrence in series.ToPlan().Occurrences(zone))
        {
            var start = occurrence.Interval is { } i ? ReservationQueries.Local(i.Start, zone) : new DateTimeOffset(occurrence.StartLocal, zone.GetUtcOffset(occurrence.StartLocal));
            var end = occurrence.Interval is { } j ? ReservationQueries.Local(j.End, zone) : new DateTimeOffset(occurrence.EndLocal, zone.GetUtcOffset(occurrence.EndLocal));

            // The latest reservation of the date: a cancelled date stays cancelled in the list.
            if (byDate[occurrence.Date].OrderByDescending(r => r.CreatedAtUtc).FirstOrDefault() is { } booked)
            {
                dates.Add(new SeriesDateView(occurrence.Date, start, end, "booked", booked.Id, booked.Status.ToCode(), null, null));
            }
            else if (refusals.TryGetValue(occurrence.Date, out var refusal))
            {
                dates.Add(new SeriesDateView(occurrence.Date, start, end, "refused", null, null, refusal.Code, refusal.SaidIn(CultureInfo.CurrentUICulture)));
            }
            else
            {
                dates.Add(new SeriesDateView(occurrence.Date, start, end, "not-booked", null, null, null, null));
            }
        }

        return new SeriesView(
            series.Id, series.ResourceId, subject.Resource.Name, subject.Location.Name, series.PatronId, patronEmail,
            series.Repeat.ToString().ToLowerInvariant(), ReservationSeries.Describe(series.Repeat, series.FirstDate),
            series.FirstDate, series.LastDate, series.StartTime.ToString("HH:mm", CultureInfo.InvariantCulture), series.EndTime.ToString("HH:mm", CultureInfo.InvariantCulture), subject.Location.TimeZoneId,
            series.Requested, dates.Count(d => d.Outcome == "booked" && !IsCancelled(d)), dates.Count(d => d.Outcome == "refused"),
            dates.Count(IsCancelled), dates.Count(d => d.Outcome == "not-booked"),
            dates);
    }
}
