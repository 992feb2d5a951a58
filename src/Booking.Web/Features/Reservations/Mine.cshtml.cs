using Booking.Data;
using Booking.Domain.Common;
using Booking.Jobs.Calendar;
using Booking.Jobs.Sweeps;
using Booking.Web.Features.Calendar;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Reservations;

/// <summary>
/// A patron's reservations, upcoming and past, with cancel, check-in and accept-offer as plain forms (no
/// script needed), an .ics per reservation and the private calendar feed's address.
/// </summary>
[Authorize]
public sealed class MineModel(BookingDbContext db, ReservationActions actions, CalendarFeeds feeds, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ReservationView> Upcoming { get; private set; } = [];

    public IReadOnlyList<ReservationView> Past { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The patron's private feed address, once they asked for one.</summary>
    public string? FeedUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>One reservation as an .ics file, with the same UID as the e-mails' attachments so calendars update one entry.</summary>
    public async Task<IActionResult> OnGetCalendarAsync(Guid id, CancellationToken ct)
    {
        var facts = await ReservationFacts.LoadAsync(db, id, ct);
        if (facts is null || facts.Reservation.PatronId != User.UserId())
        {
            return NotFound();
        }

        var ics = CalendarFiles.Feed(facts.Resource.Name, [facts.ToCalendarEntry()], clock.GetUtcNow().UtcDateTime);
        return File(System.Text.Encoding.UTF8.GetBytes(ics), CalendarApi.ContentType, $"reservation-{id:N}.ics");
    }

    public async Task<IActionResult> OnPostFeedAsync(CancellationToken ct)
    {
        await feeds.CurrentAsync(User.UserId(), ct);
        TempData["Message"] = "Your calendar address is ready: add it to your calendar app.";
        return RedirectToPage(null, null, "calendar");
    }

    public async Task<IActionResult> OnPostRotateFeedAsync(CancellationToken ct)
    {
        await feeds.RotateAsync(User.UserId(), ct);
        TempData["Message"] = "You have a new calendar address; the old one no longer works.";
        return RedirectToPage(null, null, "calendar");
    }

    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) =>
        ActAsync(() => actions.CancelAsync(User.Actor(), id, null, ct), "Cancelled.", ct);

    public Task<IActionResult> OnPostCheckInAsync(Guid id, CancellationToken ct) =>
        ActAsync(() => actions.CheckInAsync(User.Actor(), id, ct), "Checked in. Enjoy!", ct);

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        ActAsync(() => actions.AcceptOfferAsync(User.Actor(), id, ct), "The offered time is yours.", ct);

    /// <summary>Status in words, never by colour alone.</summary>
    public static string Describe(ReservationView r) => r.Status switch
    {
        "pending" when r.OfferExpiresAt is { } until => $"offered to you from the waiting list until {until:HH:mm}",
        "pending" => "waiting for staff approval",
        "confirmed" => "confirmed",
        "checked-in" => r.Overdue ? "checked in, overdue: please return it" : "checked in",
        "completed" => "completed",
        "cancelled" => $"cancelled ({r.StatusReason})",
        "no-show" => "not checked in (released)",
        "rejected" => $"not approved ({r.StatusReason})",
        _ => r.Status,
    };

    private async Task<IActionResult> ActAsync(Func<Task<Domain.Reservations.Reservation>> action, string done, CancellationToken ct)
    {
        try
        {
            await action();
            TempData["Message"] = done;
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            Problem = e.Message;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = User.UserId();
        var now = clock.GetUtcNow().UtcDateTime;
        Now = clock.GetUtcNow();
        var rows = await ReservationQueries.Rows(db).Where(r => r.Reservation.PatronId == me)
            .OrderBy(r => r.Reservation.StartsAtUtc).Take(300).ToListAsync(ct);
        var views = rows.Select(r => ReservationQueries.ToView(r, now)).ToList();
        Upcoming = views.Where(v => v.End > Now && v.Status is "pending" or "confirmed" or "checked-in").ToList();
        Past = views.Except(Upcoming).OrderByDescending(v => v.Start).ToList();
        FeedUrl = await feeds.FindAsync(me, ct) is { } feed ? feeds.Url(feed, Request) : null;
    }
}
