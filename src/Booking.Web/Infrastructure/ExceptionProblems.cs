using Booking.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Booking.Web.Infrastructure;

/// <summary>Turns a refused domain request or unreadable input into its problem details; anything else stays a 500.</summary>
public sealed class ExceptionProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (code, detail) = exception switch
        {
            DomainException d => (d.Code, d.Message),
            BadHttpRequestException b => (ErrorCodes.Validation, ReadableBodyMessage(b)),
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
        return await problems.TryWriteAsync(new ProblemDetailsContext
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
        });
    }

    private static string ReadableBodyMessage(BadHttpRequestException exception)
    {
        // The inner JSON error says where the body went wrong; the outer one only that it did.
        var inner = exception.InnerException?.Message;
        return inner is null ? exception.Message : $"{exception.Message} {inner}";
    }
}
