using System.Diagnostics;
using System.Net;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Notifications;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;
using Booking.Workflows.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Observability;

/// <summary>
/// The app's own counters (through a listener on this host's meter) and its traces (through the in-memory exporter
/// on its OpenTelemetry pipeline): bookings and refusals, a sweep under Quartz, a delivery, a request and its
/// database commands. Each test picks its own measurements and spans by a kind, id or trace id only it uses.
/// </summary>
public sealed class TelemetryTests : IClassFixture<TelemetryHost>
{
    private const string Zone = "America/New_York";
    private const string Made = "makerspace.bookings.made";
    private const string Refused = "makerspace.bookings.refused";
    private readonly TelemetryHost _host;

    public TelemetryTests(TelemetryHost host)
    {
        _host = host;
        host.Exported.Clear(); // the exporter sees every host's spans in this process: keep only this test's window
    }

    [Fact]
    public async Task Booking_Made_CountedOnceForItsKind()
    {
        var (kind, room) = await RoomOfNewKindAsync();
        var patron = await _host.SignInNewAsync();
        using var meter = new MeterRecorder(_host.Services);

        var start = _host.Clock.DaysAhead(Zone, 2, 10);
        Assert.Equal(HttpStatusCode.Created, (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).StatusCode);

        Assert.Equal(1, meter.Sum(Made, MakerspaceTelemetry.ResourceKindTag, kind));
        Assert.Equal(0, meter.Sum(Refused, MakerspaceTelemetry.ResourceKindTag, kind));
    }

    [Fact]
    public async Task Booking_Refused_CountedWithItsCode_AndKindOnceTheResourceIsKnown()
    {
        var (kind, room) = await RoomOfNewKindAsync();
        var first = await _host.SignInNewAsync();
        var second = await _host.SignInNewAsync();
        var start = _host.Clock.DaysAhead(Zone, 2, 10);
        Assert.Equal(HttpStatusCode.Created, (await first.Http.BookAsync(room.Id, start, start.AddHours(1))).StatusCode);
        using var meter = new MeterRecorder(_host.Services);

        Assert.Equal(HttpStatusCode.Conflict, (await second.Http.BookAsync(room.Id, start, start.AddHours(1))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await second.Http.BookAsync(room.Id, start, start.AddHours(-1))).StatusCode);

        var refusals = meter.Of(Refused);
        var taken = Assert.Single(refusals, m => m.Tag(MakerspaceTelemetry.ResourceKindTag) == kind);
        Assert.Equal(ErrorCodes.SlotTaken, taken.Tag(MakerspaceTelemetry.RefusalCodeTag));
        Assert.Equal(1, taken.Value);
        // The API refuses the malformed request before it looks the resource up: its code, and no kind.
        var malformed = Assert.Single(refusals, m => m.Tag(MakerspaceTelemetry.RefusalCodeTag) == ErrorCodes.Validation);
        Assert.Null(malformed.Tag(MakerspaceTelemetry.ResourceKindTag));
        Assert.Equal(0, meter.Sum(Made, MakerspaceTelemetry.ResourceKindTag, kind));
    }

    [Fact]
    public async Task NoShowSweep_UnderQuartz_OneActivityWithItsItemsAndOutcome_ReleaseCountedByKind()
    {
        var (kind, room) = await RoomOfNewKindAsync();
        var patron = await _host.SignInNewAsync();
        var start = _host.Clock.DaysAhead(Zone, 2, 10);
        Assert.Equal(HttpStatusCode.Created, (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).StatusCode);
        using var meter = new MeterRecorder(_host.Services);

        _host.Clock.MoveTo(start.AddMinutes(16)); // the grace is 15 minutes
        var before = _host.Runs.Count("no-shows");
        await _host.Runs.RunNowAsync("no-shows");
        var run = _host.Runs.Runs.Where(r => r.Job == "no-shows").Skip(before).First();
        Assert.DoesNotContain("every", run.Trigger, StringComparison.Ordinal); // the run fired above, not a trigger's own (its name says "every")

        var sweep = await Eventually.ValueAsync(
            () => _host.Exported.Where(a => a.GetTagItem(MakerspaceTelemetry.SweepFireTag) as string == run.FireId).FirstOrDefault(),
            "the no-show sweep's activity");
        Assert.Equal(MakerspaceTelemetry.Name, sweep.Source.Name);
        Assert.Equal("sweep no-shows", sweep.DisplayName);
        Assert.Equal("no-shows", sweep.GetTagItem(MakerspaceTelemetry.SweepTag));
        Assert.Equal("ok", sweep.GetTagItem(MakerspaceTelemetry.OutcomeTag));
        var items = Assert.IsType<int>(sweep.GetTagItem(MakerspaceTelemetry.SweepItemsTag));
        Assert.True(items >= 1, $"the sweep released {items}"); // earlier tests of this class may leave no-shows too
        Assert.Equal(items, meter.Of("makerspace.no_shows.released").Sum(m => m.Value));
        Assert.Equal(1, meter.Sum("makerspace.no_shows.released", MakerspaceTelemetry.ResourceKindTag, kind));
    }

    [Fact]
    public async Task Reminder_QueuedAndDelivered_CountedAndTracedWithoutTheAddress()
    {
        var (_, room) = await RoomOfNewKindAsync();
        var patron = await _host.SignInNewAsync();
        var start = _host.Clock.DaysAhead(Zone, 3, 11);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        using var meter = new MeterRecorder(_host.Services);

        _host.Clock.MoveTo(start.AddHours(-24).AddMinutes(1));
        var queued = await _host.SweepAsync<ReminderSweep>();
        Assert.True(queued >= 1, $"queued {queued}");
        Assert.Equal(queued, meter.Of("makerspace.reminders.queued").Sum(m => m.Value));
        Assert.Equal(queued, meter.Sum("makerspace.reminders.queued", MakerspaceTelemetry.ReminderPurposeTag, "reminder-1440"));

        var reminder = await _host.InScopeAsync(db => db.Notifications.Where(n => n.ReservationId == id && n.Kind == NotificationKinds.Reminder).Select(n => n.Id).SingleAsync());
        await _host.DeliverAsync(reminder);

        Assert.Single(_host.Smtp.To(patron.Email), m => (m.Subject ?? "").StartsWith("Reminder:", StringComparison.Ordinal));
        Assert.Equal(1, meter.Sum("makerspace.mail.sent", MakerspaceTelemetry.MailKindTag, NotificationKinds.Reminder));
        var delivery = await DeliveryActivityAsync(reminder);
        Assert.Equal("deliver notification", delivery.DisplayName);
        Assert.Equal(ActivityKind.Consumer, delivery.Kind);
        Assert.Equal("sent", delivery.GetTagItem(MakerspaceTelemetry.OutcomeTag));
        Assert.Equal(NotificationKinds.Reminder, delivery.GetTagItem(MakerspaceTelemetry.MailKindTag));
        Assert.Equal(ActivityStatusCode.Unset, delivery.Status);
        Assert.DoesNotContain(delivery.TagObjects, t => t.Value?.ToString()?.Contains('@', StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Delivery_SmtpDown_ActivityFailedWithoutTheMessage_FailureCounted_ThenSent()
    {
        var (_, room) = await RoomOfNewKindAsync();
        var patron = await _host.SignInNewAsync();
        var start = _host.Clock.DaysAhead(Zone, 2, 14);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        await _host.SweepAsync<ConfirmationSweep>();
        var confirmation = await _host.InScopeAsync(db => db.Notifications.Where(n => n.ReservationId == id && n.Kind == NotificationKinds.ReservationConfirmed).Select(n => n.Id).SingleAsync());
        using var meter = new MeterRecorder(_host.Services);

        _host.Smtp.Down = true;
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => _host.DeliverAsync(confirmation));
        }
        finally
        {
            _host.Smtp.Down = false;
        }

        Assert.Equal(1, meter.Sum("makerspace.mail.failed", MakerspaceTelemetry.MailKindTag, NotificationKinds.ReservationConfirmed));
        var failed = await DeliveryActivityAsync(confirmation);
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("failed", failed.GetTagItem(MakerspaceTelemetry.OutcomeTag));
        Assert.DoesNotContain(patron.Email, failed.StatusDescription ?? "", StringComparison.OrdinalIgnoreCase);

        _host.Exported.Clear();
        await _host.DeliverAsync(confirmation); // Hangfire's retry
        Assert.Equal("sent", (await DeliveryActivityAsync(confirmation)).GetTagItem(MakerspaceTelemetry.OutcomeTag));
        Assert.Equal(1, meter.Sum("makerspace.mail.sent", MakerspaceTelemetry.MailKindTag, NotificationKinds.ReservationConfirmed));
    }

    [Fact]
    public async Task Request_TracedAsAServerSpan_InTheCallersTrace()
    {
        var (_, room) = await RoomOfNewKindAsync();
        var (traceId, client) = TracedClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/resources/{room.Id}")).StatusCode);

        var server = await Eventually.ValueAsync(
            () => _host.Exported.Where(a => a.TraceId == traceId && a.Kind == ActivityKind.Server).FirstOrDefault(),
            "the request's server span");
        Assert.Equal("/api/v1/resources/" + room.Id, server.GetTagItem("url.path"));
        Assert.Equal(200, server.GetTagItem("http.response.status_code"));
        Assert.Equal("GET", server.GetTagItem("http.request.method"));
    }

    [Fact]
    public async Task Request_ItsDatabaseCommands_NpgsqlSpansOnPostgres_NoneClaimedOnSqlite()
    {
        var (_, room) = await RoomOfNewKindAsync();
        var (traceId, client) = TracedClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/resources/{room.Id}")).StatusCode);

        await Eventually.ValueAsync(() => _host.Exported.Where(a => a.TraceId == traceId && a.Kind == ActivityKind.Server).FirstOrDefault(), "the request's server span");
        var commands = _host.Exported.Where(a => a.TraceId == traceId && a.Kind == ActivityKind.Client);
        if (_host.Provider == DatabaseProvider.Postgres)
        {
            Assert.NotEmpty(commands);
            Assert.All(commands, c => Assert.Equal("Npgsql", c.Source.Name));
            Assert.All(commands, c => Assert.Equal("postgresql", c.GetTagItem("db.system.name") ?? c.GetTagItem("db.system")));
        }
        else
        {
            Assert.Empty(commands); // SQLite's commands are not traced (no instrumentation for Microsoft.Data.Sqlite)
        }
    }

    /// <summary>A client whose requests continue a trace of its own (a <c>traceparent</c> header, sampled).</summary>
    private (ActivityTraceId TraceId, HttpClient Client) TracedClient()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var client = _host.CreateClient();
        client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        return (traceId, client);
    }

    private Task<Activity> DeliveryActivityAsync(Guid notificationId) => Eventually.ValueAsync(
        () => _host.Exported.Where(a => a.GetTagItem(MakerspaceTelemetry.NotificationIdTag) as string == notificationId.ToString()).FirstOrDefault(),
        $"the delivery activity of notification {notificationId}");

    /// <summary>A room of a kind made for this test alone, so counts tagged with the kind are this test's.</summary>
    private async Task<(string Kind, Resource Room)> RoomOfNewKindAsync()
    {
        var code = "obs-" + Guid.NewGuid().ToString("N")[..12];
        using (var scope = _host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
            db.ResourceKinds.Add(new ResourceKind(code, "Observed room", BookingPolicy.DefaultFor(KnownKinds.Room)));
            await db.SaveChangesAsync();
        }

        var branch = await _host.BranchAsync(Zone);
        return (code, await _host.ResourceAsync(branch.Id, code));
    }
}
