using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Web.Features.Resources;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Resources;

/// <summary>
/// Admins upload a resource's photo through the plain multipart form: it is re-encoded (resized, upright, no EXIF),
/// served at an immutable versioned URL and shown with its alt text; every refused upload changes nothing.
/// </summary>
public sealed class ResourcePhotoTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    [Fact]
    public async Task Upload_JpegWithExifOrientationAndGps_StoredUprightResizedWithoutMetadata()
    {
        var (resource, admin) = await ResourceAndAdminAsync();

        var (status, html, url) = await UploadAsync(admin, resource.Id, PhotoImages.JpegWithExif(2400, 1200), "A blue printer on an orange bench");

        Assert.True(status == HttpStatusCode.OK && url?.AbsolutePath == $"/admin/resources/{resource.Id}", $"{(int)status} {url}\n{html}");
        Assert.Contains($"Saved the photo of {resource.Name}", html);
        var stored = await host.InScopeAsync(db => db.ResourcePhotos.AsNoTracking().SingleAsync(p => p.ResourceId == resource.Id));
        // Orientation 6 turns 2400 × 1200 upright to 1200 × 2400, then it fits in 1200 and 400 pixels.
        Assert.Equal((600, 1200), (stored.DisplayWidth, stored.DisplayHeight));
        Assert.Equal((200, 400), (stored.ThumbnailWidth, stored.ThumbnailHeight));
        foreach (var bytes in new[] { stored.Display, stored.Thumbnail })
        {
            var read = PhotoImages.Read(bytes);
            Assert.Equal(SKEncodedImageFormat.Jpeg, read.Format);
            Assert.Equal(SKEncodedOrigin.TopLeft, read.Origin);
            Assert.False(PhotoImages.Contains(bytes, Encoding.ASCII.GetBytes(PhotoImages.Secret)), "The EXIF text survived.");
            Assert.False(PhotoImages.Contains(bytes, "Exif\0\0"u8.ToArray()), "An EXIF block survived.");
        }

        Assert.Equal((600, 1200), (PhotoImages.Read(stored.Display).Width, PhotoImages.Read(stored.Display).Height));
        Assert.Equal("A blue printer on an orange bench", stored.AltText);
        Assert.Contains($"src=\"{PhotoFiles.ThumbnailUrl(resource.Id, stored.Version)}\" alt=\"A blue printer on an orange bench\"", html);
    }

    [Fact]
    public async Task PhotoUrl_Versioned_CachedImmutableWithEtagAndNosniffAnd304()
    {
        var (resource, admin) = await ResourceAndAdminAsync();
        await UploadAsync(admin, resource.Id, PhotoImages.Jpeg(800, 600), "A quiet room");
        var version = await VersionAsync(resource.Id);
        var anonymous = host.CreateClient();

        using var response = await anonymous.GetAsync(PhotoFiles.DisplayUrl(resource.Id, version));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var etag = response.Headers.ETag ?? throw new InvalidOperationException("No ETag.");
        Assert.Equal((800, 600), (PhotoImages.Read(await response.Content.ReadAsByteArrayAsync()).Width, PhotoImages.Read(await response.Content.ReadAsByteArrayAsync()).Height));

        using var again = new HttpRequestMessage(HttpMethod.Get, PhotoFiles.ThumbnailUrl(resource.Id, version));
        using var thumb = await anonymous.SendAsync(again);
        Assert.Equal((400, 300), (PhotoImages.Read(await thumb.Content.ReadAsByteArrayAsync()).Width, PhotoImages.Read(await thumb.Content.ReadAsByteArrayAsync()).Height));

        using var conditional = new HttpRequestMessage(HttpMethod.Get, PhotoFiles.DisplayUrl(resource.Id, version));
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await anonymous.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(PhotoFiles.DisplayUrl(resource.Id, "0123456789abcdef"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/resources/{resource.Id}/photo/{version}/original.jpg")).StatusCode);
    }

    [Fact]
    public async Task Replace_NewVersionOldUrlGone_ThenRemove_NoPhoto()
    {
        var (resource, admin) = await ResourceAndAdminAsync();
        await UploadAsync(admin, resource.Id, PhotoImages.Jpeg(800, 600), "First");
        var first = await VersionAsync(resource.Id);

        await UploadAsync(admin, resource.Id, PhotoImages.Jpeg(600, 800), "Second");
        var second = await VersionAsync(resource.Id);

        Assert.NotEqual(first, second);
        var anonymous = host.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(PhotoFiles.DisplayUrl(resource.Id, first))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(PhotoFiles.DisplayUrl(resource.Id, second))).StatusCode);

        var page = $"/admin/resources/{resource.Id}/photo";
        var (status, html, _) = await admin.PostFormAsync($"{page}?handler=Remove", await admin.FormTokenAsync(page), []);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"Removed the photo of {resource.Name}", html);
        Assert.False(await host.InScopeAsync(db => db.ResourcePhotos.AnyAsync(p => p.ResourceId == resource.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(PhotoFiles.DisplayUrl(resource.Id, second))).StatusCode);
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "not-an-image", "A printer", "is not a picture we can read" },
        { "huge-dimensions", "A printer", "at most 12000 pixels a side" },
        { "alt-missing", "", "Describe the photo for people who cannot see it" },
        { "alt-blank", "   ", "Describe the photo for people who cannot see it" },
        { "alt-too-long", new string('a', ResourcePhoto.AltTextLength + 1), "Keep the alt text to 300 characters" },
        { "no-file", "A printer", "Choose a photo to upload" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Upload_Refused_FieldErrorAndNothingChanged(string upload, string alt, string message)
    {
        var (resource, admin) = await ResourceAndAdminAsync();
        var file = upload switch
        {
            "not-an-image" => Encoding.UTF8.GetBytes("<html>not a photo, whatever the name says</html>"),
            "huge-dimensions" => PhotoImages.JpegClaiming(60_000),
            "no-file" => [],
            _ => PhotoImages.Jpeg(300, 200),
        };

        var (status, html, _) = await UploadAsync(admin, resource.Id, file, alt);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, html);
        Assert.Contains("Nothing was saved", html);
        Assert.False(await host.InScopeAsync(db => db.ResourcePhotos.AnyAsync(p => p.ResourceId == resource.Id)));
    }

    [Fact]
    public async Task Upload_RefusedOverExistingPhoto_KeepsIt()
    {
        var (resource, admin) = await ResourceAndAdminAsync();
        await UploadAsync(admin, resource.Id, PhotoImages.Jpeg(800, 600), "Kept");
        var version = await VersionAsync(resource.Id);

        var (status, html, _) = await UploadAsync(admin, resource.Id, Encoding.UTF8.GetBytes("A text file renamed to .jpg"), "Replaced");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not a picture we can read", html);
        var stored = await host.InScopeAsync(db => db.ResourcePhotos.AsNoTracking().SingleAsync(p => p.ResourceId == resource.Id));
        Assert.Equal((version, "Kept"), (stored.Version, stored.AltText));
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_413ProblemBeforeReadingAndNothingChanged()
    {
        var (resource, admin) = await ResourceAndAdminAsync();
        var page = $"/admin/resources/{resource.Id}/photo";
        var token = await admin.FormTokenAsync(page);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Too big"), "AltText" },
            { new ByteArrayContent(new byte[PhotoEncoding.MaxUploadBytes + (128 * 1024)]) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "Upload", "big.jpg" },
        };

        var (status, body, _) = await admin.PostMultipartAsync(page, token, form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("at most 8 MB", body);
        Assert.False(await host.InScopeAsync(db => db.ResourcePhotos.AnyAsync(p => p.ResourceId == resource.Id)));
    }

    [Theory]
    [InlineData(Roles.Patron)]
    [InlineData(Roles.Staff)]
    public async Task Upload_NotAnAdmin_403AndNothingStored(string role)
    {
        var branch = await host.BranchAsync();
        var resource = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var someone = await SessionAsync(role);

        using var form = new MultipartFormDataContent
        {
            { new StringContent("Mine now"), "AltText" },
            { new ByteArrayContent(PhotoImages.Jpeg(300, 200)), "Upload", "p.jpg" },
        };
        // Authorization answers before the form (and its token) is read.
        var (status, _, _) = await someone.PostMultipartAsync($"/admin/resources/{resource.Id}/photo", "no-token", form);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        await someone.GetAsync($"/admin/resources/{resource.Id}/photo", HttpStatusCode.Forbidden);
        Assert.False(await host.InScopeAsync(db => db.ResourcePhotos.AnyAsync(p => p.ResourceId == resource.Id)));
    }

    [Fact]
    public async Task Photo_ShownWithAltOnResourcePageSearchResultsAndDayView()
    {
        var (resource, admin) = await ResourceAndAdminAsync();
        await UploadAsync(admin, resource.Id, PhotoImages.Jpeg(800, 600), "Printer with a green spool");
        var version = await VersionAsync(resource.Id);
        var visitor = new PageSession(host);

        var page = await visitor.GetAsync($"/resources/{resource.Id}");
        Assert.Contains($"src=\"{PhotoFiles.DisplayUrl(resource.Id, version)}\" alt=\"Printer with a green spool\"", page);

        var branchId = await host.InScopeAsync(db => db.Resources.Where(r => r.Id == resource.Id).Select(r => r.LocationId).SingleAsync());
        var search = await visitor.GetAsync($"/?kind={KnownKinds.Printer3D}&where={branchId}&date=2026-01-14&time=10:00&duration=60");
        Assert.Contains($"src=\"{PhotoFiles.ThumbnailUrl(resource.Id, version)}\" alt=\"Printer with a green spool\"", search);

        var day = await visitor.GetAsync($"/kinds/{KnownKinds.Printer3D}/day?date=2026-01-14&locationId={branchId}");
        Assert.Contains($"src=\"{PhotoFiles.ThumbnailUrl(resource.Id, version)}\" alt=\"Printer with a green spool\"", day);
    }

    private async Task<(Resource Resource, PageSession Admin)> ResourceAndAdminAsync()
    {
        var branch = await host.BranchAsync();
        var resource = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        return (resource, await SessionAsync(Roles.Admin));
    }

    private async Task<PageSession> SessionAsync(string role)
    {
        var user = await host.SignInNewAsync(role);
        var browser = new PageSession(host);
        await browser.SignInAsync(user.Email, MakerspaceHost.Password);
        return browser;
    }

    private Task<string> VersionAsync(Guid resourceId) =>
        host.InScopeAsync(db => db.ResourcePhotos.Where(p => p.ResourceId == resourceId).Select(p => p.Version).SingleAsync());

    private static async Task<(HttpStatusCode Status, string Html, Uri? Url)> UploadAsync(PageSession admin, Guid resourceId, byte[] file, string alt)
    {
        var page = $"/admin/resources/{resourceId}/photo";
        var token = await admin.FormTokenAsync(page);
        using var form = new MultipartFormDataContent { { new StringContent(alt), "AltText" } };
        if (file.Length > 0)
        {
            // The name and declared type claim a JPEG whatever the bytes are: only decoding may decide.
            form.Add(new ByteArrayContent(file) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "Upload", "photo.jpg");
        }

        return await admin.PostMultipartAsync(page, token, form);
    }
}
