using Booking.Domain.Resources;
using SkiaSharp;

namespace Booking.Web.Features.Resources;

/// <summary>
/// Turns an uploaded file into the two sizes a resource's photo is stored in: decoded (so only a real JPEG, PNG,
/// WebP or GIF passes, whatever its name or declared type), turned upright by its EXIF orientation, scaled down
/// and re-encoded as JPEG. Only pixels survive: no EXIF (GPS, camera, owner), no colour profile, no comments.
/// </summary>
/// <remarks>
/// SkiaSharp rather than ImageSharp 2.1: the only ImageSharp served here is the old 2.x line with reported flaws
/// for crafted images, while Skia is Chromium's own decoder, maintained and fuzzed with it.
/// </remarks>
public static class PhotoEncoding
{
    public const long MaxUploadBytes = 8 * 1024 * 1024;

    /// <summary>Pixels a picture may declare before it is decoded: a small file can claim a huge canvas (a decompression bomb).</summary>
    public const long MaxPixels = 40_000_000;

    public const int MaxSide = 12_000;

    public const int DisplaySize = 1200;

    public const int ThumbnailSize = 400;

    public const string ContentType = "image/jpeg";

    private const int Quality = 82;

    private static readonly SKEncodedImageFormat[] Readable =
        [SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp, SKEncodedImageFormat.Gif];

    /// <summary>The outcome: both sizes, or why the file cannot be a photo (in words for the form).</summary>
    public sealed record Result(PhotoImage? Display, PhotoImage? Thumbnail, string? Problem);

    public static Result Encode(byte[] file)
    {
        using var data = SKData.CreateCopy(file);
        using var codec = SKCodec.Create(data);
        if (codec is null || !Readable.Contains(codec.EncodedFormat))
        {
            return Refused("That file is not a picture we can read: upload a JPEG, PNG, WebP or GIF photo.");
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || width > MaxSide || height > MaxSide || (long)width * height > MaxPixels)
        {
            return Refused($"That picture is {width} × {height} pixels: at most {MaxSide} pixels a side and {MaxPixels / 1_000_000} megapixels, please.");
        }

        // JPEG decodes straight to a smaller size (1/2, 1/4, 1/8): less memory for a big camera photo.
        var longest = Math.Max(width, height);
        var scaled = codec.GetScaledDimensions(Math.Min(1f, (float)DisplaySize / longest));
        var info = new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        var outcome = codec.GetPixels(info, decoded.GetPixels());
        if (outcome is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return Refused("That file is damaged or not a picture we can read: upload a JPEG, PNG, WebP or GIF photo.");
        }

        using var upright = Upright(decoded, codec.EncodedOrigin);
        return new Result(Fit(upright, DisplaySize), Fit(upright, ThumbnailSize), null);
    }

    private static Result Refused(string problem) => new(null, null, problem);

    /// <summary>Scales to fit a square of <paramref name="size"/> (never up), on white (JPEG has no transparency).</summary>
    private static PhotoImage Fit(SKBitmap source, int size)
    {
        var scale = Math.Min(1.0, (double)size / Math.Max(source.Width, source.Height));
        var width = Math.Max(1, (int)Math.Round(source.Width * scale));
        var height = Math.Max(1, (int)Math.Round(source.Height * scale));
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(SKEncodedImageFormat.Jpeg, Quality);
        return new PhotoImage(encoded.ToArray(), width, height);
    }

    /// <summary>Applies the EXIF orientation to the pixels, since the EXIF that carried it is not kept.</summary>
    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        float w = source.Width, h = source.Height;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        // x' = scaleX·x + skewX·y + transX; y' = skewY·x + scaleY·y + transY
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        var result = new SKBitmap(new SKImageInfo(swap ? source.Height : source.Width, swap ? source.Width : source.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        canvas.SetMatrix(matrix);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, new SKRect(0, 0, w, h), SKSamplingOptions.Default);
        return result;
    }
}
