using System.Globalization;
using System.Resources;

namespace Booking.Domain.Common;

/// <summary>
/// Validation messages and refusals that have no facts of their own (a field's "{0} is required.", a staff action's
/// "The session is cancelled."), in the reader's language: the English sentence is the key, <c>FieldWords.{language}.resx</c>
/// holds the other languages (like the views' resx), its <c>{0}</c> placeholders filled in that culture. A sentence
/// with no translation is said in English.
/// </summary>
public static class FieldWords
{
    private static readonly ResourceManager Words = new("Booking.Domain.Common.FieldWords", typeof(FieldWords).Assembly);

    public static string Say(string english, CultureInfo culture, params object?[] args)
    {
        var template = Own(culture)?.GetString(english) ?? english;
        return args.Length == 0 ? template : string.Format(culture, template, args.Select(a => Shown(a, culture)).ToArray());
    }

    /// <summary>Whether <paramref name="culture"/> has its own sentence for <paramref name="english"/> (English knows every one).</summary>
    public static bool Knows(string english, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == Languages.Default || Own(culture)?.GetString(english) is not null;

    /// <summary>Every English sentence the <paramref name="culture"/> catalogue translates (tests check their placeholders).</summary>
    public static IReadOnlyDictionary<string, string> Catalogue(CultureInfo culture) =>
        Own(culture)?.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    private static ResourceSet? Own(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == Languages.Default ? null : Words.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? (culture.IsNeutralCulture ? null : Words.GetResourceSet(culture.Parent, createIfNotExists: true, tryParents: false));

    // A day of the week in the reader's words; everything else as the culture formats it.
    private static object? Shown(object? value, CultureInfo culture) => value switch
    {
        DayOfWeek day => culture.DateTimeFormat.GetDayName(day),
        _ => value,
    };
}
