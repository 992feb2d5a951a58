using System.Net.Http.Headers;
using System.Net.Http.Json;
using Booking.Data;
using Booking.Data.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Booking.IntegrationTests.Infrastructure;

/// <summary>
/// The real app over HTTP on a private database of the provider under test, with a fake clock.
/// One per test class (IClassFixture); tests make their own users and resources so they never collide.
/// </summary>
public class MakerspaceHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;

    /// <summary>
    /// A Monday in winter, noon UTC (07:00 in New York). It only moves forward: a test that moves it
    /// must leave the other tests of its class (which share the host) with their times still ahead.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 12, 12, 0, 0, TimeSpan.Zero));

    public DatabaseProvider Provider => Database.Provider;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The host is not started.");

    /// <summary>Extra settings a test class needs (e.g. demo data, bootstrap admin).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _ = Services; // start the host now: migrations run here, not inside the first test's timing
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync(); // virtual: a derived host disposes what it added

        if (_database is not null && OwnsDatabase)
        {
            await _database.DisposeAsync();
        }

        await DisposeExtrasAsync();
    }

    /// <summary>A fresh private database; a host that shares another's (e.g. a second scheduler node) returns that one.</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();

    /// <summary>Whether disposing this host drops its database.</summary>
    protected virtual bool OwnsDatabase => true;

    /// <summary>For hosts that start more than the app (e.g. an SMTP server): stopped after the app.</summary>
    protected virtual Task DisposeExtrasAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Booking", Database.ConnectionString);
        builder.UseSetting("Seed:Demo", "false");
        // Tests drive the sweeps and deliveries themselves with the fake clock; a test class turns these on when it needs them.
        builder.UseSetting("Jobs:Scheduler:Enabled", "false");
        builder.UseSetting("Jobs:Workers:Enabled", "false");
        // Outside Development the app needs its public address; TestServer's requests come in as localhost.
        builder.UseSetting("Site:PublicUrl", "http://localhost");
        // Tests sign in hundreds of accounts from one address; the limits have their own tests (RateLimitTests).
        builder.UseSetting("RateLimits:Enabled", "false");
        builder.UseSetting("Smtp:PickupFolder", Path.Combine(Path.GetTempPath(), "makerspace-tests", "pickup-" + Guid.NewGuid().ToString("N")));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Real hashing, fewer rounds: tests sign in hundreds of users.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
        });
    }

    public const string Password = "Test-password-1";

    /// <summary>Creates an account with <paramref name="role"/> (patrons by default) and returns a client signed in with a bearer token.</summary>
    public async Task<SignedInClient> SignInNewAsync(string role = Roles.Patron, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        Guid id;
        using (var scope = Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var user = await DatabaseSetup.EnsureUserAsync(users, email, Password, email.Split('@')[0], role);
            id = user.Id;
        }

        var client = await SignInAsync(email, Password);
        return new SignedInClient(client, id, email);
    }

    /// <summary>The user id and code of a confirmation link for <paramref name="email"/>, as the e-mail would carry them.</summary>
    public async Task<(Guid UserId, string Code)> ConfirmationLinkAsync(string email)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account for {email}.");
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        return (user.Id, Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token)));
    }

    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<AccessTokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    private sealed record AccessTokenBody(string AccessToken);
}

/// <summary>A client signed in as one user, with that user's id.</summary>
public sealed record SignedInClient(HttpClient Http, Guid UserId, string Email);
