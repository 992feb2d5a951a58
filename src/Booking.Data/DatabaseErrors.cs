using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Booking.Data;

/// <summary>What a database error means, the same on both providers.</summary>
public static class DatabaseErrors
{
    /// <summary>A unique key refused the write, whether it came through SaveChanges or a batch statement.</summary>
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        DbUpdateException update => update.InnerException is { } inner && IsUniqueViolation(inner),
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode == 2067, // SQLITE_CONSTRAINT_UNIQUE
        _ => false,
    };
}
