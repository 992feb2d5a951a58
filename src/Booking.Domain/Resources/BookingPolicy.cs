namespace Booking.Domain.Resources;

/// <summary>How a kind of resource (or one resource) may be booked. Durations are in minutes.</summary>
public sealed record BookingPolicy
{
    /// <summary>Starts and durations fall on multiples of this many minutes from local midnight.</summary>
    public int SlotMinutes { get; init; } = 30;

    public int MinDurationMinutes { get; init; } = 30;

    public int MaxDurationMinutes { get; init; } = 240;

    /// <summary>Kept free after each booking: a laser cutter's cool-down, a room's turnover.</summary>
    public int BufferAfterMinutes { get; init; }

    /// <summary>How soon before its start a booking may still be made.</summary>
    public int LeadTimeMinutes { get; init; }

    /// <summary>How far ahead a booking may start.</summary>
    public int AdvanceWindowDays { get; init; } = 30;

    /// <summary>Active future reservations of this kind one patron may hold; null for no limit.</summary>
    public int? MaxActiveReservations { get; init; }

    /// <summary>Hours of this kind one patron may book in one local week (Monday to Sunday); null for no limit.</summary>
    public int? MaxHoursPerWeek { get; init; }

    /// <summary>Check-in opens this many minutes before the start.</summary>
    public int CheckInOpensMinutesBefore { get; init; } = 15;

    /// <summary>Minutes after the start before an absent patron's reservation is released as a no-show.</summary>
    public int NoShowGraceMinutes { get; init; } = 15;

    public bool RequiresApproval { get; init; }

    public static BookingPolicy DefaultFor(string kindCode) => kindCode switch
    {
        KnownKinds.Room => new()
        {
            SlotMinutes = 30,
            MinDurationMinutes = 30,
            MaxDurationMinutes = 240,
            BufferAfterMinutes = 15,
            LeadTimeMinutes = 0,
            AdvanceWindowDays = 30,
            MaxActiveReservations = 4,
            MaxHoursPerWeek = 10,
            CheckInOpensMinutesBefore = 15,
            NoShowGraceMinutes = 15,
        },
        KnownKinds.Printer3D => new()
        {
            SlotMinutes = 30,
            MinDurationMinutes = 30,
            MaxDurationMinutes = 480,
            BufferAfterMinutes = 15,
            LeadTimeMinutes = 30,
            AdvanceWindowDays = 14,
            MaxActiveReservations = 2,
            MaxHoursPerWeek = 16,
            CheckInOpensMinutesBefore = 15,
            NoShowGraceMinutes = 20,
        },
        KnownKinds.LaserCutter => new()
        {
            SlotMinutes = 15,
            MinDurationMinutes = 15,
            MaxDurationMinutes = 120,
            BufferAfterMinutes = 15,
            LeadTimeMinutes = 30,
            AdvanceWindowDays = 14,
            MaxActiveReservations = 2,
            MaxHoursPerWeek = 4,
            CheckInOpensMinutesBefore = 10,
            NoShowGraceMinutes = 10,
        },
        KnownKinds.Laptop => new()
        {
            SlotMinutes = 60,
            MinDurationMinutes = 60,
            MaxDurationMinutes = 24 * 60,
            BufferAfterMinutes = 30,
            LeadTimeMinutes = 0,
            AdvanceWindowDays = 7,
            MaxActiveReservations = 1,
            MaxHoursPerWeek = null,
            CheckInOpensMinutesBefore = 30,
            NoShowGraceMinutes = 30,
        },
        KnownKinds.CoworkingDesk => new()
        {
            SlotMinutes = 30,
            MinDurationMinutes = 4 * 60,
            MaxDurationMinutes = 10 * 60,
            BufferAfterMinutes = 0,
            LeadTimeMinutes = 0,
            AdvanceWindowDays = 30,
            MaxActiveReservations = 5,
            MaxHoursPerWeek = 40,
            CheckInOpensMinutesBefore = 30,
            NoShowGraceMinutes = 60,
        },
        _ => new(),
    };
}
