using System.Globalization;
using Booking.Domain.Reservations;

namespace Booking.Domain.Common;

/// <summary>A request the model refuses, with a stable code the API returns and words a patron understands.</summary>
public class DomainException(string code, string message) : Exception(message)
{
    /// <summary>A refusal whose sentence is in <c>RefusalWords</c>, so each reader gets it in their own language.</summary>
    public DomainException(BookingRefusal refusal) : this(refusal.Code, refusal.ToString()) => Refusal = refusal;

    public string Code { get; } = code;

    /// <summary>The code, sentence and facts, when the refusal can be said in other languages; null for English-only messages.</summary>
    public BookingRefusal? Refusal { get; }

    /// <summary>In the current UI culture (the request's language in the web app), as .NET's own exceptions are; English otherwise.</summary>
    public override string Message => Refusal is null ? base.Message : RefusalWords.Say(Refusal, CultureInfo.CurrentUICulture);
}
