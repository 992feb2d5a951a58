using System.Security.Claims;
using Booking.Data.Identity;

namespace Booking.Web.Infrastructure;

/// <summary>Who is asking, read from the signed-in principal.</summary>
public static class UserClaims
{
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public static bool IsStaff(this ClaimsPrincipal user) => user.IsInRole(Roles.Staff) || user.IsInRole(Roles.Admin);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    /// <summary>Partner staff: the menu offers the partner desk (each page still reads the organisation fresh).</summary>
    public static bool IsPartnerStaff(this ClaimsPrincipal user) => user.IsInRole(Roles.Partner) && !user.IsKioskOnly();

    /// <summary>A kiosk account (staff and admins may use the kiosk too, but are not kiosk accounts): it may open the kiosk and nothing else.</summary>
    public static bool IsKioskOnly(this ClaimsPrincipal user) => user.IsInRole(Roles.Kiosk) && !user.IsStaff();
}
