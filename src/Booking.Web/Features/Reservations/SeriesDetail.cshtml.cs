using Booking.Data;
using Booking.Domain.Common;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Reservations;

/// <summary>
/// One series as a group: every planned date with its reservation or the reason it was refused; cancel one date (the
/// normal cancel) or "this and the rest". The patron sees their own, staff any; anyone else: not found.
/// </summary>
[Authorize]
public sealed class SeriesDetailModel(BookingDbContext db, CancelSeries cancel, TimeProvider clock, IStringLocalizer<SeriesDetailModel> words) : PageModel
{
    public SeriesView Series { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    /// <summary>The first date to cancel ("this and the rest"), preselected from a date's link.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public string? Problem { get; private set; }

    /// <summary>Staff cancelling a patron's dates say why (the patron is told); a patron cancelling their own need not.</summary>
    public bool NeedsReason => Series.PatronId != User.UserId();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var first = Series.Cancellable(Now).FirstOrDefault(d => d.Date == From);
        if (first is null)
        {
            Problem = words["Choose an upcoming date of the series to cancel from."].Value;
            return Page();
        }

        if (Reason is { Length: > 500 })
        {
            Problem = words["A reason is at most 500 characters."].Value;
            return Page();
        }

        try
        {
            var cancelled = await cancel.HandleAsync(User.Actor(), id, first.Start, Reason, ct);
            TempData["Message"] = cancelled.Count == 1 ? words["Cancelled 1 date of the series."].Value : words["Cancelled {0} dates of the series.", cancelled.Count].Value;
            return Redirect($"/reservations/series/{id}");
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            Problem = e.Message;
            await LoadAsync(id, ct);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var view = await SeriesQueries.LoadAsync(db, id, User.IsStaff() ? null : User.UserId(), ct);
        if (view is null)
        {
            return false;
        }

        Series = view;
        Now = clock.GetUtcNow();
        return true;
    }
}
