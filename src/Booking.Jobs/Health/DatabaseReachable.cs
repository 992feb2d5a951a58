using Booking.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Booking.Jobs.Health;

/// <summary>
/// Ready needs the database: a fresh connection (not one from the app's pool, so a restarted server is seen at once
/// and a stale pooled connection cannot fail the probe) that reads one row. PostgreSQL: connect and <c>SELECT 1</c>,
/// with Npgsql's own timeouts at the check's; SQLite: the database file opens for reading and writing (never
/// created) and its schema reads. An error's text stays in the log, never in the answer.
/// </summary>
public sealed class DatabaseReachable : IHealthCheck
{
    private readonly DatabaseProvider _provider;
    private readonly string _connectionString;

    public DatabaseReachable(DatabaseSettings database)
    {
        _provider = database.Provider;
        var seconds = (int)Math.Ceiling(NodeHealth.CheckTimeout.TotalSeconds);
        _connectionString = _provider == DatabaseProvider.Postgres
            ? new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, Timeout = seconds, CommandTimeout = seconds }.ConnectionString
            : new SqliteConnectionStringBuilder(database.ConnectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // WaitAsync: the answer comes at the check's timeout even if a connection attempt ignored the token.
        await (_provider == DatabaseProvider.Postgres ? PostgresAsync(cancellationToken) : SqliteAsync(cancellationToken)).WaitAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }

    private async Task PostgresAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(ct);
    }

    private async Task SqliteAsync(CancellationToken ct)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var command = new SqliteCommand("SELECT count(*) FROM sqlite_master", connection);
        await command.ExecuteScalarAsync(ct);
    }
}
