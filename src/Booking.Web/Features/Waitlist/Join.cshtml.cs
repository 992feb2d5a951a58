using Booking.Data;
using Booking.Domain.Reservations;
using Booking.Web.Features.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Booking.Workflows.Waitlist;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Waitlist;

/// <summary>
/// Join the waiting list for a taken time: from a booked cell of the grid (GET shows the time, to change or confirm)
/// or straight from the booking form's slot-taken refusal (POST). The same rules as <c>POST /api/v1/waitlist</c>.
/// </summary>
[Authorize]
public sealed class JoinModel(BookingDbContext db, WaitlistJoining joining, IStringLocalizer<JoinModel> words) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid ResourceId { get; set; }

    [BindProperty]
    public DateOnly Date { get; set; }

    [BindProperty]
    public TimeOnly StartTime { get; set; }

    [BindProperty]
    public TimeOnly EndTime { get; set; }

    /// <summary>Which of the two times is meant in the hour the clocks go back (e.g. "-05:00"); otherwise null.</summary>
    [BindProperty]
    public string? StartOffset { get; set; }

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

        if (LocalTimes.ParseStart(start, subject.Location.TimeZone) is { } asked)
        {
            Date = DateOnly.FromDateTime(asked.Local);
            StartTime = TimeOnly.FromDateTime(asked.Local);
            EndTime = StartTime.AddMinutes(subject.Policy.MinDurationMinutes);
            StartOffset = asked.Offset;
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
            Refusal = new BookingRefusal(Domain.Common.ErrorCodes.Validation, RefusalReasons.GiveDateAndTimes);
            return Page();
        }

        if (!Instants.InWindow(Date))
        {
            Refusal = Instants.OutsideWindowRefusal;
            return Page();
        }

        var times = LocalTimes.From(Date, StartTime, EndTime, StartOffset, subject.Location.TimeZone);
        var outcome = await joining.JoinAsync(User.UserId(), subject, times.Interval, ct);
        if (outcome.Refusal is { } refusal)
        {
            Refusal = refusal;
            return Page();
        }

        var place = (await WaitlistApi.ViewsAsync(db, w => w.Id == outcome.Entry!.Id, ct)).Single();
        TempData["Message"] = words[
            "You are on the waiting list for {0} on {1}–{2}, number {3} in line. If the time frees up, we hold it for you and e-mail you.",
            ResourceName, Dates.DayAndTime(times.StartLocal), Dates.Time(times.EndLocal), place.Position].Value;
        return Redirect("/reservations/mine#waiting");
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
