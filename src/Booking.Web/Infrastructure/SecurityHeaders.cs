namespace Booking.Web.Infrastructure;

/// <summary>
/// The headers every answer carries (pages, API, problems, static files): a Content-Security-Policy that allows
/// only the site's own files (no inline script or style), no framing, no MIME sniffing, no referrer to other
/// sites, and the browser features the site never uses turned off.
/// </summary>
/// <remarks>
/// Set when the response starts, so answers written by the exception handler (which clears headers) carry them too.
/// The Hangfire dashboard at <paramref name="dashboard"/> needs more: its chart script adds a <c>style</c> element,
/// its job pages write <c>style</c> attributes, and its icon is a <c>data:</c> image. That path alone allows inline
/// styles and data images; its scripts are files, held to <c>'self'</c> as on every other page.
/// </remarks>
public sealed class SecurityHeaders(RequestDelegate next, PathString dashboard)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string DashboardContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // Only features Chromium knows: an unknown name is logged to every page's console.
    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    public Task InvokeAsync(HttpContext context)
    {
        var policy = context.Request.Path.StartsWithSegments(dashboard) ? DashboardContentSecurityPolicy : ContentSecurityPolicy;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY"; // frame-ancestors for browsers that predate it
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = PermissionsPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
