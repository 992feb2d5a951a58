using Booking.Domain.Resources;
using Booking.Web.Features.Home;

namespace Booking.Web.Features.Resources;

/// <summary>A booking policy as the sentences a patron reads on a resource's page: how long, how far ahead, check-in, cancelling.</summary>
public static class PolicyWords
{
    public static IReadOnlyList<string> Sentences(BookingPolicy policy, string kindName)
    {
        var kind = kindName.ToLowerInvariant();
        var sentences = new List<string>
        {
            policy.MinDurationMinutes == policy.MaxDurationMinutes
                ? $"Each booking lasts {SpaceSearch.Words(policy.MinDurationMinutes)}, starting every {SpaceSearch.Words(policy.SlotMinutes)}."
                : $"Book it for {SpaceSearch.Words(policy.MinDurationMinutes)} to {SpaceSearch.Words(policy.MaxDurationMinutes)} at a time, in steps of {SpaceSearch.Words(policy.SlotMinutes)}.",
            policy.LeadTimeMinutes > 0
                ? $"Book up to {Days(policy.AdvanceWindowDays)} ahead, and at least {SpaceSearch.Words(policy.LeadTimeMinutes)} before you start."
                : $"Book up to {Days(policy.AdvanceWindowDays)} ahead, up to the moment you start.",
        };
        if (policy.BufferAfterMinutes > 0)
        {
            sentences.Add($"{SpaceSearch.Words(policy.BufferAfterMinutes)} are kept free after each booking (to tidy up or cool down).");
        }

        var limits = new List<string>();
        if (policy.MaxActiveReservations is { } active)
        {
            limits.Add(active == 1 ? "one upcoming booking" : $"{active} upcoming bookings");
        }

        if (policy.MaxHoursPerWeek is { } hours)
        {
            limits.Add(hours == 1 ? "1 hour a week" : $"{hours} hours a week");
        }

        if (limits.Count > 0)
        {
            sentences.Add($"Each patron may have up to {string.Join(" and ", limits)} of {kind} bookings.");
        }

        if (policy.RequiresApproval)
        {
            sentences.Add("Staff approve each booking: it is confirmed once they have.");
        }

        var opens = policy.CheckInOpensMinutesBefore > 0 ? $"{SpaceSearch.Words(policy.CheckInOpensMinutesBefore)} before your start" : "your start";
        sentences.Add($"Check in from {opens}; if you have not checked in {SpaceSearch.Words(policy.NoShowGraceMinutes)} after it, the time is given to others.");
        sentences.Add("Cancel any time before you check in, from My reservations: the time goes to the next person waiting.");
        return sentences;
    }

    private static string Days(int days) => days switch
    {
        1 => "1 day",
        7 => "1 week",
        14 or 21 or 28 => $"{days / 7} weeks",
        _ => $"{days} days",
    };
}
