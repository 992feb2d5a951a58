using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Sessions;
using Booking.Jobs.Calendar;
using Booking.Jobs.Sweeps;
using Booking.Web.Features.Calendar;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Reservations;

/// <summary>
/// A patron's reservations: upcoming, their places on waiting lists, cancelled ones still ahead, and past; with
/// check-in, accept-offer and leave-the-line as plain forms and cancelling through a confirmation page (no script
/// needed), an .ics per reservation and the private calendar feed's address.
/// </summary>
[Authorize]
public sealed class MineModel(BookingDbContext db, ReservationActions actions, CalendarFeeds feeds, TimeProvider clock, IStringLocalizer<MineModel> words) : PageModel
{
    public IReadOnlyList<ReservationView> Upcoming { get; private set; } = [];

    public IReadOnlyList<ReservationView> Past { get; private set; } = [];

    /// <summary>Cancelled or not approved, for a time still ahead: neither "upcoming" nor "past" to a patron.</summary>
    public IReadOnlyList<ReservationView> Cancelled { get; private set; } = [];

    /// <summary>A place in line for a taken time, with the resource's name.</summary>
    public sealed record WaitingPlace(Guid Id, string ResourceName, DateTimeOffset Start, DateTimeOffset End, int Position);

    public IReadOnlyList<WaitingPlace> Waiting { get; private set; } = [];

    /// <summary>A session still ahead the patron has a place at (or waits for), in its branch's local time.</summary>
    public sealed record MySession(Guid SessionId, string Title, DateTimeOffset Start, DateTimeOffset End, bool Waiting, string? Desk = null);

    public IReadOnlyList<MySession> Sessions { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>The patron's series not yet past, by id: each shows as one group, its next date standing for the rest.</summary>
    public IReadOnlyDictionary<Guid, SeriesView> Series { get; private set; } = new Dictionary<Guid, SeriesView>();

    /// <summary>How many more upcoming dates of a series are folded under its next one.</summary>
    public int MoreOf(Guid seriesId) => _folded.GetValueOrDefault(seriesId);

    private Dictionary<Guid, int> _folded = [];

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

        var sequences = await CalendarSequence.ForReservationsAsync(db, [(facts.Reservation.Id, facts.Reservation.Status)], ct);
        var ics = CalendarFiles.Feed(facts.Resource.Name, [facts.ToCalendarEntry(CultureInfo.CurrentUICulture, sequences[facts.Reservation.Id])], clock.GetUtcNow().UtcDateTime);
        return File(System.Text.Encoding.UTF8.GetBytes(ics), CalendarApi.ContentType, $"reservation-{id:N}.ics");
    }

    public async Task<IActionResult> OnPostFeedAsync(CancellationToken ct)
    {
        await feeds.CurrentAsync(User.UserId(), ct);
        TempData["Message"] = words["Your calendar address is ready: add it to your calendar app."].Value;
        return RedirectToPage(null, null, "calendar");
    }

    public async Task<IActionResult> OnPostRotateFeedAsync(CancellationToken ct)
    {
        await feeds.RotateAsync(User.UserId(), ct);
        TempData["Message"] = words["You have a new calendar address; the old one no longer works."].Value;
        return RedirectToPage(null, null, "calendar");
    }

    public Task<IActionResult> OnPostCheckInAsync(Guid id, CancellationToken ct) =>
        ActAsync(() => actions.CheckInAsync(User.Actor(), id, ct), words["Checked in. Enjoy!"].Value, ct);

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        ActAsync(() => actions.AcceptOfferAsync(User.Actor(), id, ct), words["The offered time is yours."].Value, ct);

    /// <summary>Leaves a waiting list (the same as <c>DELETE /api/v1/waitlist/{id}</c>).</summary>
    public async Task<IActionResult> OnPostLeaveAsync(Guid id, CancellationToken ct)
    {
        var me = User.UserId();
        var entry = await db.WaitlistEntries.FirstOrDefaultAsync(w => w.Id == id && w.PatronId == me, ct);
        if (entry is null)
        {
            return NotFound();
        }

        try
        {
            entry.Withdraw();
            await db.SaveChangesAsync(ct);
            TempData["Message"] = words["You have left the waiting list."].Value;
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            Problem = e.Message;
            await LoadAsync(ct);
            return Page();
        }
    }

    /// <summary>Whether the patron can still cancel it here (through the confirmation page).</summary>
    public static bool CanCancel(ReservationView r) => r.Status is "confirmed" or "pending";

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
        Cancelled = views.Where(v => v.End > Now && v.Status is "cancelled" or "rejected").ToList();
        Past = views.Except(Upcoming).Except(Cancelled).OrderByDescending(v => v.Start).ToList();
        Series = (await SeriesQueries.UpcomingAsync(db, me, DateOnly.FromDateTime(now).AddDays(-1), 50, ct)).ToDictionary(v => v.Id);
        var inSeries = Upcoming.Where(v => v.SeriesId is { } id && Series.ContainsKey(id)).GroupBy(v => v.SeriesId!.Value).ToList();
        _folded = inSeries.ToDictionary(g => g.Key, g => g.Count() - 1);
        var folded = inSeries.SelectMany(g => g.Skip(1)).ToHashSet();
        Upcoming = Upcoming.Where(v => !folded.Contains(v)).ToList();
        var places = await Waitlist.WaitlistApi.ViewsAsync(db, w => w.PatronId == me && w.Status == Domain.Reservations.WaitlistStatus.Waiting && w.EndsAtUtc > now, ct);
        var waitedFor = places.Select(p => p.ResourceId).Distinct().ToList();
        var names = await db.Resources.AsNoTracking().Where(r => waitedFor.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        Waiting = places.Select(p => new WaitingPlace(p.Id, names.GetValueOrDefault(p.ResourceId) ?? "?", p.Start, p.End, p.Position)).ToList();
        FeedUrl = await feeds.FindAsync(me, ct) is { } feed ? feeds.Url(feed, Request) : null;
        var sessions = await (from r in db.SessionRegistrations.AsNoTracking()
                              join s in db.Sessions.AsNoTracking() on r.SessionId equals s.Id
                              join l in db.Locations.AsNoTracking() on s.LocationId equals l.Id
                              where r.PatronId == me && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted)
                                  && s.CancelledAtUtc == null && s.EndsAtUtc > now
                              orderby s.StartsAtUtc
                              select new
                              {
                                  s.Id,
                                  s.Title,
                                  s.StartsAtUtc,
                                  s.EndsAtUtc,
                                  l.TimeZoneId,
                                  r.Status,
                                  Desk = (from d in db.SessionDesks
                                          join desk in db.Resources on d.ResourceId equals desk.Id
                                          where d.RegistrationId == r.Id
                                          select desk.Name).FirstOrDefault(),
                              }).Take(100).ToListAsync(ct);
        Sessions = sessions.Select(s =>
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(s.TimeZoneId);
            DateTimeOffset Local(DateTime utc) => TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), zone);
            return new MySession(s.Id, s.Title, Local(s.StartsAtUtc), Local(s.EndsAtUtc), s.Status == RegistrationStatus.Waitlisted, s.Desk);
        }).ToList();
    }
}
