using System.Net;
using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Operations;

/// <summary>
/// The upgrade path (README "Upgrades"): a DBA runs <c>migrate</c> (web app or jobs node) before a rolling restart;
/// <c>migrate --check</c> says what is pending; a node with <c>Database:MigrateOnStartup=false</c> refuses a database
/// that lacks its migrations and starts on one that has them.
/// </summary>
public sealed class MigrateCommandTests
{
    private static readonly string Web = typeof(Program).Assembly.Location;
    private static readonly string Jobs = typeof(JobsNode).Assembly.Location;

    [Fact]
    public async Task Migrate_EmptyDatabase_CheckListsPending_AppliesWithSetup_NodeWithoutMigrateOnStartupStarts()
    {
        await using var database = await TestDatabase.CreateAsync();

        var pending = await AppRun.CommandAsync(Web, ["migrate", "--check"], Environment(database));
        Assert.True(pending.ExitCode == OperatorCommand.MigrationsPending, pending.Stdout + pending.Stderr);
        Assert.Matches(@"Pending: \d{14}_Initial", pending.Stdout);
        Assert.Equal(0, await AppliedAsync(database)); // a check changes nothing

        var migrate = await AppRun.CommandAsync(Jobs, ["migrate"], Environment(database));
        Assert.True(migrate.ExitCode == OperatorCommand.Done, migrate.Stdout + migrate.Stderr);
        Assert.Matches(@"Applied \d+ migration\(s\): \d{14}_Initial", migrate.Stdout);
        Assert.Empty(migrate.Stderr);
        // The start-up setup ran too, so a node that does not migrate finds the roles and kinds.
        Assert.Equal(Roles.All.Count, await ReadAsync(database, db => db.Roles.CountAsync()));
        Assert.Equal(KnownKinds.All.Count, await ReadAsync(database, db => db.ResourceKinds.CountAsync()));

        var check = await AppRun.CommandAsync(Web, ["migrate", "--check"], Environment(database));
        Assert.True(check.ExitCode == OperatorCommand.Done, check.Stdout + check.Stderr);
        Assert.Contains("Pending: none", check.Stdout, StringComparison.Ordinal);

        var again = await AppRun.CommandAsync(Web, ["migrate"], Environment(database));
        Assert.True(again.ExitCode == OperatorCommand.Done, again.Stdout + again.Stderr);
        Assert.Contains("Up to date", again.Stdout, StringComparison.Ordinal);

        await using var node = new ConfiguredHost("Production", new Dictionary<string, string?> { [DatabaseSetup.MigrateOnStartupKey] = "false" }, database);
        await node.InitializeAsync();
        Assert.Equal(HttpStatusCode.OK, (await node.CreateClient().GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Start_MigrateOnStartupOff_DatabaseLacksMigrations_WebAndJobsNodeRefuseInOneLineNamingMigrate()
    {
        await using var database = await TestDatabase.CreateAsync();
        (string, string)[] settings = [.. Environment(database), ("Database__MigrateOnStartup", "false")];

        foreach (var (assembly, prefix) in new[] { (Web, "Makerspace cannot start: "), (Jobs, "Makerspace jobs cannot start: ") })
        {
            var (exitCode, stdout, stderr) = await AppRun.CommandAsync(assembly, [], settings);

            Assert.Equal(1, exitCode);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith(prefix, line, StringComparison.Ordinal);
            Assert.Contains(DatabaseSetup.MigrateCommand, line, StringComparison.Ordinal);
            Assert.Contains("Database:MigrateOnStartup is false", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        }

        Assert.Equal(0, await AppliedAsync(database)); // refused, nothing made
    }

    [Fact]
    public async Task Migrate_Help_ListsTheCommandsAndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();

        var (exitCode, stdout, stderr) = await AppRun.CommandAsync(Web, ["migrate", "--help"], Environment(database));

        Assert.True(exitCode == OperatorCommand.Done, stdout + stderr);
        Assert.Contains("migrate --check", stdout, StringComparison.Ordinal);
        Assert.Contains("sqlite-backup", stdout, StringComparison.Ordinal);
        Assert.Equal(0, await AppliedAsync(database));
    }

    [Fact]
    public async Task Migrate_UnknownProvider_OneLineAndExitCode1()
    {
        var (exitCode, stdout, stderr) = await AppRun.CommandAsync(Web, ["migrate"], ("Database__Provider", "Oracle"));

        Assert.Equal(OperatorCommand.Failed, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Makerspace migrate: Database:Provider is 'Oracle'", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    private static (string, string)[] Environment(TestDatabase database) =>
    [
        ("Database__Provider", database.Provider.ToString()),
        ("ConnectionStrings__Booking", database.ConnectionString),
    ];

    /// <summary>Reads the database directly, with no app host (which would migrate it).</summary>
    private static async Task<T> ReadAsync<T>(TestDatabase database, Func<BookingDbContext, Task<T>> read)
    {
        var options = new DbContextOptionsBuilder<BookingDbContext>();
        DataRegistration.Configure(options, database.Provider, database.ConnectionString);
        await using var db = new BookingDbContext(options.Options);
        return await read(db);
    }

    private static Task<int> AppliedAsync(TestDatabase database) =>
        ReadAsync(database, async db => (await MigrationStatus.ReadAsync(db, default)).Applied.Count);
}
