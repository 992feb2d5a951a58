using System.Security.Claims;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Sessions;
using Booking.Web.Features.Certifications;
using Booking.Web.Features.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Sessions;

/// <summary>The body of <c>POST /api/v1/sessions</c>.</summary>
public sealed record SessionInput(
    string? Kind, string? Title, string? Description, Guid? RoomId, DateTimeOffset? Start, DateTimeOffset? End, int? Capacity,
    Guid? CertificationId, Guid? PartnerId, int? HoldDesks, Guid? SeatsPartnerId = null, int? PartnerSeats = null);

/// <summary>The optional body of <c>POST /api/v1/sessions/{id}/registrations</c>: the desk chosen at a networking session (a desk's resource id).</summary>
public sealed record RegistrationInput(Guid? DeskId);

/// <summary>A desk a networking session holds, and whether it is still free to choose (never who has it).</summary>
public sealed record SessionDeskView(Guid Id, string Name, bool Free);

/// <summary>The body of <c>PUT /api/v1/sessions/{id}/partner-seats</c>: 0 and no partner to set none aside.</summary>
public sealed record PartnerSeatsInput(Guid? SeatsPartnerId, int? PartnerSeats);

/// <summary>The body of <c>POST /api/v1/sessions/{id}/attendance</c>.</summary>
public sealed record AttendanceInput(Guid? PatronId, bool? Attended, bool? Passed);

/// <summary>Who hosts a session: library staff or a partner organisation.</summary>
public sealed record HostView(string Type, Guid Id, string Name);

public sealed record SessionView(
    Guid Id, string Kind, string Title, string Description, string Status, string? CancellationReason,
    Guid RoomId, string RoomName, Guid LocationId, DateTimeOffset Start, DateTimeOffset End,
    int Capacity, int PlacesTaken, int PlacesLeft, int Waiting, NamedRef? Certification, HostView Host, int HeldDesks,
    IReadOnlyList<SessionDeskView> Desks)
{
    /// <summary>Seats set aside for a partner (not the host): part of the capacity the public never gets.</summary>
    public int PartnerSeats { get; init; }

    public int PartnerSeatsTaken { get; init; }

    /// <summary>The partner the seats are set aside for, or null.</summary>
    public NamedRef? SeatsPartner { get; init; }

    /// <summary>The places open to the public: the capacity less the seats set aside (<c>placesLeft</c> counts down from it).</summary>
    public int PublicCapacity => Capacity - PartnerSeats;
}

/// <summary>A registration; <c>Desk</c> is the attendee's own desk at a networking session (their reservation), if any.</summary>
public sealed record RegistrationView(
    Guid Id, Guid SessionId, Guid PatronId, string? PatronEmail, string Status, int? Position, DateTimeOffset RegisteredAt, RegistrationDeskView? Desk);

/// <summary>The attendee's desk: the desk (a resource) and the reservation that holds it for them.</summary>
public sealed record RegistrationDeskView(Guid Id, string Name, Guid ReservationId);

public sealed record AttendanceView(RegistrationView Registration, Guid? GrantId);

public static class SessionsApi
{
    public const int TitleLength = 200;

    public const int DescriptionLength = 2000;

    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder api)
    {
        var sessions = api.MapGroup("/sessions").WithTags("Sessions");
        sessions.MapGet("/", List);
        sessions.MapGet("/{id:guid}", Get);
        sessions.MapPost("/", Schedule).RequireAuthorization(MakerspaceApp.StaffPolicy);
        sessions.MapPost("/{id:guid}/cancel", Cancel).RequireAuthorization(MakerspaceApp.StaffPolicy);
        sessions.MapPut("/{id:guid}/partner-seats", SetAsideSeats).RequireAuthorization(MakerspaceApp.StaffPolicy);
        sessions.MapPost("/{id:guid}/registrations", Register).RequireAuthorization();
        sessions.MapDelete("/{id:guid}/registrations/mine", CancelMine).RequireAuthorization();
        sessions.MapGet("/{id:guid}/registrations", Registrations).RequireAuthorization(MakerspaceApp.StaffPolicy);
        sessions.MapPost("/{id:guid}/attendance", Attendance).RequireAuthorization(MakerspaceApp.StaffPolicy);
        return api;
    }

    private static async Task<Results<Ok<List<SessionView>>, ValidationProblem>> List(
        string? from, string? to, string? kind, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var checks = new FieldErrors();
        var now = clock.GetUtcNow();
        var start = now;
        var end = now.AddDays(90);
        if (from is not null && !Instants.TryParse(from, out start))
        {
            checks.Add("from", Instants.NotAnInstant(from));
        }

        if (to is not null && !Instants.TryParse(to, out end))
        {
            checks.Add("to", Instants.NotAnInstant(to));
        }

        SessionKind? wanted = null;
        if (!string.IsNullOrEmpty(kind))
        {
            if (SessionCodes.TryParseKind(kind, out var k))
            {
                wanted = k;
            }
            else
            {
                checks.Add("kind", "Unknown kind '{0}'. Allowed: {1}.", kind, string.Join(", ", SessionCodes.Kinds));
            }
        }

        if (!checks.IsValid)
        {
            return checks.ToProblem();
        }

        var startUtc = start.UtcDateTime;
        var endUtc = end.UtcDateTime;
        var query = db.Sessions.AsNoTracking().Where(s => s.EndsAtUtc > startUtc && s.StartsAtUtc < endUtc);
        if (wanted is { } w)
        {
            query = query.Where(s => s.Kind == w);
        }

        var ids = await query.OrderBy(s => s.StartsAtUtc).Take(500).Select(s => s.Id).ToListAsync(ct);
        return TypedResults.Ok(await ViewsAsync(db, ids, ct));
    }

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> Get(Guid id, BookingDbContext db, CancellationToken ct) =>
        (await ViewsAsync(db, [id], ct)).SingleOrDefault() is { } view ? TypedResults.Ok(view) : Problems.NotFound("session");

    private static async Task<Results<Created<SessionView>, ProblemHttpResult, ValidationProblem>> Schedule(
        SessionInput? input, ClaimsPrincipal user, SessionScheduling scheduling, BookingDbContext db, CancellationToken ct)
    {
        var checks = new FieldErrors();
        var kindCode = checks.Required(input?.Kind, "kind", $"Say what kind of session: {string.Join(", ", SessionCodes.Kinds)}.");
        SessionKind kind = default;
        if (kindCode.Length > 0 && !SessionCodes.TryParseKind(kindCode, out kind))
        {
            checks.Add("kind", "Unknown kind '{0}'. Allowed: {1}.", kindCode, string.Join(", ", SessionCodes.Kinds));
        }

        var title = checks.Required(input?.Title, "title", "Give the session a title.");
        if (title.Length > TitleLength)
        {
            checks.Add("title", "title is at most {0} characters.", TitleLength);
        }

        if (input?.Description is { Length: > DescriptionLength })
        {
            checks.Add("description", "description is at most {0} characters.", DescriptionLength);
        }

        var roomId = checks.Required(input?.RoomId, "roomId", "Say which room the session takes place in.");
        var start = checks.Required(input?.Start, "start", "Give the start, with an offset. " + Instants.Hint);
        var end = checks.Required(input?.End, "end", "Give the end, with an offset. " + Instants.Hint);
        var capacity = checks.Required(input?.Capacity, "capacity", "Say how many people can attend.");
        if (checks.IsValid && end <= start)
        {
            checks.Add("end", "The end must be after the start.");
        }

        if (input?.CertificationId is { } certificationId && !await db.Certifications.AnyAsync(c => c.Id == certificationId, ct))
        {
            checks.Add("certificationId", "There is no certification with id {0}.", certificationId);
        }

        if (input?.PartnerId is { } partnerId && !await db.Partners.AnyAsync(p => p.Id == partnerId, ct))
        {
            checks.Add("partnerId", "There is no partner organisation with id {0}.", partnerId);
        }

        if (input?.SeatsPartnerId is { } seatsPartnerId && !await db.Partners.AnyAsync(p => p.Id == seatsPartnerId, ct))
        {
            checks.Add("seatsPartnerId", $"There is no partner organisation with id {seatsPartnerId}.");
        }

        if (!checks.IsValid)
        {
            return checks.ToProblem();
        }

        var location = await db.Resources.Where(r => r.Id == roomId).Select(r => (Guid?)r.LocationId).FirstOrDefaultAsync(ct) ?? Guid.Empty;
        var details = new SessionDetails(kind, title, input!.Description, roomId, location, new UtcInterval(start.UtcDateTime, end.UtcDateTime), capacity,
            input.CertificationId, input.PartnerId, user.UserId(), input.HoldDesks ?? 0, input.SeatsPartnerId, input.PartnerSeats ?? 0);
        var outcome = await scheduling.ScheduleAsync(user.UserId(), details, ct);
        if (outcome.Refusal is { } refusal)
        {
            return Problems.Refused(refusal, CertificationProblem.Extensions(refusal, null));
        }

        var view = (await ViewsAsync(db, [outcome.Session!.Id], ct)).Single();
        return TypedResults.Created($"/api/v1/sessions/{view.Id}", view);
    }

    private static async Task<Ok<SessionView>> Cancel(Guid id, ReasonBody? body, ClaimsPrincipal user, SessionScheduling scheduling, BookingDbContext db, CancellationToken ct)
    {
        await scheduling.CancelAsync(user.UserId(), id, body?.Reason, ct);
        return TypedResults.Ok((await ViewsAsync(db, [id], ct)).Single());
    }

    private static async Task<Results<Ok<SessionView>, ValidationProblem>> SetAsideSeats(
        Guid id, PartnerSeatsInput? input, ClaimsPrincipal user, SessionRegistrations registrations, BookingDbContext db, CancellationToken ct)
    {
        var checks = new FieldErrors();
        var seats = checks.Required(input?.PartnerSeats, "partnerSeats", "Say how many seats to set aside (0, with no seatsPartnerId, for none).");
        if (!checks.IsValid)
        {
            return checks.ToProblem();
        }

        await registrations.SetAsideSeatsAsync(user.UserId(), id, input!.SeatsPartnerId, seats, ct);
        return TypedResults.Ok((await ViewsAsync(db, [id], ct)).Single());
    }

    private static async Task<Created<RegistrationView>> Register(
        Guid id, RegistrationInput? input, ClaimsPrincipal user, SessionRegistrations registrations, BookingDbContext db, CancellationToken ct)
    {
        var (session, registration) = await registrations.RegisterAsync(user.UserId(), id, input?.DeskId, ct);
        var view = await RegistrationViewAsync(db, session, registration, ct);
        return TypedResults.Created($"/api/v1/sessions/{id}/registrations/mine", view);
    }

    private static async Task<Ok<RegistrationView>> CancelMine(Guid id, ClaimsPrincipal user, SessionRegistrations registrations, BookingDbContext db, CancellationToken ct)
    {
        var (session, _) = await registrations.CancelMineAsync(user.UserId(), id, ct);
        var mine = session.Registrations.First(r => r.PatronId == user.UserId());
        return TypedResults.Ok(await RegistrationViewAsync(db, session, mine, ct));
    }

    private static async Task<Results<Ok<List<RegistrationView>>, ProblemHttpResult>> Registrations(Guid id, BookingDbContext db, CancellationToken ct)
    {
        var session = await db.Sessions.AsNoTracking().Include(s => s.Registrations).Include(s => s.Desks).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null)
        {
            return Problems.NotFound("session");
        }

        var emails = await EmailsAsync(db, session.Registrations.Select(r => r.PatronId).ToList(), ct);
        var names = await DeskNamesAsync(db, session, ct);
        return TypedResults.Ok(session.Registrations.OrderBy(r => r.LineNumber).Select(r => ToView(session, r, emails.GetValueOrDefault(r.PatronId), names)).ToList());
    }

    private static async Task<Results<Ok<AttendanceView>, ValidationProblem>> Attendance(
        Guid id, AttendanceInput? input, ClaimsPrincipal user, SessionRegistrations registrations, BookingDbContext db, CancellationToken ct)
    {
        var checks = new FieldErrors();
        var patronId = checks.Required(input?.PatronId, "patronId", "Say whose attendance to record.");
        var attended = checks.Required(input?.Attended, "attended", "Say whether the patron attended (true or false).");
        if (!checks.IsValid)
        {
            return checks.ToProblem();
        }

        var outcome = await registrations.MarkAttendanceAsync(user.UserId(), id, patronId, attended, input!.Passed ?? false, ct);
        return TypedResults.Ok(new AttendanceView(await RegistrationViewAsync(db, outcome.Session, outcome.Registration, ct), outcome.GrantId));
    }

    private static async Task<RegistrationView> RegistrationViewAsync(BookingDbContext db, Session session, SessionRegistration registration, CancellationToken ct)
    {
        var emails = await EmailsAsync(db, [registration.PatronId], ct);
        return ToView(session, registration, emails.GetValueOrDefault(registration.PatronId), await DeskNamesAsync(db, session, ct));
    }

    private static RegistrationView ToView(Session session, SessionRegistration r, string? email, Dictionary<Guid, string> deskNames) =>
        new(r.Id, session.Id, r.PatronId, email, r.Status.ToCode(), session.PositionInLine(r), new DateTimeOffset(DateTime.SpecifyKind(r.RegisteredAtUtc, DateTimeKind.Utc)),
            session.DeskOf(r) is { } desk ? new RegistrationDeskView(desk.ResourceId, deskNames.GetValueOrDefault(desk.ResourceId) ?? "?", desk.ReservationId) : null);

    private static Task<Dictionary<Guid, string>> DeskNamesAsync(BookingDbContext db, Session session, CancellationToken ct)
    {
        var ids = session.Desks.Select(d => d.ResourceId).ToList();
        return db.Resources.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
    }

    private static Task<Dictionary<Guid, string?>> EmailsAsync(BookingDbContext db, List<Guid> ids, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);

    /// <summary>Shown for a staff host with no display name: sessions are public, a host's e-mail address is not.</summary>
    public const string StaffHostName = "Library staff";

    public static string HostName(string? displayName) => string.IsNullOrWhiteSpace(displayName) ? StaffHostName : displayName.Trim();

    /// <summary>Sessions with their room, branch zone, certification, host and counts, in a handful of queries.</summary>
    internal static async Task<List<SessionView>> ViewsAsync(BookingDbContext db, List<Guid> ids, CancellationToken ct)
    {
        var rows = await (
            from s in db.Sessions.AsNoTracking()
            join r in db.Resources.AsNoTracking() on s.RoomId equals r.Id
            join l in db.Locations.AsNoTracking() on r.LocationId equals l.Id
            where ids.Contains(s.Id)
            orderby s.StartsAtUtc
            select new { Session = s, RoomName = r.Name, r.LocationId, l.TimeZoneId }).ToListAsync(ct);
        var counts = await db.SessionRegistrations.AsNoTracking().Where(r => ids.Contains(r.SessionId))
            .GroupBy(r => new { r.SessionId, r.Status, r.OnPartnerSeat }).Select(g => new { g.Key.SessionId, g.Key.Status, g.Key.OnPartnerSeat, Count = g.Count() }).ToListAsync(ct);
        var certificationIds = rows.Select(r => r.Session.CertificationId).OfType<Guid>().Distinct().ToList();
        var certifications = await db.Certifications.AsNoTracking().Where(c => certificationIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var partnerIds = rows.Select(r => r.Session.PartnerId).Concat(rows.Select(r => r.Session.SeatsPartnerId)).OfType<Guid>().Distinct().ToList();
        var partners = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var desks = await (from d in db.SessionDesks.AsNoTracking()
                           join r in db.Resources.AsNoTracking() on d.ResourceId equals r.Id
                           where ids.Contains(d.SessionId) && d.ReleasedAtUtc == null
                           orderby d.Position
                           select new { d.SessionId, d.ResourceId, r.Name, Free = d.RegistrationId == null }).ToListAsync(ct);
        var staffIds = rows.Select(r => r.Session.HostStaffId).Distinct().ToList();
        var staff = await db.Users.AsNoTracking().Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        return rows.Select(row =>
        {
            var s = row.Session;
            var zone = TimeZoneInfo.FindSystemTimeZoneById(row.TimeZoneId);
            int Count(params RegistrationStatus[] statuses) => counts.Where(c => c.SessionId == s.Id && statuses.Contains(c.Status)).Sum(c => c.Count);
            var taken = Count(RegistrationStatus.Registered, RegistrationStatus.Attended, RegistrationStatus.Passed);
            var onSeats = counts.Where(c => c.SessionId == s.Id && c.OnPartnerSeat && c.Status is RegistrationStatus.Registered or RegistrationStatus.Attended or RegistrationStatus.Passed).Sum(c => c.Count);
            var host = s.PartnerId is { } partnerId
                ? new HostView("partner", partnerId, partners.GetValueOrDefault(partnerId) ?? "?")
                : new HostView("staff", s.HostStaffId, HostName(staff.GetValueOrDefault(s.HostStaffId)));
            return new SessionView(
                s.Id, s.Kind.ToCode(), s.Title, s.Description, s.IsCancelled ? "cancelled" : "scheduled", s.CancellationReason,
                s.RoomId, row.RoomName, row.LocationId, ReservationQueries.Local(s.StartsAtUtc, zone), ReservationQueries.Local(s.EndsAtUtc, zone),
                // The public's places left: the seats set aside for a partner are never theirs.
                s.Capacity, taken, Math.Max(0, s.Capacity - s.PartnerSeats - (taken - onSeats)), Count(RegistrationStatus.Waitlisted),
                s.CertificationId is { } c ? new NamedRef(c, certifications.GetValueOrDefault(c) ?? "?") : null,
                host, s.DeskReservationIds.Length,
                desks.Where(d => d.SessionId == s.Id).Select(d => new SessionDeskView(d.ResourceId, d.Name, d.Free)).ToList())
            {
                PartnerSeats = s.PartnerSeats,
                PartnerSeatsTaken = onSeats,
                SeatsPartner = s.SeatsPartnerId is { } seatsPartnerId ? new NamedRef(seatsPartnerId, partners.GetValueOrDefault(seatsPartnerId) ?? "?") : null,
            };
        }).ToList();
    }
}
