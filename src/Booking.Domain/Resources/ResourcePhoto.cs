using Booking.Domain.Common;

namespace Booking.Domain.Resources;

/// <summary>
/// A resource's one photo, as the app re-encoded it: a display size and a thumbnail (never the uploaded bytes,
/// so no camera metadata survives), with the alt text screen readers speak. Stored in the database so every node
/// behind the proxy serves the same photo.
/// </summary>
public sealed class ResourcePhoto
{
    public const int AltTextLength = 300;

    private ResourcePhoto()
    {
    }

    public ResourcePhoto(Guid resourceId, string altText, PhotoImage display, PhotoImage thumbnail, string contentType, DateTime nowUtc)
    {
        ResourceId = resourceId;
        Replace(altText, display, thumbnail, contentType, nowUtc);
    }

    public Guid ResourceId { get; private set; }

    /// <summary>Part of the photo's URL: new with every upload, so a URL names one picture for ever (cached as immutable).</summary>
    public string Version { get; private set; } = "";

    public string AltText { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public byte[] Display { get; private set; } = [];

    public int DisplayWidth { get; private set; }

    public int DisplayHeight { get; private set; }

    public byte[] Thumbnail { get; private set; } = [];

    public int ThumbnailWidth { get; private set; }

    public int ThumbnailHeight { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>Why an alt text cannot be used, or null when it can.</summary>
    public static string? AltTextProblem(string? altText) =>
        string.IsNullOrWhiteSpace(altText) ? "Describe the photo for people who cannot see it (alt text)."
        : altText.Trim().Length > AltTextLength ? $"Keep the alt text to {AltTextLength} characters."
        : null;

    public void Replace(string altText, PhotoImage display, PhotoImage thumbnail, string contentType, DateTime nowUtc)
    {
        Describe(altText);
        Display = display.Bytes;
        DisplayWidth = display.Width;
        DisplayHeight = display.Height;
        Thumbnail = thumbnail.Bytes;
        ThumbnailWidth = thumbnail.Width;
        ThumbnailHeight = thumbnail.Height;
        ContentType = contentType;
        Version = Guid.NewGuid().ToString("N")[..16];
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>Changes the words only; the URL stays (the picture is the same).</summary>
    public void Describe(string altText)
    {
        if (AltTextProblem(altText) is { } problem)
        {
            throw new DomainException(ErrorCodes.Validation, problem);
        }

        AltText = altText.Trim();
    }
}

/// <summary>One encoded size of a photo.</summary>
public sealed record PhotoImage(byte[] Bytes, int Width, int Height);
