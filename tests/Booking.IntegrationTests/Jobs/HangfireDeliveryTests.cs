using System.Reflection;
using Booking.Domain.Notifications;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Delivery;
using Booking.Jobs.Sweeps;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Jobs;

/// <summary>A host with real Hangfire workers: sweep → Hangfire queue → worker → SMTP, end to end.</summary>
public sealed class HangfireHost : JobsHost
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Jobs:Workers:Enabled"] = "true",
        ["Jobs:Workers:PollInterval"] = "0.2s",
    };
}

/// <summary>Delivery through real Hangfire storage and workers.</summary>
public sealed class HangfireDeliveryTests(HangfireHost host) : IClassFixture<HangfireHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Booking_ConfirmationSweptAndQueued_WorkerMailsItOnceWithCalendar()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 2, 14);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();

        Assert.Equal(1, await host.SweepAsync<ConfirmationSweep>());
        Assert.Equal(0, await host.SweepAsync<ConfirmationSweep>());
        Assert.Equal(1, await host.SweepAsync<DeliverySweep>());
        Assert.Equal(0, await host.SweepAsync<DeliverySweep>()); // claimed: a second node or tick does not queue it again

        await host.Smtp.WaitForAsync(1);
        await Eventually.TrueAsync(() => SentAsync(id), "the worker to stamp the notification sent");
        Assert.True(await SentAsync(id), "the worker stamps the notification sent");
        var mail = Assert.Single(host.Smtp.To(patron.Email));
        Assert.StartsWith("Booked:", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(mail.Attachments, a => a.ContentType.MimeType == "text/calendar");
    }

    private Task<bool> SentAsync(Guid reservationId) => HangfireJobs.SentAsync(host, reservationId);
}

/// <summary>
/// Back-off with SMTP down, on a host of its own: its failed and requeued jobs must not sit in the way of
/// another test's delivery.
/// </summary>
public sealed class HangfireBackOffTests(HangfireHost host) : IClassFixture<HangfireHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task SmtpDown_HangfireRetriesWithGrowingBackOff_ThenDeliversOnceWhenBack()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 3, 16);
        var reservationId = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        await host.SweepAsync<ConfirmationSweep>();
        var notificationId = await host.InScopeAsync(db => db.Notifications
            .Where(n => n.ReservationId == reservationId && n.Kind == NotificationKinds.ReservationConfirmed).Select(n => n.Id).SingleAsync());
        var storage = host.Services.GetRequiredService<JobStorage>();
        var jobs = host.Services.GetRequiredService<IBackgroundJobClient>();
        var retry = typeof(DeliverNotification).GetMethod(nameof(DeliverNotification.RunAsync))!.GetCustomAttribute<AutomaticRetryAttribute>()!;
        Assert.Equal(10, retry.Attempts);
        Assert.Equal(DeliverNotification.RetryDelaysInSeconds, retry.DelaysInSeconds);

        host.Smtp.Down = true;
        string jobId;
        var delays = new List<TimeSpan>();
        try
        {
            Assert.True(await host.SweepAsync<DeliverySweep>() >= 1);
            jobId = await HangfireJobs.JobOfAsync(storage, notificationId);
            // Each failed attempt: Hangfire counts it and schedules the next one further out. The test does not
            // wait out the delays in real time; it enqueues the scheduled retry at once, as the dashboard's
            // "enqueue now" does, which leaves the retry count and the schedule to Hangfire.
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                await Eventually.TrueAsync(() => HangfireJobs.RetryCount(storage, jobId) == attempt && HangfireJobs.StateOf(storage, jobId) == ScheduledState.StateName, $"retry {attempt} scheduled");
                var scheduled = storage.GetMonitoringApi().JobDetails(jobId).History.First(h => h.StateName == ScheduledState.StateName);
                Assert.Contains($"Retry attempt {attempt} of 10", scheduled.Reason, StringComparison.Ordinal);
                delays.Add(JobHelper.DeserializeDateTime(scheduled.Data["EnqueueAt"]) - JobHelper.DeserializeDateTime(scheduled.Data["ScheduledAt"]));
                if (attempt < 3)
                {
                    Assert.True(jobs.Requeue(jobId));
                }
            }
        }
        finally
        {
            host.Smtp.Down = false;
        }

        for (var i = 0; i < delays.Count; i++)
        {
            Assert.InRange(delays[i].TotalSeconds, DeliverNotification.RetryDelaysInSeconds[i] - 1, DeliverNotification.RetryDelaysInSeconds[i] + 1);
        }

        Assert.True(delays[0] < delays[1] && delays[1] < delays[2], "the back-off grows");
        Assert.Empty(host.Smtp.To(patron.Email));
        Assert.Equal(3, storage.GetMonitoringApi().JobDetails(jobId).History.Count(h => h.StateName == ScheduledState.StateName && h.Reason?.StartsWith("Retry attempt", StringComparison.Ordinal) == true));

        // The server is back: the next retry delivers it, once; a stray later run of the same job is a no-op.
        Assert.True(jobs.Requeue(jobId));
        await Eventually.TrueAsync(() => HangfireJobs.StateOf(storage, jobId) == SucceededState.StateName, "the retry to succeed");
        Assert.True(await SentAsync(reservationId));
        Assert.True(jobs.Requeue(jobId));
        await Eventually.TrueAsync(() => HangfireJobs.StateOf(storage, jobId) == SucceededState.StateName && storage.GetMonitoringApi().JobDetails(jobId).History.Count(h => h.StateName == SucceededState.StateName) == 2, "the stray run");
        Assert.Equal(0, await host.SweepAsync<DeliverySweep>());
        var mail = Assert.Single(host.Smtp.To(patron.Email));
        Assert.Contains(notificationId.ToString("N"), mail.MessageId ?? "", StringComparison.Ordinal);
    }

    private Task<bool> SentAsync(Guid reservationId) => HangfireJobs.SentAsync(host, reservationId);
}

/// <summary>Reading Hangfire's own record of a delivery job.</summary>
internal static class HangfireJobs
{
    public static Task<string> JobOfAsync(JobStorage storage, Guid notificationId) =>
        Eventually.ValueAsync(() => FindJob(storage, notificationId), $"the delivery job of notification {notificationId}");

    /// <summary>The delivery job for one notification, in whatever state it is now.</summary>
    public static string? FindJob(JobStorage storage, Guid notificationId)
    {
        var monitoring = storage.GetMonitoringApi();
        bool Mine(Job? job) => job?.Args.Count > 0 && job.Args[0] is Guid id && id == notificationId;
        return monitoring.ScheduledJobs(0, 1000).Where(j => Mine(j.Value.Job)).Select(j => j.Key)
            .Concat(monitoring.EnqueuedJobs("default", 0, 1000).Where(j => Mine(j.Value.Job)).Select(j => j.Key))
            .Concat(monitoring.ProcessingJobs(0, 1000).Where(j => Mine(j.Value.Job)).Select(j => j.Key))
            .Concat(monitoring.FailedJobs(0, 1000).Where(j => Mine(j.Value.Job)).Select(j => j.Key))
            .FirstOrDefault();
    }

    public static int RetryCount(JobStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        return int.TryParse(connection.GetJobParameter(jobId, "RetryCount")?.Trim('"'), out var count) ? count : 0;
    }

    public static string? StateOf(JobStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    public static Task<bool> SentAsync(MakerspaceHost host, Guid reservationId) =>
        host.InScopeAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Notifications, n => n.ReservationId == reservationId && n.SentAtUtc != null));
}
