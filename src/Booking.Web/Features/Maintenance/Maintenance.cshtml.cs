using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Reservations;
using Booking.Web.Features.Reservations;
using Booking.Web.Features.Shared;
using Booking.Web.Infrastructure;
using Booking.Workflows.Maintenance;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Maintenance;

/// <summary>Maintenance blocks at a branch: current and upcoming, add one (colliding reservations are cancelled) or lift one.</summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
public sealed class MaintenanceModel(BookingDbContext db, MaintenanceBlocking blocking, TimeProvider clock, IStringLocalizer<MaintenanceModel> words) : PageModel
{
    public const int MaxReasonLength = 300;

    /// <summary>A block in the branch's local time.</summary>
    public sealed record BlockRow(Guid Id, Guid ResourceId, string ResourceName, DateTime StartLocal, DateTime EndLocal, string Reason, bool InProgress);

    public IReadOnlyList<Location> Locations { get; private set; } = [];

    public Guid LocationId { get; private set; }

    public string LocationName { get; private set; } = "";

    public string TimeZoneId { get; private set; } = "";

    public IReadOnlyList<(Guid Id, string Name)> Resources { get; private set; } = [];

    public IReadOnlyList<BlockRow> Blocks { get; private set; } = [];

    public string? Problem { get; private set; }

    /// <summary>A lift that failed is shown above the list, a block that failed beside its form.</summary>
    public bool ProblemIsAboutLift { get; private set; }

    [BindProperty]
    public Guid? ResourceId { get; set; }

    [BindProperty]
    public DateTime? Start { get; set; }

    [BindProperty]
    public DateTime? End { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task OnGetAsync(Guid? locationId, CancellationToken ct) => await LoadAsync(locationId, ct);

    public async Task<IActionResult> OnPostBlockAsync(Guid? locationId, CancellationToken ct)
    {
        await LoadAsync(locationId, ct);
        string? problem = !ModelState.IsValid || Start is null || End is null
            ? words["Give the start and the end, as a date and a time in the branch's local time."].Value
            : !Instants.InWindow(Start.Value) || !Instants.InWindow(End.Value)
                ? RefusalWords.Say(Instants.OutsideWindowRefusal, CultureInfo.CurrentUICulture)
            : ResourceId is not { } chosen || Resources.All(r => r.Id != chosen)
                ? words["Choose a resource of this branch."].Value
                : End <= Start
                    ? words["The end must be after the start."].Value
                    : End.Value - Start.Value > TimeSpan.FromDays(MaintenanceApi.LongestBlockDays)
                        ? words["A maintenance block is at most a year; take the resource out of service instead."].Value
                        : string.IsNullOrWhiteSpace(Reason) || Reason.Trim().Length > MaxReasonLength
                            ? words["Say why (at most {0} characters); patrons whose reservations are cancelled are told.", MaxReasonLength].Value
                            : null;
        if (problem is not null)
        {
            Problem = problem;
            return Page();
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        var interval = new UtcInterval(LocalCalendar.ToUtc(Start!.Value, zone), LocalCalendar.ToUtc(End!.Value, zone));
        try
        {
            var outcome = await blocking.BlockAsync(User.UserId(), ResourceId!.Value, interval, Reason!, ct);
            var name = Resources.First(r => r.Id == ResourceId).Name;
            var cancelled = outcome.Cancelled.Count;
            var left = outcome.CheckedInLeftAlone.Count;
            var culture = CultureInfo.CurrentCulture;
            var said = new List<string>
            {
                words["Blocked {0} from {1} to {2}.", name, LocalCalendar.Short(Start.Value, culture), LocalCalendar.Short(End.Value, culture)],
                cancelled switch
                {
                    0 => words["No reservations collided."],
                    1 => words["1 colliding reservation was cancelled; the patron is told by e-mail."],
                    _ => words["{0} colliding reservations were cancelled; the patrons are told by e-mail.", cancelled],
                },
            };
            if (left > 0)
            {
                said.Add(left == 1
                    ? words["1 already checked in was left alone: speak to that patron."]
                    : words["{0} already checked in were left alone: speak to those patrons.", left]);
            }

            TempData["Message"] = string.Join(" ", said);
            return RedirectToPage(new { locationId = LocationId });
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            Problem = RefusalWords.Say(e, CultureInfo.CurrentUICulture);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostLiftAsync(Guid? locationId, Guid resourceId, Guid blockId, CancellationToken ct)
    {
        try
        {
            await blocking.LiftAsync(User.UserId(), resourceId, blockId, ct);
            TempData["Message"] = words["Lifted. The time can be booked again; anyone waiting for it is offered it."].Value;
            return RedirectToPage(new { locationId });
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            Problem = RefusalWords.Say(e, CultureInfo.CurrentUICulture);
            ProblemIsAboutLift = true;
            await LoadAsync(locationId, ct);
            return Page();
        }
    }

    private async Task LoadAsync(Guid? locationId, CancellationToken ct)
    {
        var branch = await DeskBranch.LoadAsync(db, locationId, clock, ct);
        if (branch is null)
        {
            return;
        }

        (Locations, LocationId, LocationName, TimeZoneId) = (branch.Branches, branch.Id, branch.Name, branch.TimeZoneId);
        var zone = branch.Zone;
        var now = branch.NowUtc;
        Resources = (await db.Resources.AsNoTracking().Where(r => r.LocationId == branch.Id).OrderBy(r => r.Name).Select(r => new { r.Id, r.Name }).ToListAsync(ct))
            .Select(r => (r.Id, r.Name)).ToList();
        var blocks = await (
            from b in db.MaintenanceBlocks.AsNoTracking()
            join r in db.Resources.AsNoTracking() on b.ResourceId equals r.Id
            where r.LocationId == branch.Id && b.LiftedAtUtc == null && b.EndsAtUtc > now
            orderby r.Name, b.StartsAtUtc
            select new { Block = b, r.Name }).ToListAsync(ct);
        Blocks = blocks.Select(x => new BlockRow(
            x.Block.Id, x.Block.ResourceId, x.Name, LocalCalendar.ToLocal(x.Block.StartsAtUtc, zone), LocalCalendar.ToLocal(x.Block.EndsAtUtc, zone),
            x.Block.Reason, x.Block.StartsAtUtc <= now)).ToList();
    }
}
