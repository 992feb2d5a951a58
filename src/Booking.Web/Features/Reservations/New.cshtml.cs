using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
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

    public async Task<IActionResult> OnGetAsync(string? start, CancellationToken ct)
    {
        var subject = await LoadAsync(ct);
        if (subject is null)
        {
            return NotFound();
        }

        if (DateTime.TryParseExact(start, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && Instants.InWindow(local))
        {
            Prefill(local, subject);
        }
        else if (DateTimeOffset.TryParseExact(start, "yyyy-MM-ddTHH:mmzzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && Instants.InWindow(instant.DateTime))
        {
            // The grid adds the offset only where the local time comes twice; keep it so the post books the one chosen.
            Prefill(instant.DateTime, subject);
            StartOffset = AmbiguousOffset(instant.DateTime, subject.Location.TimeZone, instant.Offset) is { } offset ? FormatOffset(offset) : null;
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
            Refusal = new BookingRefusal(ErrorCodes.Validation, "Give a date, a start time and an end time.");
            return Page();
        }

        if (!Instants.InWindow(Date))
        {
            Refusal = new BookingRefusal(ErrorCodes.Validation, Instants.OutsideWindow);
            return Page();
        }

        Guid? patronId = null;
        if (User.IsStaff() && !string.IsNullOrWhiteSpace(PatronEmail))
        {
            var normalized = PatronEmail.Trim().ToUpperInvariant();
            patronId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            if (patronId is null)
            {
                Refusal = new BookingRefusal(ErrorCodes.Validation, $"No patron has the e-mail {PatronEmail}.");
                return Page();
            }
        }

        var zone = subject.Location.TimeZone;
        var startLocal = Date.ToDateTime(StartTime);
        var endLocal = EndTime <= StartTime ? Date.AddDays(1).ToDateTime(EndTime) : Date.ToDateTime(EndTime);
        var startUtc = AmbiguousOffset(startLocal, zone, ParseOffset(StartOffset)) is { } chosen
            ? DateTime.SpecifyKind(startLocal - chosen, DateTimeKind.Utc)
            : LocalCalendar.ToUtc(startLocal, zone);
        var endUtc = LocalCalendar.ToUtc(endLocal, zone);
        if (endUtc <= startUtc && zone.IsAmbiguousTime(endLocal))
        {
            endUtc = DateTime.SpecifyKind(endLocal - zone.GetAmbiguousTimeOffsets(endLocal).Min(), DateTimeKind.Utc); // the later of the two
        }

        var start = new DateTimeOffset(startUtc);
        var end = new DateTimeOffset(endUtc);
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

    private void Prefill(DateTime local, BookingSubject subject)
    {
        Date = DateOnly.FromDateTime(local);
        StartTime = TimeOnly.FromDateTime(local);
        EndTime = StartTime.AddMinutes(subject.Policy.MinDurationMinutes);
    }

    /// <summary>The offset, if the local time comes twice and it is one of its two offsets; otherwise null.</summary>
    private static TimeSpan? AmbiguousOffset(DateTime local, TimeZoneInfo zone, TimeSpan? offset) =>
        offset is { } o && zone.IsAmbiguousTime(local) && zone.GetAmbiguousTimeOffsets(local).Contains(o) ? o : null;

    /// <summary>The form's offset as written ("-05:00", "+01:00"); null when absent or not an offset.</summary>
    private static TimeSpan? ParseOffset(string? text) =>
        text is not null && TimeSpan.TryParseExact(text.TrimStart('+', '-'), @"hh\:mm", CultureInfo.InvariantCulture, out var size)
            ? (text.StartsWith('-') ? -size : size)
            : null;

    private static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);

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
