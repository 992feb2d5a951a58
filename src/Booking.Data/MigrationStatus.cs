using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Booking.Data;

/// <summary>
/// Which of this version's migrations a database has and lacks, and which it has that this version does not know
/// (a newer version migrated it: during a rolling upgrade, the old nodes still running).
/// </summary>
public sealed record MigrationStatus(IReadOnlyList<string> Applied, IReadOnlyList<string> Pending, IReadOnlyList<string> Unknown)
{
    public static async Task<MigrationStatus> ReadAsync(BookingDbContext db, CancellationToken ct)
    {
        var known = db.Database.GetMigrations().ToList();
        // An empty database has nothing applied; asking its (missing) history would log a failed command (EF Core #37328).
        var hasTables = await db.GetService<IRelationalDatabaseCreator>().HasTablesAsync(ct);
        var applied = hasTables ? (await db.Database.GetAppliedMigrationsAsync(ct)).ToList() : [];
        return new MigrationStatus(applied, known.Except(applied).ToList(), applied.Except(known).ToList());
    }
}
