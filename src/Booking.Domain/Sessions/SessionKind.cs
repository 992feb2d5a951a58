namespace Booking.Domain.Sessions;

/// <summary>What a session is: a training (a pass grants its certification), a networking meet-up, or a workshop.</summary>
public enum SessionKind
{
    Training,
    Networking,
    Workshop,
}

/// <summary>The codes the API and database use for session kinds and registration statuses.</summary>
public static class SessionCodes
{
    public static readonly IReadOnlyList<string> Kinds = ["training", "networking", "workshop"];

    public static string ToCode(this SessionKind kind) => kind switch
    {
        SessionKind.Training => "training",
        SessionKind.Networking => "networking",
        SessionKind.Workshop => "workshop",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParseKind(string? code, out SessionKind kind)
    {
        kind = code switch
        {
            "training" => SessionKind.Training,
            "networking" => SessionKind.Networking,
            "workshop" => SessionKind.Workshop,
            _ => (SessionKind)(-1),
        };
        return Enum.IsDefined(kind);
    }

    public static string ToCode(this RegistrationStatus status) => status switch
    {
        RegistrationStatus.Registered => "registered",
        RegistrationStatus.Waitlisted => "waitlisted",
        RegistrationStatus.Cancelled => "cancelled",
        RegistrationStatus.Attended => "attended",
        RegistrationStatus.Passed => "passed",
        RegistrationStatus.NoShow => "no-show",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static RegistrationStatus StatusFromCode(string code) => code switch
    {
        "registered" => RegistrationStatus.Registered,
        "waitlisted" => RegistrationStatus.Waitlisted,
        "cancelled" => RegistrationStatus.Cancelled,
        "attended" => RegistrationStatus.Attended,
        "passed" => RegistrationStatus.Passed,
        "no-show" => RegistrationStatus.NoShow,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown registration status."),
    };
}
