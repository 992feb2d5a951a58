using Booking.Data.Identity;
using Booking.Domain.Notifications;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Jobs;

/// <summary>A session's room hold is not a booking of the staff member who scheduled it: no confirmations or reminders to them.</summary>
public sealed class SessionHoldMailTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Sweeps_SessionRoomHold_NoMailForIt_PatronBookingStillConfirmed()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var certification = await admin.Http.CertificationAsync();
        var start = Local(Zone, "2026-01-13T10:00");
        await staff.Http.TrainingAsync(room.Id, certification, start);
        var booked = (await (await patron.Http.BookAsync(room.Id, start.AddHours(3), start.AddHours(4))).JsonAsync()).GetProperty("id").GetGuid();

        await SweepAsync<ConfirmationSweep>();
        host.Clock.SetUtcNow(start.AddMinutes(-59)); // inside the 1-hour reminder of the session's room hold
        await SweepAsync<ReminderSweep>();

        var toStaff = await host.InScopeAsync(db => db.Notifications.CountAsync(n => n.RecipientId == staff.UserId));
        Assert.Equal(0, toStaff);
        var toPatron = await host.InScopeAsync(db => db.Notifications.Where(n => n.ReservationId == booked).Select(n => n.Kind).ToListAsync());
        Assert.Contains(NotificationKinds.ReservationConfirmed, toPatron);
    }

    private async Task SweepAsync<TSweep>()
        where TSweep : ISweep
    {
        using var scope = host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<TSweep>().RunAsync(default);
    }
}
