using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Booking.Benchmarks;

/// <summary>
/// What a change bought (issue #19): two builds of the app (before and after) and pgbench measured in turn, round by
/// round, on the same settled database, so a slow or fast spell of the machine lands on all three. The order rotates
/// each round. Reports, per scenario, the median after/before ratio with its spread, and each build against pgbench.
/// </summary>
internal static class BeforeAndAfter
{
    /// <summary>One side of a round; <see cref="OkP99Ms"/> is the p99 of the successes alone (a booking that went ahead).</summary>
    public sealed record Side(string Name, double PerSecond, double? P99Ms, long Errors, double? OkP99Ms = null);

    public sealed record Round(List<Side> Sides)
    {
        public double PerSecond(string name) => Sides.Single(s => s.Name == name).PerSecond;

        public double? P99(string name) => Sides.Single(s => s.Name == name).P99Ms;

        public double? OkP99(string name) => Sides.Single(s => s.Name == name).OkP99Ms;
    }

    public sealed record Row(string Scenario, int Clients, List<Round> Rounds)
    {
        public Spread? AfterOverBefore => Spread.Of(Rounds.Select(r => (double?)(r.PerSecond("after") / r.PerSecond("before"))));

        public Spread? Of(string name) => Spread.Of(Rounds.Select(r => (double?)(r.PerSecond(name) / r.PerSecond("pgbench"))));

        public Spread? P99(string name) => Spread.Of(Rounds.Select(r => r.P99(name)));

        public Spread? OkP99(string name) => Spread.Of(Rounds.Select(r => r.OkP99(name)));
    }

    /// <summary>
    /// Runs each scenario at each client count for <paramref name="rounds"/> rounds; <paramref name="settle"/> runs
    /// before every side (the booking scenario clears its bookings there).
    /// </summary>
    public static async Task<List<Row>> RunAsync(
        HttpLoad before, HttpLoad after, PgBench pgbench,
        IReadOnlyList<(string Name, string Script, bool Booking, Func<HttpLoad, int, TimeSpan, Task<HttpRun>> App, int Clients)> scenarios,
        int rounds, TimeSpan duration, TimeSpan warmUp, Func<bool, Task> settle, Action<string> say)
    {
        var rows = new List<Row>();
        string[] order = ["before", "after", "pgbench"];
        foreach (var (name, script, booking, app, clients) in scenarios)
        {
            await app(before, 8, warmUp);
            await app(after, 8, warmUp);
            var measured = new List<Round>();
            for (var round = 0; round < rounds; round++)
            {
                var sides = new List<Side>();
                for (var i = 0; i < order.Length; i++)
                {
                    var side = order[(round + i) % order.Length];
                    await settle(booking);
                    if (side == "pgbench")
                    {
                        var run = await pgbench.RunAsync($"compare-{name}-{clients}-{round}".Replace(' ', '-'), script, clients, (int)duration.TotalSeconds);
                        sides.Add(new Side(side, run.PerSecond, run.Latencies.Percentile(99), 0));
                    }
                    else
                    {
                        var run = await app(side == "before" ? before : after, clients, duration);
                        sides.Add(new Side(side, run.PerSecond, run.Latencies.Percentile(99), run.Errors, booking ? run.OkLatencies.Percentile(99) : null));
                    }
                }

                measured.Add(new Round(sides));
                var r = measured[^1];
                var split = booking
                    ? string.Create(CultureInfo.InvariantCulture, $"; p99 of successes before {r.OkP99("before"):F1} ms, after {r.OkP99("after"):F1} ms")
                    : "";
                say(string.Create(CultureInfo.InvariantCulture,
                    $"{name} x{clients} round {round + 1}: before {r.PerSecond("before"):F0}/s p99 {r.P99("before"):F1} ms; after {r.PerSecond("after"):F0}/s p99 {r.P99("after"):F1} ms; pgbench {r.PerSecond("pgbench"):F0}/s; after/before {r.PerSecond("after") / r.PerSecond("before"):F2}{split}"));
            }

            rows.Add(new Row(name, clients, measured));
        }

        return rows;
    }

    public static string ToTable(IEnumerable<Row> rows)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new StringBuilder();
        table.AppendLine("| scenario | after / before (median, min–max) | before: % of pgbench | after: % of pgbench | p99 before | p99 after | successes' p99 before | after |");
        table.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var row in rows)
        {
            table.AppendLine(string.Create(c,
                $"| {row.Scenario} x{row.Clients} | {Ratio(row.AfterOverBefore)} | {Percent(row.Of("before"))} | {Percent(row.Of("after"))} | {Ms(row.P99("before"))} | {Ms(row.P99("after"))} | {Ms(row.OkP99("before"))} | {Ms(row.OkP99("after"))} |"));
        }

        return table.ToString();

        string Ratio(Spread? s) => s is null ? "–" : string.Create(c, $"{s.Median:F2}× ({s.Min:F2}–{s.Max:F2})");
        string Percent(Spread? s) => s is null ? "–" : string.Create(c, $"{s.Median:P0} ({s.Min:P0}–{s.Max:P0})");
        string Ms(Spread? s) => s is null ? "–" : string.Create(c, $"{s.Median:F1} ms ({s.Min:F1}–{s.Max:F1})");
    }

    public static string ToJson(IEnumerable<Row> rows) => JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true });
}
