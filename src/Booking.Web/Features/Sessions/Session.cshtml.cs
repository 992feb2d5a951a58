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

/// <summary>A session's registrations, with attended / did not attend; a pass at a training grants its certification.</summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
public sealed class SessionModel(BookingDbContext db, SessionRegistrations registrations, TimeProvider clock, IStringLocalizer<SessionModel> words) : PageModel
{
    /// <summary>A registration with the patron's name, in arrival order.</summary>
    public sealed record RegistrationRow(Guid PatronId, string PatronName, string? PatronEmail, RegistrationStatus Status, int? Position, string? Desk = null);

    public Session? Session { get; private set; }

    public string RoomName { get; private set; } = "";

    public string TimeZoneId { get; private set; } = "";

    public DateTime StartLocal { get; private set; }

    public DateTime EndLocal { get; private set; }

    public string? CertificationName { get; private set; }

    /// <summary>The partner some seats are set aside for (not the host), or null.</summary>
    public string? SeatsPartnerName { get; private set; }

    public bool Started { get; private set; }

    public bool Over { get; private set; }

    public IReadOnlyList<RegistrationRow> Registrations { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary><paramref name="outcome"/> is <c>passed</c> (training only), <c>attended</c> or <c>absent</c>.</summary>
    public async Task<IActionResult> OnPostAttendanceAsync(Guid id, Guid patronId, string? outcome, CancellationToken ct)
    {
        if (outcome is not ("passed" or "attended" or "absent"))
        {
            Problem = words["Say whether the patron attended."].Value;
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        try
        {
            var result = await registrations.MarkAttendanceAsync(User.UserId(), id, patronId, outcome != "absent", outcome == "passed", ct);
            var who = await db.Users.Where(u => u.Id == patronId).Select(u => u.DisplayName ?? u.Email).FirstOrDefaultAsync(ct);
            TempData["Message"] = outcome switch
            {
                "passed" when result.GrantId is not null => words["{0} passed; the certification is granted (or renewed) and they are told by e-mail.", who ?? ""].Value,
                "passed" => words["{0} passed.", who ?? ""].Value,
                "attended" => words["{0} attended.", who ?? ""].Value,
                _ => words["{0} did not attend.", who ?? ""].Value,
            };
            return RedirectToPage(new { id });
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            Problem = e.Message;
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
    }

    /// <summary>In words, never by colour alone.</summary>
    public string Describe(RegistrationRow r) => r.Status switch
    {
        RegistrationStatus.Registered => words["registered"].Value,
        RegistrationStatus.Waitlisted => words["waiting, number {0} in line", r.Position ?? 0].Value,
        RegistrationStatus.Cancelled => words["cancelled their place"].Value,
        RegistrationStatus.Attended => words["attended"].Value,
        RegistrationStatus.Passed => words["attended and passed"].Value,
        RegistrationStatus.NoShow => words["did not attend"].Value,
        _ => r.Status.ToString(),
    };

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var session = await db.Sessions.AsNoTracking().Include(s => s.Registrations).Include(s => s.Desks).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null)
        {
            return false;
        }

        var deskIds = session.Desks.Select(d => d.ResourceId).ToList();
        var deskNames = await db.Resources.AsNoTracking().Where(r => deskIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);

        var row = await (
            from r in db.Resources.AsNoTracking()
            join l in db.Locations.AsNoTracking() on r.LocationId equals l.Id
            where r.Id == session.RoomId
            select new { RoomName = r.Name, l.TimeZoneId }).FirstAsync(ct);
        Session = session;
        RoomName = row.RoomName;
        TimeZoneId = row.TimeZoneId;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(row.TimeZoneId);
        StartLocal = LocalCalendar.ToLocal(session.StartsAtUtc, zone);
        EndLocal = LocalCalendar.ToLocal(session.EndsAtUtc, zone);
        Started = clock.GetUtcNow().UtcDateTime >= session.StartsAtUtc;
        Over = clock.GetUtcNow().UtcDateTime >= session.EndsAtUtc;
        CertificationName = session.CertificationId is { } c ? await db.Certifications.Where(x => x.Id == c).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        SeatsPartnerName = session.SeatsPartnerId is { } p ? await db.Partners.Where(x => x.Id == p).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var patronIds = session.Registrations.Select(r => r.PatronId).ToList();
        var people = await db.Users.AsNoTracking().Where(u => patronIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.DisplayName }).ToDictionaryAsync(u => u.Id, ct);
        Registrations = session.Registrations.OrderBy(r => r.LineNumber).Select(r =>
        {
            var person = people.GetValueOrDefault(r.PatronId);
            var name = string.IsNullOrWhiteSpace(person?.DisplayName) ? person?.Email ?? "?" : person.DisplayName;
            var desk = session.DeskOf(r) is { } d ? deskNames.GetValueOrDefault(d.ResourceId) : null;
            return new RegistrationRow(r.PatronId, name, person?.Email, r.Status, session.PositionInLine(r), desk);
        }).ToList();
        return true;
    }
}
