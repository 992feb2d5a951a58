using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.ClusterTests.Infrastructure;
using Booking.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Booking.ClusterTests;

/// <summary>Each test breaks something in a cluster of its own: a web node, the jobs node, the database.</summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    /// <summary>
    /// The bound the jobs-node test states for the other scheduler node to run every sweep again. Quartz nodes check in
    /// every 10 s (JobsRegistration); a node silent for the check-in interval plus Quartz's 7.5 s grace is failed, and
    /// the next check-in of a live node recovers the triggers it held.
    /// </summary>
    private static readonly TimeSpan SweepTakeoverBound = TimeSpan.FromSeconds(45);

    /// <summary>How long a web node may take to say it is not ready once its database is gone, and ready once it is back.</summary>
    private static readonly TimeSpan HealthBound = TimeSpan.FromSeconds(20);

    private sealed record Attempt(TimeSpan SentAt, TimeSpan AnsweredAt, HttpStatusCode Status, Guid? Id);

    [Fact]
    public async Task A_web_node_killed_in_a_booking_burst_the_proxy_moves_on_and_every_acknowledged_booking_is_kept()
    {
        await using var cluster = await Cluster.StartAsync(webNodes: 2, webSchedulers: 0, new Dictionary<string, string>());
        var admin = await LibraryApi.SignInAsync(cluster.Proxy, Cluster.AdminEmail, cluster.AdminPassword);
        var branch = await LibraryApi.SetUpBranchAsync(cluster.Proxy, admin, "Burst Branch", resources: 4);
        var patrons = await LibraryApi.RegisterManyAsync(cluster.Proxy, "burst", 16);
        var victim = cluster.WebNodes[1];
        var origin = LibraryApi.StepAfter(TimeSpan.FromHours(1));

        var clock = Stopwatch.StartNew();
        var attempts = new ConcurrentBag<Attempt>();
        using var stop = new CancellationTokenSource();
        var workers = patrons.Select((patron, w) => Task.Run(async () =>
        {
            var random = new Random(w);
            while (!stop.IsCancellationRequested)
            {
                // 20 minutes anywhere in six hours of four rooms: many wins, many collisions.
                var start = origin.AddMinutes(random.Next(0, 72) * 5);
                var sent = clock.Elapsed;
                HttpStatusCode status;
                Guid? id = null;
                try
                {
                    using var response = await cluster.Proxy.SendAsync(LibraryApi.Booking(patron.Token, branch.Resources[random.Next(4)], start, start.AddMinutes(20)));
                    status = response.StatusCode;
                    if (status == HttpStatusCode.Created)
                    {
                        id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                    }
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }

                attempts.Add(new Attempt(sent, clock.Elapsed, status, id));
            }
        })).ToList();

        await Eventually.TrueAsync(() => attempts.Count(a => a.Status == HttpStatusCode.Created) >= 20, "20 bookings before the kill", TimeSpan.FromSeconds(30));
        var killedAt = clock.Elapsed;
        Cluster.Kill(victim);
        await Eventually.TrueAsync(() => attempts.Count(a => a.SentAt > killedAt + TimeSpan.FromSeconds(1)) >= 200, "200 attempts after the kill", TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var all = attempts.ToList();
        var failed = all.Where(a => a.Status is 0 or >= HttpStatusCode.InternalServerError).ToList();
        var lastFailure = failed.Count == 0 ? TimeSpan.Zero : failed.Max(a => a.AnsweredAt) - killedAt;
        output.WriteLine($"{all.Count} attempts, {all.Count(a => a.Status == HttpStatusCode.Created)} booked, {failed.Count} failed " +
            $"(last answered {lastFailure.TotalMilliseconds:0} ms after the kill)");

        // Only requests that were inside the killed node can fail; nginx sends every later one to the live node.
        Assert.True(failed.Count <= patrons.Count, $"{failed.Count} failures for {patrons.Count} clients");
        Assert.All(failed, a => Assert.True(a.SentAt <= killedAt + TimeSpan.FromSeconds(1), $"a request sent {(a.SentAt - killedAt).TotalMilliseconds:0} ms after the kill answered {(int)a.Status}"));
        Assert.All(all.Where(a => a.Status is not (0 or >= HttpStatusCode.InternalServerError)), a => Assert.Contains(a.Status, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Contains(all, a => a.SentAt > killedAt && a.Status == HttpStatusCode.Created);

        var acknowledged = all.Where(a => a.Id is not null).Select(a => a.Id!.Value).ToList();
        var db = new ClusterDatabase(cluster.DatabaseUrl);
        var stored = await db.ActiveAmongAsync(acknowledged);
        Assert.Equal(acknowledged.Count, stored.Count);
        Assert.Equal(0, await db.OverlapsAsync());

        // The node comes back and serves again.
        await cluster.StartNodeAsync(victim.Name);
        using var direct = cluster.Direct(cluster.Node(victim.Name));
        await LibraryApi.BookAsync(direct, patrons[0], branch.Resources[0], origin.AddHours(8), origin.AddHours(8).AddMinutes(20));
    }

    [Fact]
    public async Task The_jobs_node_killed_the_other_scheduler_node_takes_the_sweeps_over_and_no_mail_is_lost_or_doubled()
    {
        var whole = Stopwatch.StartNew();
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var cluster = await Cluster.StartAsync(webNodes: 2, webSchedulers: 1, MailSettings.For(smtp));
        output.WriteLine($"cluster started in {whole.Elapsed.TotalSeconds:0.0} s");
        var admin = await LibraryApi.SignInAsync(cluster.Proxy, Cluster.AdminEmail, cluster.AdminPassword);
        var branch = await LibraryApi.SetUpBranchAsync(cluster.Proxy, admin, "Takeover Branch", resources: 4);
        var patrons = await LibraryApi.RegisterManyAsync(cluster.Proxy, "takeover", 4);
        var db = new ClusterDatabase(cluster.DatabaseUrl);
        await Eventually.TrueAsync(async () => await db.SchedulerInstancesAsync() == 2, "both scheduler nodes checked in", TimeSpan.FromSeconds(30));

        // Booked before the kill; its reminders fall due after it.
        var before = LibraryApi.StepAfter(TimeSpan.FromSeconds(150));
        await LibraryApi.BookAsync(cluster.Proxy, patrons[0], branch.Resources[0], before, before.AddMinutes(20));
        await Eventually.TrueAsync(() => MailSettings.Count(smtp, patrons[0].Email, "Booked:") == 1, "the first confirmation", TimeSpan.FromSeconds(60));

        output.WriteLine($"first confirmation at {whole.Elapsed.TotalSeconds:0.0} s");
        var killedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        Cluster.Kill(cluster.Node("jobs"));

        // Booked after the kill: only the surviving node can confirm and remind.
        var after = LibraryApi.StepAfter(TimeSpan.FromSeconds(90));
        for (var i = 1; i < patrons.Count; i++)
        {
            await LibraryApi.BookAsync(cluster.Proxy, patrons[i], branch.Resources[i], after, after.AddMinutes(20));
        }

        await Eventually.TrueAsync(
            async () => (await db.SweepFiresAsync()).Values.All(fired => fired > killedAt),
            "every sweep running again after the kill", SweepTakeoverBound, TimeSpan.FromMilliseconds(200));
        var takeover = clock.Elapsed;
        await Eventually.TrueAsync(async () => await db.SchedulerInstancesAsync() == 1, "the killed node dropped from the Quartz cluster", TimeSpan.FromSeconds(60));
        var dropped = clock.Elapsed;
        output.WriteLine($"every sweep ran again {takeover.TotalSeconds:0.0} s after the kill; the dead node was recovered after {dropped.TotalSeconds:0.0} s");

        await Eventually.TrueAsync(
            () => patrons.All(p => MailSettings.Count(smtp, p.Email, "Booked:") >= 1 && MailSettings.Count(smtp, p.Email, "Reminder:") >= 1),
            "a confirmation and a reminder for each patron", TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(250));
        output.WriteLine($"every patron reminded {clock.Elapsed.TotalSeconds:0.0} s after the kill");
        var reminders = smtp.Received.Count(m => m.Subject?.StartsWith("Reminder:", StringComparison.Ordinal) == true);
        var seen = DateTime.UtcNow;
        await Eventually.TrueAsync(
            async () => (await db.SweepFiresAsync()).Values.All(fired => fired > seen.AddSeconds(3)),
            "three more runs of every sweep", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250));
        MailSettings.AssertEachOnce(smtp, patrons);
        output.WriteLine($"{reminders} reminders for {patrons.Count} reservations, none doubled");
    }

    [Fact]
    public async Task PostgreSQL_restarted_under_load_the_nodes_say_unhealthy_and_recover_without_a_restart()
    {
        await using var cluster = await Cluster.StartAsync(webNodes: 2, webSchedulers: 0, new Dictionary<string, string>());
        var admin = await LibraryApi.SignInAsync(cluster.Proxy, Cluster.AdminEmail, cluster.AdminPassword);
        var branch = await LibraryApi.SetUpBranchAsync(cluster.Proxy, admin, "Outage Branch", resources: 2);
        var patrons = await LibraryApi.RegisterManyAsync(cluster.Proxy, "outage", 4);
        var nodes = cluster.Nodes;
        var origin = LibraryApi.StepAfter(TimeSpan.FromHours(1));

        var answers = new ConcurrentBag<(HttpStatusCode Status, string Body)>();
        using var stop = new CancellationTokenSource();
        var load = patrons.Select((patron, w) => Task.Run(async () =>
        {
            var random = new Random(w);
            while (!stop.IsCancellationRequested)
            {
                var start = origin.AddMinutes(random.Next(0, 120) * 5);
                using var request = random.Next(2) == 0
                    ? LibraryApi.Booking(patron.Token, branch.Resources[random.Next(2)], start, start.AddMinutes(10))
                    : LibraryApi.Request(HttpMethod.Get, $"/api/v1/reservations/mine", patron.Token);
                try
                {
                    using var response = await cluster.Proxy.SendAsync(request);
                    answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
                }
                catch (HttpRequestException e)
                {
                    answers.Add((0, e.Message));
                }

                await Task.Delay(20); // a steady load, not a flood: the point is what the nodes answer while the database is away
            }
        })).ToList();
        await Eventually.TrueAsync(() => answers.Count(a => a.Status == HttpStatusCode.Created) >= 5, "bookings under load", TimeSpan.FromSeconds(30));

        var clock = Stopwatch.StartNew();
        await cluster.PostgresDownAsync();
        var down = clock.Elapsed;
        foreach (var node in cluster.WebNodes)
        {
            await Eventually.TrueAsync(async () => await cluster.ReadyAsync(node) == HttpStatusCode.ServiceUnavailable, $"{node.Name} not ready", HealthBound, TimeSpan.FromMilliseconds(100));
            output.WriteLine($"{node.Name} said not ready {(clock.Elapsed - down).TotalSeconds:0.0} s after PostgreSQL went down");
        }

        await Eventually.TrueAsync(() => answers.Any(a => a.Status == HttpStatusCode.ServiceUnavailable), "a 503 answer under load", HealthBound);
        await cluster.PostgresUpAsync();
        var up = clock.Elapsed;
        foreach (var node in cluster.WebNodes)
        {
            await Eventually.TrueAsync(async () => await cluster.ReadyAsync(node) == HttpStatusCode.OK, $"{node.Name} ready again", HealthBound, TimeSpan.FromMilliseconds(100));
            output.WriteLine($"{node.Name} ready again {(clock.Elapsed - up).TotalSeconds:0.0} s after PostgreSQL came back (down {(up - down).TotalSeconds:0.0} s)");
        }

        var afterRecovery = answers.Count;
        await Eventually.TrueAsync(() => answers.Skip(0).Count(a => a.Status == HttpStatusCode.Created) > 0 && answers.Count > afterRecovery + 20, "load served again", HealthBound);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        // The same processes: nothing was restarted to recover.
        Assert.Equal(nodes.Select(n => n.Pid), cluster.Nodes.Select(n => n.Pid));
        Assert.All(nodes, n => Assert.False(Process.GetProcessById(n.Pid).HasExited, $"{n.Name} exited"));

        // While the database was away the answer was "try again" with its code, never a bare 500.
        var outage = answers.Where(a => a.Status >= HttpStatusCode.InternalServerError || a.Status == 0).ToList();
        output.WriteLine($"{answers.Count} answers under load, {outage.Count} of them 5xx or no answer");
        Assert.All(outage, a => Assert.True(a.Status == HttpStatusCode.ServiceUnavailable && a.Body.Contains("\"unavailable\"", StringComparison.Ordinal), $"{(int)a.Status} {a.Body}"));

        using var direct = cluster.Direct(cluster.WebNodes[0]);
        await LibraryApi.BookAsync(direct, patrons[0], branch.Resources[0], origin.AddHours(11), origin.AddHours(11).AddMinutes(10));
    }
}
