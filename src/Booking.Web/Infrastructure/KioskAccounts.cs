namespace Booking.Web.Infrastructure;

/// <summary>
/// A kiosk account (<see cref="UserClaims.IsKioskOnly"/>) changes nothing outside the kiosk: any write elsewhere (a
/// booking form on a public page, a session registration, the API) is refused with 403, answered as the status pages
/// or problem details say. Pages and API calls that need an account are refused by the default policy already; this
/// covers the public pages whose forms act for whoever is signed in.
/// </summary>
public sealed class KioskAccounts(RequestDelegate next)
{
    /// <summary>What a kiosk may post to: the kiosk, signing out, the language, and the error pages a refusal re-executes.</summary>
    private static readonly PathString[] Allowed = ["/kiosk", "/account/sign-out", "/language", "/error"];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!context.User.IsKioskOnly() || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || Allowed.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
