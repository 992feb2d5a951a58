using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Booking.Data;

/// <summary>
/// Refused booking attempts (see <see cref="Domain.Reports.RefusalCount"/>), counted on this node and added to the
/// shared counts every few seconds (<see cref="RefusalCountWriter"/>), before this node reads a report, and when the
/// node stops. A refusal then costs its patron no statement at all (it was one round trip and a write per refusal,
/// and refusals are most of the requests when a popular week opens). The price: a report read on another node can
/// miss this node's last few seconds, and a node that crashes loses them; a report can bear that, a patron's wait
/// should not.
/// </summary>
public sealed class RefusalCounts(ILogger<RefusalCounts> logger)
{
    private readonly Lock _gate = new();
    private Dictionary<Key, int> _pending = [];

    private readonly record struct Key(DateOnly Day, Guid LocationId, string KindCode, string Code);

    /// <summary>Counts one refusal on this node; nothing is written yet.</summary>
    public void Add(DateOnly day, Guid locationId, string kindCode, string code)
    {
        lock (_gate)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_pending, new Key(day, locationId, kindCode, code), out _)++;
        }
    }

    /// <summary>Refusals counted here and not written yet.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Values.Sum();
            }
        }
    }

    /// <summary>
    /// Before a report reads the counts: what this node counted is written first, so its own figures are never behind.
    /// When that fails the report is read all the same, and the counts stay here for the writer's next attempt.
    /// </summary>
    public async Task WriteBeforeReadingAsync(BookingDbContext db, CancellationToken ct)
    {
        try
        {
            await WriteAsync(db, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not write this node's refused bookings' counts before a report; they are kept for the next attempt");
        }
    }

    /// <summary>
    /// Adds what this node counted to the shared counts, in one transaction (parallel writers on other nodes each add
    /// their own; none is lost and none fails on the key). When the write fails the counts stay here for the next
    /// attempt. A branch deleted in the meantime takes its counts with it.
    /// </summary>
    public async Task WriteAsync(BookingDbContext db, CancellationToken ct)
    {
        Dictionary<Key, int> taken;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            (taken, _pending) = (_pending, []);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var (key, count) in taken)
            {
                // INSERT ... SELECT needs its WHERE on SQLite to read ON CONFLICT as the upsert's.
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "RefusalCounts" ("Day", "LocationId", "KindCode", "Code", "Count")
                    SELECT {key.Day}, {key.LocationId}, {key.KindCode}, {key.Code}, {count}
                    WHERE EXISTS (SELECT 1 FROM "Locations" WHERE "Id" = {key.LocationId})
                    ON CONFLICT ("Day", "LocationId", "KindCode", "Code") DO UPDATE SET "Count" = "RefusalCounts"."Count" + excluded."Count"
                    """, ct);
            }

            await transaction.CommitAsync(ct);
        }
        catch
        {
            lock (_gate)
            {
                foreach (var (key, count) in taken)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(_pending, key, out _) += count;
                }
            }

            throw;
        }
    }
}
