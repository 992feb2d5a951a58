using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Certifications;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Reports;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Domain.Sessions;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Reports;

/// <summary>
/// A small library with every kind of fact a report counts, on a database of its own (so "all branches" is just
/// this). The clock is Monday 12 Jan 2026 12:00Z (07:00 in New York); the reports cover Mon 29 Dec 2025 to Sun
/// 11 Jan 2026, two full local weeks. Each figure is counted by hand in <see cref="ReportFiguresTests"/>.
///
/// Riverside (America/New_York, UTC-5 all range): open 08:00–20:00 every day (84 h a week), closed all of 1 Jan
/// (so 72 h the first week). Rooms A and B, printer "=Printer P" (a name a spreadsheet would run as a formula).
/// Spree (Europe/Berlin, UTC+1): open 08:00–20:00 every day; printer "Printer Q".
/// </summary>
public sealed class ReportFixture : MakerspaceHost
{
    public ReportLibrary Library { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Library = await ReportLibrary.SeedAsync(Services);
    }
}

/// <summary>The hand-counted library of <see cref="ReportFixture"/>; browser tests seed it into their own host too.</summary>
public sealed class ReportLibrary
{
    public const string NewYork = "America/New_York";
    public const string Berlin = "Europe/Berlin";
    public const string Span = "from=2025-12-29&to=2026-01-11";

    public Location Riverside { get; private set; } = null!;

    public Location Spree { get; private set; } = null!;

    public Resource RoomA { get; private set; } = null!;

    public Resource RoomB { get; private set; } = null!;

    public Resource PrinterP { get; private set; } = null!;

    public Resource PrinterQ { get; private set; } = null!;

    public CertificationDefinition Laser { get; private set; } = null!;

    public CertificationDefinition Printing { get; private set; } = null!;

    public static async Task<ReportLibrary> SeedAsync(IServiceProvider services)
    {
        var library = new ReportLibrary();
        await library.SeedIntoAsync(services);
        return library;
    }

    private async Task SeedIntoAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var people = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            people.Add((await DatabaseSetup.EnsureUserAsync(users, $"person{i}@reports.test", MakerspaceHost.Password, $"Person {i}", Roles.Patron)).Id);
        }

        var staff = (await DatabaseSetup.EnsureUserAsync(users, "desk@reports.test", MakerspaceHost.Password, "Desk", Roles.Staff)).Id;
        var p = people;

        Riverside = Branch("A Riverside", NewYork);
        Riverside.AddClosure(new DateTime(2026, 1, 1), new DateTime(2026, 1, 2), "New Year's Day");
        Spree = Branch("B Spree", Berlin);
        db.Locations.AddRange(Riverside, Spree);
        RoomA = new Resource("Room A", KnownKinds.Room, Riverside.Id);
        RoomB = new Resource("Room B", KnownKinds.Room, Riverside.Id);
        PrinterP = new Resource("=Printer P", KnownKinds.Printer3D, Riverside.Id);
        PrinterQ = new Resource("Printer Q", KnownKinds.Printer3D, Spree.Id);
        db.Resources.AddRange(RoomA, RoomB, PrinterP, PrinterQ);
        await db.SaveChangesAsync();

        var policy = new BookingPolicy { NoShowGraceMinutes = 15 };
        Reservation Book(Resource r, Guid patron, string zone, string start, int minutes, DateTime? madeAt = null)
        {
            var from = TestData.Local(zone, start).UtcDateTime;
            var reservation = Reservation.Book(r, policy, new BookingRequest(patron, new UtcInterval(from, from.AddMinutes(minutes))), patron, null, madeAt ?? from.AddDays(-3));
            db.Reservations.Add(reservation);
            return reservation;
        }

        // Week 1 (29 Dec – 4 Jan), New York.
        var r1 = Book(RoomA, p[0], NewYork, "2025-12-30T10:00", 120);                 // checked in, completed
        r1.CheckIn(policy, r1.StartsAtUtc);
        r1.Complete(r1.EndsAtUtc);
        var r2 = Book(RoomA, p[1], NewYork, "2025-12-30T14:00", 60);                  // no-show
        r2.MarkNoShow(policy, r2.StartsAtUtc.AddMinutes(20));
        var r3 = Book(RoomB, p[2], NewYork, "2025-12-31T10:00", 90);                  // patron cancels 2 h ahead: late
        r3.Cancel(p[2], null, r3.StartsAtUtc.AddHours(-2));
        var r4 = Book(RoomB, p[3], NewYork, "2026-01-02T09:00", 60);                  // patron cancels 3 days ahead
        r4.Cancel(p[3], null, r4.StartsAtUtc.AddDays(-3).AddMinutes(1));
        var r5 = Book(PrinterP, p[4], NewYork, "2026-01-02T10:00", 240);              // checked in, not yet completed
        r5.CheckIn(policy, r5.StartsAtUtc);

        // Week 2 (5 – 11 Jan).
        var r6 = Book(RoomA, p[0], NewYork, "2026-01-05T10:00", 60);                  // completed
        r6.CheckIn(policy, r6.StartsAtUtc);
        r6.Complete(r6.EndsAtUtc);
        var r7 = Book(RoomB, p[1], NewYork, "2026-01-05T10:00", 120);                 // no-show
        r7.MarkNoShow(policy, r7.StartsAtUtc.AddMinutes(20));
        var pending = policy with { RequiresApproval = true };
        var r8from = TestData.Local(NewYork, "2026-01-10T09:00").UtcDateTime;
        var r8 = Reservation.Book(PrinterP, pending, new BookingRequest(p[5], new UtcInterval(r8from, r8from.AddHours(2))), p[5], null, r8from.AddDays(-2));
        r8.Reject(staff, "Not this week", r8from.AddDays(-1));                        // rejected: not booked, not attended
        db.Reservations.Add(r8);
        var r9 = Book(PrinterP, p[6], NewYork, "2026-01-11T15:00", 60);               // staff cancel 1 h ahead: not the patron's
        r9.Cancel(staff, "Printer jammed", r9.StartsAtUtc.AddHours(-1));
        var r10from = TestData.Local(NewYork, "2026-01-08T18:00").UtcDateTime;        // a waiting-list offer that lapsed
        var r10 = Reservation.Offer(RoomA, policy, p[7], new UtcInterval(r10from, r10from.AddHours(1)), r10from.AddHours(-2), r10from.AddHours(-3));
        r10.Cancel(p[7], "The waiting-list offer was not accepted in time.", r10from.AddHours(-2));
        db.Reservations.Add(r10);
        var r13 = Book(PrinterQ, p[8], Berlin, "2026-01-07T10:00", 60);              // Berlin: Wednesday 10:00 local
        r13.CheckIn(policy, r13.StartsAtUtc);
        r13.Complete(r13.EndsAtUtc);

        // Outside the range: counted nowhere.
        Book(RoomA, p[9], NewYork, "2026-01-12T13:00", 60);                           // later today (confirmed)
        var r12 = Book(RoomA, p[9], NewYork, "2025-12-28T10:00", 60);                 // the Sunday before
        r12.CheckIn(policy, r12.StartsAtUtc);
        r12.Complete(r12.EndsAtUtc);

        // Waiting lists (Room A).
        var slot = new UtcInterval(r1.StartsAtUtc, r1.EndsAtUtc);
        var w1 = new WaitlistEntry(RoomA.Id, p[2], slot, Z(2025, 12, 30, 13));     // joins in range, still waiting
        var w2 = new WaitlistEntry(RoomA.Id, p[3], slot, Z(2026, 1, 6, 15));       // joins, offered, accepts
        w2.Offered(Guid.NewGuid(), Z(2026, 1, 7, 15));
        w2.Accepted();
        var w3 = new WaitlistEntry(RoomA.Id, p[7], slot, Z(2025, 12, 20, 15));     // joined before, offered in range, lapsed (r10)
        w3.Offered(r10.Id, r10from.AddHours(-3));
        w3.Lapsed();
        var w4 = new WaitlistEntry(RoomA.Id, p[4], slot, Z(2025, 12, 1, 15));      // before the range, withdrawn
        w4.Withdraw();
        var line = 0;
        foreach (var w in new[] { w1, w2, w3, w4 })
        {
            w.PlaceInLine(++line);
        }

        db.WaitlistEntries.AddRange(w1, w2, w3, w4);

        // Certifications: granted, revoked, expired, expiring soon, held.
        Laser = new CertificationDefinition("Laser cutter safety", null, 12, null, Z(2025, 1, 1, 12));
        Printing = new CertificationDefinition("3D printer basics", null, null, null, Z(2025, 1, 1, 12));
        db.Certifications.AddRange(Laser, Printing);
        db.CertificationGrants.AddRange(
            CertificationGrant.Grant(Laser, p[0], staff, Z(2027, 1, 1, 12), [], Z(2025, 12, 30, 15)),     // granted in range, held
            CertificationGrant.Grant(Laser, p[1], staff, Z(2026, 1, 5, 15), [], Z(2025, 6, 1, 12)),       // expired in range
            CertificationGrant.Grant(Laser, p[2], staff, Z(2026, 1, 20, 12), [], Z(2025, 6, 1, 12)),      // expiring within 30 days, held
            CertificationGrant.Grant(Printing, p[4], staff, null, [], Z(2025, 11, 1, 12)),               // held, never expires
            CertificationGrant.Grant(Printing, p[5], staff, null, [], Z(2026, 1, 12, 6)));                // after the range's end (05:00Z), held
        var revoked = CertificationGrant.Grant(Printing, p[3], staff, null, [], Z(2026, 1, 3, 15));     // granted and revoked in range
        revoked.Revoke(staff, "Unsafe use", Z(2026, 1, 8, 15));
        db.CertificationGrants.Add(revoked);

        // A training held in range: 5 places, 4 registered (one cancelled); one passed, one attended, one no-show, one unmarked.
        var trainingAt = new UtcInterval(Z(2026, 1, 7, 15), Z(2026, 1, 7, 17));
        var training = new Session(new SessionDetails(SessionKind.Training, "Laser basics", null, RoomB.Id, Riverside.Id, trainingAt, 5, Laser.Id, null, staff, 0),
            staff, Z(2025, 12, 1, 12));
        foreach (var person in p.Take(5))
        {
            training.Register(person, Z(2025, 12, 2, 12));
        }

        training.CancelRegistration(p[4], Z(2025, 12, 3, 12));
        training.MarkAttendance(p[0], attended: true, passed: true, staff, trainingAt.Start);
        training.MarkAttendance(p[1], attended: true, passed: false, staff, trainingAt.Start);
        training.MarkAttendance(p[2], attended: false, passed: false, staff, trainingAt.Start);
        var workshopAt = new UtcInterval(Z(2026, 1, 9, 15), Z(2026, 1, 9, 17));      // cancelled: not counted
        var workshop = new Session(new SessionDetails(SessionKind.Workshop, "Soldering", null, RoomB.Id, Riverside.Id, workshopAt, 8, null, null, staff, 0),
            staff, Z(2025, 12, 1, 12));
        workshop.Register(p[6], Z(2025, 12, 2, 12));
        workshop.Cancel("Teacher ill", Z(2026, 1, 8, 12));
        db.Sessions.AddRange(training, workshop);

        // Refused attempts, as the booking workflow counts them.
        db.RefusalCounts.AddRange(
            new RefusalCount(new DateOnly(2026, 1, 2), Riverside.Id, KnownKinds.Room, ErrorCodes.SlotTaken, 3),
            new RefusalCount(new DateOnly(2026, 1, 9), Riverside.Id, KnownKinds.Room, ErrorCodes.SlotTaken, 2),
            new RefusalCount(new DateOnly(2026, 1, 9), Riverside.Id, KnownKinds.Printer3D, ErrorCodes.CertificationRequired, 4),
            new RefusalCount(new DateOnly(2025, 12, 28), Riverside.Id, KnownKinds.Room, ErrorCodes.Quota, 5),                // before the range
            new RefusalCount(new DateOnly(2026, 1, 10), Spree.Id, KnownKinds.Printer3D, ErrorCodes.CertificationRequired, 1));
        await db.SaveChangesAsync();
    }

    private static Location Branch(string name, string zone)
    {
        var location = new Location(name, zone);
        location.SetOpeningHours(Enum.GetValues<DayOfWeek>().Select(d => new OpeningInterval(d, new TimeOnly(8, 0), new TimeOnly(20, 0))));
        return location;
    }

    private static DateTime Z(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);
}
