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

    /// <summary>
    /// The database could not be reached or asked us to come back (connection refused or broken, a server shutting down,
    /// the pool exhausted, SQLite busy beyond its timeout): the request changed nothing and may simply be tried again.
    /// </summary>
    public static bool IsUnavailable(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException { IsTransient: true } or SqliteException { SqliteErrorCode: 5 or 6 or 14 } // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN (the file away)
                                                                                                                // Connection exceptions, "the server is shutting down / starting up", insufficient resources.
                || (current is PostgresException pg && (pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P0", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal))))
            {
                return true;
            }
        }

        return false;
    }
}
