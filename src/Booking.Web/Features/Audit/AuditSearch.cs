using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Web.Features.Patrons;
using Booking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Audit;

/// <summary>An audit entry as the page and the CSV show it: the actor by e-mail, the time in the library's zone.</summary>
public sealed record AuditRow(Guid Id, DateTimeOffset At, Guid ActorId, string? ActorEmail, string Action, string Subject, string? SubjectEmail, string Details);

/// <summary>One page of the audit log and how many entries match in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total, int Page, int Pages);

/// <summary>
/// The audit log filtered by person (part of an e-mail or a name: entries they made, and entries about them),
/// action and local dates; shared by the admin page and its CSV export.
/// </summary>
public sealed record AuditSearch(string? Person, string? Action, DateOnly? From, DateOnly? To, TimeZoneInfo Zone)
{
    public const int PageSize = 50;

    /// <summary>The longest text a person filter takes.</summary>
    public const int PersonLength = 256;

    /// <summary>What each action means, in the words the filter offers; entries with other actions are still listed.</summary>
    public static readonly IReadOnlyDictionary<string, string> Actions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["reservation.override"] = "Booking rule overridden for a patron",
        ["reservation.on-behalf"] = "Booked on a patron's behalf",
        ["reservation.cancel-on-behalf"] = "Reservation cancelled by staff",
        ["certification.grant"] = "Certification granted",
        ["certification.renew"] = "Certification renewed",
        ["certification.revoke"] = "Certification revoked",
        ["certification.define"] = "Certification defined",
        ["user.role"] = "Role changed",
        ["location.closure"] = "Closure added",
        ["location.closure-removed"] = "Closure removed",
        ["maintenance.block"] = "Maintenance block",
        ["maintenance.lift"] = "Maintenance block lifted",
        ["session.schedule"] = "Session scheduled",
        ["session.cancel"] = "Session cancelled",
        ["suspension.lift"] = "Suspension lifted",
        ["partner.client-ask"] = "A partner asked a patron to become its client",
        ["partner.client-agree"] = "A patron agreed to be a partner's client",
        ["partner.client-decline"] = "A patron declined to be a partner's client",
        ["partner.client-agree-at-desk"] = "Staff recorded a patron's agreement to be a partner's client",
        ["partner.client-decline-at-desk"] = "Staff recorded a patron's refusal to be a partner's client",
        ["partner.client-stop"] = "A patron stopped being a partner's client",
    };

    /// <summary>Reads the filters; null with reasons in <paramref name="errors"/> when a value is malformed.</summary>
    public static AuditSearch? Read(string? person, string? action, string? from, string? to, TimeZoneInfo zone, FieldErrors errors)
    {
        var who = errors.Optional("person", person, PersonLength);
        var what = string.IsNullOrWhiteSpace(action) ? null : action.Trim();
        if (what is not null && !Actions.ContainsKey(what))
        {
            errors.Add("action", "Choose an action from the list.");
        }

        var first = ReadDate(errors, "from", from);
        var last = ReadDate(errors, "to", to);
        if (first > last)
        {
            errors.Add("to", "The range ends before it starts.");
        }

        return errors.Any ? null : new AuditSearch(who, what, first, last, zone);
    }

    /// <summary>The matching entries, newest first.</summary>
    public async Task<IQueryable<Domain.Audit.AuditEntry>> QueryAsync(BookingDbContext db, CancellationToken ct)
    {
        var query = db.AuditLog.AsNoTracking();
        if (Person is { } person)
        {
            var ids = (await PatronSearch.ByEmailOrNameAsync(db, person, ct)).Select(p => p.Id).ToList();
            var subjects = ids.SelectMany(id => new[] { $"patron:{id}", $"user:{id}" }).ToList();
            query = query.Where(a => ids.Contains(a.ActorId) || subjects.Contains(a.Subject));
        }

        if (Action is { } action)
        {
            query = query.Where(a => a.Action == action);
        }

        if (From is { } from)
        {
            var start = LocalCalendar.DayOf(from, Zone).Start;
            query = query.Where(a => a.AtUtc >= start);
        }

        if (To is { } to)
        {
            var end = LocalCalendar.DayOf(to, Zone).End;
            query = query.Where(a => a.AtUtc < end);
        }

        return query.OrderByDescending(a => a.AtUtc).ThenBy(a => a.Id);
    }

    public async Task<AuditPage> PageAsync(BookingDbContext db, int page, CancellationToken ct)
    {
        var query = await QueryAsync(db, ct);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var entries = await query.Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new AuditPage(await RowsAsync(db, entries, ct), total, page, pages);
    }

    /// <summary>Entries with the e-mails of their actors and of the people they are about, in one lookup.</summary>
    public async Task<IReadOnlyList<AuditRow>> RowsAsync(BookingDbContext db, IReadOnlyList<Domain.Audit.AuditEntry> entries, CancellationToken ct)
    {
        var ids = entries.Select(e => e.ActorId).Concat(entries.Select(e => PersonIn(e.Subject)).OfType<Guid>()).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        return entries.Select(e => new AuditRow(
            e.Id, new DateTimeOffset(LocalCalendar.ToLocal(e.AtUtc, Zone), Zone.GetUtcOffset(e.AtUtc)), e.ActorId, emails.GetValueOrDefault(e.ActorId),
            e.Action, e.Subject, PersonIn(e.Subject) is { } p ? emails.GetValueOrDefault(p) : null, e.Details)).ToList();
    }

    /// <summary>The person an entry is about, when its subject is <c>patron:{id}</c> or <c>user:{id}</c>.</summary>
    public static Guid? PersonIn(string subject)
    {
        var colon = subject.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && subject[..colon] is "patron" or "user" && Guid.TryParse(subject[(colon + 1)..], out var id) ? id : null;
    }

    private static DateOnly? ReadDate(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 2000 and <= 2100)
        {
            return date;
        }

        errors.Add(field, "{0} is not a date; use yyyy-MM-dd.", field);
        return null;
    }
}
