using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Booking.Data;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Health;
using Booking.Jobs.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;

namespace Booking.IntegrationTests.Observability;

/// <summary>
/// /health/live, /health/ready and /health on a web node and on a jobs node's own listener: ready names its checks
/// (database; scheduler and workers where the node runs them), each of which can make it 503, and it comes back
/// without a restart. Each test has hosts of its own: they break their database on purpose.
/// </summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Ready_SchedulerAndWorkerNode_NamesAllThree_EachFailsItAlone_LiveStays200()
    {
        var host = new ConfiguredHost("Testing", new Dictionary<string, string?>
        {
            ["Jobs:Scheduler:Enabled"] = "true",
            ["Jobs:Workers:Enabled"] = "true",
            ["Jobs:SweepInterval"] = "24h",
        });
        try
        {
            await host.InitializeAsync();
            var client = host.CreateClient();
            await UntilReadyAsync(client); // the scheduler starts once the host has started, a moment later
            Assert.Equal((HttpStatusCode.OK, "Healthy", "database=Healthy scheduler=Healthy workers=Healthy"), await ReadyAsync(client));
            Assert.Equal((HttpStatusCode.OK, "Healthy", ""), await AskAsync(client, "/health/live"));

            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await scheduler.Standby();
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy", "database=Healthy scheduler=Unhealthy workers=Healthy"), await ReadyAsync(client));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            await scheduler.Start();
            Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(client)).Status);

            await host.Services.GetRequiredService<HangfireWorkers>().StopAsync(default);
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy", "database=Healthy scheduler=Healthy workers=Unhealthy"), await ReadyAsync(client));
        }
        finally
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }
    }

    [Fact]
    public async Task Ready_DatabaseUnreachable_503_RecoversWithoutRestart()
    {
        var host = new ConfiguredHost("Testing", new Dictionary<string, string?>()); // a web node: jobs off
        try
        {
            await host.InitializeAsync();
            var client = host.CreateClient();
            Assert.Equal((HttpStatusCode.OK, "Healthy", "database=Healthy"), await ReadyAsync(client));

            await using (await DatabaseOutage.BeginAsync(host.Database))
            {
                Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy", "database=Unhealthy"), await ReadyAsync(client));
                Assert.Equal((HttpStatusCode.OK, "Healthy", ""), await AskAsync(client, "/health/live"));
            }

            Assert.Equal((HttpStatusCode.OK, "Healthy", "database=Healthy"), await ReadyAsync(client));
        }
        finally
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }
    }

    [Fact]
    public async Task DatabaseUnreachable_APageAnswersTheErrorPageWith503_TheApiAProblem()
    {
        var host = new ConfiguredHost("Testing", new Dictionary<string, string?>());
        try
        {
            await host.InitializeAsync();
            var client = host.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/sessions")).StatusCode);

            await using (await DatabaseOutage.BeginAsync(host.Database))
            {
                var page = await client.GetAsync("/sessions");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
                Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
                Assert.Contains("Something went wrong on our side", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                Assert.Equal("5", page.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

                var api = await client.GetAsync("/api/v1/sessions");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
                Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
                Assert.Equal("unavailable", System.Text.Json.JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
            }

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/sessions")).StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }
    }

    [Fact]
    public async Task JobsNode_HealthUrls_ServesLiveReadyAndHealthOnLoopback_NothingElse()
    {
        var database = await TestDatabase.CreateAsync();
        var node = JobsNode.Build(Arguments(new Dictionary<string, string>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Booking"] = database.ConnectionString,
            ["Jobs:SweepInterval"] = "24h",
            ["Smtp:PickupFolder"] = Path.Combine(Path.GetTempPath(), "makerspace-tests", "pickup-" + Guid.NewGuid().ToString("N")),
            [HealthListener.UrlsKey] = "http://127.0.0.1:0",
        }));
        try
        {
            await JobsNode.PrepareAsync(node);
            await node.StartAsync();
            using var client = new HttpClient { BaseAddress = new Uri(Listener(node).Addresses.Single()), Timeout = TimeSpan.FromSeconds(10) };
            Assert.Equal("127.0.0.1", client.BaseAddress.Host);

            await UntilReadyAsync(client);
            Assert.Equal((HttpStatusCode.OK, "Healthy", "database=Healthy scheduler=Healthy workers=Healthy"), await ReadyAsync(client));
            Assert.Equal((HttpStatusCode.OK, "Healthy", ""), await AskAsync(client, "/health/live"));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/jobs")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/locations")).StatusCode);
        }
        finally
        {
            await node.StopAsync();
            node.Dispose();
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Ready_DatabaseServerThatNeverAnswers_503AtTheCheckTimeout_NotAHang()
    {
        // A "PostgreSQL" that accepts connections and never says a word: the connection attempt alone would wait for
        // its 6 s timeout (Npgsql's default is 15 s; shorter here so the node stops sooner); the check gives up at its
        // own 2 s. The client allows 5 s, so an answer proves the check's timeout, not the connection's.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new System.Collections.Concurrent.ConcurrentBag<TcpClient>();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    held.Add(await silent.AcceptTcpClientAsync());
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // stopped at the end of the test
            }
        });
        var node = JobsNode.Build(Arguments(new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Booking"] = $"Host=127.0.0.1;Port={((IPEndPoint)silent.LocalEndpoint).Port};Database=makerspace;Username=makerspace;Password=x;Timeout=6",
            ["Jobs:Scheduler:Enabled"] = "false",
            ["Jobs:Workers:Enabled"] = "false",
            [HealthListener.UrlsKey] = "http://127.0.0.1:0",
        }));
        try
        {
            await node.StartAsync();
            using var client = new HttpClient { BaseAddress = new Uri(Listener(node).Addresses.Single()), Timeout = TimeSpan.FromSeconds(5) };
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy", "database=Unhealthy"), await ReadyAsync(client));
            Assert.Equal((HttpStatusCode.OK, "Healthy", ""), await AskAsync(client, "/health/live"));
        }
        finally
        {
            await node.StopAsync();
            node.Dispose();
            silent.Stop();
            foreach (var connection in held)
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>Settings as an operator's command line gives them: read before anything is registered.</summary>
    private static string[] Arguments(Dictionary<string, string> settings) => settings.Select(s => $"--{s.Key}={s.Value}").ToArray();

    private static HealthListener Listener(IHost node) => node.Services.GetServices<IHostedService>().OfType<HealthListener>().Single();

    private static Task UntilReadyAsync(HttpClient client) =>
        Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "the node to be ready");

    private static Task<(HttpStatusCode Status, string Overall, string Checks)> ReadyAsync(HttpClient client) => AskAsync(client, "/health/ready");

    /// <summary>
    /// The status code, the overall status and "name=status" of each check, in order. The body holds nothing else
    /// (no exception text, no connection string): every object's properties are checked.
    /// </summary>
    private static async Task<(HttpStatusCode Status, string Overall, string Checks)> AskAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True("application/json" == response.Content.Headers.ContentType?.MediaType, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["status", "checks"], body.EnumerateObject().Select(p => p.Name));
        var checks = body.GetProperty("checks").EnumerateArray().ToList();
        Assert.All(checks, c => Assert.Equal(["name", "status"], c.EnumerateObject().Select(p => p.Name)));
        var named = checks.Select(c => $"{c.GetProperty("name").GetString()}={c.GetProperty("status").GetString()}");
        return (response.StatusCode, body.GetProperty("status").GetString()!, string.Join(" ", named));
    }

    /// <summary>
    /// The database out of reach of the app, and back when disposed: the SQLite file moved away, or the PostgreSQL
    /// database closed to new connections (and the app's open ones ended), as after a failover or a restart.
    /// </summary>
    private sealed class DatabaseOutage : IAsyncDisposable
    {
        private readonly Func<Task> _restore;

        private DatabaseOutage(Func<Task> restore) => _restore = restore;

        public static async Task<DatabaseOutage> BeginAsync(TestDatabase database)
        {
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
                File.Move(file, file + ".away");
                Directory.CreateDirectory(file); // in its place something SQLite cannot open (nor create a new file over)
                SqliteConnection.ClearAllPools(); // a pooled connection keeps the moved file open: the app must open anew
                return new DatabaseOutage(() =>
                {
                    Directory.Delete(file);
                    SqliteConnection.ClearAllPools();
                    File.Move(file + ".away", file);
                    return Task.CompletedTask;
                });
            }

            var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
            await AdminAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
            await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
            return new DatabaseOutage(() => AdminAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true"));
        }

        public async ValueTask DisposeAsync() => await _restore();

        private static async Task AdminAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("BOOKING_TEST_PG"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
