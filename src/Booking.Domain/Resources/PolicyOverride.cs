namespace Booking.Domain.Resources;

/// <summary>Per-resource changes to its kind's policy; a null field keeps the kind's value.</summary>
public sealed record PolicyOverride
{
    public int? SlotMinutes { get; init; }

    public int? MinDurationMinutes { get; init; }

    public int? MaxDurationMinutes { get; init; }

    public int? BufferAfterMinutes { get; init; }

    public int? LeadTimeMinutes { get; init; }

    public int? AdvanceWindowDays { get; init; }

    public int? MaxActiveReservations { get; init; }

    public int? MaxHoursPerWeek { get; init; }

    public int? CheckInOpensMinutesBefore { get; init; }

    public int? NoShowGraceMinutes { get; init; }

    public bool? RequiresApproval { get; init; }

    public BookingPolicy ApplyTo(BookingPolicy kindPolicy) => kindPolicy with
    {
        SlotMinutes = SlotMinutes ?? kindPolicy.SlotMinutes,
        MinDurationMinutes = MinDurationMinutes ?? kindPolicy.MinDurationMinutes,
        MaxDurationMinutes = MaxDurationMinutes ?? kindPolicy.MaxDurationMinutes,
        BufferAfterMinutes = BufferAfterMinutes ?? kindPolicy.BufferAfterMinutes,
        LeadTimeMinutes = LeadTimeMinutes ?? kindPolicy.LeadTimeMinutes,
        AdvanceWindowDays = AdvanceWindowDays ?? kindPolicy.AdvanceWindowDays,
        MaxActiveReservations = MaxActiveReservations ?? kindPolicy.MaxActiveReservations,
        MaxHoursPerWeek = MaxHoursPerWeek ?? kindPolicy.MaxHoursPerWeek,
        CheckInOpensMinutesBefore = CheckInOpensMinutesBefore ?? kindPolicy.CheckInOpensMinutesBefore,
        NoShowGraceMinutes = NoShowGraceMinutes ?? kindPolicy.NoShowGraceMinutes,
        RequiresApproval = RequiresApproval ?? kindPolicy.RequiresApproval,
    };
}
