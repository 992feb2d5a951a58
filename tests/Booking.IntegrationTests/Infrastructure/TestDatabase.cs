using Booking.Data;
using Npgsql;

namespace Booking.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, private database for one test host: a new SQLite file, or a new database in the
/// PostgreSQL cluster that infra/test.sh started (BOOKING_TEST_DB=Postgres, BOOKING_TEST_PG=...).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFolder;
    private readonly string? _postgresName;
    private readonly string? _postgresAdmin;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFolder, string? postgresName, string? postgresAdmin)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFolder = sqliteFolder;
        _postgresName = postgresName;
        _postgresAdmin = postgresAdmin;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static DatabaseProvider ProviderUnderTest =>
        Environment.GetEnvironmentVariable("BOOKING_TEST_DB") is { Length: > 0 } value
            ? Enum.Parse<DatabaseProvider>(value, ignoreCase: true)
            : DatabaseProvider.Sqlite;

    public static async Task<TestDatabase> CreateAsync()
    {
        if (ProviderUnderTest == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "makerspace-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "test.db")};Pooling=true", folder, null, null);
        }

        var admin = Environment.GetEnvironmentVariable("BOOKING_TEST_PG");
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException("BOOKING_TEST_DB=Postgres needs BOOKING_TEST_PG, the cluster's connection string (infra/test.sh sets it).");
        }

        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(DatabaseProvider.Postgres, builder.ConnectionString, null, name, admin);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is cleaned with the temp folder; not worth failing a test.
            }
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
