using Booking.Data.Identity;
using Booking.Domain.Certifications;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Domain.Sessions;
using Booking.Domain.Surveys;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Data;

/// <summary>
/// A small branch and three accounts to try Makerspace with; seeded once, on a database without branches, and
/// never again (an account deleted or changed by an admin stays so).
/// </summary>
public static class DemoData
{
    /// <summary>The one password of every demo account (documented in README.md).</summary>
    public const string Password = "Makerspace-demo-1";

    public const string AdminEmail = "admin@makerspace.test";
    public const string StaffEmail = "staff@makerspace.test";
    public const string PatronEmail = "patron@makerspace.test";

    public static readonly IReadOnlyList<string> AccountEmails = [AdminEmail, StaffEmail, PatronEmail];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        if (await db.Locations.AnyAsync(ct))
        {
            return;
        }

        await DatabaseSetup.EnsureUserAsync(users, AdminEmail, Password, "Ada Admin", Roles.Admin);
        var staff = await DatabaseSetup.EnsureUserAsync(users, StaffEmail, Password, "Sam Staff", Roles.Staff);
        await DatabaseSetup.EnsureUserAsync(users, PatronEmail, Password, "Pat Patron", Roles.Patron);

        var branch = new Location("Riverside Branch Library", "America/New_York", "100 Main Street");
        var weekday = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        branch.SetOpeningHours(
            weekday.Select(d => new OpeningInterval(d, new TimeOnly(9, 0), new TimeOnly(20, 0)))
                .Append(new OpeningInterval(DayOfWeek.Saturday, new TimeOnly(10, 0), new TimeOnly(13, 0)))
                .Append(new OpeningInterval(DayOfWeek.Saturday, new TimeOnly(14, 0), new TimeOnly(17, 0))));
        db.Locations.Add(branch);

        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var laserSafety = new CertificationDefinition("Laser cutter safety", "Safe operation of the laser cutter: materials, fire watch, ventilation, cool-down.", 12, null, now);
        var printerBasics = new CertificationDefinition("3D printer basics", "Slicing, loading filament, first layer, clearing a jam.", 24, null, now);
        db.Certifications.AddRange(laserSafety, printerBasics);

        var studio = new Resource("Studio A (podcast room)", KnownKinds.Room, branch.Id, "Sound-treated room with two microphones and a mixer.", 4);
        var meetingRoom = new Resource("Meeting Room B", KnownKinds.Room, branch.Id, "Table for ten, screen and whiteboard.", 10);
        var printers = new[]
        {
            new Resource("Prusa MK4 #1", KnownKinds.Printer3D, branch.Id, "PLA and PETG, 25 × 21 × 22 cm build volume."),
            new Resource("Prusa MK4 #2", KnownKinds.Printer3D, branch.Id, "PLA and PETG, 25 × 21 × 22 cm build volume."),
        };
        var cutter = new Resource("Glowforge Pro", KnownKinds.LaserCutter, branch.Id, "Cuts wood, acrylic and leather up to 6 mm. Safety training required.");
        cutter.RequireCertifications([laserSafety.Id]);
        foreach (var printer in printers)
        {
            printer.RequireCertifications([printerBasics.Id]);
        }

        var desks = new[]
        {
            new Resource("Desk 1", KnownKinds.CoworkingDesk, branch.Id, "Window desk with a monitor."),
            new Resource("Desk 2", KnownKinds.CoworkingDesk, branch.Id, "Window desk with a monitor."),
            new Resource("Desk 3", KnownKinds.CoworkingDesk, branch.Id, "Quiet corner desk."),
            new Resource("Desk 4", KnownKinds.CoworkingDesk, branch.Id, "Quiet corner desk."),
            new Resource("Desk 5", KnownKinds.CoworkingDesk, branch.Id, "Standing desk."),
            new Resource("Desk 6", KnownKinds.CoworkingDesk, branch.Id, "Standing desk."),
        };
        db.Resources.AddRange([studio, meetingRoom, .. printers, cutter]);
        db.Resources.AddRange(
            new Resource("Laptop 1", KnownKinds.Laptop, branch.Id, "14-inch laptop with office and design software."),
            new Resource("Laptop 2", KnownKinds.Laptop, branch.Id, "14-inch laptop with office and design software."),
            new Resource("Laptop 3", KnownKinds.Laptop, branch.Id, "14-inch laptop with office and design software."),
            new Resource("Laptop 4", KnownKinds.Laptop, branch.Id, "14-inch laptop with office and design software."));
        db.Resources.AddRange(desks);

        // Sessions a few weekdays ahead of today, so the demo always has something upcoming.
        var day = NextWeekday(LocalCalendar.ToLocal(now, branch.TimeZone).Date.AddDays(2));
        AddSession(db, meetingRoom, staff.Id, now, new SessionDetails(SessionKind.Training, "Laser cutter safety", "Hands-on safety training; pass it to book the Glowforge.",
            meetingRoom.Id, branch.Id, Local(branch, day, 18), 8, laserSafety.Id, null, staff.Id, 0), []);
        day = NextWeekday(day.AddDays(1));
        AddSession(db, meetingRoom, staff.Id, now, new SessionDetails(SessionKind.Training, "3D printer basics", "From model to print on the Prusa MK4s.",
            meetingRoom.Id, branch.Id, Local(branch, day, 17), 6, printerBasics.Id, null, staff.Id, 0), []);
        day = NextWeekday(day.AddDays(1));
        AddSession(db, meetingRoom, staff.Id, now, new SessionDetails(SessionKind.Networking, "Founders' lunch", "Entrepreneurs meet; two coworking desks are held for the afternoon's attendees.",
            meetingRoom.Id, branch.Id, Local(branch, day, 12), 10, null, null, staff.Id, 2), desks.Take(2));
        // The demo's "want to learn" choices about its equipment count toward the demo trainings on the demand view.
        var survey = SkillsSurvey(now);
        var learn = survey.Questions.Single(q => q.WantToLearn);
        survey.ChoiceAbout(learn.Id, learn.Choices.Single(c => c.Text == "Laser cutting").Id, laserSafety.Id, now);
        survey.ChoiceAbout(learn.Id, learn.Choices.Single(c => c.Text == "3D printing").Id, printerBasics.Id, now);
        db.Surveys.Add(survey);

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The strategic plan's skills survey, open, for the demo (Production seeds nothing: admins write their own).</summary>
    public static Survey SkillsSurvey(DateTime now)
    {
        var survey = new Survey("Skills survey", "Help us plan the makerspace: tell us what you can do, what you would like to learn, and how you would use the space. Answers are only ever counted, never shown by name.", now);
        void Ask(string text, bool multiple, bool required, bool wantToLearn, params string[] choices)
        {
            var question = survey.AddQuestion(text, multiple, required, wantToLearn, now);
            foreach (var choice in choices)
            {
                survey.AddChoice(question.Id, choice, now);
            }
        }

        string[] skills = ["3D printing", "Laser cutting", "Electronics and soldering", "Sewing and textiles", "Podcasting and audio", "Video editing", "Coding", "Graphic design"];
        Ask("Which skills do you already have?", true, false, false, skills);
        Ask("Which skills would you like to learn?", true, false, true, skills);
        Ask("Would you mentor others or teach a workshop?", false, true, false, "Yes, I would teach a workshop", "Yes, I would mentor one to one", "Maybe later", "No, thank you");
        Ask("What would you use the space for?", true, false, false, "Hobby projects", "Starting or running a business", "School or study", "Job seeking", "Meeting others");
        survey.Open(now);
        return survey;
    }

    private static DateTime NextWeekday(DateTime date)
    {
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>A 90-minute slot from a local hour on a day at the branch.</summary>
    private static UtcInterval Local(Location branch, DateTime day, int hour) =>
        new(LocalCalendar.ToUtc(day.AddHours(hour), branch.TimeZone), LocalCalendar.ToUtc(day.AddHours(hour).AddMinutes(90), branch.TimeZone));

    /// <summary>Seeds a session with its room (and desks) held, as the scheduling handler would on an empty branch.</summary>
    private static void AddSession(BookingDbContext db, Resource room, Guid staffId, DateTime now, SessionDetails details, IEnumerable<Resource> desks)
    {
        var session = new Session(details, staffId, now);
        var request = new BookingRequest(staffId, details.Interval, OnBehalfByStaff: true);
        Reservation Hold(Resource resource, string notes) =>
            Reservation.Book(resource, BookingPolicy.DefaultFor(resource.KindCode) with { RequiresApproval = false }, request, staffId, notes, now);
        var roomHold = Hold(room, $"{details.Kind.ToCode()} session: {details.Title}");
        var deskHolds = desks.Select(d => Hold(d, $"Held for attendees of {details.Title}")).ToList();
        db.Reservations.AddRange([roomHold, .. deskHolds]);
        session.HoldWith(roomHold.Id, deskHolds.Select(d => (d.ResourceId, d.Id)));
        db.Sessions.Add(session);
    }

    /// <summary>The demo accounts present in this database: outside a demo they are a known password waiting to be used.</summary>
    public static async Task<IReadOnlyList<string>> AccountsPresentAsync(IServiceProvider services, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        var normalized = AccountEmails.Select(e => e.ToUpperInvariant()).ToList();
        return await db.Users.Where(u => u.NormalizedEmail != null && normalized.Contains(u.NormalizedEmail)).Select(u => u.Email!).ToListAsync(ct);
    }
}
