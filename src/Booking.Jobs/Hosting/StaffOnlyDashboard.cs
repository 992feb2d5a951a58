using Booking.Data.Identity;
using Hangfire.Dashboard;

namespace Booking.Jobs.Hosting;

/// <summary>The Hangfire dashboard at <c>/jobs</c>: staff and admins only (anonymous gets 401, patrons 403).</summary>
public sealed class StaffOnlyDashboard : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && (user.IsInRole(Roles.Staff) || user.IsInRole(Roles.Admin));
    }
}
