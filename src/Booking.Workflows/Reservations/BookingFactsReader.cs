using System.Data.Common;
using System.Linq.Expressions;
using Booking.Data;
using Booking.Domain.Certifications;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Reservations;

/// <summary>
/// What a booking reads in its transaction: the rules' facts, the patron (null when there is no such account) and the
/// catalogue's stamp at that moment (to know whether the resource, kind and branch the facts were read for are current).
/// </summary>
public sealed record BookingRead(BookingFacts Facts, BookingRead.Account? Patron, string? CatalogueStamp)
{
    /// <summary>The patron's account as the answer shows it.</summary>
    public sealed record Account(string? Email);
}

/// <summary>
/// Reads what the booking rules need in one query (a UNION ALL of the resource's taken time and maintenance,
/// the patron's account with a count of their active reservations of the kind, this week's reservations of the
/// kind, suspensions and the catalogue's stamp), plus three more when
/// the resource requires certifications. A booking is on the hot path: every round trip counts.
/// </summary>
public static class BookingFactsReader
{
    public static async Task<BookingFacts> ReadAsync(BookingDbContext db, BookingSubject subject, BookingRequest request, DateTime nowUtc, CancellationToken ct) =>
        (await ReadForBookingAsync(db, subject, request, nowUtc, ct)).Facts;

    public static async Task<BookingRead> ReadForBookingAsync(
        BookingDbContext db, BookingSubject subject, BookingRequest request, DateTime nowUtc, CancellationToken ct)
    {
        var resourceId = subject.Resource.Id;
        var wanted = BookingRules.Blocked(request.Interval, subject.Policy.BufferAfterMinutes);
        var kind = subject.Resource.KindCode;
        var patronId = request.PatronId;
        var week = LocalCalendar.WeekOf(request.Interval.Start, subject.Location.TimeZone);

        var rows = db.IsPostgres
            ? await PostgresQuery(db).ListAsync(db, [resourceId, wanted.Start, wanted.End, request.Interval.Start, request.Interval.End, kind, patronId, nowUtc, week.Start, week.End], FactRow.Read, ct)
            : await Rows(db, resourceId, wanted.Start, wanted.End, request.Interval.Start, request.Interval.End, kind, patronId, nowUtc, week.Start, week.End).ToListAsync(ct);
        var account = rows.FirstOrDefault(r => r.Part == FactRow.Patron);

        var (required, held) = await CertificationsAsync(db, subject.Resource.RequiredCertificationIds, patronId, nowUtc, ct);

        var facts = new BookingFacts
        {
            RequiredCertifications = required,
            HeldCertifications = held,
            Resource = subject.Resource,
            Location = subject.Location,
            Policy = subject.Policy,
            NowUtc = nowUtc,
            Taken = rows.Where(r => r.Part == FactRow.Taken).Select(r => new UtcInterval(r.Start, r.End)).ToList(),
            Maintenance = rows.Where(r => r.Part == FactRow.Maintenance).Select(r => new MaintenanceWindow(new UtcInterval(r.Start, r.End), r.Reason ?? "")).ToList(),
            PatronActiveOfKind = account?.Count ?? 0,
            PatronMinutesInWeek = rows.Where(r => r.Part == FactRow.InWeek).Sum(r => (r.End - r.Start).TotalMinutes),
            KindName = subject.Kind.Name,
            Suspension = rows.Where(r => r.Part == FactRow.Suspension).MaxBy(r => r.End) is { } suspension
                ? new SuspensionInForce(suspension.End, suspension.Reason ?? "")
                : null,
        };
        var stamp = rows.FirstOrDefault(r => r.Part == FactRow.Catalogue)?.Reason;
        return new BookingRead(facts, account is null ? null : new BookingRead.Account(account.Reason), stamp);
    }

    // Maintenance first, so its reason (text) types the union's last column.
    private static readonly Expression<Func<BookingDbContext, Guid, DateTime, DateTime, DateTime, DateTime, string, Guid, DateTime, DateTime, DateTime, IQueryable<FactRow>>> Query =
        (db, resourceId, wantedStart, wantedEnd, start, end, kind, patronId, nowUtc, weekStart, weekEnd) =>
            db.MaintenanceBlocks.AsNoTracking()
                .Where(m => m.ResourceId == resourceId && m.LiftedAtUtc == null && m.StartsAtUtc < end && m.EndsAtUtc > start)
                .Select(m => new FactRow { Part = FactRow.Maintenance, Start = m.StartsAtUtc, End = m.EndsAtUtc, Reason = m.Reason, Count = 0 })
                .Concat(db.Reservations.AsNoTracking()
                    .Where(ReservationFilters.IsActive)
                    .Where(r => r.ResourceId == resourceId && r.StartsAtUtc < wantedEnd && r.BlockedUntilUtc > wantedStart)
                    .Select(r => new FactRow { Part = FactRow.Taken, Start = r.StartsAtUtc, End = r.BlockedUntilUtc, Reason = null, Count = 0 }))
                .Concat(db.Reservations.AsNoTracking()
                    .Where(ReservationFilters.CountsTowardQuota)
                    .Where(r => r.PatronId == patronId && r.KindCode == kind && r.StartsAtUtc >= weekStart && r.StartsAtUtc < weekEnd)
                    .Select(r => new FactRow { Part = FactRow.InWeek, Start = r.StartsAtUtc, End = r.EndsAtUtc, Reason = null, Count = 0 }))
                .Concat(db.BookingSuspensions.AsNoTracking()
                    .Where(s => s.PatronId == patronId && s.KindCode == kind && s.LiftedAtUtc == null && s.StartsAtUtc <= nowUtc && s.EndsAtUtc > nowUtc)
                    .Select(s => new FactRow { Part = FactRow.Suspension, Start = s.StartsAtUtc, End = s.EndsAtUtc, Reason = s.Reason, Count = 0 }))
                .Concat(db.Users.AsNoTracking()
                    .Where(u => u.Id == patronId)
                    // Counted in the database: a patron may hold many active reservations of a kind, and the rules need only how many.
                    .Select(u => new FactRow
                    {
                        Part = FactRow.Patron,
                        Start = u.CreatedAtUtc,
                        End = u.CreatedAtUtc,
                        Reason = u.Email,
                        Count = db.Reservations.Where(ReservationFilters.IsActive).Count(r => r.PatronId == patronId && r.KindCode == kind && r.EndsAtUtc > nowUtc),
                    }))
                .Concat(db.CatalogueVersions.AsNoTracking()
                    .Select(v => new FactRow { Part = FactRow.Catalogue, Start = nowUtc, End = nowUtc, Reason = v.Stamp, Count = 0 }));

    // Compiled once (SQLite): a booking reads this twice, and building and matching the LINQ tree each time cost more
    // CPU than the query itself.
    private static readonly Func<BookingDbContext, Guid, DateTime, DateTime, DateTime, DateTime, string, Guid, DateTime, DateTime, DateTime, IAsyncEnumerable<FactRow>> Rows =
        EF.CompileAsyncQuery(Query);

    private static PositionalQuery? _postgresQuery;

    /// <summary>
    /// The same query as the SQL EF Core writes for PostgreSQL, run as a plain command (<see cref="PositionalQuery"/>):
    /// on the booking path EF Core's pipeline per call cost more of the app's CPU than the statement.
    /// </summary>
    internal static PositionalQuery PostgresQuery(BookingDbContext db)
    {
        if (_postgresQuery is { } built)
        {
            return built;
        }

        var at = new DateTime(2000, 1, 3, 0, 0, 0, DateTimeKind.Utc);
        return _postgresQuery = PositionalQuery.Of<FactRow>(db, Query,
            Guid.NewGuid(), at, at.AddMinutes(1), at.AddMinutes(2), at.AddMinutes(3), "sample-kind", Guid.NewGuid(), at.AddMinutes(4), at.AddMinutes(5), at.AddMinutes(6));
    }

    /// <summary>One row of the UNION ALL; <see cref="Part"/> says which of the six reads it came from.</summary>
    private sealed class FactRow
    {
        public const int Taken = 0, Maintenance = 1, InWeek = 3, Suspension = 4, Patron = 5, Catalogue = 6;

        public int Part { get; init; }

        public DateTime Start { get; init; }

        public DateTime End { get; init; }

        public string? Reason { get; init; }

        /// <summary>On the patron's row: how many active reservations of the kind they hold now.</summary>
        public int Count { get; init; }

        private static int[]? _ordinals;

        /// <summary>One row of the plain command's reader, its columns found by name once (EF Core chose their order).</summary>
        public static FactRow Read(DbDataReader reader)
        {
            var at = _ordinals ??= [reader.GetOrdinal(nameof(Part)), reader.GetOrdinal(nameof(Start)), reader.GetOrdinal(nameof(End)), reader.GetOrdinal(nameof(Reason)), reader.GetOrdinal(nameof(Count))];
            return new FactRow
            {
                Part = reader.GetInt32(at[0]),
                Start = reader.GetDateTime(at[1]),
                End = reader.GetDateTime(at[2]),
                Reason = reader.IsDBNull(at[3]) ? null : reader.GetString(at[3]),
                Count = reader.GetInt32(at[4]),
            };
        }
    }

    /// <summary>How many upcoming trainings a certification refusal names.</summary>
    private const int TrainingsNamed = 3;

    private static async Task<(IReadOnlyList<RequiredCertification>, IReadOnlyList<HeldCertification>)> CertificationsAsync(
        BookingDbContext db, Guid[] requiredIds, Guid patronId, DateTime nowUtc, CancellationToken ct)
    {
        if (requiredIds.Length == 0)
        {
            return ([], []);
        }

        var definitions = await db.Certifications.AsNoTracking()
            .Where(c => requiredIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name })
            .ToListAsync(ct);
        var held = await db.CertificationGrants.AsNoTracking()
            .Where(g => g.PatronId == patronId && requiredIds.Contains(g.CertificationId) && g.RevokedAtUtc == null
                && (g.ExpiresAtUtc == null || g.ExpiresAtUtc > nowUtc))
            .Select(g => new HeldCertification(g.CertificationId, g.ExpiresAtUtc))
            .ToListAsync(ct);
        var trainings = await db.Sessions.AsNoTracking()
            .Where(s => s.CertificationId != null && requiredIds.Contains(s.CertificationId.Value) && s.CancelledAtUtc == null && s.StartsAtUtc > nowUtc)
            .OrderBy(s => s.StartsAtUtc)
            .Select(s => new { CertificationId = s.CertificationId!.Value, s.Id, s.Title, s.StartsAtUtc })
            .Take(50)
            .ToListAsync(ct);

        var required = definitions.OrderBy(d => d.Name).Select(d => new RequiredCertification(d.Id, d.Name,
            trainings.Where(t => t.CertificationId == d.Id).Take(TrainingsNamed).Select(t => new UpcomingTraining(t.Id, t.Title, t.StartsAtUtc)).ToList())).ToList();
        return (required, held);
    }
}
