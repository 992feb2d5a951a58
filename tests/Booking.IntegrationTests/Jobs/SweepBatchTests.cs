using System.Net.Http.Json;
using System.Text.Json;
using Booking.Domain.Notifications;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Reservations.WaitlistTests;

namespace Booking.IntegrationTests.Jobs;

/// <summary>A jobs host whose sweeps take two rows per batch, so a handful of reservations spans several batches.</summary>
public sealed class SmallBatchJobsHost : JobsHost
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Jobs:Sweeps:BatchSize"] = "2",
    };
}

/// <summary>The set-based no-show and reminder sweeps: whole runs over several batches, and the waiting list after a release.</summary>
public sealed class SweepBatchTests(SmallBatchJobsHost host) : IClassFixture<SmallBatchJobsHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task OneRun_CoversMoreThanOneBatch_RemindersAndReleasesEachOnce()
    {
        var branch = await host.BranchAsync(Zone);
        var start = host.Clock.DaysAhead(Zone, 3, 10);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
            var patron = await host.SignInNewAsync();
            ids.Add((await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid());
        }

        host.Clock.MoveTo(start.AddHours(-23));
        Assert.Equal(5, await host.SweepAsync<ReminderSweep>());
        Assert.Equal(0, await host.SweepAsync<ReminderSweep>());
        var purpose = ReservationNotice.ReminderPurpose(TimeSpan.FromHours(24));
        Assert.Equal(5, await host.InScopeAsync(db => db.ReservationNotices.CountAsync(n => ids.Contains(n.ReservationId) && n.Purpose == purpose)));
        Assert.Equal(5, await host.InScopeAsync(db => db.Notifications.CountAsync(n => n.ReservationId != null && ids.Contains(n.ReservationId.Value) && n.Kind == NotificationKinds.Reminder)));

        host.Clock.MoveTo(start.AddMinutes(15));
        Assert.Equal(5, await host.SweepAsync<NoShowSweep>());
        Assert.Equal(0, await host.SweepAsync<NoShowSweep>());
        Assert.Equal(5, await host.InScopeAsync(db => db.Reservations.CountAsync(r => ids.Contains(r.Id) && r.Status == ReservationStatus.NoShow)));
        Assert.Equal(5, await host.InScopeAsync(db => db.Notifications.CountAsync(n => n.ReservationId != null && ids.Contains(n.ReservationId.Value) && n.Kind == NotificationKinds.NoShow)));
    }

    [Fact]
    public async Task NoShowRelease_AfterTheResourcesOwnGrace_OffersTheFreedTimeToTheWaitingList()
    {
        var branch = await host.BranchAsync(Zone);
        // The room's own grace (20 minutes) overrides the kind's 15.
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room, new PolicyOverride { NoShowGraceMinutes = 20 });
        var absent = await host.SignInNewAsync();
        var waiter = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 2, 10);
        var absentId = (await (await absent.Http.BookAsync(room.Id, start, start.AddHours(3))).JsonAsync()).GetProperty("id").GetGuid();
        await (await waiter.Http.PostAsJsonAsync("/api/v1/waitlist", new { resourceId = room.Id, start = start.AddHours(1), end = start.AddHours(2) })).JsonAsync();

        host.Clock.MoveTo(start.AddMinutes(15));
        await host.SweepAsync<NoShowSweep>();
        Assert.Equal(ReservationStatus.Confirmed, await StatusAsync(absentId));
        // Signed in again: the clock moved past the first token's lifetime.
        var waiterNow = new SignedInClient(await host.SignInAsync(waiter.Email, MakerspaceHost.Password), waiter.UserId, waiter.Email);
        Assert.Equal(JsonValueKind.Undefined, (await OfferOfAsync(waiterNow, allowNone: true)).ValueKind);

        host.Clock.MoveTo(start.AddMinutes(20));
        Assert.Equal(1, await host.SweepAsync<NoShowSweep>());
        Assert.Equal(ReservationStatus.NoShow, await StatusAsync(absentId));
        var offer = await OfferOfAsync(waiterNow);
        Assert.Equal("pending", offer.GetProperty("status").GetString());
        Assert.Equal(1, await host.InScopeAsync(db => db.Notifications.CountAsync(n => n.RecipientId == waiter.UserId && n.Kind == NotificationKinds.WaitlistOffer)));
    }

    [Fact]
    public async Task Reminders_StartsSharedAcrossBatchBoundaries_EachReservationRemindedOnce()
    {
        // Three rooms at one start and three at the next: with two per batch, a start's rows straddle a batch's end,
        // and six rows fill the batches exactly, so the last read finds nothing.
        var branch = await host.BranchAsync(Zone);
        var first = host.Clock.DaysAhead(Zone, 3, 10);
        var ids = new List<Guid>();
        foreach (var start in new[] { first, first, first, first.AddMinutes(30), first.AddMinutes(30), first.AddMinutes(30) })
        {
            var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
            var patron = await host.SignInNewAsync();
            ids.Add((await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid());
        }

        host.Clock.MoveTo(first.AddHours(-23));
        var purpose = ReservationNotice.ReminderPurpose(TimeSpan.FromHours(24));
        Task<List<Guid>> StampedAsync() => host.InScopeAsync(db => db.ReservationNotices.Where(n => ids.Contains(n.ReservationId) && n.Purpose == purpose).Select(n => n.ReservationId).ToListAsync());
        // All in one run (a run that lost a row at a batch's end would leave it to the next).
        await host.SweepAsync<ReminderSweep>();
        Assert.Equal(ids.Order(), (await StampedAsync()).Order());
        await host.SweepAsync<ReminderSweep>();
        Assert.Equal(ids.Order(), (await StampedAsync()).Order());
        Assert.Equal(6, await host.InScopeAsync(db => db.Notifications.CountAsync(n => n.ReservationId != null && ids.Contains(n.ReservationId.Value) && n.Kind == NotificationKinds.Reminder)));

        // Leave nothing confirmed behind for the other tests of this class.
        host.Clock.MoveTo(first.AddMinutes(30 + 15));
        await host.SweepAsync<NoShowSweep>();
        Assert.Equal(6, await host.InScopeAsync(db => db.Reservations.CountAsync(r => ids.Contains(r.Id) && r.Status == ReservationStatus.NoShow)));
    }

    [Fact]
    public async Task NoShows_StrikesSpreadOverBatches_CountedTogether_OneSuspension()
    {
        // One patron misses four rooms, another one, in start order P P | P Q | P with two per batch: the strike count
        // must see the no-shows an earlier batch released, and a suspension made in one batch stops the next making another.
        var branch = await host.BranchAsync(Zone);
        var patron = await host.SignInNewAsync();
        var other = await host.SignInNewAsync();
        var day = host.Clock.DaysAhead(Zone, 2, 9);
        var ids = new List<Guid>();
        foreach (var (who, hour) in new[] { (patron, 0), (patron, 2), (patron, 4), (other, 5), (patron, 6) })
        {
            var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
            ids.Add((await (await who.Http.BookAsync(room.Id, day.AddHours(hour), day.AddHours(hour + 1))).JsonAsync()).GetProperty("id").GetGuid());
        }

        host.Clock.MoveTo(day.AddHours(7));
        await host.SweepAsync<NoShowSweep>();
        Assert.Equal(5, await host.InScopeAsync(db => db.Reservations.CountAsync(r => ids.Contains(r.Id) && r.Status == ReservationStatus.NoShow)));
        Assert.Equal(1, await host.InScopeAsync(db => db.BookingSuspensions.CountAsync(s => s.PatronId == patron.UserId && s.KindCode == KnownKinds.Room)));
        Assert.Equal(1, await host.InScopeAsync(db => db.Notifications.CountAsync(n => n.RecipientId == patron.UserId && n.Kind == NotificationKinds.Suspended)));
        Assert.Equal(0, await host.InScopeAsync(db => db.BookingSuspensions.CountAsync(s => s.PatronId == other.UserId)));
    }

    private Task<ReservationStatus> StatusAsync(Guid id) =>
        host.InScopeAsync(async db => (await db.Reservations.AsNoTracking().SingleAsync(r => r.Id == id)).Status);
}
