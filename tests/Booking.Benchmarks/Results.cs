using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Booking.Benchmarks;

/// <summary>Latencies of one measured step, in milliseconds.</summary>
public sealed class Latencies
{
    private readonly List<double> _ms = [];

    public int Count => _ms.Count;

    public void Add(double ms) => _ms.Add(ms);

    public void AddRange(IEnumerable<double> ms) => _ms.AddRange(ms);

    /// <summary>Nearest-rank percentile; null when nothing was measured.</summary>
    public double? Percentile(double p)
    {
        if (_ms.Count == 0)
        {
            return null;
        }

        _ms.Sort();
        var rank = (int)Math.Ceiling(p / 100 * _ms.Count);
        return _ms[Math.Clamp(rank - 1, 0, _ms.Count - 1)];
    }
}

/// <summary>One row of the table: the app's numbers beside pgbench's for the same work.</summary>
public sealed record LoadRow(
    string Scenario,
    int Clients,
    double AppPerSecond,
    double? AppP50Ms,
    double? AppP99Ms,
    long AppOk,
    long AppRefused,
    long AppErrors,
    double? PgbenchPerSecond,
    double? PgbenchP50Ms,
    double? PgbenchP99Ms,
    long? PgbenchOk)
{
    public double? Ratio => PgbenchPerSecond is > 0 ? AppPerSecond / PgbenchPerSecond : null;
}

/// <summary>A sweep through the app's class against the bare SQL doing the same rows.</summary>
public sealed record SweepRow(string Sweep, int Rows, double AppSeconds, int AppRows, bool AppFinished, double SqlSeconds, int SqlRows)
{
    /// <summary>App time for all rows (projected from its rate when it ran out of its time budget) over SQL time; null when no row finished in the budget.</summary>
    public double? Ratio => SqlSeconds > 0 && AppSecondsForAll is { } app ? app / SqlSeconds : null;

    public double? AppSecondsForAll => AppFinished ? AppSeconds : AppRows == 0 ? null : AppSeconds * Rows / AppRows;
}

/// <summary>Everything one run measured; written to bench-results.json.</summary>
public sealed record BenchResults(
    DateTimeOffset RanAtUtc,
    string Machine,
    int DurationSecondsPerStep,
    SeedSummary Seed,
    double StartupSeconds,
    double PeakRssMegabytes,
    List<LoadRow> Load,
    List<SweepRow> Sweeps,
    long OverlappingActiveReservations,
    List<string> Targets)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToTable()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("| scenario | clients | app req/s | app p50 ms | app p99 ms | app 2xx / refused / errors | pgbench tx/s | pgbench p50 ms | pgbench p99 ms | app/pgbench |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in Load)
        {
            sb.AppendLine(c, $"| {r.Scenario} | {r.Clients} | {r.AppPerSecond:F0} | {F(r.AppP50Ms)} | {F(r.AppP99Ms)} | {r.AppOk} / {r.AppRefused} / {r.AppErrors} | {F0(r.PgbenchPerSecond)} | {F(r.PgbenchP50Ms)} | {F(r.PgbenchP99Ms)} | {Pct(r.Ratio)} |");
        }

        sb.AppendLine();
        sb.AppendLine("| sweep | rows | app s | bare SQL s | app/SQL |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var s in Sweeps)
        {
            var app = s.AppFinished
                ? s.AppSeconds.ToString("F1", c)
                : string.Create(c, $"{F0(s.AppSecondsForAll)} (projected: {s.AppRows} rows in {s.AppSeconds:F0} s)");
            var ratio = s.Ratio is { } x ? x.ToString("F1", c) + "x" : "–";
            sb.AppendLine(c, $"| {s.Sweep} | {s.Rows} | {app} | {s.SqlSeconds:F2} | {ratio} |");
        }

        sb.AppendLine();
        sb.AppendLine(c, $"Start-up to first /health 200: {StartupSeconds:F2} s; peak RSS under load: {PeakRssMegabytes:F0} MB; overlapping active reservations: {OverlappingActiveReservations}.");
        return sb.ToString();

        static string F(double? v) => v is { } x ? x.ToString("F1", CultureInfo.InvariantCulture) : "–";
        static string F0(double? v) => v is { } x ? x.ToString("F0", CultureInfo.InvariantCulture) : "–";
        static string Pct(double? v) => v is { } x ? x.ToString("P0", CultureInfo.InvariantCulture) : "–";
    }
}

/// <summary>What the seed put in the database.</summary>
public sealed record SeedSummary(int Locations, int Kinds, int Resources, int Patrons, long Reservations, double Seconds);
