using Npgsql;

namespace Booking.ClusterTests.Infrastructure;

/// <summary>Reads the cluster's shared PostgreSQL directly: what was really written, whatever the nodes answered.</summary>
public sealed class ClusterDatabase(string connectionString)
{
    private const string Active = "('pending', 'confirmed', 'checked-in')";

    /// <summary>Active reservations of the resources.</summary>
    public async Task<long> ActiveCountAsync(IEnumerable<Guid> resources) =>
        await ScalarAsync<long>(
            $"""SELECT count(*) FROM "Reservations" WHERE "ResourceId" = ANY(@ids) AND "Status" IN {Active}""",
            ("ids", resources.ToArray()));

    /// <summary>Which of <paramref name="ids"/> are stored as active reservations.</summary>
    public async Task<HashSet<Guid>> ActiveAmongAsync(IEnumerable<Guid> ids)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"""SELECT "Id" FROM "Reservations" WHERE "Id" = ANY(@ids) AND "Status" IN {Active}""", connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        var found = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(reader.GetGuid(0));
        }

        return found;
    }

    /// <summary>Pairs of active reservations of one resource whose blocked times overlap: must always be 0.</summary>
    public Task<long> OverlapsAsync() =>
        ScalarAsync<long>($"""
            SELECT count(*) FROM "Reservations" a JOIN "Reservations" b
              ON a."ResourceId" = b."ResourceId" AND a."Id" < b."Id"
             AND a."StartsAtUtc" < b."BlockedUntilUtc" AND b."StartsAtUtc" < a."BlockedUntilUtc"
            WHERE a."Status" IN {Active} AND b."Status" IN {Active}
            """);

    /// <summary>
    /// The last time (UTC) each sweep on the test's one-second interval fired anywhere in the Quartz cluster (the hourly
    /// privacy sweep is left out: it would not fire while a test waits).
    /// </summary>
    public async Task<Dictionary<string, DateTime>> SweepFiresAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT trigger_name, prev_fire_time FROM qrtz_triggers WHERE trigger_group = 'sweeps' AND trigger_name LIKE '%-every-1s'", connection);
        var fires = new Dictionary<string, DateTime>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var ticks = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            fires[reader.GetString(0)] = ticks > 0 ? new DateTime(ticks, DateTimeKind.Utc) : DateTime.MinValue;
        }

        // A probe that finds no trigger at all would pass vacuously: the sweeps must be there.
        Assert.True(fires.Count >= 7, $"only {fires.Count} one-second sweep triggers in qrtz_triggers");
        return fires;
    }

    /// <summary>Scheduler instances checked in to the Quartz cluster.</summary>
    public async Task<long> SchedulerInstancesAsync() => await ScalarAsync<long>("SELECT count(*) FROM qrtz_scheduler_state");

    private async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }
}
