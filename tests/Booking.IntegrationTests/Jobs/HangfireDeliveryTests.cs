using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;

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
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await SentAsync(id) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(await SentAsync(id), "the worker stamps the notification sent");
        var mail = Assert.Single(host.Smtp.To(patron.Email));
        Assert.StartsWith("Booked:", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(mail.Attachments, a => a.ContentType.MimeType == "text/calendar");
    }

    private Task<bool> SentAsync(Guid reservationId) =>
        host.InScopeAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Notifications, n => n.ReservationId == reservationId && n.SentAtUtc != null));
}
