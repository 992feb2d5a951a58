using Booking.Domain.Common;

namespace Booking.Web.Infrastructure;

/// <summary>The HTTP side of the domain's <see cref="ErrorCodes"/>, in one place: each code's status and title.</summary>
public static class ErrorStatuses
{
    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.Validation => StatusCodes.Status400BadRequest,
        ErrorCodes.Forbidden or ErrorCodes.CertificationRequired or ErrorCodes.EmailUnconfirmed => StatusCodes.Status403Forbidden,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.SlotTaken or ErrorCodes.Conflict or ErrorCodes.InvalidState => StatusCodes.Status409Conflict,
        ErrorCodes.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>The code for a bare status answer (no handler said more).</summary>
    public static string? ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorCodes.Validation,
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status409Conflict => ErrorCodes.Conflict,
        StatusCodes.Status413PayloadTooLarge => ErrorCodes.TooLarge,
        StatusCodes.Status503ServiceUnavailable => ErrorCodes.Unavailable,
        _ => null,
    };

    public static string TitleFor(string code) => code switch
    {
        ErrorCodes.Validation => "The request is not valid",
        ErrorCodes.Forbidden => "You may not do this",
        ErrorCodes.NotFound => "Not found",
        ErrorCodes.CertificationRequired => "A certification is required",
        ErrorCodes.SlotTaken => "That time is already taken",
        ErrorCodes.Conflict => "That conflicts with the current state",
        ErrorCodes.InvalidState => "Not possible in the reservation's current state",
        ErrorCodes.EmailUnconfirmed => "Confirm your e-mail address first",
        ErrorCodes.RateLimited => "Too many requests",
        ErrorCodes.TooLarge => "The request is too large",
        ErrorCodes.Unavailable => "Temporarily unavailable",
        _ => "The booking rules do not allow this",
    };
}
