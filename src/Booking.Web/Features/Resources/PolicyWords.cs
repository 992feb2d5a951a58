using Booking.Domain.Resources;
using Booking.Web.Features.Home;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Resources;

/// <summary>
/// A booking policy as the sentences a patron reads on a resource's page: how long, how far ahead, check-in, cancelling.
/// Each sentence is a whole key of <paramref name="words"/> (the resource page's resources); durations come from <see cref="SpaceSearch.Words"/>.
/// </summary>
public static class PolicyWords
{
    public static IReadOnlyList<string> Sentences(BookingPolicy policy, string kindName, IStringLocalizer words, IStringLocalizer<SpaceSearch> durations)
    {
        string Span(int minutes) => SpaceSearch.Words(minutes, durations);
        var kind = kindName.ToLowerInvariant();
        var sentences = new List<string>
        {
            policy.MinDurationMinutes == policy.MaxDurationMinutes
                ? words["Each booking lasts {0}, starting every {1}.", Span(policy.MinDurationMinutes), Span(policy.SlotMinutes)]
                : words["Book it for {0} to {1} at a time, in steps of {2}.", Span(policy.MinDurationMinutes), Span(policy.MaxDurationMinutes), Span(policy.SlotMinutes)],
            policy.LeadTimeMinutes > 0
                ? words["Book up to {0} ahead, and at least {1} before you start.", Days(policy.AdvanceWindowDays, words), Span(policy.LeadTimeMinutes)]
                : words["Book up to {0} ahead, up to the moment you start.", Days(policy.AdvanceWindowDays, words)],
        };
        if (policy.BufferAfterMinutes > 0)
        {
            sentences.Add(words["{0} are kept free after each booking (to tidy up or cool down).", Span(policy.BufferAfterMinutes)]);
        }

        var active = policy.MaxActiveReservations is { } count ? (count == 1 ? words["one upcoming booking"] : words["{0} upcoming bookings", count]).Value : null;
        var weekly = policy.MaxHoursPerWeek is { } hours ? (hours == 1 ? words["1 hour a week"] : words["{0} hours a week", hours]).Value : null;
        if (active is not null && weekly is not null)
        {
            sentences.Add(words["Each patron may have up to {0} and {1} of {2} bookings.", active, weekly, kind]);
        }
        else if ((active ?? weekly) is { } limit)
        {
            sentences.Add(words["Each patron may have up to {0} of {1} bookings.", limit, kind]);
        }

        if (policy.RequiresApproval)
        {
            sentences.Add(words["Staff approve each booking: it is confirmed once they have."]);
        }

        sentences.Add(policy.CheckInOpensMinutesBefore > 0
            ? words["Check in from {0} before your start; if you have not checked in {1} after it, the time is given to others.", Span(policy.CheckInOpensMinutesBefore), Span(policy.NoShowGraceMinutes)]
            : words["Check in from your start; if you have not checked in {0} after it, the time is given to others.", Span(policy.NoShowGraceMinutes)]);
        sentences.Add(words["Cancel any time before you check in, from My reservations: the time goes to the next person waiting."]);
        return sentences;
    }

    private static string Days(int days, IStringLocalizer words) => days switch
    {
        1 => words["1 day"],
        7 => words["1 week"],
        14 or 21 or 28 => words["{0} weeks", days / 7],
        _ => words["{0} days", days],
    };
}
