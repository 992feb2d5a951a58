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

namespace Booking.Web.Features.Sessions;

/// <summary>
/// Schedules a training, networking session or workshop through <see cref="SessionScheduling"/>. The query string
/// (kind, title, certificationId, locationId) pre-fills the form, so the demand view can link to it.
/// </summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
public sealed class NewSessionModel(BookingDbContext db, SessionScheduling scheduling, TimeProvider clock) : PageModel
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
                ModelState.AddModelError(field, field is nameof(Start) or nameof(End) ? "Give a date and a time." : "Give a whole number.");
            }
        }

        SessionKind kind = default;
        if (Kind is null || !SessionCodes.TryParseKind(Kind, out kind))
        {
            ModelState.AddModelError(nameof(Kind), "Choose the kind of session.");
        }

        if (string.IsNullOrWhiteSpace(Title))
        {
            ModelState.AddModelError(nameof(Title), "Give the session a title.");
        }
        else if (Title.Trim().Length > SessionsApi.TitleLength)
        {
            ModelState.AddModelError(nameof(Title), $"The title is at most {SessionsApi.TitleLength} characters.");
        }

        if (Description is { Length: > SessionsApi.DescriptionLength })
        {
            ModelState.AddModelError(nameof(Description), $"The description is at most {SessionsApi.DescriptionLength} characters.");
        }

        var room = Rooms.FirstOrDefault(r => r.Id == RoomId);
        if (room is null)
        {
            ModelState.AddModelError(nameof(RoomId), "Choose a room.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        UtcInterval? interval = null;
        if (Start is null && !HasError(nameof(Start)))
        {
            ModelState.AddModelError(nameof(Start), "Give the start date and time.");
        }
        else if (Start is { } s && !Instants.InWindow(s))
        {
            ModelState.AddModelError(nameof(Start), Instants.OutsideWindow);
        }

        if (End is null && !HasError(nameof(End)))
        {
            ModelState.AddModelError(nameof(End), "Give the end date and time.");
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
                ModelState.AddModelError(nameof(End), "The end must be after the start.");
            }
            else if (interval.Value.Start <= now)
            {
                ModelState.AddModelError(nameof(Start), "A session is scheduled in the future.");
            }
        }

        if (Capacity is null && !HasError(nameof(Capacity)))
        {
            ModelState.AddModelError(nameof(Capacity), "Say how many people can attend.");
        }
        else if (Capacity is < 1 or > Session.MaxCapacity)
        {
            ModelState.AddModelError(nameof(Capacity), $"Capacity is 1 to {Session.MaxCapacity} people.");
        }

        if (kind == SessionKind.Training && Kind is not null)
        {
            if (CertificationId is null || Certifications.All(c => c.Id != CertificationId))
            {
                ModelState.AddModelError(nameof(CertificationId), "A training grants a certification: choose which.");
            }
        }
        else if (CertificationId is not null)
        {
            ModelState.AddModelError(nameof(CertificationId), "Only a training grants a certification: leave it empty.");
        }

        if (PartnerId is { } partner && Partners.All(p => p.Id != partner))
        {
            ModelState.AddModelError(nameof(PartnerId), "Choose a partner organisation from the list, or none.");
        }

        if (HoldDesks is { } desks && desks != 0)
        {
            if (kind != SessionKind.Networking)
            {
                ModelState.AddModelError(nameof(HoldDesks), "Only a networking session holds coworking desks.");
            }
            else if (desks is < 0 or > Session.MaxHeldDesks)
            {
                ModelState.AddModelError(nameof(HoldDesks), $"A session holds 0 to {Session.MaxHeldDesks} desks.");
            }
        }

        if (!ModelState.IsValid || interval is null || room is null)
        {
            return Page();
        }

        var details = new SessionDetails(kind, Title!.Trim(), Description, room.Id, room.LocationId, interval.Value, Capacity!.Value,
            CertificationId, PartnerId, User.UserId(), HoldDesks ?? 0);
        try
        {
            var outcome = await scheduling.ScheduleAsync(User.UserId(), details, ct);
            if (outcome.Refusal is { } refusal)
            {
                // The room (or desks) could not be had at that time: said beside the room and time.
                ModelState.AddModelError(nameof(RoomId), refusal.Message);
                return Page();
            }

            TempData["Message"] = $"Scheduled {Title.Trim()}. Patrons can register from the Sessions page.";
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
