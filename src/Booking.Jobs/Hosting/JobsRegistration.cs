using Booking.Data;
using Booking.Jobs.Configuration;
using Booking.Jobs.Delivery;
using Booking.Jobs.Mail;
using Booking.Jobs.Sweeps;
using Booking.Workflows;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Booking.Jobs.Hosting;

/// <summary>
/// Wires the jobs into a host: sweeps (Quartz, <c>Jobs:Scheduler:Enabled</c>), e-mail delivery (Hangfire,
/// <c>Jobs:Workers:Enabled</c>), and the mail sender (SMTP or pickup folder). Bad settings stop start-up.
/// </summary>
public static class JobsRegistration
{
    /// <summary>The embedded default keeps Hangfire's queue in its own SQLite file beside the app's database.</summary>
    public const string HangfireSqliteFile = "makerspace-jobs.db";

    public static IServiceCollection AddMakerspaceJobs(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string> dataFolder)
    {
        // Read now so a malformed value stops start-up with its key named, before anything runs.
        var options = JobsOptions.Read(configuration);
        SmtpSettings.Read(configuration, Path.GetTempPath());
        services.AddSingleton(options);
        services.AddSingleton(sp => SmtpSettings.Read(sp.GetRequiredService<IConfiguration>(), dataFolder(sp)));
        services.AddSingleton<IMailSender>(sp =>
        {
            var settings = sp.GetRequiredService<SmtpSettings>();
            return settings.UsesPickupFolder
                ? new PickupFolderMailSender(settings, sp.GetRequiredService<ILogger<PickupFolderMailSender>>())
                : new SmtpMailSender(settings, sp.GetRequiredService<ILogger<SmtpMailSender>>());
        });
        MailSite.Read(configuration);
        services.AddSingleton(sp => MailSite.Read(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<MailComposer>();
        services.AddMakerspaceWorkflows();
        services.AddScoped<DeliverNotification>();
        services.AddScoped<SendAccountMail>();
        services.AddScoped<ConfirmationSweep>();
        services.AddScoped<ReminderSweep>();
        services.AddScoped<NoShowSweep>();
        services.AddScoped<OverdueSweep>();
        services.AddScoped<WaitlistLapseSweep>();
        services.AddScoped<DeliverySweep>();
        services.AddScoped<CertificationExpirySweep>();
        services.AddScoped<PrivacySweep>();
        services.AddScoped<UnclaimedDeskSweep>();

        services.AddHangfire((sp, c) => c
            .UseLogProvider(new HangfireLogging(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        // After AddHangfire, so these win: this host's own storage and client, never Hangfire's static one.
        services.AddSingleton<JobStorage>(sp => CreateStorage(sp.GetRequiredService<DatabaseSettings>(), options));
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<INotificationQueue, HangfireNotificationQueue>();
        services.AddSingleton<IAccountMailQueue, HangfireAccountMailQueue>();
        if (options.WorkersEnabled)
        {
            // One instance: the host starts and stops it, the readiness check asks it whether it runs.
            services.AddSingleton<HangfireWorkers>();
            services.AddHostedService(sp => sp.GetRequiredService<HangfireWorkers>());
        }

        if (options.SchedulerEnabled)
        {
            AddScheduler(services, configuration, options);
        }

        return services;
    }

    public static JobStorage CreateStorage(DatabaseSettings database, JobsOptions options)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var pgOptions = new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = options.WorkerPollInterval,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, pgOptions), pgOptions);
        }

        var appDatabase = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(appDatabase)) ?? ".";
        return new SQLiteStorage(Path.Combine(folder, HangfireSqliteFile), new SQLiteStorageOptions
        {
            QueuePollInterval = options.WorkerPollInterval,
        });
    }

    private static void AddScheduler(IServiceCollection services, IConfiguration configuration, JobsOptions options)
    {
        var provider = DataRegistration.ReadProvider(configuration);
        var postgres = provider == DatabaseProvider.Postgres ? configuration.GetConnectionString("Booking") : null;
        var interval = options.SweepInterval;
        services.Configure<QuartzOptions>(o =>
        {
            // The clustering trap (STACK-NOTES): a joining node must not overwrite the stored triggers.
            o.Scheduling.OverwriteExistingData = false;
            o.Scheduling.IgnoreDuplicates = true;
        });
        services.AddQuartz(q =>
        {
            // Quartz 4 fires on the container's TimeProvider, the clock the sweeps read (tests move it by hand).
            q.ConfigureScheduler(s => s.InstanceName = options.SchedulerName);
            if (postgres is not null)
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(postgres);
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(10));
                    store.ProvisionSchema();
                });
            }
            else
            {
                q.UseInMemoryStore();
            }

            // The interval is in the trigger's name: a changed interval is a new trigger, not a silent no-op.
            var seconds = (int)interval.TotalSeconds;
            Add<ConfirmationJob>(q, "confirmations", seconds, interval);
            Add<ReminderJob>(q, "reminders", seconds, interval);
            Add<NoShowJob>(q, "no-shows", seconds, interval);
            Add<OverdueJob>(q, "overdue-laptops", seconds, interval);
            Add<WaitlistLapseJob>(q, "waitlist-lapses", seconds, interval);
            Add<DeliveryJob>(q, "mail-delivery", seconds, interval);
            Add<CertificationExpiryJob>(q, "certification-expiry", seconds, interval);
            Add<UnclaimedDeskJob>(q, "unclaimed-desks", seconds, interval);
            // Retention is counted in days: once an hour is soon enough, and spares the database a scan every minute.
            var hourly = TimeSpan.FromHours(1);
            Add<PrivacyJob>(q, "privacy-retention", (int)hourly.TotalSeconds, hourly);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    private static void Add<TJob>(IQuartzBuilder q, string name, int seconds, TimeSpan interval)
        where TJob : IJob
    {
        q.AddJob(typeof(TJob), j => j.WithIdentity(name, "sweeps"));
        q.AddTrigger(t => t
            .ForJob(name, "sweeps")
            .WithIdentity($"{name}-every-{seconds}s", "sweeps")
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
    }
}
