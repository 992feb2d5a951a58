using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Reservations;

/// <summary>The booking form: local date and times in, the same handler as the API, the refusal shown in words.</summary>
[Authorize]
public sealed class NewModel(BookingDbContext db, BookReservation booking, IStringLocalizer<NewModel> words) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid ResourceId { get; set; }

    [BindProperty]
    public DateOnly Date { get; set; }

    [BindProperty]
    public TimeOnly StartTime { get; set; }

    [BindProperty]
    public TimeOnly EndTime { get; set; }

    /// <summary>Set only for a start in the hour the clocks go back (e.g. "-05:00"): which of the two times is meant.</summary>
    [BindProperty]
    public string? StartOffset { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    [BindProperty]
    public string? PatronEmail { get; set; }

    public string ResourceName { get; private set; } = "";

    public string TimeZone { get; private set; } = "";

    public int SlotMinutes { get; private set; } = 30;

    public BookingRefusal? Refusal { get; private set; }

    /// <summary>For a refusal for want of a certification: the next trainings that grant it, to link to.</summary>
    public IReadOnlyList<NextSessionView> Trainings { get; private set; } = [];

    /// <summary>A time taken by someone else can be waited for: the refusal offers the waiting list.</summary>
    public bool CanWait => Refusal?.Code == ErrorCodes.SlotTaken && string.IsNullOrWhiteSpace(PatronEmail);

    /// <summary><paramref name="end"/> (local "yyyy-MM-ddTHH:mm", e.g. from the home page's search) replaces the minimum duration.</summary>
    public async Task<IActionResult> OnGetAsync(string? start, string? end, CancellationToken ct)
    {
        var subject = await LoadAsync(ct);
        if (subject is null)
        {
            return NotFound();
        }

        if (LocalTimes.ParseStart(start, subject.Location.TimeZone) is { } asked)
        {
            Prefill(asked.Local, subject);
            StartOffset = asked.Offset;
            if (LocalTimes.ParseStart(end, subject.Location.TimeZone) is { } until && until.Local > asked.Local && until.Local <= asked.Local.AddDays(1))
            {
                EndTime = TimeOnly.FromDateTime(until.Local);
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var subject = await LoadAsync(ct);
        if (subject is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            Refusal = new BookingRefusal(ErrorCodes.Validation, RefusalReasons.GiveDateAndTimes);
            return Page();
        }

        if (!Instants.InWindow(Date))
        {
            Refusal = Instants.OutsideWindowRefusal;
            return Page();
        }

        Guid? patronId = null;
        if (User.IsStaff() && !string.IsNullOrWhiteSpace(PatronEmail))
        {
            patronId = await Patrons.PatronSearch.IdByEmailOrCardAsync(db, PatronEmail, ct);
            if (patronId is null)
            {
                Refusal = BookingRefusal.Of(ErrorCodes.Validation, RefusalReasons.NoPatronWithEmail, ("email", PatronEmail.Trim()));
                return Page();
            }
        }

        var times = LocalTimes.From(Date, StartTime, EndTime, StartOffset, subject.Location.TimeZone);
        var outcome = await booking.HandleAsync(User.UserId(), User.IsStaff(), new BookReservationInput(ResourceId, times.Start, times.End, Notes, patronId), ct);
        if (outcome.Refusal is { } refusal)
        {
            Refusal = refusal;
            Trainings = refusal.Certifications
                .SelectMany(m => m.Certification.NextTrainings.Take(2).Select(t => new NextSessionView(t.SessionId, $"{t.Title} ({m.Certification.Name})", ReservationQueries.Local(t.StartsAtUtc, subject.Location.TimeZone))))
                .ToList();
            return Page();
        }

        TempData["Message"] = outcome.Reservation!.Status == ReservationStatus.Pending
            ? words["Requested {0} on {1}–{2}. Staff will approve it.", ResourceName, Dates.DayAndTime(times.StartLocal), Dates.Time(times.EndLocal)].Value
            : words["Reserved {0} on {1}–{2}.", ResourceName, Dates.DayAndTime(times.StartLocal), Dates.Time(times.EndLocal)].Value;
        // A patron without e-mail gets no confirmation mail: staff print it for them.
        return patronId is null ? Redirect("/reservations/mine")
            : outcome.PatronEmail is null ? Redirect($"/desk/reservations/{outcome.Reservation!.Id}/confirmation")
            : Redirect("/desk");
    }

    private void Prefill(DateTime local, BookingSubject subject)
    {
        Date = DateOnly.FromDateTime(local);
        StartTime = TimeOnly.FromDateTime(local);
        EndTime = StartTime.AddMinutes(subject.Policy.MinDurationMinutes);
    }

    private async Task<BookingSubject?> LoadAsync(CancellationToken ct)
    {
        var subject = await BookingSubject.LoadAsync(db, ResourceId, ct);
        if (subject is not null)
        {
            ResourceName = subject.Resource.Name;
            TimeZone = subject.Location.TimeZoneId;
            SlotMinutes = subject.Policy.SlotMinutes;
        }

        return subject;
    }
}
