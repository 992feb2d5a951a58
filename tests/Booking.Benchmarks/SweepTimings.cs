using System.Diagnostics;
using Booking.Data;
using Booking.Jobs.Hosting;
using Booking.Jobs.Sweeps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Booking.Benchmarks;

/// <summary>
/// Times the app's real sweep classes (its DI and DbContext, a clock fixed at the seed's "now") on
/// seeded work, and the bare SQL doing the same rows set-based; the work is re-seeded before each.
/// </summary>
public sealed class SweepTimings(NpgsqlDataSource db, string connectionString, DateTime nowUtc, string dataFolder, TimeSpan budget)
{
    public async Task<SweepRow> NoShowsAsync(int rounds)
    {
        var countDone = $"""SELECT count(*) FROM "Reservations" WHERE "Notes" = '{Seed.NoShowMark}' AND "Status" = 'no-show'""";
        await ResetNoShowsAsync();
        await RunSweepAsync<NoShowSweep>(null, countDone, warmUp: true);
        await ResetNoShowsAsync();
        var rows = await ScalarAsync($"""SELECT count(*) FROM "Reservations" WHERE "Notes" = '{Seed.NoShowMark}' AND "Status" = 'confirmed'""");
        var measured = await AlternateAsync(
            rounds,
            () => RunSweepAsync<NoShowSweep>(null, countDone),
            () => TimeSqlAsync(NoShowSql, ("now", nowUtc)),
            ResetNoShowsAsync);
        // Leave them as they were seeded: used and done.
        await ExecAsync($"""UPDATE "Reservations" SET "Status" = 'completed', "StatusReason" = NULL, "CancelledAtUtc" = NULL, "CheckedInAtUtc" = "StartsAtUtc", "CompletedAtUtc" = "EndsAtUtc" WHERE "Notes" = '{Seed.NoShowMark}'""");
        await ClearNoShowOutputAsync();
        await ExecAsync("""VACUUM ANALYZE""");
        return new SweepRow("no-shows released", (int)rows, measured);
    }

    /// <summary>
    /// Rounds of the app's sweep and the bare SQL on the same work, reset after each; the order alternates, so a
    /// machine that slows down or speeds up during the run does not always favour the same side.
    /// </summary>
    private static async Task<List<SweepRound>> AlternateAsync(
        int rounds,
        Func<Task<(double Seconds, int Rows, bool Finished)>> app,
        Func<Task<(double Seconds, int Rows)>> sql,
        Func<Task> reset)
    {
        var measured = new List<SweepRound>();
        for (var i = 0; i < rounds; i++)
        {
            var sqlFirst = i % 2 == 1;
            (double Seconds, int Rows) bare = default;
            if (sqlFirst)
            {
                bare = await sql();
                await reset();
            }

            var (appSeconds, appRows, finished) = await app();
            await reset();
            if (!sqlFirst)
            {
                bare = await sql();
                await reset();
            }

            Console.WriteLine($"  round {i + 1}: app {appSeconds:F2} s ({appRows} rows{(finished ? "" : ", stopped at its budget")}), bare SQL {bare.Seconds:F2} s ({bare.Rows} rows)");
            measured.Add(new SweepRound(sqlFirst, appSeconds, appRows, finished, bare.Seconds, bare.Rows));
        }

        return measured;
    }

    public async Task<SweepRow> RemindersAsync(int wanted, int rounds)
    {
        // One lead time reaching the wanted number of upcoming confirmed reservations (whole minutes, as configured).
        var tenThousandth = (DateTime)(await ScalarObjectAsync(
            $"""SELECT "StartsAtUtc" FROM "Reservations" WHERE "Status" = 'confirmed' AND "StartsAtUtc" > @now ORDER BY "StartsAtUtc" OFFSET {wanted - 1} LIMIT 1""", ("now", nowUtc)))!;
        var lead = TimeSpan.FromMinutes(Math.Ceiling((tenThousandth - nowUtc).TotalMinutes));
        var purpose = $"reminder-{(int)lead.TotalMinutes}";
        var rows = await ScalarAsync("""SELECT count(*) FROM "Reservations" WHERE "Status" = 'confirmed' AND "StartsAtUtc" > @now AND "StartsAtUtc" <= @until""",
            ("now", nowUtc), ("until", nowUtc + lead));

        var countDone = $"""SELECT count(*) FROM "ReservationNotices" WHERE "Purpose" = '{purpose}'""";
        await ClearRemindersAsync(purpose);
        await RunSweepAsync<ReminderSweep>($"{(int)lead.TotalMinutes}m", countDone, warmUp: true);
        await ClearRemindersAsync(purpose);
        var measured = await AlternateAsync(
            rounds,
            () => RunSweepAsync<ReminderSweep>($"{(int)lead.TotalMinutes}m", countDone),
            () => TimeSqlAsync(ReminderSql, ("now", nowUtc), ("until", nowUtc + lead), ("lead", lead), ("purpose", purpose)),
            () => ClearRemindersAsync(purpose));

        // The app's own sweeps (24h and 1h) have run before in a real library: stamp the next day as done,
        // so the app does not spend the load test catching up on reminders.
        await ExecAsync("""
            INSERT INTO "ReservationNotices" ("Id", "ReservationId", "Purpose", "ForStartsAtUtc", "NotificationId", "StampedAtUtc")
            SELECT gen_random_uuid(), r."Id", p, r."StartsAtUtc", NULL, @now
            FROM "Reservations" r CROSS JOIN unnest(ARRAY['reminder-1440', 'reminder-60']) AS p
            WHERE r."Status" = 'confirmed' AND r."StartsAtUtc" > @now AND r."StartsAtUtc" <= @now + interval '26 hours'
            ON CONFLICT DO NOTHING
            """, ("now", nowUtc));
        await ExecAsync("""VACUUM ANALYZE""");
        return new SweepRow($"reminders queued (lead {lead.TotalHours:F0} h)", (int)rows, measured);
    }

    /// <summary>
    /// Runs the sweep until it finds nothing more to do or its budget is spent (then it is cancelled
    /// mid-row, which a sweep tolerates: the row's transaction rolls back). Rows are counted in the database.
    /// A warm-up run (untimed, on the same work, reset after) comes first: a library's sweeps run every few
    /// minutes in a warm process, and a cold run measured the JIT and EF's first query compilations along
    /// with the sweep (on 10,000 reminders taking well under a second, that is much of the time).
    /// </summary>
    private async Task<(double Seconds, int Rows, bool Finished)> RunSweepAsync<TSweep>(string? leadTimes, string countDone, bool warmUp = false)
        where TSweep : ISweep
    {
        await using var services = Services(leadTimes);
        using var timeout = new CancellationTokenSource(budget);
        var clock = Stopwatch.StartNew();
        var finished = false;
        // A pass loops until nothing is due, so the work is done when the last pass that did any ends; the extra
        // pass after it only confirms that (the bare SQL has no such check), and is not counted.
        var workDone = TimeSpan.Zero;
        try
        {
            while (true)
            {
                using var scope = services.CreateScope();
                var done = await scope.ServiceProvider.GetRequiredService<TSweep>().RunAsync(timeout.Token);
                Console.WriteLine($"  {typeof(TSweep).Name}{(warmUp ? " (warm-up)" : "")}: a pass did {done} after {clock.Elapsed.TotalSeconds:F1} s");
                if (done == 0)
                {
                    finished = true;
                    break;
                }

                workDone = clock.Elapsed;
            }
        }
        catch (Exception e) when (timeout.IsCancellationRequested && e is OperationCanceledException or NpgsqlException or InvalidOperationException)
        {
            Console.WriteLine($"  {typeof(TSweep).Name} stopped at its budget ({e.GetType().Name}) after {clock.Elapsed.TotalSeconds:F0} s");
        }

        var seconds = (finished && workDone > TimeSpan.Zero ? workDone : clock.Elapsed).TotalSeconds;
        return (seconds, (int)await ScalarAsync(countDone), finished);
    }

    /// <summary>The app's registrations for the sweeps, against the benchmark's database, with the scheduler and workers off.</summary>
    private ServiceProvider Services(string? leadTimes)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Booking"] = connectionString,
            ["Jobs:Scheduler:Enabled"] = "false",
            ["Jobs:Workers:Enabled"] = "false",
        };
        if (leadTimes is not null)
        {
            settings["Jobs:Reminders:LeadTimes"] = leadTimes;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddMetrics(); // the workflows count what they do (MakerspaceMetrics), as in the app
        services.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(nowUtc)));
        services.AddBookingData(_ => dataFolder);
        services.AddMakerspaceJobs(configuration, _ => dataFolder); // the workflows the sweeps use come with it
        return services.BuildServiceProvider();
    }

    private async Task ResetNoShowsAsync()
    {
        await ClearNoShowOutputAsync();
        await ExecAsync($"""UPDATE "Reservations" SET "Status" = 'confirmed', "StatusReason" = NULL, "CancelledAtUtc" = NULL, "CheckedInAtUtc" = NULL, "CompletedAtUtc" = NULL WHERE "Notes" = '{Seed.NoShowMark}'""");
        await ExecAsync("""VACUUM ANALYZE "Reservations", "Notifications", "BookingSuspensions" """);
    }

    private Task ClearNoShowOutputAsync() => ExecAsync("""
        DELETE FROM "Notifications" WHERE "Kind" IN ('reservation-no-show', 'booking-suspended');
        DELETE FROM "BookingSuspensions";
        """);

    private async Task ClearRemindersAsync(string purpose)
    {
        await ExecAsync("""
            DELETE FROM "ReservationNotices" WHERE "Purpose" = @purpose;
            DELETE FROM "Notifications" WHERE "Kind" = 'reservation-reminder';
            """, ("purpose", purpose));
        // Each run starts on clean tables: the sweep's "not yet stamped" check ran 3x slower over the dead rows
        // an earlier run left.
        await ExecAsync("""VACUUM ANALYZE "ReservationNotices", "Notifications" """);
    }

    /// <summary>What the no-show sweep does to each row, in one statement: release and tell the patron (the notice's words and its facts, as the app stores both).</summary>
    private const string NoShowSql = """
        WITH released AS (
            UPDATE "Reservations" r
            SET "Status" = 'no-show', "StatusReason" = 'Not checked in within the grace period.', "CancelledAtUtc" = @now
            FROM "Resources" res JOIN "ResourceKinds" k ON k."Code" = res."KindCode" JOIN "Locations" l ON l."Id" = res."LocationId"
            WHERE r."ResourceId" = res."Id" AND r."Status" = 'confirmed' AND r."StartsAtUtc" <= @now AND r."StartsAtUtc" > @now - interval '14 days'
              AND r."StartsAtUtc" + make_interval(mins => coalesce(res."PolicyOverride_NoShowGraceMinutes", k."DefaultPolicy_NoShowGraceMinutes")) <= @now
            RETURNING r."Id", r."PatronId", r."StartsAtUtc", r."EndsAtUtc", res."Name", l."TimeZoneId",
                coalesce(res."PolicyOverride_NoShowGraceMinutes", k."DefaultPolicy_NoShowGraceMinutes") AS grace
        )
        INSERT INTO "Notifications" ("Id", "RecipientId", "Kind", "Subject", "Body", "ReservationId", "CreatedAtUtc", "Facts")
        SELECT gen_random_uuid(), "PatronId", 'reservation-no-show', 'Your reservation of ' || "Name" || ' was released',
            'You did not check in within ' || grace || ' minutes of the start of your reservation (' || "Name" || ', '
            || to_char("StartsAtUtc" AT TIME ZONE "TimeZoneId", 'Dy DD Mon YYYY HH24:MI') || '–' || to_char("EndsAtUtc" AT TIME ZONE "TimeZoneId", 'HH24:MI')
            || ' (' || "TimeZoneId" || ')), so it was released for others. If this is a mistake, please talk to staff at the desk.',
            "Id", @now,
            json_build_object('reservationId', "Id", 'resource', "Name", 'timeZone', "TimeZoneId", 'start', "StartsAtUtc", 'end', "EndsAtUtc", 'graceMinutes', grace)::text
        FROM released
        """;

    /// <summary>What the reminder sweep does for one lead time, in one statement: the notification and its stamp.</summary>
    private const string ReminderSql = """
        WITH due AS (
            SELECT r."Id", r."PatronId", r."StartsAtUtc", r."EndsAtUtc", res."Name", l."TimeZoneId"
            FROM "Reservations" r JOIN "Resources" res ON res."Id" = r."ResourceId" JOIN "Locations" l ON l."Id" = res."LocationId"
            WHERE r."Status" = 'confirmed' AND r."StartsAtUtc" > @now AND r."StartsAtUtc" <= @until
              AND NOT (r."CreatedOnBehalf" AND r."PatronId" = r."CreatedById")
              AND r."CreatedAtUtc" <= r."StartsAtUtc" - @lead
              AND NOT EXISTS (SELECT 1 FROM "ReservationNotices" n WHERE n."ReservationId" = r."Id" AND n."Purpose" = @purpose AND n."ForStartsAtUtc" = r."StartsAtUtc")
        ), sent AS (
            INSERT INTO "Notifications" ("Id", "RecipientId", "Kind", "Subject", "Body", "ReservationId", "CreatedAtUtc", "Facts")
            SELECT gen_random_uuid(), "PatronId", 'reservation-reminder', 'Reminder: ' || "Name",
                'This is a reminder of your reservation: ' || "Name" || ', ' || to_char("StartsAtUtc" AT TIME ZONE "TimeZoneId", 'Dy DD Mon YYYY HH24:MI')
                || '–' || to_char("EndsAtUtc" AT TIME ZONE "TimeZoneId", 'HH24:MI') || ' (' || "TimeZoneId" || '). Please check in at the desk or in My reservations when you arrive; if you cannot come, cancel it so someone else can use the time.',
                "Id", @now,
                json_build_object('reservationId', "Id", 'resource', "Name", 'timeZone', "TimeZoneId", 'start', "StartsAtUtc", 'end', "EndsAtUtc",
                    'leadMinutes', extract(epoch FROM @lead)::int / 60)::text
            FROM due
            RETURNING "Id", "ReservationId"
        )
        INSERT INTO "ReservationNotices" ("Id", "ReservationId", "Purpose", "ForStartsAtUtc", "NotificationId", "StampedAtUtc")
        SELECT gen_random_uuid(), d."Id", @purpose, d."StartsAtUtc", s."Id", @now
        FROM due d JOIN sent s ON s."ReservationId" = d."Id"
        """;

    private async Task<(double Seconds, int Rows)> TimeSqlAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var clock = Stopwatch.StartNew();
        var rows = await command.ExecuteNonQueryAsync();
        return (clock.Elapsed.TotalSeconds, rows);
    }

    private async Task ExecAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await db.OpenConnectionAsync();
        await Seed.ExecAsync(connection, null, sql, parameters);
    }

    private async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt64(await ScalarObjectAsync(sql, parameters), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<object?> ScalarObjectAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }
}

/// <summary>A clock stopped at one instant: the sweeps see the moment the seed was written for.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
