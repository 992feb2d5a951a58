namespace Booking.Domain.Resources;

/// <summary>The kinds every installation starts with; admins may add more.</summary>
public static class KnownKinds
{
    public const string Room = "room";
    public const string Printer3D = "3d-printer";
    public const string LaserCutter = "laser-cutter";
    public const string Laptop = "laptop";
    public const string CoworkingDesk = "coworking-desk";

    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        (Room, "Room"),
        (Printer3D, "3D printer"),
        (LaserCutter, "Laser cutter"),
        (Laptop, "Laptop"),
        (CoworkingDesk, "Coworking desk"),
    ];
}
