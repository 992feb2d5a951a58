using System.Globalization;
using Booking.Benchmarks;
using Npgsql;

// The booking hot path measured against PostgreSQL's own limit (issue #7). infra/bench.sh starts the
// database and runs this; see README.md "Performance" for what each step does.
var options = Arguments.Parse(args);
var work = Directory.CreateTempSubdirectory("makerspace-bench-").FullName;
var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
await using var db = NpgsqlDataSource.Create(options.ConnectionString);
var duration = TimeSpan.FromSeconds(options.Seconds);
var warmUp = TimeSpan.FromSeconds(options.WarmUpSeconds);
int[] clientCounts = [1, 8, 32];

Say("first start of the app: migrations, Quartz and Hangfire schemas");
await using (var first = await AppProcess.StartAsync(options.AppDll, options.ConnectionString, work, AppProcess.FreePort()))
{
    Say($"  ready in {first.Startup.TotalSeconds:F2} s");
}

var nowUtc = DateTime.UtcNow;
nowUtc = new DateTime(nowUtc.Ticks - nowUtc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
var baseUtc = nowUtc.Date;
Say("seeding");
var seed = await Seed.RunAsync(db, nowUtc);
Say($"  {seed.Reservations} reservations, {seed.Resources} resources, {seed.Patrons} patrons in {seed.Seconds:F1} s");
await ExecAsync(PgBench.BookFunction);

var sweeps = new List<SweepRow>();
if (options.SweepBudgetSeconds > 0 && options.Only is null or "sweeps" && options.AppBefore is null)
{
    var timings = new SweepTimings(db, options.ConnectionString, nowUtc, work, TimeSpan.FromSeconds(options.SweepBudgetSeconds));
    Say("sweep: no-shows");
    sweeps.Add(await timings.NoShowsAsync(options.SweepRounds));
    Say($"  {Describe(sweeps[^1])}");
    Say("sweep: reminders");
    sweeps.Add(await timings.RemindersAsync(10_000, options.SweepRounds));
    Say($"  {Describe(sweeps[^1])}");
}

if (options.Only == "sweeps")
{
    Directory.Delete(work, recursive: true);
    return 0;
}

// Every measured phase starts from a settled database: statistics fresh and dirty pages flushed, so neither
// pgbench nor the app pays for a checkpoint or autovacuum caused by the seed or by the phase before it.
await SettleAsync();
var pgbench = new PgBench(options.PgBench, connection.Host!, connection.Port, connection.Username!, connection.Database!, work);
var resources = new List<BenchResource>();
await using (var command = db.CreateCommand("SELECT id, kind, zone FROM bench.resources ORDER BY n"))
await using (var reader = await command.ExecuteReaderAsync())
{
    while (await reader.ReadAsync())
    {
        resources.Add(new BenchResource(reader.GetGuid(0), reader.GetString(1), TimeZoneInfo.FindSystemTimeZoneById(reader.GetString(2))));
    }
}

var scenarios = new[]
{
    (Name: "booking", Script: PgBench.BookingScript),
    (Name: "availability (2 h, 50 resources)", Script: PgBench.AvailabilityScript(baseUtc, Seed.Kinds, resources, week: false)),
    (Name: "week grid (7 days, 50 resources)", Script: PgBench.AvailabilityScript(baseUtc, Seed.Kinds, resources, week: true)),
};
if (options.AppBefore is { } beforeDll)
{
    // Before and after a change, side by side (infra/bench.sh --before <git ref>): nothing else is measured.
    Say("before and after: both builds started; they and pgbench take turns in every round");
    await using var beforeApp = await AppProcess.StartAsync(beforeDll, options.ConnectionString, Directory.CreateDirectory(Path.Combine(work, "before")).FullName, AppProcess.FreePort());
    await using var afterApp = await AppProcess.StartAsync(options.AppDll, options.ConnectionString, Directory.CreateDirectory(Path.Combine(work, "after")).FullName, AppProcess.FreePort(), AppProcess.AfterOnly());
    var beforeLoad = new HttpLoad(beforeApp.BaseAddress, resources, Seed.Kinds, baseUtc);
    var afterLoad = new HttpLoad(afterApp.BaseAddress, resources, Seed.Kinds, baseUtc);
    await beforeLoad.SignInAsync(clientCounts.Max());
    await afterLoad.SignInAsync(clientCounts.Max());
    await ClearBookingsAsync();
    var compared = await BeforeAndAfter.RunAsync(beforeLoad, afterLoad, pgbench,
    [
        ("booking", scenarios[0].Script, true, (load, clients, time) => load.BookingAsync(clients, time), 32),
        ("booking", scenarios[0].Script, true, (load, clients, time) => load.BookingAsync(clients, time), 8),
        ("availability (2 h, 50 resources)", scenarios[1].Script, false, (load, clients, time) => load.AvailabilityAsync(clients, time), 8),
    ], options.Rounds, duration, warmUp, SettleRoundAsync, Say);
    Console.WriteLine();
    Console.WriteLine(BeforeAndAfter.ToTable(compared));
    // Both builds served the same load in turns: their peaks compare.
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Peak RSS after the same load: before {beforeApp.PeakRssMegabytes():F0} MB, after {afterApp.PeakRssMegabytes():F0} MB."));
    await File.WriteAllTextAsync(options.Output, BeforeAndAfter.ToJson(compared));
    Say($"wrote {options.Output}");
    return 0;
}

await SettleAsync();
// Five, not one: a cold start on this shared machine moved between 2.6 and 4 s from one run to the next.
Say("measured starts of the app (cold process, database ready; five, the median and the slowest count)");
var starts = new List<double>();
for (var i = 0; i < 4; i++)
{
    await using var cold = await AppProcess.StartAsync(options.AppDll, options.ConnectionString, work, AppProcess.FreePort());
    starts.Add(cold.Startup.TotalSeconds);
    Say($"  first /health 200 after {starts[^1]:F2} s");
}

var rows = new List<LoadRow>();
BurstRow? burst = null;
double startup;
double peakRss;
await using (var app = await AppProcess.StartAsync(options.AppDll, options.ConnectionString, work, AppProcess.FreePort()))
{
    starts.Add(app.Startup.TotalSeconds);
    startup = Spread.Of(starts.Select(x => (double?)x))!.Median;
    Say($"  first /health 200 after {starts[^1]:F2} s; median of the five {startup:F2} s, slowest {starts.Max():F2} s");
    var load = new HttpLoad(app.BaseAddress, resources, Seed.Kinds, baseUtc);
    await load.SignInAsync(Math.Max(clientCounts.Max(), options.Only == "app" ? 0 : options.BurstRequests));
    var runs = new Func<int, TimeSpan, Task<HttpRun>>[] { load.BookingAsync, load.AvailabilityAsync, load.WeekGridAsync };
    for (var s = 0; s < scenarios.Length; s++)
    {
        // Warm-up, not measured: JIT tiering, pools, plans. Two seconds was too short on 2 cores: booking at 8
        // clients measured 873/s in 10 s steps and 1105/s in 20 s steps, the JIT still tiering up inside the step.
        await runs[s](8, warmUp);
        if (s == 0)
        {
            await ClearBookingsAsync();
        }

        foreach (var clients in clientCounts)
        {
            var rounds = new List<LoadRound>();
            for (var round = 0; round < options.Rounds; round++)
            {
                // pgbench and the app in turn on the same database, settled before each: a slow or fast spell of
                // the machine (the disk's fsync time varied threefold between runs) lands on both sides of the ratio.
                var pgbenchFirst = round % 2 == 0 && options.Only != "app";
                (PgBench.Run Run, long? Ok)? pgRun = null;
                HttpRun? appRun = null;
                foreach (var side in pgbenchFirst ? new[] { "pgbench", "app" } : ["app", "pgbench"])
                {
                    if (side == "pgbench" && options.Only == "app")
                    {
                        continue;
                    }

                    await SettleRoundAsync(booking: s == 0);
                    if (side == "pgbench")
                    {
                        var run = await pgbench.RunAsync($"scenario{s}-round{round}", scenarios[s].Script, clients, options.Seconds);
                        pgRun = (run, s == 0 ? await CountAsync($"""SELECT count(*) FROM "Reservations" WHERE "Notes" = '{Seed.PgbenchMark}'""") : null);
                    }
                    else
                    {
                        appRun = await runs[s](clients, duration);
                    }
                }

                var a = appRun!;
                var p = pgRun?.Run;
                rounds.Add(new LoadRound(pgbenchFirst, a.PerSecond, a.Latencies.Percentile(50), a.Latencies.Percentile(99), a.Ok, a.Refused, a.Errors,
                    p?.PerSecond, p?.Latencies.Percentile(50), p?.Latencies.Percentile(99), pgRun?.Ok,
                    a.OkLatencies.Percentile(99), a.RefusedLatencies.Percentile(99)));
                var split = a.Refused > 0 ? $"; p99 of successes {a.OkLatencies.Percentile(99):F1}, of refusals {a.RefusedLatencies.Percentile(99):F1} ms" : "";
                Say($"{scenarios[s].Name} x{clients} round {round + 1}: app {a.PerSecond:F0}/s p99 {a.Latencies.Percentile(99):F1} ms ({a.Ok} ok, {a.Refused} refused, {a.Errors} errors{split})"
                    + (p is null ? "" : $"; pgbench {p.PerSecond:F0}/s p99 {p.Latencies.Percentile(99):F1} ms; ratio {rounds[^1].Ratio:P0}"));
                if (a.FirstError is not null)
                {
                    Say($"  first error: {a.FirstError[..Math.Min(a.FirstError.Length, 300)]}");
                }
            }

            rows.Add(new LoadRow(scenarios[s].Name, clients, rounds));
        }

        if (s == 0)
        {
            await ClearBookingsAsync();
        }
    }

    if (options.Only != "app" && options.BurstRequests > 0)
    {
        Say($"opening-time burst: {options.BurstRequests} patrons at once for {options.BurstSlots} slots, {options.Rounds} rounds");
        var bursts = new List<BurstRound>();
        var nextDay = 16;
        for (var round = 0; round < options.Rounds; round++)
        {
            await SettleAsync();
            var (slots, day) = await FreeSlotsAsync(options.BurstSlots, fromDaysAhead: nextDay);
            nextDay = day + 1;
            var result = await load.BurstAsync(slots, options.BurstRequests);
            bursts.Add(result);
            Say($"  round {round + 1}: all answered in {result.AllAnsweredMs:F0} ms; {result.Won} won, {result.Refused} refused, {result.Errors} errors; p99 {result.P99Ms:F0} ms"
                + (result.FirstError is null ? "" : $"; first error {result.FirstError[..Math.Min(result.FirstError.Length, 300)]}"));
        }

        burst = new BurstRow(bursts);
    }

    peakRss = app.PeakRssMegabytes();
}

Say("checking that no two active reservations overlap");
var overlaps = await CountAsync("""
    SELECT count(*) FROM "Reservations" a JOIN "Reservations" b
      ON a."ResourceId" = b."ResourceId" AND a."Id" < b."Id"
     AND a."StartsAtUtc" < b."BlockedUntilUtc" AND b."StartsAtUtc" < a."BlockedUntilUtc"
    WHERE a."Status" IN ('pending', 'confirmed', 'checked-in') AND b."Status" IN ('pending', 'confirmed', 'checked-in')
    """);

var results = new BenchResults(DateTimeOffset.UtcNow, $"{Environment.ProcessorCount} cores, {Environment.OSVersion}", options.Seconds, options.Rounds, seed, startup, starts, peakRss, rows, sweeps, burst, overlaps, []);
results.Targets.AddRange(Targets(results));
var table = results.ToTable();
Console.WriteLine();
Console.WriteLine(table);
foreach (var target in results.Targets)
{
    Console.WriteLine(target);
}

await File.WriteAllTextAsync(options.Output, results.ToJson());
Say($"wrote {options.Output}");
Directory.Delete(work, recursive: true);
if (overlaps != 0)
{
    Console.Error.WriteLine($"FAILED: {overlaps} pairs of active reservations overlap.");
    return 1;
}

return 0;

static IEnumerable<Target> Targets(BenchResults r)
{
    var c = CultureInfo.InvariantCulture;
    var booking = r.Load.FirstOrDefault(l => l.Scenario == "booking" && l.Clients == 32);
    var availability = r.Load.FirstOrDefault(l => l.Scenario.StartsWith("availability", StringComparison.Ordinal) && l.Clients == 8);
    if (booking?.Ratio is { } bookingRatio)
    {
        yield return AtLeast("booking x32 >= 50% of pgbench", bookingRatio, 0.5, v => v.ToString("P0", c));
    }

    // pgbench's booking at 32 clients fell below its own 8 on some spells (32 backends on 2 cores take turns), which
    // flatters the ratio above; against pgbench at its best client count it cannot be flattered that way.
    var bestPgbench = r.Load.Where(l => l.Scenario == "booking" && l.PgbenchPerSecond is not null).MaxBy(l => l.PgbenchPerSecond!.Median);
    if (booking?.AppPerSecond is { } bookingRate && bestPgbench?.PgbenchPerSecond is { } best)
    {
        var against = new Spread(bookingRate.Median / best.Median, bookingRate.Min / best.Median, bookingRate.Max / best.Median);
        yield return AtLeast($"booking x32 >= 50% of pgbench at its best ({bestPgbench.Clients} clients, median {best.Median:F0} tx/s)", against, 0.5, v => v.ToString("P0", c));
    }

    if (booking?.AppP99Ms is { } bookingP99)
    {
        yield return Below("booking x32 p99 < 25 ms", bookingP99, 25, v => v.ToString("F1", c) + " ms");
    }

    if (availability?.Ratio is { } availabilityRatio)
    {
        yield return AtLeast("availability x8 >= 50% of pgbench", availabilityRatio, 0.5, v => v.ToString("P0", c));
    }

    if (availability?.AppP99Ms is { } availabilityP99)
    {
        yield return Below("availability x8 p99 < 20 ms", availabilityP99, 20, v => v.ToString("F1", c) + " ms");
    }

    foreach (var sweep in r.Sweeps)
    {
        yield return sweep.Ratio is { } ratio
            ? Below($"sweep {sweep.Sweep} within 2x bare SQL", ratio, 2.0001, v => v.ToString("F1", c) + "x")
            : new Target($"sweep {sweep.Sweep} within 2x bare SQL", "no row done in its budget", "–", false, false);
    }

    if (r.Burst is { } burst)
    {
        yield return Below("burst: every request answered within 1 s", burst.AllAnsweredMs!, 1000, v => v.ToString("F0", c) + " ms");
        var exact = burst.Rounds.Count(b => b.Won == b.Slots && b.SlotsWithTwoWinners == 0 && b.Errors == 0);
        yield return new Target("burst: exactly one winner per slot, no errors", $"{exact} of {burst.Rounds.Count} rounds", "", exact == burst.Rounds.Count, exact == burst.Rounds.Count);
    }

    // Measured once per run: the median and the worst are the same figure.
    yield return Below("peak RSS < 300 MB", new Spread(r.PeakRssMegabytes, r.PeakRssMegabytes, r.PeakRssMegabytes), 300, v => v.ToString("F0", c) + " MB");
    if (Spread.Of(r.Starts.Select(x => (double?)x)) is { } starts)
    {
        yield return Below($"start-up to /health < 3 s ({r.Starts.Count} cold starts)", starts, 3, v => v.ToString("F2", c) + " s");
    }

    var noOverlaps = r.OverlappingActiveReservations == 0;
    yield return new Target("no overlapping active reservations", $"{r.OverlappingActiveReservations}", "", noOverlaps, noOverlaps);

    static Target AtLeast(string what, Spread s, double bound, Func<double, string> show) =>
        new(what, show(s.Median), show(s.Min), s.Median >= bound, s.Min >= bound);

    static Target Below(string what, Spread s, double bound, Func<double, string> show) =>
        new(what, show(s.Median), show(s.Max), s.Median < bound, s.Max < bound);
}

static string Describe(SweepRow s) => string.Create(CultureInfo.InvariantCulture,
    $"{s.Rows} rows: app {s.AppSeconds?.Median:F1} s, bare SQL {s.SqlSeconds?.Median:F2} s (medians of {s.Rounds.Count} rounds); app/SQL {s.Ratio?.Median:F1}x ({s.Ratio?.Min:F1}–{s.Ratio?.Max:F1}x)");

static void Say(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");

async Task SettleAsync()
{
    await ExecAsync("VACUUM ANALYZE");
    await ExecAsync("CHECKPOINT");
}

// Before each side of a round: the booking scenario starts from the seeded calendar again (both sides insert into it,
// and a fuller calendar makes refusals, which cost less than bookings), then statistics and dirty pages are settled.
async Task SettleRoundAsync(bool booking)
{
    if (booking)
    {
        await ClearBookingsAsync();
    }
    else
    {
        await ExecAsync("CHECKPOINT");
    }
}

async Task ClearBookingsAsync()
{
    await ExecAsync($"""
        DELETE FROM "Notifications" WHERE "ReservationId" IN (SELECT "Id" FROM "Reservations" WHERE "Notes" IN ('{Seed.PgbenchMark}', '{Seed.AppMark}'));
        DELETE FROM "Reservations" WHERE "Notes" IN ('{Seed.PgbenchMark}', '{Seed.AppMark}');
        """);
    await ExecAsync("""VACUUM ANALYZE "Reservations", "Notifications" """);
    await ExecAsync("CHECKPOINT");
}

// Slots for the burst on a day no other scenario books (they book 1..14 days ahead): an hour with nothing in it,
// its buffer included, on each of the first resources that have one, at 10:00 local time or the next free hour. The
// seed draws whole hours at once for every resource (its random draw is per day and hour), so a day can be taken from
// 10:00 to 22:00 everywhere: such a day is passed over for the next one.
async Task<(List<(Guid ResourceId, DateTimeOffset Start)> Slots, int DaysAhead)> FreeSlotsAsync(int count, int fromDaysAhead)
{
    for (var daysAhead = fromDaysAhead; daysAhead < fromDaysAhead + 14; daysAhead++)
    {
        var slots = new List<(Guid, DateTimeOffset)>();
        foreach (var resource in resources)
        {
            var day = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, resource.Zone).Date.AddDays(daysAhead);
            for (var hour = 10; hour <= 21; hour++)
            {
                var local = day.AddHours(hour);
                var start = new DateTimeOffset(local, resource.Zone.GetUtcOffset(local));
                await using var command = db.CreateCommand("""
                    SELECT count(*) FROM "Reservations" WHERE "ResourceId" = $1 AND "Status" IN ('pending', 'confirmed', 'checked-in')
                    AND "StartsAtUtc" < $3 AND "BlockedUntilUtc" > $2
                    """);
                command.Parameters.AddWithValue(resource.Id);
                command.Parameters.AddWithValue(start.UtcDateTime.AddMinutes(-15));
                command.Parameters.AddWithValue(start.UtcDateTime.AddMinutes(75));
                if (Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == 0)
                {
                    slots.Add((resource.Id, start));
                    break;
                }
            }

            if (slots.Count == count)
            {
                return (slots, daysAhead);
            }
        }
    }

    throw new InvalidOperationException($"No day from {fromDaysAhead} to {fromDaysAhead + 13} days ahead has {count} free slots for the burst.");
}

async Task ExecAsync(string sql)
{
    await using var command = db.CreateCommand(sql);
    command.CommandTimeout = 600;
    await command.ExecuteNonQueryAsync();
}

async Task<long> CountAsync(string sql)
{
    await using var command = db.CreateCommand(sql);
    command.CommandTimeout = 600;
    return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}

/// <summary>Command-line settings; infra/bench.sh passes them.
/// <c>--seconds N</c> per side of a round, <c>--rounds N</c> rounds per scenario and client count (and burst rounds), <c>--sweep-rounds N</c>,
/// <c>--burst N</c> patrons for <c>--burst-slots N</c> slots (0: no burst); <c>--warm-up N</c> seconds of unmeasured load before each scenario; <c>--only sweeps</c> stops after the sweeps (no table), <c>--only load</c> skips them, <c>--only app</c> skips them and pgbench: quicker rounds while profiling;
/// <c>--app-before DLL</c> measures that build against <c>--app</c> and pgbench in turn (booking x32 and x8, availability x8), nothing else.</summary>
internal sealed record Arguments(string ConnectionString, string AppDll, string PgBench, string Output, int Seconds, int WarmUpSeconds, int SweepBudgetSeconds, string? Only,
    int Rounds, int SweepRounds, int BurstRequests, int BurstSlots, string? AppBefore)
{
    public static Arguments Parse(string[] args)
    {
        string? Value(string name, string? fallback = null)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new Arguments(
            Value("--connection") ?? throw new ArgumentException("--connection is required (an Npgsql connection string)."),
            Path.GetFullPath(Value("--app") ?? throw new ArgumentException("--app is required (path to Booking.Web.dll).")),
            Value("--pgbench", "/usr/lib/postgresql/15/bin/pgbench")!,
            Path.GetFullPath(Value("--out", "bench-results.json")!),
            int.Parse(Value("--seconds", "4")!, CultureInfo.InvariantCulture),
            int.Parse(Value("--warm-up", "10")!, CultureInfo.InvariantCulture),
            int.Parse(Value("--sweep-budget", "45")!, CultureInfo.InvariantCulture),
            Value("--only"),
            int.Parse(Value("--rounds", "5")!, CultureInfo.InvariantCulture),
            int.Parse(Value("--sweep-rounds", "3")!, CultureInfo.InvariantCulture),
            int.Parse(Value("--burst", "200")!, CultureInfo.InvariantCulture),
            int.Parse(Value("--burst-slots", "20")!, CultureInfo.InvariantCulture),
            Value("--app-before") is { } before ? Path.GetFullPath(before) : null);
    }
}
