using System.Text.Json;
using System.Text.Json.Serialization;
using Booking.Domain.Common;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Refuses text holding a NUL character (<c>\u0000</c>) with a 400: PostgreSQL's text cannot store one and fails the
/// whole statement, and no person types one. JSON strings are checked as they are read (the error names the field);
/// query strings and forms before any handler runs (after the request's language is known, so the answer is in it).
/// </summary>
public sealed class NulCharacters(RequestDelegate next, IProblemDetailsService problems)
{
    public const string Refusal = "Text may not contain NUL characters (\\u0000).";

    public static bool In(string? text) => text?.Contains('\0', StringComparison.Ordinal) == true;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var culture = RequestLanguages.UiCultureOf(context);
        var (field, message) = (request.Query.FirstOrDefault(q => In(q.Key) || q.Value.Any(In)).Key, FieldWords.Say(Refusal, culture));
        if (field is null && request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                field = form.FirstOrDefault(f => In(f.Key) || f.Value.Any(In)).Key;
            }
            catch (InvalidDataException e)
            {
                (field, message) = ("form", FieldWords.Say("The form could not be read: {0}", culture, e.Message));
            }
        }

        if (field is null)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status400BadRequest,
                Title = ErrorStatuses.TitleFor(ErrorCodes.Validation),
                Detail = message,
                Extensions =
                {
                    [ProblemWords.Worded] = true,
                    ["code"] = ErrorCodes.Validation,
                    ["errors"] = new Dictionary<string, string[]> { [field.Replace("\0", "", StringComparison.Ordinal)] = [message] },
                },
            },
        });
    }

    /// <summary>Reads JSON strings, refusing one with a NUL character.</summary>
    public sealed class JsonConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return In(text) ? throw new WordedJsonException(FieldWords.Say(Refusal, System.Globalization.CultureInfo.CurrentUICulture)) : text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
