using System.Globalization;
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

    /// <summary>
    /// A <c>validation</c> answer; each message (an English sentence of <see cref="FieldWords"/>, or one already said in
    /// the request's language) in the current UI culture. <paramref name="worded"/> says the detail is in that language too.
    /// </summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string? detail = null, bool worded = false)
    {
        var culture = CultureInfo.CurrentUICulture;
        var said = errors.ToDictionary(e => e.Key, e => e.Value.Select(m => FieldWords.Say(m, culture)).ToArray(), StringComparer.Ordinal);
        var extensions = new Dictionary<string, object?> { ["code"] = ErrorCodes.Validation };
        if (worded || (detail is not null && FieldWords.Knows(detail, culture)))
        {
            extensions[ProblemWords.Worded] = true;
        }

        return TypedResults.ValidationProblem(said, detail: detail is null ? "Some fields are missing or not valid." : FieldWords.Say(detail, culture),
            title: "The request is not valid", extensions: extensions);
    }

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] }, message);

    /// <summary>A refused domain request, its detail in the request's language when it has words there.</summary>
    public static ProblemHttpResult Of(DomainException refused) =>
        refused.IsWordedIn(CultureInfo.CurrentUICulture)
            ? Of(refused.Code, refused.Message, new Dictionary<string, object?> { [ProblemWords.Worded] = true })
            : Of(refused.Code, refused.Message);
}
