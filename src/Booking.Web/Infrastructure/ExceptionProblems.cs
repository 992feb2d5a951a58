using System.Text.Json;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Microsoft.AspNetCore.Diagnostics;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Turns a refused domain request, unreadable input or an unreachable database into its problem details; anything
/// else stays a 500.
/// </summary>
public sealed class ExceptionProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // A person at a page gets the error page in the site's look (with the status from StatusFor), not JSON.
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            return false;
        }

        var (code, detail) = exception switch
        {
            DomainException d => (d.Code, d.Say(RequestLanguages.UiCultureOf(httpContext))),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (ErrorCodes.TooLarge, RequestBodyLimits.TooLarge(RequestBodyLimits.LimitFor(httpContext.Request))),
            BadHttpRequestException { InnerException: WordedJsonException json } => (ErrorCodes.Validation, json.Message),
            BadHttpRequestException b => (ErrorCodes.Validation, ReadableBodyMessage(b)),
            _ when DatabaseErrors.IsUnavailable(exception) => (ErrorCodes.Unavailable, "The makerspace cannot reach its database just now. Nothing was changed; please try again in a moment."),
            _ => (null, null),
        };
        if (code is null)
        {
            return false;
        }

        var status = exception is BadHttpRequestException bad && bad.StatusCode != StatusCodes.Status400BadRequest
            ? bad.StatusCode
            : ErrorStatuses.StatusFor(code);
        httpContext.Response.StatusCode = status;
        if (code == ErrorCodes.Unavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = ErrorStatuses.TitleFor(code),
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        };
        if ((exception is DomainException worded && worded.IsWordedIn(RequestLanguages.UiCultureOf(httpContext)))
            || exception is BadHttpRequestException { InnerException: WordedJsonException })
        {
            context.ProblemDetails.Extensions[ProblemWords.Worded] = true;
        }

        if (FieldOf(exception) is { } field)
        {
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail!] };
        }

        return await problems.TryWriteAsync(context);
    }

    /// <summary>The status an exception earns, for the error page as for the API: never a 500 for what is not a fault of ours.</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        DomainException d => ErrorStatuses.StatusFor(d.Code),
        BadHttpRequestException b => b.StatusCode,
        _ when DatabaseErrors.IsUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The body field a JSON error points at (<c>$.start</c> is <c>start</c>), so the answer names it like any other field error.</summary>
    private static string? FieldOf(Exception exception) =>
        exception is BadHttpRequestException { InnerException: JsonException { Path: { Length: > 2 } path } } && path.StartsWith("$.", StringComparison.Ordinal)
            ? path[2..]
            : null;

    private static string ReadableBodyMessage(BadHttpRequestException exception)
    {
        // The inner JSON error says where the body went wrong; the outer one only that it did.
        var inner = exception.InnerException?.Message;
        return inner is null ? exception.Message : $"{exception.Message} {inner}";
    }
}
