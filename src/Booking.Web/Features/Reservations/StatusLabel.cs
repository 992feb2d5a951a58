using System.Globalization;
using Booking.Domain.Common;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Reservations;

/// <summary>
/// A reservation's status as a badge: a word or two (<see cref="Text"/>), the badge's style (<see cref="Style"/>,
/// site.css <c>.badge-*</c>) and, where the word alone does not say enough, a detail. Never colour alone.
/// The words come from <c>StatusLabel.es.resx</c> in the reader's language (English is the key).
/// </summary>
public sealed record StatusLabel(string Text, string Style, string? Detail = null)
{
    public static StatusLabel For(ReservationView r, IStringLocalizer<StatusLabel> words)
    {
        string W(string english, params object[] facts) => words[english, facts].Value;
        return r.Status switch
        {
            "pending" when r.OfferExpiresAt is { } until => new(W("offered to you"), "offered", W("from the waiting list, held for you until {0}", LocalCalendar.Clock(TimeOnly.FromDateTime(until.DateTime), CultureInfo.CurrentCulture))),
            "pending" => new(W("awaiting approval"), "pending", W("staff approve each booking of this")),
            "confirmed" => new(W("confirmed"), "confirmed"),
            "checked-in" when r.Overdue => new(W("overdue"), "overdue", W("past its end and not yet returned: please bring it back")),
            "checked-in" => new(W("checked in"), "checked-in"),
            "completed" => new(W("completed"), "completed"),
            // The default reason of a patron's own cancellation says nothing the badge does not.
            "cancelled" => new(W("cancelled"), "cancelled", r.StatusReason switch
            {
                null or "" or "Cancelled by the patron." => null,
                "Cancelled by staff." => W("Cancelled by staff."), // the domain's default, not words staff typed
                _ => r.StatusReason,
            }),
            "no-show" => new(W("no-show"), "no-show", W("not checked in in time, so the time was released")),
            "rejected" => new(W("not approved"), "rejected", string.IsNullOrWhiteSpace(r.StatusReason) ? null : r.StatusReason),
            _ => new(r.Status, r.Status),
        };
    }
}
