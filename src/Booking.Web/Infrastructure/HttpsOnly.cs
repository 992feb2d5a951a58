namespace Booking.Web.Infrastructure;

/// <summary>
/// Where <c>Site:PublicUrl</c> is https, a request that reached the app over plain http (after the trusted
/// proxy's <c>X-Forwarded-Proto</c> is applied) is redirected to the public address, never to the request's Host.
/// Health checks stay answerable over http: the proxy and the service manager probe the node directly.
/// </summary>
public sealed class HttpsOnly(RequestDelegate next, PublicAddress address)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.IsHttps || request.Path.StartsWithSegments("/health"))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = address.Link(request, request.Path + request.QueryString);
        return Task.CompletedTask;
    }
}
