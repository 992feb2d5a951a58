using Booking.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Booking.Web.Features.Resources;

/// <summary>
/// Serves resource photos to anyone (resource pages are public): <c>/resources/{id}/photo/{version}/display.jpg</c>
/// and <c>thumb.jpg</c>. The version changes with every upload, so an answer is cached as immutable for a year;
/// an old or unknown version is 404.
/// </summary>
public static class PhotoFiles
{
    public const string DisplayFile = "display.jpg";

    public const string ThumbnailFile = "thumb.jpg";

    public static string DisplayUrl(Guid resourceId, string version) => $"/resources/{resourceId}/photo/{version}/{DisplayFile}";

    public static string ThumbnailUrl(Guid resourceId, string version) => $"/resources/{resourceId}/photo/{version}/{ThumbnailFile}";

    public static IEndpointRouteBuilder MapResourcePhotos(this IEndpointRouteBuilder app)
    {
        app.MapGet("/resources/{id:guid}/photo/{version}/{file}", GetAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> GetAsync(Guid id, string version, string file, HttpContext http, BookingDbContext db, CancellationToken ct)
    {
        if (version.Length > 32 || file is not (DisplayFile or ThumbnailFile))
        {
            return Results.NotFound();
        }

        var photos = db.ResourcePhotos.AsNoTracking().Where(p => p.ResourceId == id && p.Version == version);
        var photo = file == ThumbnailFile
            ? await photos.Select(p => new { p.ContentType, Bytes = p.Thumbnail }).FirstOrDefaultAsync(ct)
            : await photos.Select(p => new { p.ContentType, Bytes = p.Display }).FirstOrDefaultAsync(ct);
        if (photo is null)
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        // The file result answers If-None-Match with 304 itself.
        return Results.File(photo.Bytes, photo.ContentType, entityTag: new EntityTagHeaderValue($"\"{version}-{(file == ThumbnailFile ? "t" : "d")}\""));
    }
}
