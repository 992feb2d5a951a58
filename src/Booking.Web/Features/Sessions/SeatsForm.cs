using System.Globalization;
using Booking.Domain.Common;
using Booking.Domain.Sessions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Booking.Web.Features.Sessions;

/// <summary>
/// The session forms' checks of seats set aside for a partner, in the reader's words: the same rules the domain applies
/// again under the session's lock (<see cref="Session.SetAsideSeats"/>), so the API and the pages refuse alike.
/// </summary>
public static class SeatsForm
{
    public const string PartnerField = "SeatsPartnerId";

    public const string SeatsField = "PartnerSeats";

    /// <summary>
    /// Adds an error for each rule broken. <paramref name="existing"/> is the session being edited (null when scheduling):
    /// its partner's clients already on the seats and the public's places bound the change.
    /// </summary>
    public static void Check(ModelStateDictionary state, Guid? partnerId, int? seats, int? capacity, Guid? hostPartnerId,
        IReadOnlyList<(Guid Id, string Name)> partners, Session? existing)
    {
        if (state[SeatsField] is { Errors.Count: > 0 } entry)
        {
            entry.Errors.Clear();
            state.AddModelError(SeatsField, SessionWords.Say("Give a whole number."));
            return;
        }

        var count = seats ?? 0;
        if (partnerId is { } chosen && partners.All(p => p.Id != chosen))
        {
            state.AddModelError(PartnerField, SessionWords.Say("Choose a partner organisation from the list, or none."));
            return;
        }

        if (count < 0 || (capacity is { } most && count > most))
        {
            state.AddModelError(SeatsField, SessionWords.Say("Set aside 0 seats, or up to the capacity ({0}).", capacity ?? Session.MaxCapacity));
        }
        else if (count > 0 && partnerId is null)
        {
            state.AddModelError(PartnerField, SessionWords.Say("Choose the partner organisation the seats are set aside for."));
        }
        else if (count == 0 && partnerId is not null)
        {
            state.AddModelError(SeatsField, SessionWords.Say("Say how many seats to set aside for the partner, or choose none."));
        }
        else if (count > 0 && partnerId == hostPartnerId)
        {
            state.AddModelError(PartnerField, SessionWords.Say("The hosting partner registers its clients for any place: set seats aside for another partner."));
        }
        else if (existing?.SeatsChangeRefusal(partnerId, count) is { } refused)
        {
            state.AddModelError(refused.AboutPartner ? PartnerField : SeatsField, FieldWords.Say(refused.Sentence, CultureInfo.CurrentUICulture, refused.Arguments));
        }
    }
}

/// <summary>What the seats fields of the session forms show: the partners, the choice, and (when editing) how many are taken.</summary>
public sealed record SeatsFields(IReadOnlyList<(Guid Id, string Name)> Partners, Guid? PartnerId, int? Seats, int? Taken);
