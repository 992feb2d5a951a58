using Microsoft.EntityFrameworkCore;

namespace Booking.Data;

/// <summary>Counts refused booking attempts (see <see cref="Domain.Reports.RefusalCount"/>).</summary>
public static class RefusalCounts
{
    /// <summary>
    /// Adds one to the day's count in a single statement: an insert that becomes an increment when the row exists.
    /// The same SQL on both databases (SQLite 3.24+, PostgreSQL 9.5+), and race-safe on both: parallel
    /// attempts on one key each add one, none is lost and none fails on the key.
    /// </summary>
    public static Task RecordAsync(BookingDbContext db, DateOnly day, Guid locationId, string kindCode, string code, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "RefusalCounts" ("Day", "LocationId", "KindCode", "Code", "Count") VALUES ({day}, {locationId}, {kindCode}, {code}, 1)
            ON CONFLICT ("Day", "LocationId", "KindCode", "Code") DO UPDATE SET "Count" = "RefusalCounts"."Count" + 1
            """, ct);
}
