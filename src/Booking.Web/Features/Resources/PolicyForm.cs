using Booking.Domain.Resources;

namespace Booking.Web.Features.Resources;

/// <summary>The fields of a booking policy as a form posts them; an empty field is null.</summary>
public sealed class PolicyForm
{
    public int? SlotMinutes { get; set; }

    public int? MinDurationMinutes { get; set; }

    public int? MaxDurationMinutes { get; set; }

    public int? BufferAfterMinutes { get; set; }

    public int? LeadTimeMinutes { get; set; }

    public int? AdvanceWindowDays { get; set; }

    public int? MaxActiveReservations { get; set; }

    public int? MaxHoursPerWeek { get; set; }

    public int? CheckInOpensMinutesBefore { get; set; }

    public int? NoShowGraceMinutes { get; set; }

    public bool? RequiresApproval { get; set; }

    public PolicyInput ToInput() => new(
        SlotMinutes, MinDurationMinutes, MaxDurationMinutes, BufferAfterMinutes, LeadTimeMinutes, AdvanceWindowDays,
        MaxActiveReservations, MaxHoursPerWeek, CheckInOpensMinutesBefore, NoShowGraceMinutes, RequiresApproval);

    public PolicyOverride ToOverride() => new()
    {
        SlotMinutes = SlotMinutes,
        MinDurationMinutes = MinDurationMinutes,
        MaxDurationMinutes = MaxDurationMinutes,
        BufferAfterMinutes = BufferAfterMinutes,
        LeadTimeMinutes = LeadTimeMinutes,
        AdvanceWindowDays = AdvanceWindowDays,
        MaxActiveReservations = MaxActiveReservations,
        MaxHoursPerWeek = MaxHoursPerWeek,
        CheckInOpensMinutesBefore = CheckInOpensMinutesBefore,
        NoShowGraceMinutes = NoShowGraceMinutes,
        RequiresApproval = RequiresApproval,
    };

    public static PolicyForm From(BookingPolicy p) => new()
    {
        SlotMinutes = p.SlotMinutes,
        MinDurationMinutes = p.MinDurationMinutes,
        MaxDurationMinutes = p.MaxDurationMinutes,
        BufferAfterMinutes = p.BufferAfterMinutes,
        LeadTimeMinutes = p.LeadTimeMinutes,
        AdvanceWindowDays = p.AdvanceWindowDays,
        MaxActiveReservations = p.MaxActiveReservations,
        MaxHoursPerWeek = p.MaxHoursPerWeek,
        CheckInOpensMinutesBefore = p.CheckInOpensMinutesBefore,
        NoShowGraceMinutes = p.NoShowGraceMinutes,
        RequiresApproval = p.RequiresApproval,
    };

    public static PolicyForm From(PolicyOverride o) => new()
    {
        SlotMinutes = o.SlotMinutes,
        MinDurationMinutes = o.MinDurationMinutes,
        MaxDurationMinutes = o.MaxDurationMinutes,
        BufferAfterMinutes = o.BufferAfterMinutes,
        LeadTimeMinutes = o.LeadTimeMinutes,
        AdvanceWindowDays = o.AdvanceWindowDays,
        MaxActiveReservations = o.MaxActiveReservations,
        MaxHoursPerWeek = o.MaxHoursPerWeek,
        CheckInOpensMinutesBefore = o.CheckInOpensMinutesBefore,
        NoShowGraceMinutes = o.NoShowGraceMinutes,
        RequiresApproval = o.RequiresApproval,
    };
}
