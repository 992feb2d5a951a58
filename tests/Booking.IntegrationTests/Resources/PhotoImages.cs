using System.Text;
using SkiaSharp;

namespace Booking.IntegrationTests.Resources;

/// <summary>Pictures made for the photo tests: real JPEGs, one carrying EXIF (orientation and a GPS-like secret), one claiming a huge canvas.</summary>
public static class PhotoImages
{
    /// <summary>Text hidden in the EXIF block: it must not survive the upload.</summary>
    public const string Secret = "GPS 52.3676N 4.9041E secret";

    public static byte[] Jpeg(int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(SKColors.SteelBlue);
        using var paint = new SKPaint { Color = SKColors.Orange };
        surface.Canvas.DrawRect(0, 0, width / 2f, height / 2f, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>A JPEG with an EXIF APP1 segment right after SOI: orientation 6 (turn 90° clockwise) and <see cref="Secret"/> after the IFD.</summary>
    public static byte[] JpegWithExif(int width, int height)
    {
        var jpeg = Jpeg(width, height);
        var tiff = new List<byte>();
        tiff.AddRange("MM"u8.ToArray());
        tiff.AddRange([0x00, 0x2A, 0x00, 0x00, 0x00, 0x08]); // big-endian TIFF, first IFD at 8
        tiff.AddRange([0x00, 0x01]); // one entry
        tiff.AddRange([0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00]); // Orientation = 6
        tiff.AddRange([0x00, 0x00, 0x00, 0x00]); // no next IFD
        tiff.AddRange(Encoding.ASCII.GetBytes(Secret));
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        var segment = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF) }.Concat(payload);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }

    /// <summary>A small JPEG whose frame header claims <paramref name="side"/> × <paramref name="side"/> pixels (a decompression bomb's trick).</summary>
    public static byte[] JpegClaiming(int side)
    {
        var jpeg = Jpeg(16, 16);
        for (var i = 2; i + 8 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC2)
            {
                // FF C0, length (2), precision (1), height (2), width (2)
                jpeg[i + 5] = (byte)(side >> 8);
                jpeg[i + 6] = (byte)(side & 0xFF);
                jpeg[i + 7] = (byte)(side >> 8);
                jpeg[i + 8] = (byte)(side & 0xFF);
                return jpeg;
            }
        }

        throw new InvalidOperationException("No frame header in the JPEG.");
    }

    public static (int Width, int Height, SKEncodedOrigin Origin, SKEncodedImageFormat Format) Read(byte[] bytes)
    {
        using var codec = SKCodec.Create(new MemoryStream(bytes)) ?? throw new InvalidOperationException("Not an image.");
        return (codec.Info.Width, codec.Info.Height, codec.EncodedOrigin, codec.EncodedFormat);
    }

    public static bool Contains(byte[] haystack, byte[] needle) =>
        haystack.AsSpan().IndexOf(needle) >= 0;
}
