using System.Text.Json;
using Booking.Domain.Common;
using Booking.Jobs.Configuration;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Booking.Web.Features.Account;

/// <summary>A patron's privacy page: what is kept and for how long, their data as a download, and closing the account.</summary>
[Authorize]
public sealed class MyDataPageModel(MyData data, TimeProvider clock, JobsOptions jobs, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    IStringLocalizer<MyDataPageModel> words) : PageModel
{
    public int RetentionDays { get; private set; }

    public bool IsStaff { get; private set; }

    public bool Closed { get; private set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public bool Understood { get; set; }

    public string? Problem { get; private set; }

    public void OnGet() => Prepare();

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        var export = await data.ExportAsync(User.UserId(), clock.GetUtcNow().UtcDateTime, ct);
        if (export is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(export, new JsonSerializerOptions(json.Value.SerializerOptions) { WriteIndented = true });
        return File(bytes, "application/json", MyDataApi.FileName(export.ExportedAtUtc));
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        Prepare();
        // A box ticked as anything but "true" ("2") is not ticked; its raw value would make the redrawn checkbox throw.
        if (ModelState[nameof(Understood)] is { Errors.Count: > 0 })
        {
            ModelState.Remove(nameof(Understood));
            Understood = false;
        }

        if (!Understood)
        {
            Problem = words["Tick the box to say you understand that closing cannot be undone."];
            return Page();
        }

        try
        {
            Problem = await data.CloseAsync(User.UserId(), Password, ct) is { } refused ? words[refused].Value : null;
        }
        catch (DomainException e) when (e.Code is ErrorCodes.Forbidden or ErrorCodes.InvalidState)
        {
            Problem = words[e.Message].Value; // the refusals MyData writes are keys here; any other message comes back as itself
        }
        catch (DomainException e) when (e.Code is ErrorCodes.NotFound)
        {
            // Closed already (another tab, another node): there is nothing left to close.
            Problem = null;
        }

        if (Problem is not null)
        {
            return Page();
        }

        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        Closed = true;
        return Page();
    }

    private void Prepare()
    {
        RetentionDays = jobs.RetentionDays; // the value the privacy sweep uses, read once at start-up
        IsStaff = User.IsStaff();
    }
}
