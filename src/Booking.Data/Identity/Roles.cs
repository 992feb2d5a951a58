namespace Booking.Data.Identity;

/// <summary>The roles; staff can do what patrons can, admins what staff can; partner staff and kiosks stand apart.</summary>
public static class Roles
{
    public const string Patron = "Patron";
    public const string Staff = "Staff";
    public const string Admin = "Admin";

    /// <summary>Staff of a partner organisation (<see cref="UserAccount.PartnerId"/>): they serve their own clients, nothing else.</summary>
    public const string Partner = "Partner";

    /// <summary>
    /// A self check-in tablet's account: it opens the kiosk pages and nothing else (no desk, no booking); it holds no
    /// other role, so a person at the tablet cannot walk into the desk pages.
    /// </summary>
    public const string Kiosk = "Kiosk";

    public static readonly IReadOnlyList<string> All = [Patron, Staff, Admin, Partner, Kiosk];

    /// <summary>For authorization attributes: staff or admin.</summary>
    public const string StaffOrAdmin = Staff + "," + Admin;
}
