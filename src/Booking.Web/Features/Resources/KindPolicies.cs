using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Resources;
using Booking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Resources;

/// <summary>The check before a kind's default policy changes, shared by the admin API and the admin pages.</summary>
public static class KindPolicies
{
    /// <summary>Why <paramref name="policy"/> cannot become the kind's default (a resource's override would be unusable on top of it), or null.</summary>
    public static async Task<string?> UnusableOverrideAsync(BookingDbContext db, string code, BookingPolicy policy, CancellationToken ct)
    {
        var resources = await db.Resources.AsNoTracking().Where(r => r.KindCode == code).OrderBy(r => r.Name).ToListAsync(ct);
        foreach (var resource in resources)
        {
            try
            {
                UsablePolicy.Checked(resource.EffectivePolicy(policy));
            }
            catch (DomainException e) when (e.Code == ErrorCodes.Validation)
            {
                return $"With this policy the override of '{resource.Name}' would not be usable; change that resource first. {e.Message}";
            }
        }

        return null;
    }
}
