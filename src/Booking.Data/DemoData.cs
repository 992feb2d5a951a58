using Booking.Data.Identity;
using Booking.Domain.Locations;
using Booking.Domain.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Data;

/// <summary>A small branch to try Makerspace with; seeded once, on an empty database.</summary>
public static class DemoData
{
    /// <summary>The one password of every demo account (documented in README.md).</summary>
    public const string Password = "Makerspace-demo-1";

    public const string AdminEmail = "admin@makerspace.test";
    public const string StaffEmail = "staff@makerspace.test";
    public const string PatronEmail = "patron@makerspace.test";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();

        await DatabaseSetup.EnsureUserAsync(users, AdminEmail, Password, "Ada Admin", Roles.Admin);
        await DatabaseSetup.EnsureUserAsync(users, StaffEmail, Password, "Sam Staff", Roles.Staff);
        await DatabaseSetup.EnsureUserAsync(users, PatronEmail, Password, "Pat Patron", Roles.Patron);

        if (await db.Locations.AnyAsync(ct))
        {
            return;
        }

        var branch = new Location("Riverside Branch Library", "America/New_York", "100 Main Street");
        var weekday = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        branch.SetOpeningHours(
            weekday.Select(d => new OpeningInterval(d, new TimeOnly(9, 0), new TimeOnly(20, 0)))
                .Append(new OpeningInterval(DayOfWeek.Saturday, new TimeOnly(10, 0), new TimeOnly(13, 0)))
                .Append(new OpeningInterval(DayOfWeek.Saturday, new TimeOnly(14, 0), new TimeOnly(17, 0))));
        db.Locations.Add(branch);

        db.Resources.AddRange(
            new Resource("Studio A (podcast room)", KnownKinds.Room, branch.Id, "Sound-treated room with two microphones and a mixer.", 4),
            new Resource("Meeting Room B", KnownKinds.Room, branch.Id, "Table for ten, screen and whiteboard.", 10),
            new Resource("Prusa MK4 #1", KnownKinds.Printer3D, branch.Id, "PLA and PETG, 25 × 21 × 22 cm build volume."),
            new Resource("Prusa MK4 #2", KnownKinds.Printer3D, branch.Id, "PLA and PETG, 25 × 21 × 22 cm build volume."),
            new Resource("Glowforge Pro", KnownKinds.LaserCutter, branch.Id, "Cuts wood, acrylic and leather up to 6 mm. Safety training required."),
            new Resource("Laptop 1", KnownKinds.Laptop, branch.Id, "14-inch laptop with office and design software."),
            new Resource("Laptop 2", KnownKinds.Laptop, branch.Id, "14-inch laptop with office and design software."),
            new Resource("Laptop 3", KnownKinds.Laptop, branch.Id, "14-inch laptop with office and design software."),
            new Resource("Laptop 4", KnownKinds.Laptop, branch.Id, "14-inch laptop with office and design software."),
            new Resource("Desk 1", KnownKinds.CoworkingDesk, branch.Id, "Window desk with a monitor."),
            new Resource("Desk 2", KnownKinds.CoworkingDesk, branch.Id, "Window desk with a monitor."),
            new Resource("Desk 3", KnownKinds.CoworkingDesk, branch.Id, "Quiet corner desk."),
            new Resource("Desk 4", KnownKinds.CoworkingDesk, branch.Id, "Quiet corner desk."),
            new Resource("Desk 5", KnownKinds.CoworkingDesk, branch.Id, "Standing desk."),
            new Resource("Desk 6", KnownKinds.CoworkingDesk, branch.Id, "Standing desk."));

        await db.SaveChangesAsync(ct);
    }
}
