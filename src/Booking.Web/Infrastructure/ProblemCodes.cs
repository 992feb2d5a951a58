namespace Booking.Web.Infrastructure;

/// <summary>The stable <c>code</c> values of SPEC.md's error table, and the status each one answers with.</summary>
public static class ProblemCodes
{
    public const string Validation = "validation";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not-found";
    public const string CertificationRequired = "certification-required";
    public const string SlotTaken = "slot-taken";
    public const string Conflict = "conflict";
    public const string InvalidState = "invalid-state";
    public const string TooLarge = "too-large";

    public static int StatusFor(string code) => code switch
    {
        Validation => StatusCodes.Status400BadRequest,
        Forbidden or CertificationRequired => StatusCodes.Status403Forbidden,
        NotFound => StatusCodes.Status404NotFound,
        SlotTaken or Conflict or InvalidState => StatusCodes.Status409Conflict,
        TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>The code for a bare status answer (no handler said more).</summary>
    public static string? ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => Validation,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status413PayloadTooLarge => TooLarge,
        _ => null,
    };
}
