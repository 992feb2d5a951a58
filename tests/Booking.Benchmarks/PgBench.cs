using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Booking.Benchmarks;

/// <summary>PostgreSQL's own limit for the same work: pgbench with custom scripts, latency per transaction from its log.</summary>
public sealed partial class PgBench(string pgbench, string host, int port, string user, string database, string workFolder)
{
    public sealed record Run(double PerSecond, Latencies Latencies);

    public async Task<Run> RunAsync(string name, string script, int clients, int seconds)
    {
        var scriptPath = Path.Combine(workFolder, $"{name}.sql");
        await File.WriteAllTextAsync(scriptPath, script);
        var logPrefix = Path.Combine(workFolder, $"{name}-{clients}");
        var info = new ProcessStartInfo(pgbench)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "-U", user,
            "-n", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture),
            "-j", Math.Min(clients, 2).ToString(CultureInfo.InvariantCulture),
            "-T", seconds.ToString(CultureInfo.InvariantCulture), "-f", scriptPath,
            "--log", $"--log-prefix={logPrefix}", database,
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start pgbench.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pgbench {name} failed ({process.ExitCode}):\n{output}");
        }

        var tps = Tps().Match(output);
        if (!tps.Success)
        {
            throw new InvalidOperationException($"pgbench {name}: no tps in its output:\n{output}");
        }

        // Per-transaction log lines: client_id transaction_no time_us script_no epoch epoch_us.
        var latencies = new Latencies();
        foreach (var file in Directory.GetFiles(workFolder, Path.GetFileName(logPrefix) + ".*"))
        {
            foreach (var line in File.ReadLines(file))
            {
                var fields = line.Split(' ');
                if (fields.Length >= 3 && long.TryParse(fields[2], CultureInfo.InvariantCulture, out var us))
                {
                    latencies.Add(us / 1000.0);
                }
            }

            File.Delete(file);
        }

        return new Run(double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture), latencies);
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    /// <summary>The insert under the same exclusion constraint, false on 23P01; created once in the bench schema.</summary>
    public const string BookFunction = """
        CREATE OR REPLACE FUNCTION bench.book(r int, d int, h int, p int) RETURNS boolean LANGUAGE plpgsql AS $$
        DECLARE
            res bench.resources%ROWTYPE;
            patron uuid;
            s timestamptz;
        BEGIN
            SELECT * INTO res FROM bench.resources WHERE n = r;
            SELECT id INTO patron FROM bench.patrons WHERE n = p;
            s := (((now() AT TIME ZONE res.zone)::date + d) + make_interval(hours => h)) AT TIME ZONE res.zone;
            INSERT INTO "Reservations" ("Id", "ResourceId", "KindCode", "PatronId", "CreatedById", "CreatedOnBehalf", "StartsAtUtc", "EndsAtUtc",
                "BlockedUntilUtc", "Status", "Notes", "CreatedAtUtc")
            VALUES (gen_random_uuid(), res.id, res.kind, patron, patron, false, s, s + interval '1 hour', s + interval '75 minutes',
                'confirmed', 'bench:pgbench', now());
            RETURN true;
        EXCEPTION WHEN exclusion_violation THEN
            RETURN false;
        END $$;
        """;

    /// <summary>A random resource, local day 1..14 and hour 07..22 for one hour, each client its own patron.</summary>
    public const string BookingScript = """
        \set r random(1, 500)
        \set d random(1, 14)
        \set h random(7, 22)
        \set p :client_id + 1
        SELECT bench.book(:r, :d, :h, :p);
        """;

    /// <summary>
    /// The statement <c>GET /api/v1/availability</c> sends for a known kind once the node keeps a copy of the kind's
    /// resources (KindCatalogues; the app's warm-up reads it): their busy time as one UNION ALL with the catalogue's
    /// stamp, as EF Core writes it, with the interval and kind as pgbench variables and each kind's resource ids as
    /// the app holds them in memory.
    /// </summary>
    public static string AvailabilityScript(DateTime baseUtc, IReadOnlyList<string> kinds, IReadOnlyList<BenchResource> resources, bool week)
    {
        var idArrays = kinds.Select(k => "'{" + string.Join(",", resources.Where(r => r.Kind == k).Select(r => r.Id)) + "}'");
        var ids = "((ARRAY[" + string.Join(", ", idArrays) + "]::text[])[:k])::uuid[]";
        var baseLiteral = $"'{baseUtc:yyyy-MM-ddTHH:mm:ssZ}'::timestamptz";
        var variables = week
            ? """
              \set k random(1, 10)
              \set d random(1, 7)
              \set h 0
              \set h2 168
              """
            : """
              \set k random(1, 10)
              \set d random(1, 13)
              \set h random(14, 24)
              \set h2 :h + 2
              """;
        var start = $"({baseLiteral} + make_interval(days => :d, hours => :h))";
        var end = $"({baseLiteral} + make_interval(days => :d, hours => :h2))";
        var reach = $"({baseLiteral} + make_interval(days => :d, hours => :h2, mins => 15))";
        return variables + $"""

            SELECT m."ResourceId", m."StartsAtUtc" AS "Start", m."EndsAtUtc" AS "End", m."Reason" FROM "MaintenanceBlocks" AS m WHERE m."ResourceId" = ANY ({ids}) AND m."LiftedAtUtc" IS NULL AND m."StartsAtUtc" < {end} AND m."EndsAtUtc" > {start} UNION ALL SELECT r."ResourceId", r."StartsAtUtc" AS "Start", r."BlockedUntilUtc" AS "End", NULL AS "Reason" FROM "Reservations" AS r WHERE r."Status" IN ('pending', 'confirmed', 'checked-in') AND r."ResourceId" = ANY ({ids}) AND r."StartsAtUtc" < {reach} AND r."BlockedUntilUtc" > {start} UNION ALL SELECT '00000000-0000-0000-0000-000000000000'::uuid AS "ResourceId", {start} AS "Start", {start} AS "End", c."Stamp" AS "Reason" FROM "CatalogueVersion" AS c;

            """;
    }
}
