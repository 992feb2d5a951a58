using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Booking.ClusterTests.Infrastructure;

/// <summary>One node of a running cluster as <c>infra/cluster.sh</c> wrote it in <c>nodes.tsv</c>.</summary>
public sealed record Node(string Name, int Pid, string Role, int Port)
{
    public bool IsWeb => Role.StartsWith("web", StringComparison.Ordinal);
}

/// <summary>
/// A real cluster started by <c>infra/cluster.sh</c> in a folder of its own: PostgreSQL, web nodes, a jobs node and
/// nginx, every node a published app in its own process. Settings reach the nodes through the script's environment.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private static readonly SemaphoreSlim PublishOnce = new(1, 1);
    private static string? _app;
    private readonly string _dir;
    private readonly Dictionary<string, string> _settings;

    private Cluster(string dir, Dictionary<string, string> settings, Uri publicUrl)
    {
        _dir = dir;
        _settings = settings;
        PublicUrl = publicUrl;
        var env = File.ReadAllLines(Path.Combine(dir, "cluster.env"))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('\''));
        DatabaseUrl = env["DB_URL"];
        AdminPassword = env["ADMIN_PASSWORD"];
        Proxy = new HttpClient(new HttpClientHandler
        {
            // The cluster's certificate is made on the spot for localhost; nothing else is reached with this client.
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            UseCookies = false,
            AllowAutoRedirect = false,
        })
        { BaseAddress = publicUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public const string AdminEmail = "admin@cluster.test";

    public Uri PublicUrl { get; }

    public string DatabaseUrl { get; }

    public string AdminPassword { get; }

    /// <summary>Through nginx, as patrons reach the library.</summary>
    public HttpClient Proxy { get; }

    public IReadOnlyList<Node> Nodes => File.ReadAllLines(Path.Combine(_dir, "nodes.tsv"))
        .Select(l => l.Split('\t'))
        .Select(p => new Node(p[0], p[1] == "-" ? 0 : int.Parse(p[1], CultureInfo.InvariantCulture), p[2], int.Parse(p[3], CultureInfo.InvariantCulture)))
        .ToList();

    public IReadOnlyList<Node> WebNodes => Nodes.Where(n => n.IsWeb).ToList();

    public Node Node(string name) => Nodes.Single(n => n.Name == name);

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Starts a cluster; <paramref name="settings"/> are app settings (<c>Jobs:SweepInterval</c>) given to every node.</summary>
    public static async Task<Cluster> StartAsync(int webNodes, int webSchedulers, IReadOnlyDictionary<string, string> settings)
    {
        var app = await AppAsync();
        var dir = Path.Combine(Path.GetTempPath(), "makerspace-cluster-test-" + Guid.NewGuid().ToString("N")[..8]);
        var all = new Dictionary<string, string>(settings)
        {
            // The suite measures the rules and the failover, not the per-address limits (all its clients share one address).
            ["RateLimits:Enabled"] = "false",
            ["Accounts:RequireConfirmedEmail"] = "false",
        };
        var output = await ScriptAsync(dir, all, TimeSpan.FromMinutes(3), "start", "--web", webNodes.ToString(CultureInfo.InvariantCulture),
            "--web-scheduler", webSchedulers.ToString(CultureInfo.InvariantCulture), "--app", app);
        var url = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Trim();
        return new Cluster(dir, all, new Uri(url));
    }

    /// <summary>A client straight to one web node, bypassing nginx, with the headers nginx would add.</summary>
    public HttpClient Direct(Node node)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{node.Port}/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Host = "localhost";
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    /// <summary>kill -9: no shutdown, no goodbye to the database or the Quartz cluster.</summary>
    public static void Kill(Node node)
    {
        using var process = Process.GetProcessById(node.Pid);
        process.Kill();
        process.WaitForExit(10_000);
    }

    public Task StartNodeAsync(string name) => ScriptAsync(_dir, _settings, TimeSpan.FromMinutes(2), "node-start", name);

    public Task PostgresDownAsync() => PostgresAsync("down");

    public Task PostgresUpAsync() => PostgresAsync("up");

    public async Task<HttpStatusCode> ReadyAsync(Node node)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{node.Port}/health/ready"));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Proxy.Dispose();
        await ScriptAsync(_dir, _settings, TimeSpan.FromMinutes(1), "stop");
    }

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    private async Task PostgresAsync(string verb)
    {
        var psi = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "infra", "postgres.sh"), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["MAKERSPACE_PG_DIR"] = Path.Combine(_dir, "pg");
        await RunAsync(psi, TimeSpan.FromMinutes(1));
    }

    /// <summary>The published web and jobs apps: the test script's (MAKERSPACE_CLUSTER_APP), or published once here.</summary>
    private static async Task<string> AppAsync()
    {
        await PublishOnce.WaitAsync();
        try
        {
            if (_app is null)
            {
                var given = Environment.GetEnvironmentVariable("MAKERSPACE_CLUSTER_APP");
                if (!string.IsNullOrEmpty(given))
                {
                    _app = given;
                }
                else
                {
                    var output = Path.Combine(Path.GetTempPath(), "makerspace-cluster-app-" + Guid.NewGuid().ToString("N")[..8]);
                    await ScriptAsync(output, new Dictionary<string, string>(), TimeSpan.FromMinutes(5), "publish", "--no-build", "--out", output);
                    _app = output;
                }
            }

            return _app;
        }
        finally
        {
            PublishOnce.Release();
        }
    }

    private static Task<string> ScriptAsync(string dir, IReadOnlyDictionary<string, string> settings, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "infra", "cluster.sh"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        psi.Environment["MAKERSPACE_CLUSTER_DIR"] = dir;
        foreach (var (key, value) in settings)
        {
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return RunAsync(psi, timeout);
    }

    private static async Task<string> RunAsync(ProcessStartInfo psi, TimeSpan timeout)
    {
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', psi.ArgumentList)} took over {timeout.TotalSeconds} s: {await stderr}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', psi.ArgumentList)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }

        return await stdout;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Makerspace.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Makerspace.sln not found above " + AppContext.BaseDirectory);
    }
}
