using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Resources;
using Booking.Domain.Sessions;
using Booking.Web.Infrastructure;
using Booking.Workflows.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Sessions;

/// <summary>
/// Schedules a training, networking session or workshop through <see cref="SessionScheduling"/>. The query string
/// (kind, title, certificationId, locationId) pre-fills the form, so the demand view can link to it.
/// </summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
public sealed class NewSessionModel(BookingDbContext db, SessionScheduling scheduling, TimeProvider clock, IStringLocalizer<NewSessionModel> words) : PageModel
{
    /// <summary>A room with its branch, for the picker.</summary>
    public sealed record RoomOption(Guid Id, string Name, Guid LocationId, string LocationName, string TimeZoneId);

    public IReadOnlyList<RoomOption> Rooms { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Certifications { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Partners { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Title { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? LocationId { get; set; }

    [BindProperty]
    public Guid? RoomId { get; set; }

    [BindProperty]
    public DateTime? Start { get; set; }

    [BindProperty]
    public DateTime? End { get; set; }

    [BindProperty]
    public int? Capacity { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? CertificationId { get; set; }

    [BindProperty]
    public Guid? PartnerId { get; set; }

    [BindProperty]
    public int? HoldDesks { get; set; }

    /// <summary>A partner (not the host) some seats are set aside for: its staff register their clients on them.</summary>
    [BindProperty]
    public Guid? SeatsPartnerId { get; set; }

    [BindProperty]
    public int? PartnerSeats { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A pre-fill is only a suggestion: values that name nothing are dropped rather than shown as errors.
        ModelState.Clear();
        await LoadAsync(ct);
        Kind = Kind is not null && SessionCodes.TryParseKind(Kind, out var kind) ? kind.ToCode() : null;
        Title = Title is { Length: > SessionsApi.TitleLength } ? Title[..SessionsApi.TitleLength] : Title;
        CertificationId = Certifications.Any(c => c.Id == CertificationId) ? CertificationId : null;
        LocationId = Rooms.Any(r => r.LocationId == LocationId) ? LocationId : null;
        Capacity ??= 8;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        // Whatever the model binder could not read (a number that is not one) is already in ModelState; say it in words.
        foreach (var field in new[] { nameof(Start), nameof(End), nameof(Capacity), nameof(HoldDesks) })
        {
            if (ModelState[field] is { Errors.Count: > 0 } entry)
            {
                entry.Errors.Clear();
                ModelState.AddModelError(field, field is nameof(Start) or nameof(End) ? words["Give a date and a time."].Value : words["Give a whole number."].Value);
            }
        }

        SessionKind kind = default;
        if (Kind is null || !SessionCodes.TryParseKind(Kind, out kind))
        {
            ModelState.AddModelError(nameof(Kind), words["Choose the kind of session."].Value);
        }

        if (string.IsNullOrWhiteSpace(Title))
        {
            ModelState.AddModelError(nameof(Title), words["Give the session a title."].Value);
        }
        else if (Title.Trim().Length > SessionsApi.TitleLength)
        {
            ModelState.AddModelError(nameof(Title), words["The title is at most {0} characters.", SessionsApi.TitleLength].Value);
        }

        if (Description is { Length: > SessionsApi.DescriptionLength })
        {
            ModelState.AddModelError(nameof(Description), words["The description is at most {0} characters.", SessionsApi.DescriptionLength].Value);
        }

        var room = Rooms.FirstOrDefault(r => r.Id == RoomId);
        if (room is null)
        {
            ModelState.AddModelError(nameof(RoomId), words["Choose a room."].Value);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        UtcInterval? interval = null;
        if (Start is null && !HasError(nameof(Start)))
        {
            ModelState.AddModelError(nameof(Start), words["Give the start date and time."].Value);
        }
        else if (Start is { } s && !Instants.InWindow(s))
        {
            ModelState.AddModelError(nameof(Start), Instants.OutsideWindow);
        }

        if (End is null && !HasError(nameof(End)))
        {
            ModelState.AddModelError(nameof(End), words["Give the end date and time."].Value);
        }
        else if (End is { } e && !Instants.InWindow(e))
        {
            ModelState.AddModelError(nameof(End), Instants.OutsideWindow);
        }

        if (Start is { } start && End is { } end && Instants.InWindow(start) && Instants.InWindow(end) && room is not null)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(room.TimeZoneId);
            interval = new UtcInterval(LocalCalendar.ToUtc(start, zone), LocalCalendar.ToUtc(end, zone));
            if (end <= start)
            {
                ModelState.AddModelError(nameof(End), words["The end must be after the start."].Value);
            }
            else if (interval.Value.Start <= now)
            {
                ModelState.AddModelError(nameof(Start), words["A session is scheduled in the future."].Value);
            }
        }

        if (Capacity is null && !HasError(nameof(Capacity)))
        {
            ModelState.AddModelError(nameof(Capacity), words["Say how many people can attend."].Value);
        }
        else if (Capacity is < 1 or > Session.MaxCapacity)
        {
            ModelState.AddModelError(nameof(Capacity), words["Capacity is 1 to {0} people.", Session.MaxCapacity].Value);
        }

        if (kind == SessionKind.Training && Kind is not null)
        {
            if (CertificationId is null || Certifications.All(c => c.Id != CertificationId))
            {
                ModelState.AddModelError(nameof(CertificationId), words["A training grants a certification: choose which."].Value);
            }
        }
        else if (CertificationId is not null)
        {
            ModelState.AddModelError(nameof(CertificationId), words["Only a training grants a certification: leave it empty."].Value);
        }

        if (PartnerId is { } partner && Partners.All(p => p.Id != partner))
        {
            ModelState.AddModelError(nameof(PartnerId), words["Choose a partner organisation from the list, or none."].Value);
        }

        if (HoldDesks is { } desks && desks != 0)
        {
            if (kind != SessionKind.Networking)
            {
                ModelState.AddModelError(nameof(HoldDesks), words["Only a networking session holds coworking desks."].Value);
            }
            else if (desks is < 0 or > Session.MaxHeldDesks)
            {
                ModelState.AddModelError(nameof(HoldDesks), words["A session holds 0 to {0} desks.", Session.MaxHeldDesks].Value);
            }
        }

        SeatsForm.Check(ModelState, SeatsPartnerId, PartnerSeats, Capacity is >= 1 and <= Session.MaxCapacity ? Capacity : null, PartnerId, Partners, existing: null);

        if (!ModelState.IsValid || interval is null || room is null)
        {
            return Page();
        }

        var details = new SessionDetails(kind, Title!.Trim(), Description, room.Id, room.LocationId, interval.Value, Capacity!.Value,
            CertificationId, PartnerId, User.UserId(), HoldDesks ?? 0, SeatsPartnerId, PartnerSeats ?? 0);
        try
        {
            var outcome = await scheduling.ScheduleAsync(User.UserId(), details, ct);
            if (outcome.Refusal is { } refusal)
            {
                // The room (or desks) could not be had at that time: said beside the room and time.
                ModelState.AddModelError(nameof(RoomId), refusal.Message);
                return Page();
            }

            TempData["Message"] = words["Scheduled {0}. Patrons can register from the Sessions page.", Title.Trim()].Value;
            return RedirectToPage("/Sessions/Session", new { id = outcome.Session!.Id });
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(nameof(RoomId), e.Message);
            return Page();
        }
    }

    private bool HasError(string field) => ModelState[field] is { Errors.Count: > 0 };

    private async Task LoadAsync(CancellationToken ct)
    {
        Rooms = (await (
            from r in db.Resources.AsNoTracking()
            join l in db.Locations.AsNoTracking() on r.LocationId equals l.Id
            where r.KindCode == KnownKinds.Room && !r.IsOutOfService
            orderby l.Name, r.Name
            select new { r.Id, r.Name, r.LocationId, LocationName = l.Name, l.TimeZoneId }).ToListAsync(ct))
            .Select(x => new RoomOption(x.Id, x.Name, x.LocationId, x.LocationName, x.TimeZoneId)).ToList();
        Certifications = (await db.Certifications.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            .Select(c => (c.Id, c.Name)).ToList();
        Partners = await PartnerOptionsAsync(db, ct);
    }

    internal static async Task<IReadOnlyList<(Guid Id, string Name)>> PartnerOptionsAsync(BookingDbContext db, CancellationToken ct) =>
        (await db.Partners.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct)).Select(p => (p.Id, p.Name)).ToList();
}
