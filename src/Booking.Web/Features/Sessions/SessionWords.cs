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

    /// <summary>The places the public can take: seats set aside for a partner are left out (see <see cref="Kept"/>).</summary>
    public static string Places(SessionView s) =>
        s.Status == "cancelled" ? Say("Cancelled: {0}", s.CancellationReason)
        : s.PlacesLeft == 0 ? Say("Full: all {0} taken, {1} on the waiting list", s.PublicCapacity, s.Waiting)
        : s.PlacesLeft == 1 ? Say("1 place left of {0}", s.PublicCapacity)
        : Say("{0} places left of {1}", s.PlacesLeft, s.PublicCapacity);

    /// <summary>The seats set aside for a partner's clients, said beside the public's places; null when there are none.</summary>
    public static string? Kept(SessionView s) =>
        s.Status == "cancelled" || s.PartnerSeats == 0 ? null
        : s.PartnerSeats == 1 ? Say("1 more place is kept for clients of {0}.", s.SeatsPartner?.Name)
        : Say("{0} more places are kept for clients of {1}.", s.PartnerSeats, s.SeatsPartner?.Name);

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

    /// <summary>A sentence in the request's language, from this file's resources (English is the key).</summary>
    public static string Say(string english, params object?[] args)
    {
        var culture = CultureInfo.CurrentUICulture;
        return string.Format(culture, Words.GetString(english, culture) ?? english, args);
    }
}
