using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Booking.Data;

/// <summary>
/// Sends a write transaction's <c>COMMIT</c> in the same round trip as its save's one statement (PostgreSQL), when
/// <see cref="WriteTransaction.SaveAndCommitAsync"/> asks for it: a booking that goes ahead waits for one answer
/// from the database less. Every other command passes through untouched.
/// </summary>
public sealed class CommitWithSave : DbCommandInterceptor
{
    public static readonly CommitWithSave Instance = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        AppendCommit(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        AppendCommit(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        AppendCommit(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AppendCommit(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static void AppendCommit(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is BookingDbContext { CommitsWithNextCommand: true } db)
        {
            // Taken once: the save's one command carries it, nothing after it does. When the INSERT fails,
            // PostgreSQL skips the COMMIT and the transaction is rolled back when it is disposed.
            db.CommitsWithNextCommand = false;
            command.CommandText += ";\nCOMMIT";
        }
    }
}
