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
            // SQLite busy or locked (5, 6) or its file out of reach (14, CANTOPEN); PostgreSQL's connection exceptions (08),
            // "the server is shutting down / starting up" (57P0) and insufficient resources (53).
            if (current is NpgsqlException { IsTransient: true } or SqliteException { SqliteErrorCode: 5 or 6 or 14 }
                || (current is PostgresException pg && (pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P0", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal))))
            {
                return true;
            }
        }

        return false;
    }
}
