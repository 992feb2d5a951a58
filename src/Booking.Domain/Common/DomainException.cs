using System.Globalization;
using Booking.Domain.Reservations;

namespace Booking.Domain.Common;

/// <summary>A request the model refuses, with a stable code the API returns and words a patron understands.</summary>
public class DomainException : Exception
{
    /// <summary>A refusal in a sentence of <see cref="FieldWords"/>: English is the key, said in each reader's language.</summary>
    public DomainException(string code, string message)
        : base(message) => (Code, Template, Arguments) = (code, message, []);

    /// <summary>A refusal whose English sentence has <c>{0}</c> placeholders for <paramref name="args"/>, said in each reader's language.</summary>
    public DomainException(string code, string template, params object?[] args)
        : base(FieldWords.Say(template, RefusalWords.English, args)) => (Code, Template, Arguments) = (code, template, args);

    /// <summary>A refusal whose sentence is in <c>RefusalWords</c>, so each reader gets it in their own language.</summary>
    public DomainException(BookingRefusal refusal)
        : this(refusal.Code, refusal.ToString()) => Refusal = refusal;

    public string Code { get; }

    /// <summary>The English sentence (a key of <see cref="FieldWords"/>) and its arguments.</summary>
    public string Template { get; }

    public IReadOnlyList<object?> Arguments { get; }

    /// <summary>The code, sentence and facts, when the refusal can be said in other languages; null for English-only messages.</summary>
    public BookingRefusal? Refusal { get; }

    /// <summary>In the current UI culture (the request's language in the web app), as .NET's own exceptions are; English otherwise.</summary>
    public override string Message => Say(CultureInfo.CurrentUICulture);

    /// <summary>The refusal in <paramref name="culture"/>.</summary>
    public string Say(CultureInfo culture) =>
        Refusal is not null ? RefusalWords.Say(Refusal, culture) : FieldWords.Say(Template, culture, [.. Arguments]);

    /// <summary>Whether <paramref name="culture"/> has its own words for this refusal (else it is said in English).</summary>
    public bool IsWordedIn(CultureInfo culture) => Refusal is not null || FieldWords.Knows(Template, culture);
}
