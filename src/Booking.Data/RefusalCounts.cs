using Microsoft.EntityFrameworkCore;

namespace Booking.Data;

/// <summary>Counts refused booking attempts (see <see cref="Domain.Reports.RefusalCount"/>).</summary>
public static class RefusalCounts
{
    /// <summary>
    /// Adds one to the day's count in a single statement: an insert that becomes an increment when the row exists.
    /// Race-safe on both databases: parallel attempts on one key each add one, none is lost and none fails on the key.
    /// On PostgreSQL the statement commits without waiting for its WAL flush (<c>synchronous_commit</c> off for this
    /// transaction only): a refusal answer then costs no disk wait, and a crash can lose at most the last fraction of
    /// a second of counts, which a report can bear and a booking could not.
    /// </summary>
    public static Task RecordAsync(BookingDbContext db, DateOnly day, Guid locationId, string kindCode, string code, CancellationToken ct) =>
        db.IsPostgres
            ? db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "RefusalCounts" ("Day", "LocationId", "KindCode", "Code", "Count")
                SELECT {day}, {locationId}, {kindCode}, {code}, 1 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS this_transaction
                ON CONFLICT ("Day", "LocationId", "KindCode", "Code") DO UPDATE SET "Count" = "RefusalCounts"."Count" + 1
                """, ct)
            : db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "RefusalCounts" ("Day", "LocationId", "KindCode", "Code", "Count") VALUES ({day}, {locationId}, {kindCode}, {code}, 1)
                ON CONFLICT ("Day", "LocationId", "KindCode", "Code") DO UPDATE SET "Count" = "RefusalCounts"."Count" + 1
                """, ct);
}
