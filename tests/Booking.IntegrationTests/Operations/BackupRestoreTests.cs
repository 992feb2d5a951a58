using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Booking.Data;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Booking.IntegrationTests.Operations;

/// <summary>
/// infra/backup.sh and infra/restore.sh as an operator runs them: a backup of a running site restores into an empty
/// database that has the same reservations, accepts the same passwords, and still accepts the sign-ins issued before
/// the backup (the Data Protection keys travel in the database). On SQLite also the jobs' file and the data folder.
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task BackupWhileRunning_RestoreIntoEmptyDatabase_ReservationPasswordAndEarlierSignInsWork()
    {
        await using var source = await TestDatabase.CreateAsync();
        await using var target = await TestDatabase.CreateAsync();
        var backups = Directory.CreateTempSubdirectory("makerspace-backups-");
        try
        {
            string archive;
            Guid reservationId;
            SignedInClient patron;
            string cookie;
            long quartzTriggers = 0;
            await using (var site = new ConfiguredHost("Production", Settings(source, scheduler: true), source))
            {
                await site.InitializeAsync();
                var branch = await site.BranchAsync(Zone);
                var room = await site.ResourceAsync(branch.Id, KnownKinds.Room);
                patron = await site.SignInNewAsync();
                var start = site.Clock.DaysAhead(Zone, 2, 10);
                reservationId = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
                cookie = await CookieAsync(site, patron.Email);
                // A mail waiting in Hangfire's queue (its own file on SQLite, its schema on PostgreSQL) must travel too.
                (await site.CreateClient().PostAsJsonAsync("/api/v1/auth/forgotPassword", new { email = patron.Email })).EnsureSuccessStatusCode();
                Assert.Equal(1, EnqueuedMails(site));
                if (DataFolder(source) is { } folder)
                {
                    Directory.CreateDirectory(Path.Combine(folder, "mail-pickup"));
                    await File.WriteAllTextAsync(Path.Combine(folder, "mail-pickup", "kept.eml"), "Subject: kept\r\n\r\nkept");
                }

                if (source.Provider == DatabaseProvider.Postgres)
                {
                    quartzTriggers = await CountAsync(site, "SELECT count(*) AS \"Value\" FROM qrtz_triggers");
                    Assert.True(quartzTriggers > 0, "the scheduler stored its triggers");
                }

                // While the site runs.
                archive = await BackupAsync(source, backups.FullName);
            }

            var manifest = await ManifestAsync(archive);
            output.WriteLine(manifest);
            Assert.Contains($"provider: {source.Provider}", manifest, StringComparison.Ordinal);
            Assert.Matches(@"last-migration: \d{14}_", manifest);

            var restore = await InfraScript.RunAsync("restore.sh", [archive], Environment(target));
            output.WriteLine(restore.Stderr);
            Assert.True(restore.ExitCode == 0, restore.Stderr);

            await using var restored = new ConfiguredHost("Production", Settings(target, scheduler: false), target);
            await restored.InitializeAsync();
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(restored, $"/api/v1/reservations/{reservationId}", bearer: patron.Http.DefaultRequestHeaders.Authorization!.Parameter)).StatusCode);
            var mine = await SendAsync(restored, "/api/v1/reservations/mine", cookie: cookie);
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
            Assert.Contains(reservationId.ToString(), await mine.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await restored.SignInAsync(patron.Email, MakerspaceHost.Password);
            Assert.Equal(1, EnqueuedMails(restored));
            if (DataFolder(target) is { } restoredFolder)
            {
                Assert.Equal("Subject: kept\r\n\r\nkept", await File.ReadAllTextAsync(Path.Combine(restoredFolder, "mail-pickup", "kept.eml")));
                Assert.True(File.Exists(Path.Combine(restoredFolder, "makerspace-jobs.db")), "Hangfire's file is restored beside the database");
            }

            if (target.Provider == DatabaseProvider.Postgres)
            {
                Assert.Equal(quartzTriggers, await CountAsync(restored, "SELECT count(*) AS \"Value\" FROM qrtz_triggers"));
            }
        }
        finally
        {
            backups.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Restore_TargetHoldsData_RefusedWithoutForce_ReplacedWithForce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var backups = Directory.CreateTempSubdirectory("makerspace-backups-");
        try
        {
            Guid backedUp;
            Guid later;
            string archive;
            await using (var site = new ConfiguredHost("Production", Settings(database, scheduler: false), database))
            {
                await site.InitializeAsync();
                var branch = await site.BranchAsync(Zone);
                var room = await site.ResourceAsync(branch.Id, KnownKinds.Room);
                var patron = await site.SignInNewAsync();
                var start = site.Clock.DaysAhead(Zone, 2, 10);
                backedUp = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
                // On SQLite through the app's own online backup, the way for a machine without the sqlite3 tool.
                archive = await BackupAsync(database, backups.FullName, "--sqlite-copy", "app");
                later = (await (await patron.Http.BookAsync(room.Id, start.AddHours(2), start.AddHours(3))).JsonAsync()).GetProperty("id").GetGuid();

                var refused = await InfraScript.RunAsync("restore.sh", [archive], Environment(database));

                Assert.Equal(1, refused.ExitCode);
                Assert.Contains("not empty", refused.Stderr, StringComparison.Ordinal);
                Assert.Contains("--force", refused.Stderr, StringComparison.Ordinal);
                Assert.Equal(2, await site.InScopeAsync(db => db.Reservations.CountAsync(r => r.Id == backedUp || r.Id == later)));
            }

            ClearPools();
            var forced = await InfraScript.RunAsync("restore.sh", [archive, "--force"], Environment(database));
            output.WriteLine(forced.Stderr);
            Assert.True(forced.ExitCode == 0, forced.Stderr);

            await using var restored = new ConfiguredHost("Production", Settings(database, scheduler: false), database);
            await restored.InitializeAsync();
            var ids = await restored.InScopeAsync(db => db.Reservations.Where(r => r.Id == backedUp || r.Id == later).Select(r => r.Id).ToListAsync());
            Assert.Equal([backedUp], ids);
        }
        finally
        {
            backups.Delete(recursive: true);
        }
    }

    /// <summary>The SQLite file's folder is the site's data folder (the jobs' file and the mail pickup beside it); PostgreSQL has none.</summary>
    private static string? DataFolder(TestDatabase database) =>
        database.Provider == DatabaseProvider.Sqlite
            ? Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource)
            : null;

    private static Dictionary<string, string?> Settings(TestDatabase database, bool scheduler)
    {
        var settings = new Dictionary<string, string?> { ["Jobs:Scheduler:Enabled"] = scheduler ? "true" : "false" };
        if (DataFolder(database) is { } folder)
        {
            settings["Storage:DataFolder"] = folder;
            settings["Smtp:PickupFolder"] = Path.Combine(folder, "mail-pickup");
        }

        return settings;
    }

    /// <summary>The site's settings as the scripts read them: the app's own variable names.</summary>
    private static (string, string?)[] Environment(TestDatabase database) =>
    [
        ("Database__Provider", database.Provider.ToString()),
        ("ConnectionStrings__Booking", database.ConnectionString),
        ("Storage__DataFolder", DataFolder(database)),
    ];

    private async Task<string> BackupAsync(TestDatabase database, string folder, params string[] options)
    {
        var app = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        var (exitCode, stdout, stderr) = await InfraScript.RunAsync("backup.sh", ["--to", folder, "--app", app, .. options], Environment(database));
        output.WriteLine(stderr);
        Assert.True(exitCode == 0, stderr);
        var archive = stdout.Trim();
        Assert.StartsWith(Path.Combine(folder, $"makerspace-{database.Provider.ToString().ToLowerInvariant()}-"), archive, StringComparison.Ordinal);
        Assert.True(File.Exists(archive), archive);
        return archive;
    }

    private static async Task<string> ManifestAsync(string archive)
    {
        var (exitCode, stdout, stderr) = await Processes.RunAsync(new System.Diagnostics.ProcessStartInfo("tar", ["-xzOf", archive, "./manifest.txt"]));
        Assert.True(exitCode == 0, stderr);
        return stdout;
    }

    // The password mail, counted by its job: the source site runs its sweeps, and the delivery sweep may queue the
    // booking's confirmation beside it at any moment before the backup (seen once on PostgreSQL: 2 where 1 was expected).
    private static long EnqueuedMails(MakerspaceHost host) => host.Services.GetRequiredService<JobStorage>().GetMonitoringApi()
        .EnqueuedJobs("default", 0, 1000).Count(job => job.Value.Job?.Type == typeof(Booking.Jobs.Delivery.SendAccountMail));

    private static Task<long> CountAsync(MakerspaceHost host, string sql) =>
        host.InScopeAsync(db => db.Database.SqlQueryRaw<long>(sql).SingleAsync());

    private static async Task<string> CookieAsync(MakerspaceHost host, string email)
    {
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = MakerspaceHost.Password });
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> SendAsync(MakerspaceHost host, string path, string? cookie = null, string? bearer = null)
    {
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await client.SendAsync(request);
    }

    private static void ClearPools()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
