using System.Globalization;
using System.Text.RegularExpressions;

namespace Booking.Domain.Reservations;

/// <summary>
/// The no-show strike rule: <see cref="Count"/> no-shows of one kind within <see cref="WindowDays"/> days suspend
/// the patron's new bookings of that kind for <see cref="SuspensionDays"/> days. No-shows that earned a suspension
/// already do not count again, and none count while a suspension is in force.
/// </summary>
public sealed partial record NoShowStrikes(int Count = 3, int WindowDays = 60, int SuspensionDays = 14)
{
    /// <summary>The English sentence <see cref="Suspend"/> stores as the reason; pages say it again in the reader's language.</summary>
    public const string ReasonSentence = "{0} reservations of {1} not claimed in the last {2} days.";

    /// <summary>No-shows released after this instant are inside the window.</summary>
    public DateTime WindowStart(DateTime nowUtc) => nowUtc.AddDays(-WindowDays);

    /// <summary>The no-shows of one patron and kind that count now, given when each was released and that pair's suspensions.</summary>
    public int Strikes(IEnumerable<DateTime> noShowsReleasedAtUtc, IReadOnlyCollection<BookingSuspension> suspensions, DateTime nowUtc)
    {
        if (suspensions.Any(s => s.IsInForce(nowUtc)))
        {
            return 0;
        }

        var since = WindowStart(nowUtc);
        if (suspensions.Count > 0 && suspensions.Max(s => s.StartsAtUtc) > since)
        {
            since = suspensions.Max(s => s.StartsAtUtc);
        }

        return noShowsReleasedAtUtc.Count(released => released > since);
    }

    public bool Suspends(int strikes) => strikes >= Count;

    /// <summary>The suspension that <paramref name="strikes"/> no-shows of <paramref name="kindName"/> earn now.</summary>
    public BookingSuspension Suspend(Guid patronId, string kindCode, string kindName, int strikes, DateTime nowUtc) =>
        new(patronId, kindCode, nowUtc, nowUtc.AddDays(SuspensionDays), string.Format(CultureInfo.InvariantCulture, ReasonSentence, strikes, kindName, WindowDays));

    /// <summary>The strikes, kind name and window of a reason <see cref="Suspend"/> wrote; null for any other text.</summary>
    public static (int Strikes, string KindName, int WindowDays)? ReasonFacts(string reason)
    {
        var match = Reason().Match(reason);
        return match.Success
            ? (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex("^([0-9]{1,9}) reservations of (.+) not claimed in the last ([0-9]{1,9}) days\\.$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Reason();
}
