namespace Booking.Web.Features.Reservations;

/// <summary>
/// A reservation's status as a badge: a word or two (<see cref="Text"/>), the badge's style (<see cref="Style"/>,
/// site.css <c>.badge-*</c>) and, where the word alone does not say enough, a detail. Never colour alone.
/// </summary>
public sealed record StatusLabel(string Text, string Style, string? Detail = null)
{
    public static StatusLabel For(ReservationView r) => r.Status switch
    {
        "pending" when r.OfferExpiresAt is { } until => new("offered to you", "offered", $"from the waiting list, held for you until {until:HH:mm}"),
        "pending" => new("awaiting approval", "pending", "staff approve each booking of this"),
        "confirmed" => new("confirmed", "confirmed"),
        "checked-in" when r.Overdue => new("overdue", "overdue", "past its end and not yet returned: please bring it back"),
        "checked-in" => new("checked in", "checked-in"),
        "completed" => new("completed", "completed"),
        // The default reason of a patron's own cancellation says nothing the badge does not.
        "cancelled" => new("cancelled", "cancelled", string.IsNullOrWhiteSpace(r.StatusReason) || r.StatusReason == "Cancelled by the patron." ? null : r.StatusReason),
        "no-show" => new("no-show", "no-show", "not checked in in time, so the time was released"),
        "rejected" => new("not approved", "rejected", string.IsNullOrWhiteSpace(r.StatusReason) ? null : r.StatusReason),
        _ => new(r.Status, r.Status),
    };
}
