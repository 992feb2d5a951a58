using System.Globalization;
using System.Resources;
using Booking.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Problem details in the caller's language: the <c>code</c> stays, and <c>title</c> and <c>detail</c> come from
/// <c>ProblemWords.{language}.resx</c>, keyed by the code. English answers keep the domain's own sentence as the
/// detail (it names the facts: which resource, which hours); another language gets the code's sentence, because the
/// domain's refusals are still written in English (moving each into the resources is the next round's work).
/// </summary>
public static class ProblemWords
{
    private static readonly ResourceManager Words = new("Booking.Web.Infrastructure.ProblemWords", typeof(ProblemWords).Assembly);

    public static void Translate(ProblemDetails details, CultureInfo culture)
    {
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

        if (own.GetString(code + ".Detail") is { } detail)
        {
            details.Detail = detail;
        }
    }
}
