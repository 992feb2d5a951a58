using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Jobs;

/// <summary>
/// The no-show strike rule is written once, in the domain (<see cref="NoShowStrikes"/>); on PostgreSQL the sweep
/// counts with one set-based statement. Both must give the hand-counted answer on the same data.
/// </summary>
public sealed class StrikeCountsTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private static readonly NoShowStrikes Rule = new();

    [Fact]
    public async Task RuleAndStatement_SameData_SameHandCountedAnswer()
    {
        var branch = await host.BranchAsync();
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var now = host.Clock.GetUtcNow().UtcDateTime;
        DateTime DaysAgo(double days) => now.AddDays(-days);

        var threeRecent = (await host.SignInNewAsync()).UserId;          // 3 inside the window: suspended
        var oneTooOld = (await host.SignInNewAsync()).UserId;            // 2 inside, 1 at 61 days: not
        var alreadyPunished = (await host.SignInNewAsync()).UserId;      // 3, but 2 before the last suspension began: not
        var inForce = (await host.SignInNewAsync()).UserId;              // 4, suspension in force: not
        var afterLifted = (await host.SignInNewAsync()).UserId;          // 3 after a lifted suspension began: suspended
        var otherKind = (await host.SignInNewAsync()).UserId;            // 2 cutter + 2 room: neither kind reaches 3
        var noShows = new (Guid Patron, Resource Resource, double DaysAgo)[]
        {
            (threeRecent, cutter, 1), (threeRecent, cutter, 10), (threeRecent, cutter, 59),
            (oneTooOld, cutter, 1), (oneTooOld, cutter, 2), (oneTooOld, cutter, 61),
            (alreadyPunished, cutter, 40), (alreadyPunished, cutter, 35), (alreadyPunished, cutter, 3),
            (inForce, cutter, 1), (inForce, cutter, 2), (inForce, cutter, 3), (inForce, cutter, 4),
            (afterLifted, cutter, 4), (afterLifted, cutter, 3), (afterLifted, cutter, 1),
            (otherKind, cutter, 1), (otherKind, cutter, 2), (otherKind, room, 1), (otherKind, room, 2),
        };
        var lifted = new BookingSuspension(afterLifted, KnownKinds.LaserCutter, DaysAgo(5), now.AddDays(9), "earlier");
        lifted.Lift(threeRecent, DaysAgo(4.5));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
            var policy = BookingPolicy.DefaultFor(KnownKinds.LaserCutter) with { NoShowGraceMinutes = 10 };
            var slot = 0;
            foreach (var (patron, resource, daysAgo) in noShows)
            {
                // Apart from each other (only active reservations are kept from overlapping, but apart reads plainer).
                var start = DaysAgo(daysAgo).AddHours(-2).AddMinutes(-(slot++ % 50));
                var reservation = Reservation.Book(resource, policy, new BookingRequest(patron, new UtcInterval(start, start.AddMinutes(30))), patron, null, start.AddDays(-1));
                reservation.MarkNoShow(policy, DaysAgo(daysAgo));
                db.Reservations.Add(reservation);
            }

            db.BookingSuspensions.AddRange(
                new BookingSuspension(alreadyPunished, KnownKinds.LaserCutter, DaysAgo(20), DaysAgo(6), "earlier"),
                new BookingSuspension(inForce, KnownKinds.LaserCutter, DaysAgo(1), now.AddDays(13), "now"),
                lifted);
            await db.SaveChangesAsync();
        }

        var pairs = noShows.Select(n => (n.Patron, n.Resource.KindCode)).Distinct().ToList();
        var expected = new[] { (threeRecent, KnownKinds.LaserCutter, 3), (afterLifted, KnownKinds.LaserCutter, 3) }.Order().ToList();

        await using var read = host.Services.CreateAsyncScope();
        var reader = read.ServiceProvider.GetRequiredService<BookingDbContext>();
        var byRule = await StrikeCounts.InMemoryAsync(reader, Rule, pairs, now, default);
        Assert.Equal(expected, byRule.Select(s => (s.PatronId, s.KindCode, s.Count)).Order().ToList());
        if (host.Provider == DatabaseProvider.Postgres)
        {
            var byStatement = await StrikeCounts.OnPostgresAsync(reader, Rule, pairs, now, default);
            Assert.Equal(expected, byStatement.Select(s => (s.PatronId, s.KindCode, s.Count)).Order().ToList());
        }
    }
}
