using System.Globalization;
using Booking.Data;
using Booking.Domain.Reservations;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Audit;

/// <summary>
/// The audit log for admins: who did what and when, filtered and paged, with a CSV export. Anyone signed in reaches
/// the page, so staff and patrons get a plain 403 page saying it is for admins, rather than a redirect.
/// </summary>
[Authorize]
public sealed class AuditLogModel(BookingDbContext db, IStringLocalizer<AuditLogModel> words) : PageModel
{
    public bool Forbidden { get; private set; }

    public FieldErrors Errors { get; } = new();

    public AuditPage? Results { get; private set; }

    public string? Person { get; private set; }

    public string? Action { get; private set; }

    public string? From { get; private set; }

    public string? To { get; private set; }

    /// <summary>The zone the times are in, as a person names it ("New York time", "hora de New York").</summary>
    public string ZoneName { get; private set; } = "UTC";

    /// <summary>What an action is called in the reader's language; a code the page does not know is shown as stored.</summary>
    public string ActionName(string code) =>
        AuditSearch.Actions.TryGetValue(code, out var english) ? words[english] : code;

    public async Task<IActionResult> OnGetAsync(string? person, string? action, string? from, string? to, int? p, CancellationToken ct)
    {
        if (!User.IsAdmin())
        {
            Forbidden = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        (Person, Action, From, To) = (person, action, from, to);
        var zone = await AuditZone.LoadAsync(db, ct);
        ZoneName = RefusalWords.ZoneName(zone.Id, CultureInfo.CurrentUICulture);
        var search = AuditSearch.Read(person, action, from, to, zone, Errors);
        if (search is null)
        {
            return Page();
        }

        Results = await search.PageAsync(db, p ?? 1, ct); // not "page": Razor Pages keeps that name for the page's own route value
        return Page();
    }

    /// <summary>This page's filters with another page number, or as the CSV export.</summary>
    public string Link(string path, int? page = null) => QueryHelpers.AddQueryString(path, new Dictionary<string, string?>
    {
        ["person"] = Person,
        ["action"] = Action,
        ["from"] = From,
        ["to"] = To,
        ["p"] = page?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
