using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Booking.Data;

/// <summary>
/// A transaction for work that checks and then writes (booking, cancelling, blocking).
/// SQLite: <c>BEGIN IMMEDIATE</c> takes the single writer lock up front, so check-then-insert is atomic.
/// PostgreSQL: read committed plus row locks taken in a fixed order (resource, then patron); the
/// exclusion constraint remains the last word on overlaps.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly BookingDbContext _db;
    private readonly IDbContextTransaction _transaction;

    private WriteTransaction(BookingDbContext db, IDbContextTransaction transaction)
    {
        _db = db;
        _transaction = transaction;
    }

    public static async Task<WriteTransaction> BeginAsync(BookingDbContext db, CancellationToken ct)
    {
        // Microsoft.Data.Sqlite begins IMMEDIATE unless asked for a deferred transaction.
        var transaction = await db.Database.BeginTransactionAsync(ct);
        return new WriteTransaction(db, transaction);
    }

    /// <summary>Serialises writers of one resource (PostgreSQL); SQLite's writer lock already does.</summary>
    public Task LockResourceAsync(Guid resourceId, CancellationToken ct) =>
        _db.IsPostgres
            ? _db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Resources\" WHERE \"Id\" = {resourceId} FOR UPDATE", ct)
            : Task.CompletedTask;

    /// <summary>The resource, then the patron, in one round trip (a booking takes both).</summary>
    public Task LockResourceAndPatronAsync(Guid resourceId, Guid patronId, CancellationToken ct) =>
        _db.IsPostgres
            ? _db.Database.ExecuteSqlInterpolatedAsync($"""
                SELECT 1 FROM "Resources" WHERE "Id" = {resourceId} FOR UPDATE;
                SELECT 1 FROM "AspNetUsers" WHERE "Id" = {patronId} FOR UPDATE
                """, ct)
            : Task.CompletedTask;

    /// <summary>Locks a batch's resources in one statement, in id order (sweeps that touch many at once).</summary>
    public Task LockResourcesAsync(IEnumerable<Guid> resourceIds, CancellationToken ct)
    {
        if (!_db.IsPostgres)
        {
            return Task.CompletedTask;
        }

        var ids = resourceIds.Distinct().ToArray();
        return _db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Resources\" WHERE \"Id\" = ANY({ids}) ORDER BY \"Id\" FOR UPDATE", ct);
    }

    /// <summary>Locks every resource of a branch, in id order (closures touch them all).</summary>
    public Task LockLocationResourcesAsync(Guid locationId, CancellationToken ct) =>
        _db.IsPostgres
            ? _db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Resources\" WHERE \"LocationId\" = {locationId} ORDER BY \"Id\" FOR UPDATE", ct)
            : Task.CompletedTask;

    /// <summary>Serialises one patron's bookings so two parallel requests cannot both slip under a quota.</summary>
    public Task LockPatronAsync(Guid patronId, CancellationToken ct) =>
        _db.IsPostgres
            ? _db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"AspNetUsers\" WHERE \"Id\" = {patronId} FOR UPDATE", ct)
            : Task.CompletedTask;

    /// <summary>
    /// Serialises changes to one session's registrations, so racing cancellations promote each waiting
    /// patron exactly once and racing registrations cannot overfill it. Taken after resource locks.
    /// </summary>
    public Task LockSessionAsync(Guid sessionId, CancellationToken ct) =>
        _db.IsPostgres
            ? _db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Sessions\" WHERE \"Id\" = {sessionId} FOR UPDATE", ct)
            : Task.CompletedTask;

    public Task CommitAsync(CancellationToken ct) => _transaction.CommitAsync(ct);

    public ValueTask DisposeAsync() => _transaction.DisposeAsync();

    /// <summary>True when PostgreSQL's exclusion constraint refused an overlapping reservation.</summary>
    public static bool IsOverlapViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation };
}
