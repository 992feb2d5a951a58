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

/// <summary>
/// Changes a session's title, description, host and the seats set aside for a partner. The room, time and capacity hold reservations and places,
/// so those are changed by cancelling (registrants are told) and scheduling again.
/// </summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
public sealed class EditSessionModel(BookingDbContext db, SessionScheduling scheduling, SessionRegistrations registrations, TimeProvider clock, IStringLocalizer<EditSessionModel> words) : PageModel
{
    public Session? Session { get; private set; }

    public bool Closed { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> Partners { get; private set; } = [];

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public Guid? PartnerId { get; set; }

    /// <summary>A partner (not the host) some seats are set aside for; see <see cref="SeatsForm"/>.</summary>
    [BindProperty]
    public Guid? SeatsPartnerId { get; set; }

    [BindProperty]
    public int? PartnerSeats { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        (Title, Description, PartnerId) = (Session!.Title, Session.Description, Session.PartnerId);
        (SeatsPartnerId, PartnerSeats) = (Session.SeatsPartnerId, Session.PartnerSeats);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
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

        if (PartnerId is { } partner && Partners.All(p => p.Id != partner))
        {
            ModelState.AddModelError(nameof(PartnerId), words["Choose a partner organisation from the list, or none."].Value);
        }

        SeatsForm.Check(ModelState, SeatsPartnerId, PartnerSeats, Session!.Capacity, PartnerId, Partners, Session);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            // The seats first: they are refused under the session's lock if a client registered meanwhile, and then nothing is saved.
            if (SeatsPartnerId != Session.SeatsPartnerId || (PartnerSeats ?? 0) != Session.PartnerSeats)
            {
                try
                {
                    await registrations.SetAsideSeatsAsync(User.UserId(), id, SeatsPartnerId, PartnerSeats ?? 0, PartnerId, ct);
                }
                catch (DomainException e)
                {
                    db.ChangeTracker.Clear();
                    ModelState.AddModelError(SeatsForm.SeatsField, e.Message);
                    return Page();
                }
            }

            await scheduling.ReviseAsync(User.UserId(), id, Title!, Description, PartnerId, ct);
            TempData["Message"] = words["Saved the session's details."].Value;
            return RedirectToPage("/Sessions/Session", new { id });
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(nameof(Title), e.Message);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Session = await db.Sessions.AsNoTracking().Include(s => s.Registrations).FirstOrDefaultAsync(s => s.Id == id, ct);
        Partners = await NewSessionModel.PartnerOptionsAsync(db, ct);
        Closed = Session is { } s && (s.IsCancelled || clock.GetUtcNow().UtcDateTime >= s.EndsAtUtc);
        return Session is not null;
    }
}
