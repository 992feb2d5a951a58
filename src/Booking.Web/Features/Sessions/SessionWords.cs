namespace Booking.Web.Features.Sessions;

/// <summary>Session facts in a patron's words, for the pages.</summary>
public static class SessionWords
{
    public static string Kind(string kind) => kind switch
    {
        "training" => "Training",
        "networking" => "Networking",
        "workshop" => "Workshop",
        _ => kind,
    };

    public static string Places(SessionView s) =>
        s.Status == "cancelled" ? $"Cancelled: {s.CancellationReason}"
        : s.PlacesLeft == 0 ? $"Full: all {s.Capacity} taken, {s.Waiting} on the waiting list"
        : s.PlacesLeft == 1 ? $"1 place left of {s.Capacity}"
        : $"{s.PlacesLeft} places left of {s.Capacity}";

    public static string Host(SessionView s) => s.Host.Type == "partner" ? $"Hosted by our partner {s.Host.Name}" : "Hosted by library staff";

    public static string When(SessionView s) => $"{s.Start:dddd d MMMM, HH:mm}–{s.End:HH:mm}";

    /// <summary>The patron's own registration: "registered" or "waitlisted", with the place in line when known.</summary>
    public static string? Mine(string? status, int? position) => status switch
    {
        "registered" => "You are registered.",
        "waitlisted" when position is { } p => $"You are on the waiting list, number {p} in line.",
        "waitlisted" => "You are on the waiting list.",
        "attended" or "passed" => "You attended.",
        _ => null,
    };
}
