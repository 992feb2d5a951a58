using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Booking.Web.Infrastructure;

/// <summary>RFC 9457 answers with the SPEC's <c>code</c> field.</summary>
public static class Problems
{
    public static ProblemHttpResult Of(string code, string detail, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?>(extra ?? new Dictionary<string, object?>()) { ["code"] = code };
        return TypedResults.Problem(detail: detail, statusCode: ErrorStatuses.StatusFor(code), title: ErrorStatuses.TitleFor(code), extensions: extensions);
    }

    /// <summary>A refusal, its detail in the request's language (the current UI culture), with the certifications it lacks if any.</summary>
    public static ProblemHttpResult Refused(BookingRefusal refusal, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?>(extra ?? new Dictionary<string, object?>()) { [ProblemWords.Worded] = true };
        return Of(refusal.Code, refusal.Message, extensions);
    }

    public static ProblemHttpResult NotFound(string what) => Of(ErrorCodes.NotFound, $"No {what} with that id (or it is not yours).");

    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail: detail ?? "Some fields are missing or not valid.", title: "The request is not valid",
            extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.Validation });

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] }, message);
}
