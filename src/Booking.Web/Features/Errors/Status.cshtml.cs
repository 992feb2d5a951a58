using Booking.Data.Identity;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Errors;

/// <summary>
/// The page a person sees for an error status outside the API (404, 403, 500, ...), in the site's look. Only the
/// status pages and the exception handler re-execute to it; asked for directly, it is itself "not found".
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // a refused form post is re-executed here as a POST
public sealed class StatusModel(IStringLocalizer<StatusModel> words) : PageModel
{
    public const string PathFormat = "/error/{0}";

    public static string PathFor(int status) => string.Format(System.Globalization.CultureInfo.InvariantCulture, PathFormat, status);

    public int Status { get; private set; }

    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    /// <summary>The role a refused page needs (403), as the authorization result left it.</summary>
    public string? NeededRole { get; private set; }

    /// <summary>For a 500: the request's id, for staff to find it in the logs.</summary>
    public string? TraceId { get; private set; }

    /// <summary>
    /// Called by the page itself rather than from a handler, so every method re-executed here (a refused POST, a
    /// DELETE to a page) is answered the same way.
    /// </summary>
    public void Describe()
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Status = reExecuted && RouteData.Values["code"] is string text && int.TryParse(text, out var code) && code is >= 400 and <= 599
            ? code
            : StatusCodes.Status404NotFound;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null && Response.StatusCode is >= 400 and <= 599)
        {
            Status = Response.StatusCode; // what ExceptionProblems.StatusFor chose for the exception
        }

        if (Status == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = "5";
        }

        Response.StatusCode = Status;
        NeededRole = HttpContext.Items[ApiAuthorizationResults.NeededRoleItem] as string;
        var (heading, explanation) = Status switch
        {
            StatusCodes.Status404NotFound => ("Page not found",
                "There is no page at this address. The link may be mistyped, or what it showed may have been removed."),
            StatusCodes.Status403Forbidden when NeededRole == Roles.Admin => ("Not for this account",
                "This page is for admins only. Your account can use the staff desk; ask an admin if something here needs changing."),
            StatusCodes.Status403Forbidden when NeededRole == Roles.Staff => ("Not for this account",
                "This page is for library staff only. If you work at the desk, sign in with your staff account."),
            StatusCodes.Status403Forbidden => ("Not for this account", "Your account cannot open this page."),
            StatusCodes.Status401Unauthorized => ("Sign in first", "This page is for signed-in library staff."),
            StatusCodes.Status429TooManyRequests => ("Too many attempts", "Wait a few minutes, then try again."),
            >= 500 => ("Something went wrong on our side",
                "Nothing you did caused this, and nothing was changed. Try again in a moment; if it keeps happening, tell staff at the desk."),
            _ => ("This request could not be answered", "Go back and try again, or start from the home page."),
        };
        (Heading, Explanation) = (words[heading].Value, words[explanation].Value);
        TraceId = Status >= 500 ? HttpContext.TraceIdentifier : null;
    }
}
