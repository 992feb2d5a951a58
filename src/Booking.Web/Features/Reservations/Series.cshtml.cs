using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Reservations;

/// <summary>
/// The desk's "Book a series": a weekly, weekday or daily series for a patron (or the staff member) in one step,
/// through the same rules as one booking; and the upcoming series as one line each.
/// </summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
public sealed class SeriesModel(BookingDbContext db, BookSeries booking, TimeProvider clock, IStringLocalizer<SeriesModel> words) : PageModel
{
    /// <summary>A resource to choose, with its branch.</summary>
    public sealed record ResourceChoice(Guid Id, string Name, string LocationName);

    [BindProperty]
    public Guid? ResourceId { get; set; }

    [BindProperty]
    public string? PatronEmail { get; set; }

    [BindProperty]
    public DateOnly? FirstDate { get; set; }

    [BindProperty]
    public TimeOnly? StartTime { get; set; }

    [BindProperty]
    public TimeOnly? EndTime { get; set; }

    [BindProperty]
    public string Repeat { get; set; } = "weekly";

    [BindProperty]
    public int? Count { get; set; }

    [BindProperty]
    public DateOnly? Until { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    public IReadOnlyList<ResourceChoice> Resources { get; private set; } = [];

    public IReadOnlyList<SeriesView> Upcoming { get; private set; } = [];

    /// <summary>What is wrong with the form, each with its field (for the input's description).</summary>
    public IReadOnlyList<(string Field, string Message)> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Count ??= 8;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var checks = new FieldErrors();
        foreach (var (key, entry) in ModelState)
        {
            if (entry is { Errors.Count: > 0 })
            {
                checks.Add(ToField(key), words["“{0}” is not a valid value.", entry.AttemptedValue ?? ""].Value);
            }
        }

        var resourceId = checks.Required(ResourceId, "resourceId", words["Choose a resource."].Value);
        Guid? patronId = null;
        if (!string.IsNullOrWhiteSpace(PatronEmail))
        {
            patronId = await Patrons.PatronSearch.IdByEmailOrCardAsync(db, PatronEmail, ct);
            if (patronId is null)
            {
                checks.Add("patronEmail", words["No patron has the e-mail or library card number {0}.", PatronEmail.Trim()].Value);
            }
        }

        var plan = checks.IsValid ? SeriesApi.Plan(new SeriesBody(resourceId, patronId, FirstDate, StartTime, EndTime, Repeat, Count, Until, Notes), checks) : null;
        if (plan is null)
        {
            return await ShowAsync(checks.Messages.ToList(), ct);
        }

        var outcome = await booking.HandleAsync(User.Actor(), new BookSeriesInput(resourceId, plan, Notes, patronId), ct);
        if (outcome.Refusal is { } refusal)
        {
            return await ShowAsync([(refusal.Code == ErrorCodes.NotFound ? "resourceId" : "firstDate", refusal.Message)], ct);
        }

        var booked = outcome.Dates.Count(d => d.Reservation is not null);
        var refused = outcome.Dates.Count - booked;
        TempData["Message"] = refused == 0
            ? words["Booked all {0} dates of the series.", booked].Value
            : words["Booked {0} of {1} dates; {2} could not be booked (the reasons are below).", booked, outcome.Dates.Count, refused].Value;
        return Redirect($"/reservations/series/{outcome.Series!.Id}");
    }

    /// <summary>The input's id for a field, so a problem can point at it.</summary>
    public static string InputId(string field) => field switch
    {
        "resourceId" => "ResourceId",
        "patronEmail" => "PatronEmail",
        "firstDate" => "FirstDate",
        "startTime" => "StartTime",
        "endTime" => "EndTime",
        "repeat" => "Repeat",
        "count" => "Count",
        "until" => "Until",
        _ => "Notes",
    };

    private static string ToField(string key) => key.Length == 0 ? "notes" : char.ToLowerInvariant(key[0]) + key[1..];

    private async Task<IActionResult> ShowAsync(List<(string Field, string Message)> problems, CancellationToken ct)
    {
        Problems = problems;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Resources = await (
            from r in db.Resources.AsNoTracking()
            join l in db.Locations.AsNoTracking() on r.LocationId equals l.Id
            where !r.IsOutOfService
            orderby l.Name, r.Name
            select new ResourceChoice(r.Id, r.Name, l.Name)).ToListAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1); // a day early: no branch is a day ahead of UTC
        Upcoming = await SeriesQueries.UpcomingAsync(db, null, today, 50, ct);
    }
}
