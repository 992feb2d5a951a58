using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Booking.Data;

/// <summary>
/// What an operator runs with a node's own settings instead of starting it (README "Upgrades", "Backups and restore"):
/// <c>migrate</c> applies the pending migrations and the start-up setup, then exits 0; <c>migrate --check</c> lists
/// them and exits 3 when any is pending; <c>sqlite-backup SOURCE DESTINATION</c> copies a live SQLite database through
/// SQLite's online backup, for machines without the <c>sqlite3</c> tool.
/// </summary>
public sealed class OperatorCommand
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int MigrationsPending = 3;

    /// <summary>EF Core logs its first read of a new database's (missing) history as a failed command: noise in a DBA's terminal.</summary>
    private static readonly string[] QuietHistoryRead = ["--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None"];

    private readonly string _verb;
    private readonly bool _check;
    private readonly IReadOnlyList<string> _operands;
    private readonly string[] _hostArgs;

    private OperatorCommand(string verb, bool check, IReadOnlyList<string> operands, string[] hostArgs)
    {
        _verb = verb;
        _check = check;
        _operands = operands;
        _hostArgs = hostArgs;
    }

    /// <summary>The command in <paramref name="args"/>, or null when they only hold settings (a normal start).</summary>
    public static OperatorCommand? Parse(string[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }

        if (args[0] is "migrate" or "sqlite-backup" && args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            return new OperatorCommand("help", false, [], []);
        }

        return args[0] switch
        {
            "migrate" => new OperatorCommand("migrate", args.Contains("--check"), [], [.. QuietHistoryRead, .. args.Skip(1).Where(a => a != "--check")]),
            "sqlite-backup" => new OperatorCommand("sqlite-backup", false, args.Skip(1).ToArray(), []),
            _ => null,
        };
    }

    /// <summary>Runs the command; <paramref name="build"/> makes the node's host (its settings, its database) without starting it.</summary>
    public async Task<int> RunAsync(Func<string[], IHost> build, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        try
        {
            return _verb switch
            {
                "help" => Help(output),
                "sqlite-backup" => CopySqlite(output, error),
                _ => await MigrateAsync(build, output, ct),
            };
        }
        catch (ConfigurationProblem problem)
        {
            await error.WriteLineAsync($"Makerspace {_verb}: {problem.Message}");
            return Failed;
        }
        catch (DbException e)
        {
            // Unreachable server, wrong password, a locked or damaged file: the operator's to fix, in one line.
            await error.WriteLineAsync($"Makerspace {_verb}: the database refused: {e.Message.ReplaceLineEndings(" ")}");
            return Failed;
        }
    }

    private async Task<int> MigrateAsync(Func<string[], IHost> build, TextWriter output, CancellationToken ct)
    {
        var host = build(_hostArgs);
        try
        {
            return await MigrateAsync(host, output, ct);
        }
        finally
        {
            if (host is IAsyncDisposable asynchronous)
            {
                await asynchronous.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
    }

    private async Task<int> MigrateAsync(IHost host, TextWriter output, CancellationToken ct)
    {
        var database = host.Services.GetRequiredService<DatabaseSettings>();
        await output.WriteLineAsync($"Database: {Describe(database)}");
        if (!_check)
        {
            var applied = await DatabaseSetup.MigrateAsync(host.Services, ct);
            await output.WriteLineAsync(applied.Count == 0
                ? "Up to date: no migration was pending; roles and kinds checked."
                : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}; roles and kinds checked.");
            return Done;
        }

        using var scope = host.Services.CreateScope();
        var status = await MigrationStatus.ReadAsync(scope.ServiceProvider.GetRequiredService<BookingDbContext>(), ct);
        await output.WriteLineAsync($"Applied: {status.Applied.Count}, the last {status.Applied.LastOrDefault() ?? "(none)"}");
        if (status.Unknown.Count > 0)
        {
            await output.WriteLineAsync($"Newer than this version (left alone): {string.Join(", ", status.Unknown)}");
        }

        if (status.Pending.Count == 0)
        {
            await output.WriteLineAsync("Pending: none");
            return Done;
        }

        await output.WriteLineAsync($"Pending: {string.Join(", ", status.Pending)}");
        return MigrationsPending;
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine("""
            Commands, with the node's own settings (environment, appsettings.json, --Key value):
              migrate                  apply the pending migrations, check roles and kinds, exit 0
              migrate --check          list the pending migrations: exit 0 when none, 3 when some
              sqlite-backup FROM TO    copy a SQLite database through SQLite's online backup (infra/backup.sh uses it)
            Exit codes: 0 done, 1 a setting or the database refused, 2 usage, 3 migrations pending.
            """);
        return Done;
    }

    private static string Describe(DatabaseSettings database)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var pg = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            return $"PostgreSQL, database '{pg.Database}' on {pg.Host}:{pg.Port} as '{pg.Username}'";
        }

        return $"SQLite, {Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource)}";
    }

    /// <summary>
    /// SQLite's online backup: a consistent copy of a database the app may be writing (WAL readers do not wait), as
    /// <c>sqlite3 SOURCE ".backup DESTINATION"</c> makes. Once closed, the copy stands alone (no -wal file beside it).
    /// </summary>
    private int CopySqlite(TextWriter output, TextWriter error)
    {
        if (_operands.Count != 2)
        {
            error.WriteLine("usage: dotnet Booking.Web.dll sqlite-backup SOURCE.db DESTINATION.db");
            return Usage;
        }

        var (source, destination) = (Path.GetFullPath(_operands[0]), Path.GetFullPath(_operands[1]));
        if (!File.Exists(source))
        {
            error.WriteLine($"Makerspace sqlite-backup: there is no database file at {source}.");
            return Failed;
        }

        if (File.Exists(destination))
        {
            error.WriteLine($"Makerspace sqlite-backup: {destination} exists; give a new file.");
            return Failed;
        }

        // Read-write, never create: the online backup reads the live -wal, which needs the shared-memory file.
        using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 60 }.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        from.Open();
        Execute(from, "PRAGMA busy_timeout=60000");
        to.Open();
        // The copy keeps the source's WAL mode: the app opens its database read-only once at start, and a read-only
        // connection cannot switch a rollback-journal file to WAL.
        from.BackupDatabase(to);
        var check = Execute(to, "PRAGMA quick_check");
        if (check != "ok")
        {
            error.WriteLine($"Makerspace sqlite-backup: the copy does not pass SQLite's check: {check}");
            return Failed;
        }

        var hasHistory = Execute(to, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'") == "1";
        var last = hasHistory ? Execute(to, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1") : null;
        output.WriteLine($"Copied {source} to {destination}");
        output.WriteLine($"last-migration: {(string.IsNullOrEmpty(last) ? "none" : last)}");
        return Done;
    }

    private static string? Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }
}
