using Booking.Domain.Common;
using Booking.Domain.Reservations;

namespace Booking.Domain.Partners;

/// <summary>
/// What the library lets a partner's staff book for a client: which kinds, and how many hours a client may hold in one
/// local week (Monday to Sunday, in the branch's zone). No kinds means the partner books nothing.
/// </summary>
public sealed record PartnerLimits(IReadOnlyList<string> AllowedKinds, int? MaxHoursPerWeek)
{
    /// <summary>A week has 168 hours; more is a typing mistake.</summary>
    public const int MostHoursPerWeek = 168;

    /// <summary>
    /// Null when the partner may book <paramref name="wanted"/> of <paramref name="kindCode"/> for a client who already
    /// holds <paramref name="hoursThatWeek"/> hours in that local week; otherwise the refusal.
    /// </summary>
    public BookingRefusal? Check(string kindCode, UtcInterval wanted, double hoursThatWeek)
    {
        if (!AllowedKinds.Contains(kindCode, StringComparer.Ordinal))
        {
            return BookingRefusal.Of(ErrorCodes.Forbidden, RefusalReasons.PartnerKind, ("kind", kindCode));
        }

        var hours = (wanted.End - wanted.Start).TotalHours;
        if (MaxHoursPerWeek is { } most && hoursThatWeek + hours > most)
        {
            return BookingRefusal.Of(ErrorCodes.Quota, RefusalReasons.PartnerWeeklyHours, ("most", most), ("held", Math.Round(hoursThatWeek, 1)));
        }

        return null;
    }

    /// <summary>The problem with limits an admin typed, or null when they are usable.</summary>
    public static string? Problem(int? maxHoursPerWeek) =>
        maxHoursPerWeek is < 0 or > MostHoursPerWeek ? $"Hours a week are 0 to {MostHoursPerWeek}, or empty for no limit." : null;
}
