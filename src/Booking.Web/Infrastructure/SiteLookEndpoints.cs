using System.Text;

namespace Booking.Web.Infrastructure;

/// <summary>Serves the theme stylesheet, the configured logo and the web app manifest.</summary>
public static class SiteLookEndpoints
{
    public static IEndpointRouteBuilder MapSiteLook(this IEndpointRouteBuilder app)
    {
        // The addresses the pages use carry a content hash (?v=), so a year's caching is safe.
        const string cached = "public, max-age=31536000, immutable";
        app.MapGet(SiteLook.ThemePath, (SiteLook look, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = cached;
            return Results.Text(look.Theme, "text/css", Encoding.UTF8);
        }).ExcludeFromDescription();
        app.MapGet(SiteLook.LogoPath, (SiteLook look, HttpContext context) =>
        {
            if (look.Logo is null)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = cached;
            return Results.Bytes(look.Logo, look.LogoType);
        }).ExcludeFromDescription();
        app.MapGet(SiteLook.ManifestPath, (SiteLook look, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Text(look.Manifest, "application/manifest+json", Encoding.UTF8);
        }).ExcludeFromDescription();
        return app;
    }
}
