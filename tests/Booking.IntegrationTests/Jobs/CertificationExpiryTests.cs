using Booking.Data.Identity;
using Booking.Domain.Notifications;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Jobs;

/// <summary>Patrons hear 14 days before a certification expires and once it has, exactly once each.</summary>
public sealed class CertificationExpiryTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    [Fact]
    public async Task Sweep_BeforeAndAfterExpiry_EachNoticeOnceAcrossParallelRuns()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var certification = await admin.Http.CertificationAsync();
        var expires = host.Clock.GetUtcNow().AddDays(20);
        (await staff.Http.GrantAsync(patron.UserId, certification, expires)).EnsureSuccessStatusCode();

        Assert.Equal(0, await SweepAsync());
        Assert.Empty(await NoticesAsync(patron.UserId));

        host.Clock.SetUtcNow(expires.AddDays(-13));
        await Task.WhenAll(SweepAsync(), SweepAsync(), SweepAsync());
        await SweepAsync();
        Assert.Equal([NotificationKinds.CertificationExpiring], await NoticesAsync(patron.UserId));

        host.Clock.SetUtcNow(expires.AddHours(1));
        await Task.WhenAll(SweepAsync(), SweepAsync());
        await SweepAsync();
        Assert.Equal([NotificationKinds.CertificationExpired, NotificationKinds.CertificationExpiring], (await NoticesAsync(patron.UserId)).Order());
        Assert.Equal(0, await SweepAsync());
    }

    private async Task<int> SweepAsync()
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CertificationExpirySweep>().RunAsync(default);
    }

    private Task<List<string>> NoticesAsync(Guid patronId) =>
        host.InScopeAsync(db => db.Notifications
            .Where(n => n.RecipientId == patronId && (n.Kind == NotificationKinds.CertificationExpiring || n.Kind == NotificationKinds.CertificationExpired))
            .Select(n => n.Kind).ToListAsync());
}
