using Microsoft.AspNetCore.Http.HttpResults;

namespace Booking.Web.Infrastructure;

/// <summary>RFC 9457 answers with the SPEC's <c>code</c> field.</summary>
public static class Problems
{
    public static ProblemHttpResult Of(string code, string detail, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?>(extra ?? new Dictionary<string, object?>()) { ["code"] = code };
        return TypedResults.Problem(detail: detail, statusCode: ProblemCodes.StatusFor(code), title: TitleFor(code), extensions: extensions);
    }

    public static ProblemHttpResult NotFound(string what) => Of(ProblemCodes.NotFound, $"No {what} with that id (or it is not yours).");

    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail: detail ?? "Some fields are missing or not valid.", title: "The request is not valid",
            extensions: new Dictionary<string, object?> { ["code"] = ProblemCodes.Validation });

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] }, message);

    public static string TitleFor(string code) => code switch
    {
        ProblemCodes.Validation => "The request is not valid",
        ProblemCodes.Forbidden => "You may not do this",
        ProblemCodes.NotFound => "Not found",
        ProblemCodes.CertificationRequired => "A certification is required",
        ProblemCodes.SlotTaken => "That time is already taken",
        ProblemCodes.Conflict => "That conflicts with the current state",
        ProblemCodes.InvalidState => "Not possible in the reservation's current state",
        ProblemCodes.TooLarge => "The request is too large",
        _ => "The booking rules do not allow this",
    };
}
