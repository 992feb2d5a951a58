using Booking.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Booking.Jobs.Sweeps;

/// <summary>Saving a stamp that another node (or an earlier run) already wrote is not an error: it means "done already".</summary>
public static class Stamps
{
    /// <summary>Saves; false (and the change tracker cleared) when a unique key said the work was done already.</summary>
    public static async Task<bool> TrySaveAsync(BookingDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode == 2067, // SQLITE_CONSTRAINT_UNIQUE
        _ => false,
    };

    /// <summary>A unique key refused the write, whether it came through SaveChanges or a batch statement.</summary>
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        DbUpdateException update => IsUniqueViolation(update),
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
