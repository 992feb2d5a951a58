using Booking.Domain.Common;
using Microsoft.Net.Http.Headers;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Refuses state-changing JSON API calls that a browser sent with the sign-in cookie from another site (CSRF).
/// The pages' forms carry antiforgery tokens; the API's bearer tokens cannot be sent by another site at all.
/// A browser says where a request comes from in <c>Sec-Fetch-Site</c> (or at least <c>Origin</c>); a cookie
/// call that says neither is refused too, since programs should use a bearer token.
/// </summary>
public sealed class SameOriginWrites(RequestDelegate next, PublicAddress address, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api") || IsSafe(request.Method) || request.Headers.ContainsKey(HeaderNames.Authorization)
            || request.Headers.Cookie.Count == 0 || FromThisSite(request))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = ErrorStatuses.TitleFor(ErrorCodes.Forbidden),
                Detail = "A change sent with the sign-in cookie must come from this site's own pages. Programs should sign in for a bearer token.",
                Extensions = { ["code"] = ErrorCodes.Forbidden },
            },
        });
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private bool FromThisSite(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"] is { Count: > 0 } site)
        {
            return site.ToString() is "same-origin" or "none";
        }

        if (request.Headers.Origin is not { Count: > 0 } origin)
        {
            return false;
        }

        var own = $"{request.Scheme}://{request.Host}";
        return string.Equals(origin.ToString(), own, StringComparison.OrdinalIgnoreCase)
            || (address.Origin is { } configured && string.Equals(origin.ToString(), configured, StringComparison.OrdinalIgnoreCase));
    }
}
