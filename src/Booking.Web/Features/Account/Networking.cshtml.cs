using Booking.Domain.Common;
using Booking.Domain.Networking;
using Booking.Web.Infrastructure;
using Booking.Workflows.Networking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Account;

/// <summary>
/// <c>/account/networking</c>: the signed-in patron's networking profile and the requests to connect they sent and
/// received. It also takes the session page's opt-in and ask-to-connect forms (and sends the patron back there), so the
/// session page needs no handlers of its own. Messages are English keys the views translate.
/// </summary>
[Authorize]
public sealed class NetworkingModel(SessionNetworking networking, IStringLocalizer<NetworkingModel> words) : PageModel
{
    /// <summary>The TempData key of a message (an English sentence, translated where it is shown).</summary>
    public const string MessageKey = "NetworkingMessage";

    /// <summary>The TempData key of a refusal shown on the session page.</summary>
    public const string ProblemKey = "NetworkingProblem";

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? WhatIDo { get; set; }

    [BindProperty]
    public List<Guid> Offers { get; set; } = [];

    [BindProperty]
    public List<Guid> Seeks { get; set; } = [];

    [BindProperty]
    public string? Link { get; set; }

    public IReadOnlyList<Topic> Topics { get; private set; } = [];

    public ProfileView? Profile { get; private set; }

    public IReadOnlyList<ConnectionView> Connections { get; private set; } = [];

    public IReadOnlyList<ProfileProblem> Problems { get; private set; } = [];

    public string? Problem { get; private set; }

    public string? ProblemFor(string field) => Problems.FirstOrDefault(p => p.Field == field)?.Message;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Profile is { } p)
        {
            DisplayName = p.DisplayName;
            WhatIDo = p.WhatIDo;
            Offers = [.. p.Offers.Select(t => t.Id)];
            Seeks = [.. p.Seeks.Select(t => t.Id)];
            Link = p.Link;
        }
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        Problems = await networking.SaveProfileAsync(User.UserId(), new ProfileInput(DisplayName, WhatIDo, Offers, Seeks, Link), ct);
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }

        TempData[MessageKey] = words["Your networking profile is saved."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        await networking.DeleteProfileAsync(User.UserId(), ct);
        TempData[MessageKey] = words["Your networking profile is removed and no longer shown at any session."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid requestId, bool accept, CancellationToken ct)
    {
        try
        {
            await networking.AnswerAsync(User.UserId(), requestId, accept, ct);
            TempData[MessageKey] = accept
                ? words["You accepted: we are e-mailing each of you the other's contact details."].Value
                : words["You declined the request. Nothing was shared."].Value;
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            Problem = e.Message;
            Response.StatusCode = ErrorStatuses.StatusFor(e.Code);
            await OnGetAsync(ct);
            return Page();
        }
    }

    /// <summary>Opt in or out at one session, from its page; back to it with what happened.</summary>
    public Task<IActionResult> OnPostConsentAsync(Guid sessionId, bool show, CancellationToken ct) => ForSessionAsync(sessionId, async () =>
    {
        await networking.SetConsentAsync(User.UserId(), sessionId, show, ct);
        return show
            ? words["Your profile is shown to the other registered attendees of this session."].Value
            : words["Your profile is no longer shown at this session."].Value;
    });

    /// <summary>Ask another attendee to connect, from the session page.</summary>
    public Task<IActionResult> OnPostConnectAsync(Guid sessionId, Guid attendeeId, CancellationToken ct) => ForSessionAsync(sessionId, async () =>
    {
        await networking.AskAsync(User.UserId(), sessionId, attendeeId, ct);
        return words["Your request is sent. If they accept, we e-mail you both each other's contact details."].Value;
    });

    private async Task<IActionResult> ForSessionAsync(Guid sessionId, Func<Task<string>> action)
    {
        try
        {
            TempData[MessageKey] = await action();
        }
        catch (DomainException e)
        {
            TempData[ProblemKey] = e.Message;
        }

        return LocalRedirect($"/sessions/{sessionId}#who-is-coming");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Topics = await networking.TopicsAsync(ct);
        Profile = await networking.ProfileAsync(User.UserId(), ct);
        Connections = await networking.ConnectionsAsync(User.UserId(), ct);
    }
}
