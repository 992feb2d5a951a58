using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Patrons;
using Booking.Domain.Reservations;
using Booking.Domain.Sessions;
using Booking.Web.Features.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Partners;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Partners;

/// <summary>
/// One client at the partner desk (<c>/partner/clients/{id}</c>): their bookings and session places with attendance, a
/// form to book for them (the same rules and refusal words as <c>POST /api/v1/partner/clients/{id}/reservations</c>)
/// and one to register them for a session the partner hosts. Another organisation's client, or nobody, is a 404.
/// </summary>
[Authorize(Policy = MakerspaceApp.PartnerPolicy)]
public sealed class ClientModel(BookingDbContext db, PartnerDesk desk, TimeProvider clock, IStringLocalizer<ClientModel> words) : PageModel
{
    /// <summary>A resource the partner may book, labelled with its branch.</summary>
    public sealed record ResourceChoice(Guid Id, string Name, string LocationName);

    /// <summary>An upcoming session the partner hosts, or has seats set aside in, that the client may be registered for.</summary>
    public sealed record SessionChoice(Guid Id, string Title, DateTime StartLocal, DateTime EndLocal);

    public Guid Id { get; private set; }

    public string ClientName { get; private set; } = "";

    /// <summary>"•••• 1234": a partner's page is not a library staff page.</summary>
    public string? MaskedCard { get; private set; }

    public IReadOnlyList<ReservationView> Upcoming { get; private set; } = [];

    public IReadOnlyList<ReservationView> Past { get; private set; } = [];

    public IReadOnlyList<ClientActivity.Place> Places { get; private set; } = [];

    public IReadOnlyList<ResourceChoice> Resources { get; private set; } = [];

    public IReadOnlyList<SessionChoice> Sessions { get; private set; } = [];

    /// <summary>Which form <see cref="Problem"/> belongs to: book or register.</summary>
    public string? ProblemFor { get; private set; }

    /// <summary>The refusal, already in the reader's language.</summary>
    public string? Problem { get; private set; }

    [BindProperty]
    public Guid? ResourceId { get; set; }

    [BindProperty]
    public DateOnly? Date { get; set; }

    [BindProperty]
    public TimeOnly? StartTime { get; set; }

    [BindProperty]
    public TimeOnly? EndTime { get; set; }

    [BindProperty]
    public Guid? SessionId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await desk.PartnerOfAsync(User.UserId(), ct) is not { } partnerId ? Forbid()
        : await LoadAsync(partnerId, id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostBookAsync(Guid id, CancellationToken ct)
    {
        if (await desk.PartnerOfAsync(User.UserId(), ct) is not { } partnerId)
        {
            return Forbid();
        }

        if (!await desk.IsClientAsync(partnerId, id, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid || ResourceId is not { } resourceId || Date is not { } date || StartTime is not { } startTime || EndTime is not { } endTime)
        {
            return await RefuseAsync(partnerId, id, "book", words["Choose a resource, and give a date, a start time and an end time."].Value, ct);
        }

        if (!Instants.InWindow(date))
        {
            return await RefuseAsync(partnerId, id, "book", RefusalWords.Say(Instants.OutsideWindowRefusal, CultureInfo.CurrentUICulture), ct);
        }

        var subject = await BookingSubject.LoadAsync(db, resourceId, ct);
        if (subject is null)
        {
            return await RefuseAsync(partnerId, id, "book", words["Choose a resource from the list."].Value, ct);
        }

        // Local wall-clock times at the resource's branch, as on the booking form; an end at or before the start runs past midnight.
        var times = LocalTimes.From(date, startTime, endTime, null, subject.Location.TimeZone);
        var outcome = await desk.BookAsync(User.UserId(), partnerId, id, resourceId, times.Start, times.End, ct);
        if (outcome.Refusal is { } refusal)
        {
            db.ChangeTracker.Clear();
            return await RefuseAsync(partnerId, id, "book", RefusalWords.Say(refusal, CultureInfo.CurrentUICulture), ct, ErrorStatuses.StatusFor(refusal.Code));
        }

        var reservation = outcome.Reservation!;
        TempData["Message"] = reservation.Status == ReservationStatus.Pending
            ? words["Booked {0} on {1}; it awaits staff approval. Print the confirmation for your client.", subject.Resource.Name, Dates.DayAndTime(times.StartLocal)].Value
            : words["Booked {0} on {1}. Print the confirmation for your client.", subject.Resource.Name, Dates.DayAndTime(times.StartLocal)].Value;
        return Redirect($"/partner/reservations/{reservation.Id}/confirmation");
    }

    public async Task<IActionResult> OnPostRegisterAsync(Guid id, CancellationToken ct)
    {
        if (await desk.PartnerOfAsync(User.UserId(), ct) is not { } partnerId)
        {
            return Forbid();
        }

        if (SessionId is not { } sessionId)
        {
            return await LoadAsync(partnerId, id, ct)
                ? await RefuseAsync(partnerId, id, "register", words["Choose a session."].Value, ct)
                : NotFound();
        }

        try
        {
            await desk.RegisterAsync(partnerId, id, sessionId, ct);
        }
        catch (DomainException e) when (e.Code == ErrorCodes.NotFound)
        {
            // Not their client, or not a session they host: the same 404 as the API, telling nothing of either.
            return NotFound();
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            return await RefuseAsync(partnerId, id, "register", RefusalWords.Say(e, CultureInfo.CurrentUICulture), ct, ErrorStatuses.StatusFor(e.Code));
        }

        TempData["Message"] = words["Registered your client for the session; if it was full, they are on its waiting list."].Value;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> RefuseAsync(Guid partnerId, Guid id, string form, string message, CancellationToken ct, int status = StatusCodes.Status400BadRequest)
    {
        ProblemFor = form;
        Problem = message;
        if (!await LoadAsync(partnerId, id, ct))
        {
            return NotFound();
        }

        var page = Page();
        page.StatusCode = status;
        return page;
    }

    private async Task<bool> LoadAsync(Guid partnerId, Guid id, CancellationToken ct)
    {
        if (!await desk.IsClientAsync(partnerId, id, ct))
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var activity = await ClientActivity.ReadAsync(db, id, now, ct);
        Id = id;
        ClientName = activity.Client.DisplayName;
        MaskedCard = activity.Client.Card;
        Upcoming = activity.Reservations.Where(v => v.End.UtcDateTime > now && v.Status is "pending" or "confirmed" or "checked-in").OrderBy(v => v.Start).ToList();
        Past = activity.Reservations.Except(Upcoming).ToList();
        Places = activity.Places;

        var partner = await db.Partners.AsNoTracking().FirstAsync(p => p.Id == partnerId, ct);
        var kinds = partner.AllowedKindCodes;
        Resources = await (
            from r in db.Resources.AsNoTracking()
            join l in db.Locations.AsNoTracking() on r.LocationId equals l.Id
            where !r.IsOutOfService && kinds.Contains(r.KindCode)
            orderby l.Name, r.Name
            select new ResourceChoice(r.Id, r.Name, l.Name)).ToListAsync(ct);

        var taken = Places.Where(p => p.Status != RegistrationStatus.Cancelled).Select(p => p.SessionId).ToHashSet();
        var hosted = await (from s in db.Sessions.AsNoTracking()
                            join l in db.Locations.AsNoTracking() on s.LocationId equals l.Id
                            where (s.PartnerId == partnerId || s.SeatsPartnerId == partnerId) && s.StartsAtUtc > now && s.CancelledAtUtc == null
                            orderby s.StartsAtUtc
                            select new { s.Id, s.Title, s.StartsAtUtc, s.EndsAtUtc, l.TimeZoneId }).Take(100).ToListAsync(ct);
        Sessions = hosted.Where(s => !taken.Contains(s.Id)).Select(s =>
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(s.TimeZoneId);
            return new SessionChoice(s.Id, s.Title, LocalCalendar.ToLocal(s.StartsAtUtc, zone), LocalCalendar.ToLocal(s.EndsAtUtc, zone));
        }).ToList();
        return true;
    }
}
