using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Booking.Domain.Common;
using Booking.Domain.Reservations;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Instants in the API must carry an offset (<c>2026-03-02T10:00:00-05:00</c> or <c>...Z</c>):
/// a time without one is ambiguous for a branch in another zone, so it is refused, not guessed.
/// Every time and date a caller gives must also lie in a sane window (the years <see cref="EarliestYear"/>
/// to <see cref="LatestYear"/>): the far edges of <see cref="DateTime"/> overflow as soon as a zone,
/// a buffer or a week is added to them.
/// </summary>
public static partial class Instants
{
    public const string Hint = "Use an ISO-8601 time with an offset, e.g. 2026-03-02T10:00:00-05:00 or 2026-03-02T15:00:00Z.";

    public const int EarliestYear = 2000;

    public const int LatestYear = 2100;

    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Why a time or date outside the window is refused, in words.</summary>
    public static readonly string OutsideWindow = $"Give a date between the years {EarliestYear} and {LatestYear}.";

    /// <summary><see cref="OutsideWindow"/> as a refusal, said in the reader's language.</summary>
    public static BookingRefusal OutsideWindowRefusal =>
        BookingRefusal.Of(ErrorCodes.Validation, RefusalReasons.YearOutsideWindow, ("earliest", EarliestYear), ("latest", LatestYear));

    public static bool InWindow(DateTimeOffset value) => value.UtcDateTime.Year is >= EarliestYear and <= LatestYear;

    public static bool InWindow(DateTime value) => value.Year is >= EarliestYear and <= LatestYear;

    public static bool InWindow(DateOnly value) => value.Year is >= EarliestYear and <= LatestYear;

    /// <summary>An instant with an offset, inside the window.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        if (text is not null
            && WithOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            && InWindow(value))
        {
            return true;
        }

        value = default; // callers carry on to collect every error: never with a time outside the window
        return false;
    }

    /// <summary>The refusal of an instant (not a time with an offset, or outside the window), in the current UI culture.</summary>
    public static string NotAnInstant(string? text) =>
        text is not null && WithOffset().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? FieldWords.Say("'{0}' is outside the years {1} to {2}.", CultureInfo.CurrentUICulture, text, EarliestYear, LatestYear)
            : FieldWords.Say("'{0}' is not a time with an offset. {1}", CultureInfo.CurrentUICulture, text, FieldWords.Say(Hint, CultureInfo.CurrentUICulture));

    /// <summary>A <c>yyyy-MM-dd</c> date, inside the window.</summary>
    public static bool TryParseDate(string? text, out DateOnly value)
    {
        if (DateOnly.TryParseExact(text?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out value) && InWindow(value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The refusal of a date query value (not a date, or outside the window), in the current UI culture.</summary>
    public static string NotADate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? FieldWords.Say(OutsideWindow, CultureInfo.CurrentUICulture)
            : FieldWords.Say("'{0}' is not a date; use {1}.", CultureInfo.CurrentUICulture, text, DateFormat);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();

    /// <summary>Reads and writes <see cref="DateTimeOffset"/> in JSON, refusing times without an offset.</summary>
    public sealed class JsonConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (TryParse(text, out var value))
            {
                return value;
            }

            throw new WordedJsonException(NotAnInstant(text));
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
    }
}
