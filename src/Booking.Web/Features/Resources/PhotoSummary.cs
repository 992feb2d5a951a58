using Booking.Data;

namespace Booking.Web.Features.Resources;

/// <summary>What a page needs to show a resource's photo, without its bytes: the URLs, sizes and alt text.</summary>
public sealed class PhotoSummary
{
    public required Guid ResourceId { get; init; }

    public required string Version { get; init; }

    public required string AltText { get; init; }

    public required int DisplayWidth { get; init; }

    public required int DisplayHeight { get; init; }

    public required int ThumbnailWidth { get; init; }

    public required int ThumbnailHeight { get; init; }

    public string DisplayUrl => PhotoFiles.DisplayUrl(ResourceId, Version);

    public string ThumbnailUrl => PhotoFiles.ThumbnailUrl(ResourceId, Version);

    /// <summary>Member-initialised so EF selects only these columns (never the image bytes).</summary>
    public static IQueryable<PhotoSummary> Query(BookingDbContext db) =>
        db.ResourcePhotos.Select(p => new PhotoSummary
        {
            ResourceId = p.ResourceId,
            Version = p.Version,
            AltText = p.AltText,
            DisplayWidth = p.DisplayWidth,
            DisplayHeight = p.DisplayHeight,
            ThumbnailWidth = p.ThumbnailWidth,
            ThumbnailHeight = p.ThumbnailHeight,
        });
}
