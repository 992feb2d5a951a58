using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Sessions;
using Booking.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Sessions;

/// <summary>Today's and the coming weeks' sessions at a branch, each linking to its attendance list.</summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
public sealed class SessionsModel(BookingDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>How far ahead the desk looks.</summary>
    public const int DaysAhead = 30;

    /// <summary>A session in the branch's local time, with its places.</summary>
    public sealed record SessionRow(
        Guid Id, string Title, string Kind, string RoomName, DateTime StartLocal, DateTime EndLocal, int Capacity, int Taken, int Waiting, bool Cancelled);

    public IReadOnlyList<Location> Locations { get; private set; } = [];

    public Guid LocationId { get; private set; }

    public string LocationName { get; private set; } = "";

    public string TimeZoneId { get; private set; } = "";

    public DateOnly Today { get; private set; }

    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];

    public async Task OnGetAsync(Guid? locationId, CancellationToken ct)
    {
        var branch = await DeskBranch.LoadAsync(db, locationId, clock, ct);
        if (branch is null)
        {
            return;
        }

        (Locations, LocationId, LocationName, TimeZoneId) = (branch.Branches, branch.Id, branch.Name, branch.TimeZoneId);
        var zone = branch.Zone;
        Today = branch.Today;
        var first = LocalCalendar.DayOf(Today, zone).Start;
        var last = LocalCalendar.DayOf(Today.AddDays(DaysAhead), zone).End;
        var rows = await (
            from s in db.Sessions.AsNoTracking()
            join r in db.Resources.AsNoTracking() on s.RoomId equals r.Id
            where s.LocationId == branch.Id && s.EndsAtUtc > first && s.StartsAtUtc < last
            orderby s.StartsAtUtc
            select new { Session = s, RoomName = r.Name }).Take(200).ToListAsync(ct);
        var ids = rows.Select(r => r.Session.Id).ToList();
        var counts = await db.SessionRegistrations.AsNoTracking().Where(r => ids.Contains(r.SessionId))
            .GroupBy(r => new { r.SessionId, r.Status }).Select(g => new { g.Key.SessionId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        Sessions = rows.Select(row =>
        {
            var s = row.Session;
            int Count(params RegistrationStatus[] statuses) => counts.Where(c => c.SessionId == s.Id && statuses.Contains(c.Status)).Sum(c => c.Count);
            return new SessionRow(
                s.Id, s.Title, s.Kind.ToCode(), row.RoomName, LocalCalendar.ToLocal(s.StartsAtUtc, zone), LocalCalendar.ToLocal(s.EndsAtUtc, zone), s.Capacity,
                Count(RegistrationStatus.Registered, RegistrationStatus.Attended, RegistrationStatus.Passed), Count(RegistrationStatus.Waitlisted), s.IsCancelled);
        }).ToList();
    }
}
