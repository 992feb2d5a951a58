using Booking.Domain.Resources;
using Booking.Web.Infrastructure;

namespace Booking.Web.Features.Resources;

/// <summary>
/// A whole booking policy as an admin sends it. Every field is required except the two per-patron
/// limits, where null (or leaving them out) means no limit: a replaced policy never silently takes defaults.
/// </summary>
public sealed record PolicyInput(
    int? SlotMinutes, int? MinDurationMinutes, int? MaxDurationMinutes, int? BufferAfterMinutes, int? LeadTimeMinutes,
    int? AdvanceWindowDays, int? MaxActiveReservations, int? MaxHoursPerWeek, int? CheckInOpensMinutesBefore,
    int? NoShowGraceMinutes, bool? RequiresApproval)
{
    /// <summary>The checked policy, or null with the reasons added to <paramref name="errors"/> (fields under <paramref name="prefix"/>).</summary>
    public BookingPolicy? Read(FieldErrors errors, string prefix)
    {
        var before = errors.Count;
        var policy = new BookingPolicy
        {
            SlotMinutes = Need(errors, prefix, nameof(SlotMinutes), SlotMinutes),
            MinDurationMinutes = Need(errors, prefix, nameof(MinDurationMinutes), MinDurationMinutes),
            MaxDurationMinutes = Need(errors, prefix, nameof(MaxDurationMinutes), MaxDurationMinutes),
            BufferAfterMinutes = Need(errors, prefix, nameof(BufferAfterMinutes), BufferAfterMinutes),
            LeadTimeMinutes = Need(errors, prefix, nameof(LeadTimeMinutes), LeadTimeMinutes),
            AdvanceWindowDays = Need(errors, prefix, nameof(AdvanceWindowDays), AdvanceWindowDays),
            MaxActiveReservations = MaxActiveReservations,
            MaxHoursPerWeek = MaxHoursPerWeek,
            CheckInOpensMinutesBefore = Need(errors, prefix, nameof(CheckInOpensMinutesBefore), CheckInOpensMinutesBefore),
            NoShowGraceMinutes = Need(errors, prefix, nameof(NoShowGraceMinutes), NoShowGraceMinutes),
            RequiresApproval = Need(errors, prefix, nameof(RequiresApproval), RequiresApproval),
        };
        if (errors.Count > before)
        {
            return null;
        }

        return errors.Try(prefix.Length == 0 ? "policy" : prefix, () => UsablePolicy.Checked(policy)) ? policy : null;
    }

    private static T Need<T>(FieldErrors errors, string prefix, string property, T? value)
        where T : struct
    {
        if (value is null)
        {
            var field = char.ToLowerInvariant(property[0]) + property[1..];
            errors.Add(prefix.Length == 0 ? field : $"{prefix}.{field}", "{0} is required in a booking policy.", field);
        }

        return value ?? default;
    }
}
