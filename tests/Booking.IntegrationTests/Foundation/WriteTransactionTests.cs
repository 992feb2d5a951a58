using Booking.Data;
using Booking.Domain.Audit;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Foundation;

/// <summary>
/// <see cref="WriteTransaction.SaveAndCommitAsync"/>: on PostgreSQL a save of one new row carries its COMMIT in the
/// same round trip. Whatever the path, what is saved is all or nothing, and the context goes on working after it.
/// </summary>
public sealed class WriteTransactionTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    [Fact]
    public async Task SaveAndCommit_OneNewRow_IsCommittedAndTheNextTransactionIsItsOwn()
    {
        var first = Entry("one row");
        var kept = Entry("kept");
        var undone = Entry("rolled back");

        await host.InScopeAsync(async db =>
        {
            await using (var transaction = await WriteTransaction.BeginAsync(db, default))
            {
                db.AuditLog.Add(first);
                await transaction.SaveAndCommitAsync(default);
            }

            // The same context and connection: a transaction that saves and does not commit leaves nothing behind.
            await using (var transaction = await WriteTransaction.BeginAsync(db, default))
            {
                db.AuditLog.Add(undone);
                await db.SaveChangesAsync();
            }

            db.ChangeTracker.Clear();
            await using (var transaction = await WriteTransaction.BeginAsync(db, default))
            {
                db.AuditLog.Add(kept);
                await transaction.SaveAndCommitAsync(default);
            }
        });

        Assert.Equal(["kept", "one row"], await DetailsAsync(first, kept, undone));
    }

    [Fact]
    public async Task SaveAndCommit_InsertRefused_NothingWrittenAndNoCommitLeftForLater()
    {
        var existing = Entry("existing");
        await host.InScopeAsync(async db =>
        {
            db.AuditLog.Add(existing);
            await db.SaveChangesAsync();
        });
        var before = Entry("before the refused row");
        var after = Entry("after the refused row");

        await host.InScopeAsync(async db =>
        {
            await using (var transaction = await WriteTransaction.BeginAsync(db, default))
            {
                // The same key again: the database refuses the INSERT, so its COMMIT never runs.
                db.AuditLog.Add(existing);
                await Assert.ThrowsAsync<DbUpdateException>(() => transaction.SaveAndCommitAsync(default));
            }

            db.ChangeTracker.Clear();
            await using (var transaction = await WriteTransaction.BeginAsync(db, default))
            {
                db.AuditLog.Add(before);
                await db.SaveChangesAsync();
                // Had the refused save left its COMMIT waiting for the next command, this row would now be committed.
                db.AuditLog.Add(after);
                await db.SaveChangesAsync();
            }
        });

        Assert.Equal(["existing"], await DetailsAsync(existing, before, after));
    }

    [Fact]
    public async Task SaveAndCommit_SeveralRows_AllCommittedTogether()
    {
        var rows = Enumerable.Range(1, 3).Select(i => Entry($"row {i}")).ToArray();

        await host.InScopeAsync(async db =>
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, default);
            db.AuditLog.AddRange(rows);
            await transaction.SaveAndCommitAsync(default);
        });

        Assert.Equal(["row 1", "row 2", "row 3"], await DetailsAsync(rows));
    }

    private static AuditEntry Entry(string details) =>
        new(Guid.NewGuid(), "test.write-transaction", $"test:{Guid.NewGuid():N}", details, new DateTime(2026, 1, 12, 12, 0, 0, DateTimeKind.Utc));

    /// <summary>The details of those of <paramref name="entries"/> in the database, in order, read on a fresh context.</summary>
    private Task<List<string>> DetailsAsync(params AuditEntry[] entries)
    {
        var ids = entries.Select(e => e.Id).ToList();
        return host.InScopeAsync(db => db.AuditLog.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => e.Details).OrderBy(d => d).ToListAsync());
    }
}
