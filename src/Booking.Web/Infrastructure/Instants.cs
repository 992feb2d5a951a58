using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Instants in the API must carry an offset (<c>2026-03-02T10:00:00-05:00</c> or <c>...Z</c>):
/// a time without one is ambiguous for a branch in another zone, so it is refused, not guessed.
/// </summary>
public static partial class Instants
{
    public const string Hint = "Use an ISO-8601 time with an offset, e.g. 2026-03-02T10:00:00-05:00 or 2026-03-02T15:00:00Z.";

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null
            && WithOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();

    /// <summary>Reads and writes <see cref="DateTimeOffset"/> in JSON, refusing times without an offset.</summary>
    public sealed class JsonConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            return TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not a time with an offset. {Hint}");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
    }
}
