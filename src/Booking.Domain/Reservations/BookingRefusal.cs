using System.Globalization;
using Booking.Domain.Certifications;
using Booking.Domain.Common;

namespace Booking.Domain.Reservations;

/// <summary>
/// Why a booking cannot be made: the stable <see cref="Code"/>, which sentence says it (<see cref="Reason"/>, a key of
/// <c>RefusalWords.resx</c>) and the facts that sentence names (times as UTC instants or local clock times, names,
/// counts, durations). The words are written where a person reads them, in their language: <see cref="RefusalWords"/>.
/// </summary>
public sealed record BookingRefusal(string Code, string Reason)
{
    /// <summary>The sentence's facts by placeholder name; a <see cref="DateTime"/> of kind UTC is shown in <see cref="ZoneFact"/>'s zone.</summary>
    public IReadOnlyDictionary<string, object> Facts { get; init; } = new Dictionary<string, object>();

    /// <summary>For <see cref="ErrorCodes.CertificationRequired"/>: each certification missing or expiring, with how to get it.</summary>
    public IReadOnlyList<MissingCertification> Certifications { get; init; } = [];

    /// <summary>The refusal this one wraps (a session's room refused for its own reason), said after this one's sentence.</summary>
    public BookingRefusal? Cause { get; init; }

    /// <summary>The fact naming the branch's IANA zone, for the instants among the facts.</summary>
    public const string ZoneFact = "zone";

    public static BookingRefusal Of(string code, string reason, params (string Name, object Value)[] facts) =>
        new(code, reason) { Facts = facts.ToDictionary(f => f.Name, f => f.Value) };

    /// <summary>The sentence in the current UI culture: the request's language in the web app (pages and problem details).</summary>
    public string Message => RefusalWords.Say(this, CultureInfo.CurrentUICulture);

    /// <summary>Equal when they say the same: code, reason, facts (lists by their items), certifications and cause.</summary>
    public bool Equals(BookingRefusal? other) =>
        other is not null && Code == other.Code && Reason == other.Reason
        && Facts.Count == other.Facts.Count && Facts.All(f => other.Facts.TryGetValue(f.Key, out var value) && SameFact(f.Value, value))
        && Certifications.SequenceEqual(other.Certifications) && Equals(Cause, other.Cause);

    public override int GetHashCode() => HashCode.Combine(Code, Reason, Facts.Count);

    private static bool SameFact(object a, object b) =>
        a is System.Collections.IEnumerable items and not string && b is System.Collections.IEnumerable others and not string
            ? items.Cast<object>().SequenceEqual(others.Cast<object>())
            : a.Equals(b);

    /// <summary>The refusal in English, for logs and the audit log (people read it in their language through <see cref="RefusalWords"/>).</summary>
    public override string ToString() => RefusalWords.Say(this, RefusalWords.English);
}
