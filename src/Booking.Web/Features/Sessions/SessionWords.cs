using System.Globalization;
using System.Resources;
using Booking.Domain.Common;

namespace Booking.Web.Features.Sessions;

/// <summary>
/// Session facts in a patron's words, in the request's language: the English sentence is the key, its translation in
/// <c>SessionWords.{language}.resx</c> beside this file; dates in the culture's own patterns.
/// </summary>
public static class SessionWords
{
    private static readonly ResourceManager Words = new("Booking.Web.Features.Sessions.SessionWords", typeof(SessionWords).Assembly);

    public static string Kind(string kind) => kind switch
    {
        "training" => Say("Training"),
        "networking" => Say("Networking"),
        "workshop" => Say("Workshop"),
        _ => kind,
    };

    public static string Places(SessionView s) =>
        s.Status == "cancelled" ? Say("Cancelled: {0}", s.CancellationReason)
        : s.PlacesLeft == 0 ? Say("Full: all {0} taken, {1} on the waiting list", s.Capacity, s.Waiting)
        : s.PlacesLeft == 1 ? Say("1 place left of {0}", s.Capacity)
        : Say("{0} places left of {1}", s.PlacesLeft, s.Capacity);

    public static string Host(SessionView s) => s.Host.Type == "partner" ? Say("Hosted by our partner {0}", s.Host.Name) : Say("Hosted by library staff");

    /// <summary>The session's day and times at its branch ("Tue, Dec 1, 2:00 PM–4:00 PM"; "mar, 1 de dic, 14:00–16:00").</summary>
    public static string When(SessionView s) => When(s.Start.DateTime, s.End.DateTime);

    public static string When(DateTime startLocal, DateTime endLocal) =>
        $"{LocalCalendar.Short(startLocal, CultureInfo.CurrentCulture)}–{LocalCalendar.Clock(TimeOnly.FromDateTime(endLocal), CultureInfo.CurrentCulture)}";

    /// <summary>The patron's own registration: "registered" or "waitlisted", with the place in line when known.</summary>
    public static string? Mine(string? status, int? position) => status switch
    {
        "registered" => Say("You are registered."),
        "waitlisted" when position is { } p => Say("You are on the waiting list, number {0} in line.", p),
        "waitlisted" => Say("You are on the waiting list."),
        "attended" or "passed" => Say("You attended."),
        _ => null,
    };

    private static string Say(string english, params object?[] args)
    {
        var culture = CultureInfo.CurrentUICulture;
        return string.Format(culture, Words.GetString(english, culture) ?? english, args);
    }
}
