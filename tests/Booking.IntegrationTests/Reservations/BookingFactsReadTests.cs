using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Reservations;

/// <summary>
/// The booking's facts, each part of its one read checked against what was written (issue #19: on PostgreSQL the read
/// is EF Core's SQL run as a plain command with positional parameters, on SQLite EF Core's compiled query; both must
/// read the same facts).
/// </summary>
public sealed class BookingFactsReadTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Read_EveryPartOfTheFacts_IsWhatWasWritten()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var patron = await host.SignInNewAsync();
        var other = await host.SignInNewAsync();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var wanted = Interval("2026-01-14T13:00", "2026-01-14T16:00");

        var (subject, stamp) = await host.InScopeAsync(db => BookingSubject.LoadStampedAsync(db, printer.Id, default));
        Assert.NotNull(subject);
        var mine = new[] { Interval("2026-01-13T10:00", "2026-01-13T11:00"), Interval("2026-01-15T10:00", "2026-01-15T10:30") }
            .Select(i => Reservation.Book(subject.Resource, subject.Policy, new BookingRequest(patron.UserId, i, false), patron.UserId, null, now))
            .ToList();
        // Another patron's booking inside the wanted time (taken), and one the day after (not).
        var taken = Reservation.Book(subject.Resource, subject.Policy, new BookingRequest(other.UserId, Interval("2026-01-14T14:00", "2026-01-14T15:00"), false), other.UserId, null, now);
        var later = Reservation.Book(subject.Resource, subject.Policy, new BookingRequest(other.UserId, Interval("2026-01-15T14:00", "2026-01-15T15:00"), false), other.UserId, null, now);
        var service = new MaintenanceBlock(printer.Id, Interval("2026-01-14T15:30", "2026-01-14T18:00"), "Nozzle swap", other.UserId, now);
        var suspension = new BookingSuspension(patron.UserId, KnownKinds.Printer3D, now.AddDays(-1), now.AddDays(10), "3 no-shows");
        await host.InScopeAsync(async db =>
        {
            db.Reservations.AddRange([.. mine, taken, later]);
            db.MaintenanceBlocks.Add(service);
            db.BookingSuspensions.Add(suspension);
            await db.SaveChangesAsync();
        });

        var read = await host.InScopeAsync(db => BookingFactsReader.ReadForBookingAsync(db, subject, new BookingRequest(patron.UserId, wanted, false), now, default));

        Assert.Equal([new UtcInterval(taken.StartsAtUtc, taken.BlockedUntilUtc)], read.Facts.Taken);
        var window = Assert.Single(read.Facts.Maintenance);
        Assert.Equal((service.StartsAtUtc, service.EndsAtUtc, "Nozzle swap"), (window.Interval.Start, window.Interval.End, window.Reason));
        Assert.Equal(2, read.Facts.PatronActiveOfKind);
        Assert.Equal(90, read.Facts.PatronMinutesInWeek);
        Assert.Equal((suspension.EndsAtUtc, "3 no-shows"), (read.Facts.Suspension?.EndsAtUtc, read.Facts.Suspension?.Reason));
        Assert.Equal(patron.Email, read.Patron?.Email);
        Assert.Equal(stamp, read.CatalogueStamp);
        Assert.NotNull(read.CatalogueStamp);

        // A patron with no account: no patron row, nothing of theirs, the resource's facts as before.
        var stranger = await host.InScopeAsync(db => BookingFactsReader.ReadForBookingAsync(db, subject, new BookingRequest(Guid.NewGuid(), wanted, false), now, default));
        Assert.Null(stranger.Patron);
        Assert.Equal((0, 0d, null), (stranger.Facts.PatronActiveOfKind, stranger.Facts.PatronMinutesInWeek, stranger.Facts.Suspension));
        Assert.Equal(read.Facts.Taken, stranger.Facts.Taken);

        if (host.Provider == DatabaseProvider.Postgres)
        {
            // The read above went through the plain command: EF Core's SQL with its ten parameters made positional.
            var sql = await host.InScopeAsync(db => Task.FromResult(BookingFactsReader.PostgresQuery(db).Sql));
            Assert.DoesNotContain("@", sql);
            Assert.Contains("$10", sql);
            Assert.Equal(10, System.Text.RegularExpressions.Regex.Matches(sql, @"\$\d+").Select(m => m.Value).Distinct().Count());
        }
    }

    [Fact]
    public async Task Read_InsideTheWriteTransaction_SeesWhatItWroteAndOthersDoNotYet()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var patron = await host.SignInNewAsync();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var wanted = Interval("2026-01-16T09:00", "2026-01-16T12:00");
        var subject = await host.InScopeAsync(db => BookingSubject.LoadAsync(db, printer.Id, default));
        Assert.NotNull(subject);
        var request = new BookingRequest(patron.UserId, Interval("2026-01-16T10:00", "2026-01-16T11:00"), false);

        await host.InScopeAsync(async db =>
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, default);
            await transaction.LockResourceAndPatronAsync(printer.Id, patron.UserId, default);
            var reservation = Reservation.Book(subject.Resource, subject.Policy, request, patron.UserId, null, now);
            db.Reservations.Add(reservation);
            await db.SaveChangesAsync();

            var inside = await BookingFactsReader.ReadForBookingAsync(db, subject, new BookingRequest(patron.UserId, wanted, false), now, default);
            Assert.Equal([new UtcInterval(reservation.StartsAtUtc, reservation.BlockedUntilUtc)], inside.Facts.Taken);
            Assert.Equal(1, inside.Facts.PatronActiveOfKind);
            // Rolled back on dispose: nothing was committed.
        });

        var after = await host.InScopeAsync(db => BookingFactsReader.ReadForBookingAsync(db, subject, new BookingRequest(patron.UserId, wanted, false), now, default));
        Assert.Empty(after.Facts.Taken);
        Assert.Equal(0, after.Facts.PatronActiveOfKind);
        Assert.Equal(0, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == printer.Id)));
    }

    private static UtcInterval Interval(string start, string end) =>
        new(Local(Zone, start).UtcDateTime, Local(Zone, end).UtcDateTime);
}
