using Booking.Data;
using Booking.Domain.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Resources;

/// <summary>
/// A resource's photo (<c>/admin/resources/{id}/photo</c>), admins only: upload or replace it with its alt text,
/// change the alt text, or remove it. The upload is re-encoded by <see cref="PhotoEncoding"/>; a refused one changes nothing.
/// </summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class PhotoModel(BookingDbContext db, TimeProvider clock, IStringLocalizer<PhotoModel> words) : PageModel
{
    /// <summary>The resource's name, or null when the id is not one.</summary>
    public string? ResourceName { get; private set; }

    public Guid ResourceId { get; private set; }

    /// <summary>The stored photo's URL parts (no image bytes), or null when there is none.</summary>
    public PhotoSummary? Current { get; private set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? AltText { get; set; }

    /// <summary>True for a post to this page: the request body limit lets its file through (up to <see cref="PhotoEncoding.MaxUploadBytes"/>).</summary>
    public static bool IsUpload(HttpRequest request)
    {
        var parts = request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return HttpMethods.IsPost(request.Method) && parts is ["admin", "resources", var id, "photo"] && Guid.TryParse(id, out _);
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        AltText = Current?.AltText;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        ModelState.Clear(); // only the checks below speak (a file the binder could not read is "no file")
        if (ResourcePhoto.AltTextProblem(AltText) is { } altProblem)
        {
            ModelState.AddModelError(nameof(AltText), altProblem);
        }

        PhotoEncoding.Result? encoded = null;
        if (Upload is null || Upload.Length == 0)
        {
            if (Current is null)
            {
                ModelState.AddModelError(nameof(Upload), "Choose a photo to upload (JPEG, PNG, WebP or GIF).");
            }
        }
        else if (Upload.Length > PhotoEncoding.MaxUploadBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"That file is larger than {PhotoEncoding.MaxUploadBytes / (1024 * 1024)} MB: choose a smaller photo.");
        }
        else if (ModelState.IsValid)
        {
            using var memory = new MemoryStream((int)Upload.Length);
            await Upload.CopyToAsync(memory, ct);
            encoded = PhotoEncoding.Encode(memory.ToArray());
            if (encoded.Problem is { } problem)
            {
                ModelState.AddModelError(nameof(Upload), problem);
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await db.ResourcePhotos.FirstOrDefaultAsync(p => p.ResourceId == id, ct);
        if (encoded is { Display: { } display, Thumbnail: { } thumbnail })
        {
            if (stored is null)
            {
                db.ResourcePhotos.Add(new ResourcePhoto(id, AltText!, display, thumbnail, PhotoEncoding.ContentType, now));
            }
            else
            {
                stored.Replace(AltText!, display, thumbnail, PhotoEncoding.ContentType, now);
            }
        }
        else if (stored is not null)
        {
            stored.Describe(AltText!);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two admins adding the first photo at once: the other one won; nothing of this one was kept.
            ModelState.AddModelError(nameof(Upload), "Someone changed this photo at the same moment: look at it below and try again.");
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        TempData["Message"] = encoded is null ? words["Saved the photo's description for {0}.", ResourceName ?? ""].Value : words["Saved the photo of {0}.", ResourceName ?? ""].Value;
        return Redirect($"/admin/resources/{id}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await db.ResourcePhotos.Where(p => p.ResourceId == id).ExecuteDeleteAsync(ct);
        TempData["Message"] = words["Removed the photo of {0}.", ResourceName ?? ""].Value;
        return Redirect($"/admin/resources/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        ResourceId = id;
        ResourceName = await db.Resources.Where(r => r.Id == id).Select(r => r.Name).FirstOrDefaultAsync(ct);
        Current = await PhotoSummary.Query(db).FirstOrDefaultAsync(p => p.ResourceId == id, ct);
        return ResourceName is not null;
    }
}
