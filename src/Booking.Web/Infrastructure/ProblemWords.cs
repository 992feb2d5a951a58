using System.Globalization;
using System.Resources;
using Booking.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Problem details in the caller's language: the <c>code</c> stays, and <c>title</c> comes from
/// <c>ProblemWords.{language}.resx</c>, keyed by the code. A refusal's <c>detail</c> is already written in the caller's
/// language from its facts (<see cref="Booking.Domain.Reservations.RefusalWords"/>; marked <see cref="Worded"/>); any
/// other detail is English from the code, so another language gets the code's own sentence instead.
/// </summary>
public static class ProblemWords
{
    private static readonly ResourceManager Words = new("Booking.Web.Infrastructure.ProblemWords", typeof(ProblemWords).Assembly);

    /// <summary>An extension that says the detail is in the caller's language already; removed before the answer is written.</summary>
    public const string Worded = "__worded";

    public static void Translate(ProblemDetails details, CultureInfo culture)
    {
        var worded = details.Extensions.Remove(Worded);
        if (culture.TwoLetterISOLanguageName == Languages.Default || !details.Extensions.TryGetValue("code", out var value) || value is not string code)
        {
            return;
        }

        // Only a language with its own resource file: the neutral (English) words would replace the domain's better ones.
        if (Words.GetResourceSet(culture, createIfNotExists: true, tryParents: false) is not { } own)
        {
            return;
        }

        if (own.GetString(code + ".Title") is { } title)
        {
            details.Title = title;
        }

        if (!worded && own.GetString(code + ".Detail") is { } detail)
        {
            details.Detail = detail;
        }
    }
}
