namespace Booking.Data.Identity;

/// <summary>The three roles; staff can do what patrons can, admins what staff can.</summary>
public static class Roles
{
    public const string Patron = "Patron";
    public const string Staff = "Staff";
    public const string Admin = "Admin";

    /// <summary>Staff of a partner organisation (<see cref="UserAccount.PartnerId"/>): they serve their own clients, nothing else.</summary>
    public const string Partner = "Partner";

    public static readonly IReadOnlyList<string> All = [Patron, Staff, Admin, Partner];

    /// <summary>For authorization attributes: staff or admin.</summary>
    public const string StaffOrAdmin = Staff + "," + Admin;
}
