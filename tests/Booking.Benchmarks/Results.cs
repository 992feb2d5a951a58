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

/// <summary>The median and the spread of a figure measured in several rounds.</summary>
public sealed record Spread(double Median, double Min, double Max)
{
    public static Spread? Of(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[^1]);
    }
}

/// <summary>
/// One round of a scenario: the app and pgbench measured back to back on the same settled database, so
/// both see the same machine; the order alternates between rounds so neither always goes first.
/// </summary>
public sealed record LoadRound(
    bool PgbenchFirst,
    double AppPerSecond,
    double? AppP50Ms,
    double? AppP99Ms,
    long AppOk,
    long AppRefused,
    long AppErrors,
    double? PgbenchPerSecond,
    double? PgbenchP50Ms,
    double? PgbenchP99Ms,
    long? PgbenchOk,
    double? AppOkP99Ms = null,
    double? AppRefusedP99Ms = null)
{
    public double? Ratio => PgbenchPerSecond is > 0 ? AppPerSecond / PgbenchPerSecond : null;
}

/// <summary>One row of the table: a scenario at a number of clients over its rounds (medians, and the ratio's spread).</summary>
public sealed record LoadRow(string Scenario, int Clients, List<LoadRound> Rounds)
{
    public Spread? AppPerSecond => Spread.Of(Rounds.Select(r => (double?)r.AppPerSecond));

    public Spread? AppP99Ms => Spread.Of(Rounds.Select(r => r.AppP99Ms));

    public Spread? AppP50Ms => Spread.Of(Rounds.Select(r => r.AppP50Ms));

    public Spread? PgbenchPerSecond => Spread.Of(Rounds.Select(r => r.PgbenchPerSecond));

    public Spread? PgbenchP99Ms => Spread.Of(Rounds.Select(r => r.PgbenchP99Ms));

    /// <summary>The per-round ratios app/pgbench: their median, and the lowest and highest round.</summary>
    public Spread? Ratio => Spread.Of(Rounds.Select(r => r.Ratio));

    public long AppOk => Rounds.Sum(r => r.AppOk);

    public long AppRefused => Rounds.Sum(r => r.AppRefused);

    public long AppErrors => Rounds.Sum(r => r.AppErrors);
}

/// <summary>One round of a sweep: the app's class and the bare SQL on the same re-seeded work.</summary>
public sealed record SweepRound(bool SqlFirst, double AppSeconds, int AppRows, bool AppFinished, double SqlSeconds, int SqlRows)
{
    /// <summary>App time for all rows (projected from its rate when it ran out of its budget) over SQL time; null when no row finished in the budget.</summary>
    public double? Ratio(int rows) => SqlSeconds > 0 && AppSecondsForAll(rows) is { } app ? app / SqlSeconds : null;

    public double? AppSecondsForAll(int rows) => AppFinished ? AppSeconds : AppRows == 0 ? null : AppSeconds * rows / AppRows;
}

/// <summary>A sweep through the app's class against the bare SQL doing the same rows, in alternating rounds.</summary>
public sealed record SweepRow(string Sweep, int Rows, List<SweepRound> Rounds)
{
    public Spread? AppSeconds => Spread.Of(Rounds.Select(r => r.AppSecondsForAll(Rows)));

    public Spread? SqlSeconds => Spread.Of(Rounds.Select(r => (double?)r.SqlSeconds));

    public Spread? Ratio => Spread.Of(Rounds.Select(r => r.Ratio(Rows)));

    public bool AllFinished => Rounds.All(r => r.AppFinished);
}

/// <summary>
/// One opening-time burst: many patrons ask for the same few slots at once. <see cref="AllAnsweredMs"/> runs from
/// the moment the requests are released to the last answer.
/// </summary>
public sealed record BurstRound(int Requests, int Slots, int Won, int Refused, int Errors, double AllAnsweredMs, double? P50Ms, double? P99Ms, int SlotsWithTwoWinners, string? FirstError);

/// <summary>The burst rounds together.</summary>
public sealed record BurstRow(List<BurstRound> Rounds)
{
    public Spread? AllAnsweredMs => Spread.Of(Rounds.Select(r => (double?)r.AllAnsweredMs));

    public Spread? P99Ms => Spread.Of(Rounds.Select(r => r.P99Ms));
}

/// <summary>A target of issue #19, judged on the median of the rounds and on the worst round.</summary>
public sealed record Target(string What, string Median, string Worst, bool MetByMedian, bool MetByWorst)
{
    public override string ToString() => Worst.Length == 0
        ? $"{(MetByMedian ? "met   " : "MISSED")} {What}: {Median}"
        : $"{(MetByMedian ? "met   " : "MISSED")} by the median, {(MetByWorst ? "met   " : "MISSED")} by the worst round: {What}: median {Median}, worst {Worst}";
}

/// <summary>Everything one run measured; written to bench-results.json.</summary>
public sealed record BenchResults(
    DateTimeOffset RanAtUtc,
    string Machine,
    int SecondsPerRound,
    int Rounds,
    SeedSummary Seed,
    double StartupSeconds,
    List<double> Starts,
    double PeakRssMegabytes,
    List<LoadRow> Load,
    List<SweepRow> Sweeps,
    BurstRow? Burst,
    long OverlappingActiveReservations,
    List<Target> Targets)
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
        sb.AppendLine(c, $"Each row: {Rounds} rounds of {SecondsPerRound} s, the app and pgbench back to back in each round (alternating which goes first); medians, with the lowest–highest round in brackets.");
        sb.AppendLine();
        sb.AppendLine("| scenario | clients | app req/s | app p99 ms | app 2xx / refused / errors | pgbench tx/s | pgbench p99 ms | app/pgbench (median) | lowest–highest round |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in Load)
        {
            var ratio = r.Ratio;
            sb.AppendLine(c, $"| {r.Scenario} | {r.Clients} | {F0(r.AppPerSecond)} | {F(r.AppP99Ms)} | {r.AppOk} / {r.AppRefused} / {r.AppErrors} | {F0(r.PgbenchPerSecond)} | {F(r.PgbenchP99Ms)} | {Pct(ratio?.Median)} | {Pct(ratio?.Min)}–{Pct(ratio?.Max)} |");
        }

        sb.AppendLine();
        sb.AppendLine("| sweep | rows | rounds | app s | bare SQL s | app/SQL (median) | lowest–highest round |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in Sweeps)
        {
            var app = F(s.AppSeconds) + (s.AllFinished ? "" : " (some rounds projected from their rate)");
            var ratio = s.Ratio;
            sb.AppendLine(c, $"| {s.Sweep} | {s.Rows} | {s.Rounds.Count} | {app} | {F2(s.SqlSeconds)} | {X(ratio?.Median)} | {X(ratio?.Min)}–{X(ratio?.Max)} |");
        }

        if (Burst is { } burst)
        {
            sb.AppendLine();
            sb.AppendLine("| burst round | requests | slots | won | refused | errors | all answered ms | p50 ms | p99 ms |");
            sb.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (var i = 0; i < burst.Rounds.Count; i++)
            {
                var b = burst.Rounds[i];
                sb.AppendLine(c, $"| {i + 1} | {b.Requests} | {b.Slots} | {b.Won} | {b.Refused} | {b.Errors} | {b.AllAnsweredMs:F0} | {F(b.P50Ms)} | {F(b.P99Ms)} |");
            }
        }

        sb.AppendLine();
        sb.AppendLine(c, $"Start-up to first /health 200: {StartupSeconds:F2} s, the median of {Starts.Count} cold starts ({string.Join(", ", Starts.Order().Select(x => x.ToString("F2", c)))} s); peak RSS under load: {PeakRssMegabytes:F0} MB; overlapping active reservations: {OverlappingActiveReservations}.");
        return sb.ToString();

        static string F(object? v) => v switch
        {
            Spread s => string.Create(CultureInfo.InvariantCulture, $"{s.Median:F1} ({s.Min:F1}–{s.Max:F1})"),
            double x => x.ToString("F1", CultureInfo.InvariantCulture),
            _ => "–",
        };
        static string F2(Spread? s) => s is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{s.Median:F2} ({s.Min:F2}–{s.Max:F2})");
        static string F0(Spread? s) => s is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{s.Median:F0} ({s.Min:F0}–{s.Max:F0})");
        static string Pct(double? v) => v is { } x ? x.ToString("P0", CultureInfo.InvariantCulture) : "–";
        static string X(double? v) => v is { } x ? x.ToString("F1", CultureInfo.InvariantCulture) + "x" : "–";
    }
}

/// <summary>What the seed put in the database.</summary>
public sealed record SeedSummary(int Locations, int Kinds, int Resources, int Patrons, long Reservations, double Seconds);
