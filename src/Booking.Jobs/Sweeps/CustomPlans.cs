using Booking.Data;
using Microsoft.EntityFrameworkCore;

namespace Booking.Jobs.Sweeps;

/// <summary>
/// Plans a transaction's statements for the values they carry. Npgsql prepares the statements the app repeats, and
/// after five runs PostgreSQL may switch a prepared statement to one generic plan for every value. For a sweep's
/// time window or batch that plan can be many times slower: the reminder sweep took 14.5 s instead of 0.5 s for
/// the same 10,000 rows once its query had run a few times in the process.
/// </summary>
public static class CustomPlans
{
    /// <summary>
    /// Runs one read planned for its own values. PostgreSQL needs a transaction to scope the setting; SQLite plans
    /// each statement anyway, and a transaction there would take its single writer lock for a read.
    /// </summary>
    public static async Task<T> ReadAsync<T>(BookingDbContext db, Func<Task<T>> read, CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            return await read();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ForThisTransactionAsync(db, ct);
        var result = await read();
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>For the rest of the current transaction (PostgreSQL; SQLite plans each statement anyway).</summary>
    public static async Task ForThisTransactionAsync(BookingDbContext db, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_custom_plan", ct);
        }
    }
}
