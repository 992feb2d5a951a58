using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Sessions;
using Booking.Web.Infrastructure;
using Booking.Workflows.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Sessions;

/// <summary>One session: register, join its waiting list or cancel, through the same handler the API uses; a refusal in words.</summary>
public sealed class DetailsModel(BookingDbContext db, SessionRegistrations registrations, TimeProvider clock, IStringLocalizer<DetailsModel> words) : PageModel
{
    public SessionView Session { get; private set; } = null!;

    public string LocationName { get; private set; } = "";

    /// <summary>The signed-in patron's registration in words, or null when they hold none.</summary>
    public string? Mine { get; private set; }

    /// <summary>Whether that registration is a place on the waiting list.</summary>
    public bool MineWaiting { get; private set; }

    public bool Started { get; private set; }

    public bool CanCancel { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The patron's desk, or the desks to choose from (networking sessions that hold desks).</summary>
    public DeskChoice Desks { get; private set; } = DeskChoice.None;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostRegisterAsync(Guid id, Guid? deskId, CancellationToken ct) => ActAsync(id, async () =>
    {
        if (!ModelState.IsValid)
        {
            // A deskId that is not an id at all: refused like an unknown desk, before anything is written.
            throw new DomainException(ErrorCodes.Validation, "That desk is not one this session holds: choose one of its desks.");
        }

        var (session, registration) = await registrations.RegisterAsync(User.UserId(), id, deskId, ct);
        return registration.Status == RegistrationStatus.Waitlisted
            ? words["{0} is full: you are on the waiting list, number {1} in line. We will e-mail you if a place frees up.", session.Title, session.PositionInLine(registration) ?? 0].Value
            : words["You are registered for {0}.", session.Title].Value;
    }, ct);

    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) => ActAsync(id, async () =>
    {
        var (session, _) = await registrations.CancelMineAsync(User.UserId(), id, ct);
        return words["Your registration for {0} is cancelled.", session.Title].Value;
    }, ct);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<string>> action, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        try
        {
            TempData["Message"] = await action();
            return RedirectToPage(new { id });
        }
        catch (DomainException e)
        {
            Problem = e.Message;
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await SessionsApi.ViewsAsync(db, [id], ct)).SingleOrDefault() is not { } view)
        {
            return false;
        }

        Session = view;
        Started = clock.GetUtcNow() >= view.Start;
        LocationName = await db.Locations.AsNoTracking().Where(l => l.Id == view.LocationId).Select(l => l.Name).FirstAsync(ct);
        if (User.Identity?.IsAuthenticated == true)
        {
            var me = User.UserId();
            var session = await db.Sessions.AsNoTracking().Include(s => s.Registrations).FirstAsync(s => s.Id == id, ct);
            if (session.Registrations.FirstOrDefault(r => r.PatronId == me && r.IsActive) is { } registration)
            {
                Mine = SessionWords.Mine(registration.Status.ToCode(), session.PositionInLine(registration)) ?? words["Your registration: {0}.", registration.Status.ToCode()].Value;
                MineWaiting = registration.Status == RegistrationStatus.Waitlisted;
                CanCancel = !Started && !session.IsCancelled && registration.Status is RegistrationStatus.Registered or RegistrationStatus.Waitlisted;
            }
        }

        var canRegister = User.Identity?.IsAuthenticated == true && Mine is null && !Started && view.Status != "cancelled" && view.PlacesLeft > 0;
        Desks = await DeskChoice.LoadAsync(db, view, User.Identity?.IsAuthenticated == true ? User.UserId() : null, canRegister, ct);

        return true;
    }
}
