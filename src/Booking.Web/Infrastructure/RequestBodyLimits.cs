using Booking.Domain.Common;
using Microsoft.AspNetCore.Http.Features;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Caps request bodies: an API body is a small JSON document, a page's form a few fields, so anything larger is
/// refused with 413 before it is read. A declared length is checked at once; a streamed body is stopped by the
/// server's own limit, which <see cref="ExceptionProblems"/> turns into the same answer.
/// </summary>
public sealed class RequestBodyLimits(RequestDelegate next, IProblemDetailsService problems)
{
    public const long ApiMaxBytes = 64 * 1024;

    public const long FormMaxBytes = 1024 * 1024;

    /// <summary>A resource photo's form: the file (<see cref="Features.Resources.PhotoEncoding.MaxUploadBytes"/>) and its few fields.</summary>
    public const long PhotoFormMaxBytes = Features.Resources.PhotoEncoding.MaxUploadBytes + (64 * 1024);

    public static long LimitFor(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") ? ApiMaxBytes
        : Features.Resources.PhotoModel.IsUpload(request) ? PhotoFormMaxBytes
        : FormMaxBytes;

    public static string TooLarge(long limit) => limit >= 1024 * 1024 ? $"The request body is too large: at most {limit / (1024 * 1024)} MB." : $"The request body is too large: at most {limit / 1024} KB.";

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = LimitFor(context.Request);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = ErrorStatuses.TitleFor(ErrorCodes.TooLarge),
                    Detail = TooLarge(limit),
                    Extensions = { ["code"] = ErrorCodes.TooLarge },
                },
            });
            return;
        }

        await next(context);
    }
}
