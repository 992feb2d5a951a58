using System.Net.Mail;

namespace Booking.Domain.Patrons;

/// <summary>
/// A patron account staff create at the desk for someone who may have no e-mail address: a name and a library card
/// number, and an address only if they have one. Staff vouch for the person, so the address needs no confirmation.
/// </summary>
public sealed record NewPatron(string DisplayName, string CardNumber, string? Email)
{
    public const int MaxNameLength = 100;

    /// <summary>The width of Identity's e-mail column.</summary>
    public const int MaxEmailLength = 256;

    public const string NameRule = "Give the patron's name (at most 100 characters).";

    public const string EmailRule = "Give an e-mail address such as name@example.org, or leave it empty.";

    /// <summary>
    /// The patron as stored (name trimmed, card normalised, address trimmed or null), or each field's problem
    /// (<c>displayName</c>, <c>cardNumber</c>, <c>email</c>) when the input is not one.
    /// </summary>
    public static (NewPatron? Patron, IReadOnlyList<(string Field, string Message)> Problems) Read(string? displayName, string? cardNumber, string? email)
    {
        var problems = new List<(string, string)>();
        var name = displayName?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength || name.Contains('\0'))
        {
            problems.Add(("displayName", NameRule));
        }

        var card = LibraryCard.Normalise(cardNumber);
        if (card is null)
        {
            problems.Add(("cardNumber", LibraryCard.Rule));
        }

        var address = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (address is not null && !IsAddress(address))
        {
            problems.Add(("email", EmailRule));
        }

        return problems.Count > 0 ? (null, problems) : (new NewPatron(name, card!, address), problems);
    }

    private static bool IsAddress(string email) =>
        email.Length <= MaxEmailLength && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email;
}
