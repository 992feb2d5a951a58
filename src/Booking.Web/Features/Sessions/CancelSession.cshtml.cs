using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Sessions;
using Booking.Web.Infrastructure;
using Booking.Workflows.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Sessions;

/// <summary>Asks for a reason and a confirmation, then cancels: the room and desks are freed and registrants told why.</summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
public sealed class CancelSessionModel(BookingDbContext db, SessionScheduling scheduling, TimeProvider clock, IStringLocalizer<CancelSessionModel> words) : PageModel
{
    public const int MaxReasonLength = 300;

    public Session? Session { get; private set; }

    public bool Closed { get; private set; }

    /// <summary>Registered or waiting: the people told by e-mail.</summary>
    public int ToTell { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), words["Give a reason; registrants are told."].Value);
        }
        else if (Reason.Trim().Length > MaxReasonLength)
        {
            ModelState.AddModelError(nameof(Reason), words["The reason is at most {0} characters.", MaxReasonLength].Value);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await scheduling.CancelAsync(User.UserId(), id, Reason, ct);
            TempData["Message"] = ToTell == 1
                ? words["Cancelled {0}. The room is free again; 1 registrant is told by e-mail.", Session!.Title].Value
                : words["Cancelled {0}. The room is free again; {1} registrants are told by e-mail.", Session!.Title, ToTell].Value;
            return RedirectToPage("/Sessions/Session", new { id });
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(nameof(Reason), e.Message);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Session = await db.Sessions.AsNoTracking().Include(s => s.Registrations).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (Session is null)
        {
            return false;
        }

        Closed = Session.IsCancelled || clock.GetUtcNow().UtcDateTime >= Session.EndsAtUtc;
        ToTell = Session.Registrations.Count(r => r.Status is RegistrationStatus.Registered or RegistrationStatus.Waitlisted);
        return true;
    }
}
