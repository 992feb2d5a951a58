namespace Booking.Domain.Patrons;

/// <summary>
/// A library card number as the library prints it: 4 to 20 letters and digits. Stored trimmed and upper-case so that
/// "ab 1234"-style typing differences never make two accounts share a card; shown masked outside staff pages.
/// </summary>
public static class LibraryCard
{
    public const int MinLength = 4;
    public const int MaxLength = 20;

    /// <summary>The stored form of <paramref name="input"/> (trimmed, upper-case), or null when it is not a card number.</summary>
    public static string? Normalise(string? input)
    {
        var trimmed = input?.Trim();
        if (trimmed is null || trimmed.Length is < MinLength or > MaxLength)
        {
            return null;
        }

        // ASCII only: a look-alike letter from another script must not make a second "same" card.
        foreach (var c in trimmed)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return null;
            }
        }

        return trimmed.ToUpperInvariant();
    }

    /// <summary>The last four characters, the rest hidden: "•••• 1234".</summary>
    public static string Mask(string number) => "•••• " + number[^Math.Min(4, number.Length)..];

    public const string Rule = "A library card number is 4 to 20 letters and digits (no spaces or signs).";
}
