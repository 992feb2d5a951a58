using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Reservations;

/// <summary>The booking form: local date and times in, the same handler as the API, the refusal shown in words.</summary>
[Authorize]
public sealed class NewModel(BookingDbContext db, BookReservation booking) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid ResourceId { get; set; }

    [BindProperty]
    public DateOnly Date { get; set; }

    [BindProperty]
    public TimeOnly StartTime { get; set; }

    [BindProperty]
    public TimeOnly EndTime { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    [BindProperty]
    public string? PatronEmail { get; set; }

    public string ResourceName { get; private set; } = "";

    public string TimeZone { get; private set; } = "";

    public int SlotMinutes { get; private set; } = 30;

    public BookingRefusal? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? start, CancellationToken ct)
    {
        var subject = await LoadAsync(ct);
        if (subject is null)
        {
            return NotFound();
        }

        if (DateTime.TryParseExact(start, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            Date = DateOnly.FromDateTime(local);
            StartTime = TimeOnly.FromDateTime(local);
            EndTime = StartTime.AddMinutes(subject.Policy.MinDurationMinutes);
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
            Refusal = new BookingRefusal(BookingError.Validation, "Give a date, a start time and an end time.");
            return Page();
        }

        Guid? patronId = null;
        if (User.IsStaff() && !string.IsNullOrWhiteSpace(PatronEmail))
        {
            var normalized = PatronEmail.Trim().ToUpperInvariant();
            patronId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            if (patronId is null)
            {
                Refusal = new BookingRefusal(BookingError.Validation, $"No patron has the e-mail {PatronEmail}.");
                return Page();
            }
        }

        var zone = subject.Location.TimeZone;
        var startLocal = Date.ToDateTime(StartTime);
        var endLocal = EndTime <= StartTime ? Date.AddDays(1).ToDateTime(EndTime) : Date.ToDateTime(EndTime);
        var start = new DateTimeOffset(LocalCalendar.ToUtc(startLocal, zone));
        var end = new DateTimeOffset(LocalCalendar.ToUtc(endLocal, zone));
        var outcome = await booking.HandleAsync(User.UserId(), User.IsStaff(), new BookReservationInput(ResourceId, start, end, Notes, patronId), ct);
        if (outcome.Refusal is { } refusal)
        {
            Refusal = refusal;
            return Page();
        }

        TempData["Message"] = outcome.Reservation!.Status == ReservationStatus.Pending
            ? $"Requested {ResourceName} on {startLocal:dddd d MMMM, HH:mm}–{endLocal:HH:mm}. Staff will approve it."
            : $"Reserved {ResourceName} on {startLocal:dddd d MMMM, HH:mm}–{endLocal:HH:mm}.";
        return patronId is null ? Redirect("/reservations/mine") : Redirect("/desk");
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
