using Booking.Data;
using Booking.Domain.Reports;
using Booking.Domain.Reservations;
using Booking.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Reports;

/// <summary>
/// The reports' figures, counted by the database in set-based queries that run the same on SQLite and PostgreSQL.
/// Local days, weeks and hours come lower <see cref="ReportFunctions.EpochSeconds"/> plus the branch's UTC offset,
/// one query part per stretch of constant offset (<see cref="OffsetSpan"/>), joined with UNION ALL and grouped once.
/// What stays in memory works on rows already aggregated: names, open hours from the branches' weekly hours,
/// totals of the grouped rows.
/// </summary>
public sealed class ReportQueries(BookingDbContext db, RefusalCounts refusalCounts)
{
    /// <summary>A cancellation by the patron this close to the start is late.</summary>
    public const int LateCancellationHours = 24;

    /// <summary>"Expiring" certifications expire within this many days from today.</summary>
    public const int ExpiringWithinDays = 30;

    private const long Day = 86_400;

    // 1970-01-01 was a Thursday: a day number plus 3, modulo 7, counts from Monday (0).
    private const long ThursdayToMonday = 3;

    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public async Task<UtilisationReport> UtilisationAsync(ReportScope scope, CancellationToken ct)
    {
        var booked = await LocalReservations(scope).Where(x => x.Booked)
            .GroupBy(x => new { x.ResourceId, Monday = (x.LocalStart / Day) - (((x.LocalStart / Day) + ThursdayToMonday) % 7) })
            .Select(g => new { g.Key.ResourceId, g.Key.Monday, Booked = g.Sum(x => x.Seconds), CheckedIn = g.Sum(x => x.CheckedIn ? x.Seconds : 0L) })
            .ToListAsync(ct);
        var bookedBy = booked.ToDictionary(b => (b.ResourceId, DateOnly.FromDayNumber(EpochDayNumber + (int)b.Monday)));

        var branchIds = scope.Branches.Select(b => b.Id).ToList();
        var resources = await db.Resources.AsNoTracking().Where(r => branchIds.Contains(r.LocationId))
            .Select(r => new { r.Id, r.Name, r.KindCode, r.LocationId }).ToListAsync(ct);
        var openBy = scope.Branches.ToDictionary(b => b.Id, b => OpenTime.HoursPerWeek(b, scope.Range));
        var branchNames = scope.Branches.ToDictionary(b => b.Id, b => b.Name);

        var rows = new List<UtilisationRow>();
        foreach (var r in resources.OrderBy(r => branchNames[r.LocationId]).ThenBy(r => r.KindCode).ThenBy(r => r.Name))
        {
            foreach (var (week, open) in openBy[r.LocationId])
            {
                bookedBy.TryGetValue((r.Id, week), out var b);
                rows.Add(new UtilisationRow(week, r.KindCode, r.Id, r.Name, branchNames[r.LocationId], Math.Round(open, 2),
                    Hours(b?.Booked ?? 0), Hours(b?.CheckedIn ?? 0)));
            }
        }

        // Kinds from the resource rows just counted: sums of grouped rows, no second pass over reservations.
        var kinds = rows.GroupBy(r => (r.Kind, r.Week)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Week)
            .Select(g => new UtilisationRow(g.Key.Week, g.Key.Kind, null, null, null, g.Sum(r => r.OpenHours), g.Sum(r => r.BookedHours), g.Sum(r => r.CheckedInHours)))
            .ToList();
        var totals = kinds.GroupBy(k => k.Kind)
            .Select(g => new UtilisationRow(scope.Range.From, g.Key, null, null, null, g.Sum(r => r.OpenHours), g.Sum(r => r.BookedHours), g.Sum(r => r.CheckedInHours)))
            .ToList();
        return new UtilisationReport(Period(scope), rows, kinds, totals);
    }

    public async Task<AttendanceReport> AttendanceAsync(ReportScope scope, CancellationToken ct)
    {
        var rows = await LocalReservations(scope).Where(x => x.Started && !x.Rejected && !x.LapsedOffer)
            .GroupBy(x => x.KindCode)
            .Select(g => new
            {
                Kind = g.Key,
                Booked = g.Count(),
                Cancelled = g.Sum(x => x.Cancelled ? 1 : 0),
                Late = g.Sum(x => x.LateCancelled ? 1 : 0),
                CheckedIn = g.Sum(x => x.CheckedIn ? 1 : 0),
                NoShows = g.Sum(x => x.NoShow ? 1 : 0),
            })
            .ToListAsync(ct);
        var kinds = rows.OrderBy(r => r.Kind).Select(r => new AttendanceRow(r.Kind, r.Booked, r.Cancelled, r.Late, r.CheckedIn, r.NoShows)).ToList();
        var total = new AttendanceRow("all kinds", kinds.Sum(k => k.Booked), kinds.Sum(k => k.Cancelled), kinds.Sum(k => k.LateCancellations),
            kinds.Sum(k => k.CheckedIn), kinds.Sum(k => k.NoShows));
        return new AttendanceReport(Period(scope), LateCancellationHours, kinds, total);
    }

    public async Task<BusiestTimesReport> BusiestTimesAsync(ReportScope scope, CancellationToken ct)
    {
        var cells = await LocalReservations(scope).Where(x => x.Booked)
            .GroupBy(x => new { Day = ((x.LocalStart / Day) + ThursdayToMonday) % 7, Hour = x.LocalStart % Day / 3600 })
            .Select(g => new { g.Key.Day, g.Key.Hour, Count = g.Count() })
            .ToListAsync(ct);
        var busy = cells.Select(c => new BusyCell((DayOfWeek)((c.Day + 1) % 7), (int)c.Hour, c.Count))
            .OrderBy(c => ((int)c.Day + 6) % 7).ThenBy(c => c.Hour).ToList();

        // The chart shows the hours the branches open, widened to any booking outside them.
        var opening = scope.Branches.SelectMany(b => b.OpeningHours).ToList();
        var first = opening.Select(h => h.Opens.Hour).Concat(busy.Select(c => c.Hour)).DefaultIfEmpty(9).Min();
        var last = opening.Select(h => h.Closes == TimeOnly.MinValue ? 23 : (h.Closes.Minute > 0 ? h.Closes.Hour : h.Closes.Hour - 1))
            .Concat(busy.Select(c => c.Hour)).DefaultIfEmpty(17).Max();
        return new BusiestTimesReport(Period(scope), busy, first, Math.Max(first, last));
    }

    public async Task<CertificationsReport> CertificationsAsync(ReportScope scope, CancellationToken ct)
    {
        // Grants belong to no branch: the range is read in the home zone (the chosen branch's, else the first branch's).
        var range = scope.Range.InZone(scope.HomeZone);
        var (start, end, now) = (range.Start, range.End, scope.NowUtc);
        var soon = now.AddDays(ExpiringWithinDays);
        var grants = await db.CertificationGrants.GroupBy(g => g.CertificationId)
            .Select(g => new
            {
                Id = g.Key,
                Granted = g.Count(x => x.GrantedAtUtc >= start && x.GrantedAtUtc < end),
                Revoked = g.Count(x => x.RevokedAtUtc >= start && x.RevokedAtUtc < end),
                Expired = g.Count(x => x.RevokedAtUtc == null && x.ExpiresAtUtc >= start && x.ExpiresAtUtc < end && x.ExpiresAtUtc <= now),
                Expiring = g.Count(x => x.RevokedAtUtc == null && x.ExpiresAtUtc > now && x.ExpiresAtUtc <= soon),
                Held = g.Count(x => x.RevokedAtUtc == null && x.GrantedAtUtc <= now && (x.ExpiresAtUtc == null || x.ExpiresAtUtc > now)),
            })
            .ToListAsync(ct);
        var byId = grants.ToDictionary(g => g.Id);
        var definitions = await db.Certifications.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        var certifications = definitions.Select(d => byId.TryGetValue(d.Id, out var g)
                ? new CertificationRow(d.Id, d.Name, g.Granted, g.Revoked, g.Expired, g.Expiring, g.Held)
                : new CertificationRow(d.Id, d.Name, 0, 0, 0, 0, 0))
            .ToList();

        var sessions = await PerBranch(scope, (locationId, lower, until) =>
                db.Sessions.Where(s => s.LocationId == locationId && s.StartsAtUtc >= lower && s.StartsAtUtc < until && s.CancelledAtUtc == null)
                    .Select(s => new SessionFacts { Id = s.Id, Kind = s.Kind, Capacity = s.Capacity }))
            .GroupBy(s => s.Kind)
            .Select(g => new { Kind = g.Key, Sessions = g.Count(), Places = g.Sum(s => s.Capacity) })
            .ToListAsync(ct);
        var registrations = await PerBranch(scope, (locationId, lower, until) =>
                from r in db.SessionRegistrations
                join s in db.Sessions on r.SessionId equals s.Id
                where s.LocationId == locationId && s.StartsAtUtc >= lower && s.StartsAtUtc < until && s.CancelledAtUtc == null
                select new RegistrationFacts { Kind = s.Kind, Status = r.Status })
            .GroupBy(r => r.Kind)
            .Select(g => new
            {
                Kind = g.Key,
                Registered = g.Count(r => r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Attended
                    || r.Status == RegistrationStatus.Passed || r.Status == RegistrationStatus.NoShow),
                Attended = g.Count(r => r.Status == RegistrationStatus.Attended || r.Status == RegistrationStatus.Passed),
                NoShows = g.Count(r => r.Status == RegistrationStatus.NoShow),
                Passed = g.Count(r => r.Status == RegistrationStatus.Passed),
            })
            .ToListAsync(ct);
        var sessionRows = sessions.OrderBy(s => s.Kind).Select(s =>
        {
            var r = registrations.FirstOrDefault(x => x.Kind == s.Kind);
            return new SessionRow(s.Kind.ToCode(), s.Sessions, s.Places, r?.Registered ?? 0, r?.Attended ?? 0, r?.NoShows ?? 0, r?.Passed ?? 0);
        }).ToList();
        return new CertificationsReport(Period(scope), ExpiringWithinDays, certifications, sessionRows);
    }

    public async Task<DemandReport> DemandAsync(ReportScope scope, CancellationToken ct)
    {
        var waits = await PerBranch(scope, (locationId, lower, until) =>
                from w in db.WaitlistEntries
                join r in db.Resources on w.ResourceId equals r.Id
                where r.LocationId == locationId
                    && ((w.JoinedAtUtc >= lower && w.JoinedAtUtc < until) || (w.OfferedAtUtc >= lower && w.OfferedAtUtc < until))
                select new WaitFacts
                {
                    Kind = r.KindCode,
                    Joined = w.JoinedAtUtc >= lower && w.JoinedAtUtc < until,
                    Offered = w.OfferedAtUtc >= lower && w.OfferedAtUtc < until,
                    Status = w.Status,
                })
            .GroupBy(w => w.Kind)
            .Select(g => new
            {
                Kind = g.Key,
                Joins = g.Sum(w => w.Joined ? 1 : 0),
                Offers = g.Sum(w => w.Offered ? 1 : 0),
                Taken = g.Sum(w => w.Offered && w.Status == WaitlistStatus.Accepted ? 1 : 0),
                Lapsed = g.Sum(w => w.Offered && w.Status == WaitlistStatus.Lapsed ? 1 : 0),
            })
            .ToListAsync(ct);

        var branchIds = scope.Branches.Select(b => b.Id).ToList();
        var (first, last) = (scope.Range.From, scope.Range.To);
        await refusalCounts.WriteBeforeReadingAsync(db, ct);
        var refusals = await db.RefusalCounts.Where(c => c.Day >= first && c.Day <= last && branchIds.Contains(c.LocationId))
            .GroupBy(c => new { c.KindCode, c.Code })
            .Select(g => new { g.Key.KindCode, g.Key.Code, Count = g.Sum(c => c.Count) })
            .ToListAsync(ct);

        var kinds = waits.Select(w => w.Kind).Concat(refusals.Select(r => r.KindCode)).Distinct().Order();
        var rows = kinds.Select(k =>
        {
            var w = waits.FirstOrDefault(x => x.Kind == k);
            return new DemandRow(k, w?.Joins ?? 0, w?.Offers ?? 0, w?.Taken ?? 0, w?.Lapsed ?? 0, refusals.Where(r => r.KindCode == k).Sum(r => r.Count));
        }).ToList();
        var byCode = refusals.OrderBy(r => r.KindCode).ThenByDescending(r => r.Count).ThenBy(r => r.Code)
            .Select(r => new RefusalRow(r.KindCode, r.Code, r.Count)).ToList();
        return new DemandReport(Period(scope), rows, byCode);
    }

    private static ReportPeriod Period(ReportScope scope) =>
        new(scope.Range.From, scope.Range.To, scope.Branch?.Id, scope.Branch?.Name ?? "All branches");

    private static double Hours(long seconds) => Math.Round(seconds / 3600d, 2);

    /// <summary>
    /// Every reservation starting in the range at the scope's branches, with its start on the branch's wall clock:
    /// one part per (branch, constant offset) stretch, so local time is the stored instant plus a parameter.
    /// </summary>
    private IQueryable<LocalReservation> LocalReservations(ReportScope scope)
    {
        IQueryable<LocalReservation>? all = null;
        foreach (var (locationId, span) in scope.Spans())
        {
            var part = LocalReservationsOf(locationId, span.Interval.Start, span.Interval.End, span.OffsetSeconds, scope.NowUtc);
            all = all is null ? part : all.Concat(part);
        }

        // No branch yet (a new library): the same query shape over no branch, so every report runs and finds nothing.
        return all ?? LocalReservationsOf(Guid.Empty, scope.NowUtc, scope.NowUtc, 0, scope.NowUtc);
    }

    private IQueryable<LocalReservation> LocalReservationsOf(Guid locationId, DateTime lower, DateTime until, long offset, DateTime now) =>
        from r in db.Reservations
        join res in db.Resources on r.ResourceId equals res.Id
        where res.LocationId == locationId && r.StartsAtUtc >= lower && r.StartsAtUtc < until
        select new LocalReservation
        {
            ResourceId = r.ResourceId,
            KindCode = r.KindCode,
            LocalStart = ReportFunctions.EpochSeconds(r.StartsAtUtc) + offset,
            Seconds = ReportFunctions.EpochSeconds(r.EndsAtUtc) - ReportFunctions.EpochSeconds(r.StartsAtUtc),
            Started = r.StartsAtUtc < now,
            Booked = r.Status != ReservationStatus.Cancelled && r.Status != ReservationStatus.Rejected,
            Rejected = r.Status == ReservationStatus.Rejected,
            Cancelled = r.Status == ReservationStatus.Cancelled,
            LateCancelled = r.Status == ReservationStatus.Cancelled && r.CancelledById == r.PatronId
                && ReportFunctions.EpochSeconds(r.StartsAtUtc) - ReportFunctions.EpochSeconds(r.CancelledAtUtc!.Value) < LateCancellationHours * 3600L,
            CheckedIn = r.CheckedInAtUtc != null,
            NoShow = r.Status == ReservationStatus.NoShow,
            // An offer from the waiting list that nobody took is cancelled "by the patron": not a cancellation of theirs.
            LapsedOffer = db.WaitlistEntries.Any(w => w.OfferedReservationId == r.Id && w.Status == WaitlistStatus.Lapsed),
        };

    /// <summary>One query part per branch with the range as that branch's UTC instants, joined with UNION ALL.</summary>
    private IQueryable<T> PerBranch<T>(ReportScope scope, Func<Guid, DateTime, DateTime, IQueryable<T>> part)
    {
        IQueryable<T>? all = null;
        foreach (var branch in scope.Branches)
        {
            var range = scope.Range.InZone(branch.TimeZone);
            var next = part(branch.Id, range.Start, range.End);
            all = all is null ? next : all.Concat(next);
        }

        return all ?? part(Guid.Empty, DateTime.UnixEpoch, DateTime.UnixEpoch);
    }

    private sealed class LocalReservation
    {
        public Guid ResourceId { get; init; }

        public string KindCode { get; init; } = "";

        /// <summary>Seconds since 1970 on the branch's wall clock (as if it were UTC).</summary>
        public long LocalStart { get; init; }

        public long Seconds { get; init; }

        public bool Started { get; init; }

        public bool Booked { get; init; }

        public bool Rejected { get; init; }

        public bool Cancelled { get; init; }

        public bool LateCancelled { get; init; }

        public bool CheckedIn { get; init; }

        public bool NoShow { get; init; }

        public bool LapsedOffer { get; init; }
    }

    private sealed class SessionFacts
    {
        public Guid Id { get; init; }

        public SessionKind Kind { get; init; }

        public int Capacity { get; init; }
    }

    private sealed class RegistrationFacts
    {
        public SessionKind Kind { get; init; }

        public RegistrationStatus Status { get; init; }
    }

    private sealed class WaitFacts
    {
        public string Kind { get; init; } = "";

        public bool Joined { get; init; }

        public bool Offered { get; init; }

        public WaitlistStatus Status { get; init; }
    }
}
