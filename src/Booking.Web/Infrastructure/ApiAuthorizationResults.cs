using Booking.Data.Identity;
using Booking.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Booking.Web.Infrastructure;

/// <summary>
/// On the JSON API a missing sign-in is a 401 and a missing role a 403 <c>forbidden</c> problem; on pages, a redirect
/// to sign in, or a 403 that the status pages answer in words (naming the role the page needs).
/// </summary>
public sealed class ApiAuthorizationResults(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    /// <summary>The <c>HttpContext.Items</c> key under which a refused page leaves the role it needs, for the 403 page.</summary>
    public const string NeededRoleItem = "makerspace.needed-role";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var signedIn = context.User.Identity?.IsAuthenticated == true;
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            // Pages: a person, not a program, is asking. Signed in without the role: a 403, which the status pages
            // explain (staff on an admin page are told it is for admins). Otherwise: sign in, then come back.
            if (signedIn && authorizeResult.Forbidden)
            {
                context.Items[NeededRoleItem] = NeededRole(policy);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            var back = Uri.EscapeDataString(context.Request.Path + context.Request.QueryString);
            context.Response.Redirect($"/account/sign-in?ReturnUrl={back}");
            return;
        }

        var status = authorizeResult.Forbidden && signedIn ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        context.Response.StatusCode = status;
        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = status,
            Title = status == StatusCodes.Status403Forbidden ? ErrorStatuses.TitleFor(ErrorCodes.Forbidden) : "Sign in first",
            Detail = status == StatusCodes.Status403Forbidden
                ? "This needs a staff or admin account."
                : "Sign in (POST /api/v1/auth/login) and send the cookie or bearer token.",
        };
        if (status == StatusCodes.Status403Forbidden)
        {
            details.Extensions["code"] = ErrorCodes.Forbidden;
        }

        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details });
    }

    /// <summary>Staff when the policy lets staff in, admin when only admins; null for any other policy.</summary>
    private static string? NeededRole(AuthorizationPolicy policy)
    {
        var allowed = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).ToList();
        return allowed.Contains(Roles.Staff) ? Roles.Staff : allowed.Contains(Roles.Admin) ? Roles.Admin : null;
    }
}
