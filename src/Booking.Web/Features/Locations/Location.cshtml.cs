using System.Text.RegularExpressions;
using Booking.Data;
using Booking.Domain.Locations;
using Booking.Web.Features.Shared;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Locations;

/// <summary>One branch: its details, weekly opening hours and closures.</summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed partial class LocationModel(BookingDbContext db, TimeProvider clock, IStringLocalizer<LocationModel> words) : PageModel, ILocationFields
{
    /// <summary>One opening period of a weekday as the form posts it; both times empty means no period.</summary>
    public sealed class HoursRow
    {
        public DayOfWeek Day { get; set; }

        public string? Opens { get; set; }

        public string? Closes { get; set; }
    }

    /// <summary>Weekdays from Monday, as a library's week is read.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public Location Location { get; private set; } = null!;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? TimeZone { get; set; }

    [BindProperty]
    public List<HoursRow> Hours { get; set; } = [];

    [BindProperty]
    public string? ClosureDate { get; set; }

    [BindProperty]
    public string? ClosureStarts { get; set; }

    [BindProperty]
    public string? ClosureEnds { get; set; }

    [BindProperty]
    public string? ClosureReason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Name = Location.Name;
        Address = Location.Address;
        TimeZone = Location.TimeZoneId;
        Hours = RowsFor(Location.OpeningHours);
        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var errors = new FieldErrors();
        var (name, address, zone) = LocationSetup.ReadDetails(errors, Name, Address, TimeZone);
        if (errors.Any)
        {
            errors.CopyTo(ModelState);
            return Redisplay("details");
        }

        Location.Rename(name!, address);
        Location.ChangeTimeZone(zone!);
        await db.SaveChangesAsync(ct);
        return Done(id, words["Saved the details of {0}.", Location.Name]);
    }

    public async Task<IActionResult> OnPostHoursAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        // Rows with both times empty are unused periods; the rest are read by the same checks as the API.
        var used = Hours.Select((row, index) => (row, index)).Where(x => !string.IsNullOrWhiteSpace(x.row.Opens) || !string.IsNullOrWhiteSpace(x.row.Closes)).ToList();
        var errors = new FieldErrors();
        var hours = LocationSetup.ReadHours(errors, used.Select(x => (OpeningHoursInput?)new OpeningHoursInput(x.row.Day.ToString(), x.row.Opens, x.row.Closes)).ToList());
        if (errors.Any || !errors.Try("openingHours", () => Location.SetOpeningHours(hours)))
        {
            errors.CopyTo(ModelState, field => HoursField().Match(field) is { Success: true } m
                ? $"Hours[{used[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)].index}].{AdminForms.PageField(m.Groups[2].Value)}"
                : "Hours");
            return Redisplay("hours");
        }

        await db.SaveChangesAsync(ct);
        return Done(id, words["Saved the opening hours of {0}.", Location.Name]);
    }

    /// <summary>
    /// Copies the Monday periods as typed into Tuesday–Friday (or every other day when <paramref name="copyTo"/> is "week")
    /// and shows the form again unsaved, so the copy is checked before "Save opening hours".
    /// </summary>
    public async Task<IActionResult> OnPostCopyMondayAsync(Guid id, string? copyTo, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var monday = Hours.Where(r => r.Day == DayOfWeek.Monday && (!string.IsNullOrWhiteSpace(r.Opens) || !string.IsNullOrWhiteSpace(r.Closes))).ToList();
        var targets = copyTo == "week" ? Week.Skip(1).ToList() : [DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
        var rows = new List<HoursRow>();
        foreach (var day in Week)
        {
            var periods = day == DayOfWeek.Monday || targets.Contains(day)
                ? monday.Select(r => new HoursRow { Day = day, Opens = r.Opens, Closes = r.Closes }).ToList()
                : Hours.Where(r => r.Day == day && (!string.IsNullOrWhiteSpace(r.Opens) || !string.IsNullOrWhiteSpace(r.Closes))).ToList();
            rows.AddRange(periods);
            for (var i = periods.Count; i < Math.Max(periods.Count + 1, 2); i++)
            {
                rows.Add(new HoursRow { Day = day });
            }
        }

        // The posted values are replaced: the form must show the copied rows, not the model state of the post.
        ModelState.Clear();
        Hours = rows;
        Redisplay("hours");
        CopiedMessage = monday.Count == 0
            ? words["Monday has no periods, so the copied days are now empty. Nothing is saved yet: check the hours and choose Save opening hours."]
            : copyTo == "week"
                ? words["Copied Monday's hours to every day. Nothing is saved yet: check the hours and choose Save opening hours."]
                : words["Copied Monday's hours to Tuesday to Friday. Nothing is saved yet: check the hours and choose Save opening hours."];
        return Page();
    }

    /// <summary>Said above the hours after a copy, which is not yet saved.</summary>
    public string? CopiedMessage { get; private set; }

    public async Task<IActionResult> OnPostAddClosureAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var errors = new FieldErrors();
        var added = await LocationSetup.AddClosureAsync(db, Location, new ClosureInput(ClosureStarts, ClosureEnds, ClosureDate, ClosureReason),
            User.UserId(), clock.GetUtcNow().UtcDateTime, errors, ct);
        if (added is null)
        {
            errors.CopyTo(ModelState, field => field switch
            {
                "date" => nameof(ClosureDate),
                "startsLocal" => nameof(ClosureStarts),
                "endsLocal" => nameof(ClosureEnds),
                _ => nameof(ClosureReason),
            });
            return Redisplay("closure");
        }

        var cancelled = added.Outcome.Cancelled.Count;
        string message = cancelled == 1
            ? words["Added the closure. 1 reservation inside it was cancelled and the patrons told."]
            : words["Added the closure. {0} reservations inside it were cancelled and the patrons told.", cancelled];
        if (added.Outcome.CheckedInLeftAlone.Count > 0)
        {
            message += " " + words["{0} checked in now were left alone: see to them at the desk.", added.Outcome.CheckedInLeftAlone.Count];
        }

        return Done(id, message);
    }

    public async Task<IActionResult> OnPostRemoveClosureAsync(Guid id, Guid closureId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!LocationSetup.RemoveClosure(db, Location, closureId, User.UserId(), clock.GetUtcNow().UtcDateTime))
        {
            return Done(id, words["That closure was already removed."]);
        }

        await db.SaveChangesAsync(ct);
        return Done(id, words["Removed the closure. Those times can be booked again."]);
    }

    /// <summary>Each weekday gets its periods plus one empty row (at least two), so another period can be added without JavaScript.</summary>
    private static List<HoursRow> RowsFor(IEnumerable<OpeningInterval> hours)
    {
        var rows = new List<HoursRow>();
        foreach (var day in Week)
        {
            var periods = hours.Where(h => h.Day == day).OrderBy(h => h.Opens).ToList();
            rows.AddRange(periods.Select(p => new HoursRow { Day = day, Opens = p.Opens.ToString("HH:mm"), Closes = p.Closes.ToString("HH:mm") }));
            for (var i = periods.Count; i < Math.Max(periods.Count + 1, 2); i++)
            {
                rows.Add(new HoursRow { Day = day });
            }
        }

        return rows;
    }

    /// <summary>The page again after a refused post: that form keeps what was typed, the others show what is stored.</summary>
    private PageResult Redisplay(string posted)
    {
        if (posted != "details")
        {
            Name = Location.Name;
            Address = Location.Address;
            TimeZone = Location.TimeZoneId;
        }

        if (posted != "hours")
        {
            Hours = RowsFor(Location.OpeningHours);
        }

        return Page();
    }

    private RedirectResult Done(Guid id, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/admin/locations/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var location = await db.Locations.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (location is null)
        {
            return false;
        }

        Location = location;
        return true;
    }

    [GeneratedRegex(@"^openingHours\[(\d+)\]\.(\w+)$")]
    private static partial Regex HoursField();
}
