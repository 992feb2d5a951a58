using Booking.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Booking.Web.Infrastructure;

/// <summary>On the JSON API a missing sign-in is a 401 and a missing role a 403 <c>forbidden</c> problem; on pages, a redirect to sign in or to a plain explanation.</summary>
public sealed class ApiAuthorizationResults(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
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
            // Pages: a person, not a program, is asking; send them where they can act.
            var back = Uri.EscapeDataString(context.Request.Path + context.Request.QueryString);
            context.Response.Redirect(signedIn && authorizeResult.Forbidden ? "/account/denied" : $"/account/sign-in?ReturnUrl={back}");
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
}
