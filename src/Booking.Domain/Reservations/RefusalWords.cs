using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;
using Booking.Domain.Certifications;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Humanizer;

namespace Booking.Domain.Reservations;

/// <summary>
/// A refusal in the reader's language: the sentence for its <see cref="BookingRefusal.Reason"/> from
/// <c>RefusalWords.resx</c> (English) or <c>RefusalWords.{language}.resx</c>, its <c>{placeholders}</c> filled with the
/// facts as that culture writes them (times in the branch's zone, durations from Humanizer). Called where a person
/// reads the refusal (problem details, pages), never stored.
/// </summary>
public static class RefusalWords
{
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo(Languages.Default);

    private static readonly ResourceManager Words = new("Booking.Domain.Reservations.RefusalWords", typeof(RefusalWords).Assembly);

    /// <summary>The sentence (and its cause's) in <paramref name="culture"/>; <paramref name="offerWaitlist"/> false leaves out the waiting-list hint.</summary>
    public static string Say(BookingRefusal refusal, CultureInfo culture, bool offerWaitlist = true)
    {
        var hint = offerWaitlist && refusal.Reason is RefusalReasons.SlotTaken or RefusalReasons.SlotTakenWithBuffer
            ? Text(RefusalReasons.WaitlistHint, culture)
            : null;
        var said = refusal.Reason == RefusalReasons.CertificationRequired && refusal.Certifications.Count > 0
            ? string.Join(" ", refusal.Certifications.Select(m => Certification(m, refusal, culture)))
            : Fill(Text(refusal.Reason, culture), refusal.Facts, culture, hint);
        return refusal.Cause is { } cause ? said + " " + Say(cause, culture, offerWaitlist) : said;
    }

    /// <summary>A refused domain request in <paramref name="culture"/>: its refusal's sentence, or its English message when it has none.</summary>
    public static string Say(DomainException exception, CultureInfo culture) =>
        exception.Say(culture);

    /// <summary>Whether a sentence exists for <paramref name="reason"/> (tests check every reason has one in each language).</summary>
    public static bool Knows(string reason, CultureInfo culture) =>
        Words.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.GetString(reason) is not null;

    /// <summary>Every reason the English catalogue holds.</summary>
    public static IReadOnlyList<string> AllReasons() =>
        Words.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>A length of time in words ("4 hours", "30 minutes", "1 hour, 30 minutes", "14 days"; "4 horas" in Spanish).</summary>
    public static string Duration(TimeSpan span, CultureInfo culture)
    {
        var minutes = Math.Round(span.TotalMinutes);
        if (Durations.TryGetValue((minutes, culture), out var said))
        {
            return said;
        }

        var maxUnit = minutes % 1440 == 0 && minutes > 2880 ? TimeUnit.Day : minutes >= 60 ? TimeUnit.Hour : TimeUnit.Minute;
        said = TimeSpan.FromMinutes(minutes).Humanize(precision: 2, culture: culture, maxUnit: maxUnit, minUnit: TimeUnit.Minute);
        if (Durations.Count < MaxDurationsKept)
        {
            Durations.TryAdd((minutes, culture), said);
        }

        return said;
    }

    /// <summary>
    /// Durations already put in words: Humanizer takes a microsecond and half a kilobyte for each, and the availability
    /// answer says a kind's buffer once for every busy resource. Policies name few durations; a patron's asked length can
    /// be any number of minutes, so no more are kept after the first few hundred.
    /// </summary>
    private static readonly ConcurrentDictionary<(double Minutes, CultureInfo Culture), string> Durations = new();

    private const int MaxDurationsKept = 500;

    private static string Certification(MissingCertification missing, BookingRefusal refusal, CultureInfo culture)
    {
        var now = refusal.Facts.TryGetValue("now", out var n) && n is DateTime at ? at : DateTime.MinValue;
        var next = missing.Certification.NextTrainings.FirstOrDefault(t => t.StartsAtUtc > now);
        var key = (missing.ExpiresAtUtc is null ? "certification-required.missing" : "certification-required.expiring")
            + (next is null ? ".no-training" : ".next-training");
        var facts = new Dictionary<string, object>(refusal.Facts) { ["certification"] = missing.Certification.Name };
        if (missing.ExpiresAtUtc is { } expires)
        {
            facts["expires"] = DateTime.SpecifyKind(expires, DateTimeKind.Utc);
        }

        if (next is not null)
        {
            facts["training"] = DateTime.SpecifyKind(next.StartsAtUtc, DateTimeKind.Utc);
        }

        return Fill(Text(key, culture), facts, culture);
    }

    private static string Text(string key, CultureInfo culture) =>
        Words.GetString(key, culture) ?? throw new InvalidOperationException($"RefusalWords has no '{key}'.");

    /// <summary>
    /// The template with each <c>{name}</c> a fact has replaced by the fact as <paramref name="culture"/> writes it (a
    /// placeholder no fact fills stays as written), then <paramref name="then"/> after a space: one pass, one string. The
    /// availability answer says a sentence for every busy resource of a kind, fifty a request, and a replace per fact
    /// copied the sentence each time (a fifth of everything that answer allocated).
    /// </summary>
    private static string Fill(string template, IReadOnlyDictionary<string, object> facts, CultureInfo culture, string? then = null)
    {
        TimeZoneInfo? zone = null;
        var text = new DefaultInterpolatedStringHandler(0, 0, culture, stackalloc char[512]);
        var at = 0;
        while (template.IndexOf('{', at) is var open and >= 0 && template.IndexOf('}', open + 1) is var close and >= 0)
        {
            text.AppendFormatted(template.AsSpan(at, open - at));
            if (Find(facts, template.AsSpan(open + 1, close - open - 1)) is var (name, value))
            {
                if (value is DateTime { Kind: DateTimeKind.Utc })
                {
                    zone ??= facts.TryGetValue(BookingRefusal.ZoneFact, out var z) && z is string id ? TimeZoneInfo.FindSystemTimeZoneById(id) : null;
                }

                text.AppendFormatted(Format(name, value, zone, culture));
            }
            else
            {
                text.AppendFormatted(template.AsSpan(open, close - open + 1));
            }

            at = close + 1;
        }

        text.AppendFormatted(template.AsSpan(at));
        if (then is not null)
        {
            text.AppendFormatted(" ");
            text.AppendFormatted(then);
        }

        return text.ToStringAndClear();
    }

    private static (string Name, object Value)? Find(IReadOnlyDictionary<string, object> facts, ReadOnlySpan<char> name)
    {
        foreach (var (key, value) in facts)
        {
            if (name.SequenceEqual(key))
            {
                return (key, value);
            }
        }

        return null;
    }

    private static string Format(string name, object value, TimeZoneInfo? zone, CultureInfo culture) => value switch
    {
        string zoneId when name == BookingRefusal.ZoneFact => ZoneName(zoneId, culture),
        string text => text,
        DateTime { Kind: DateTimeKind.Utc } utc when zone is not null => LocalCalendar.Short(LocalCalendar.ToLocal(utc, zone), culture),
        DateTime local => LocalCalendar.Short(local, culture),
        TimeOnly clock => LocalCalendar.Clock(clock, culture),
        TimeSpan span => Duration(span, culture),
        DayOfWeek day => culture.DateTimeFormat.GetDayName(day),
        ReservationStatus status => Text("status." + status.ToCode(), culture),
        IEnumerable<OpeningInterval> hours => List(hours.Select(h => $"{LocalCalendar.Clock(h.Opens, culture)}–{LocalCalendar.Clock(h.Closes, culture)}"), culture),
        IFormattable number => number.ToString(null, culture),
        _ => value.ToString() ?? "",
    };

    private static string List(IEnumerable<string> items, CultureInfo culture)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " " + Text("and", culture) + " " + list[^1];
    }

    /// <summary>A zone as a person names it: "New York time", "hora de New York"; never UTC or an offset.</summary>
    public static string ZoneName(string zoneId, CultureInfo culture)
    {
        var city = zoneId.Contains('/', StringComparison.Ordinal) ? zoneId[(zoneId.LastIndexOf('/') + 1)..].Replace('_', ' ') : zoneId;
        return Text("zone", culture).Replace("{city}", city, StringComparison.Ordinal);
    }
}
