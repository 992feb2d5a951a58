using Booking.Domain.Common;
using Booking.Domain.Resources;

namespace Booking.Web.Features.Resources;

/// <summary>
/// <see cref="PolicyValidation.Checked"/>, guarded against a zero or negative slot length, which it
/// would otherwise divide by (a 500 instead of a 400).
/// </summary>
public static class UsablePolicy
{
    public static BookingPolicy Checked(BookingPolicy policy)
    {
        if (policy.SlotMinutes <= 0)
        {
            throw new DomainException(ErrorCodes.Validation, "The booking policy is not usable: slot granularity must divide a day (5 to 1440 minutes, e.g. 15, 30, 60).");
        }

        return PolicyValidation.Checked(policy);
    }
}
