using Booking.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Partners;

/// <summary>The partner form's fields, checked the same way on the create and edit pages.</summary>
public sealed class PartnerFields
{
    public const int NameLength = 200;
    public const int TextLength = 2000;
    public const int WebsiteLength = 400;

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Offers { get; set; }

    public string? Website { get; set; }

    /// <summary>Adds a message per bad field under "Partner.*", in the reader's language; <paramref name="self"/> is the partner being edited.</summary>
    public async Task CheckAsync(BookingDbContext db, ModelStateDictionary state, Guid? self, IStringLocalizer<PartnerFields> words, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            state.AddModelError("Partner.Name", words["Give the organisation's name."]);
        }
        else if (Name.Trim().Length > NameLength)
        {
            state.AddModelError("Partner.Name", words["The name is at most {0} characters.", NameLength]);
        }
        else
        {
            var name = Name.Trim();
            if (await db.Partners.AnyAsync(p => p.Name == name && p.Id != self, ct))
            {
                state.AddModelError("Partner.Name", words["Another partner already has this name."]);
            }
        }

        if (Description is { Length: > TextLength })
        {
            state.AddModelError("Partner.Description", words["The description is at most {0} characters.", TextLength]);
        }

        if (Offers is { Length: > TextLength })
        {
            state.AddModelError("Partner.Offers", words["What they offer is at most {0} characters.", TextLength]);
        }

        if (!string.IsNullOrWhiteSpace(Website) && !IsWebAddress(Website.Trim()))
        {
            state.AddModelError("Partner.Website", words["Give a web address starting with https:// or http:// (at most {0} characters).", WebsiteLength]);
        }
    }

    /// <summary>Only http(s) addresses become links on the public page (never javascript: or data:).</summary>
    public static bool IsWebAddress(string? text) =>
        text is { Length: > 0 and <= WebsiteLength } && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}
