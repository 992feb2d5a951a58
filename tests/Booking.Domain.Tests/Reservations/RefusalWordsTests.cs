using System.Globalization;
using System.Text.RegularExpressions;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Domain.Tests.Support;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Reservations;

/// <summary>Refusals carry a code, a reason and facts; <see cref="RefusalWords"/> says them in English and Spanish.</summary>
public sealed partial class RefusalWordsTests
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es");
    private const string NewYork = "America/New_York";

    [Fact]
    public void EveryReason_HasASpanishSentence_WithTheSamePlaceholders()
    {
        var reasons = RefusalWords.AllReasons();
        Assert.Contains(RefusalReasons.SlotTaken, reasons);
        foreach (var reason in reasons)
        {
            Assert.True(RefusalWords.Knows(reason, Spanish), $"No Spanish for '{reason}'.");
        }

        var english = typeof(RefusalReasons).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        Assert.All(english, reason => Assert.Contains(reason, reasons)); // every reason the code names has its sentence
    }

    [Theory]
    [InlineData(30, "30 minutes", "30 minutos")]
    [InlineData(120, "2 hours", "2 horas")]
    [InlineData(90, "1 hour, 30 minutes", "1 hora, 30 minutos")]
    [InlineData(60 * 24 * 14, "14 days", "14 días")]
    public void Duration_InTheReadersLanguage(int minutes, string english, string spanish)
    {
        Assert.Equal(english, RefusalWords.Duration(TimeSpan.FromMinutes(minutes), RefusalWords.English));
        Assert.Equal(spanish, RefusalWords.Duration(TimeSpan.FromMinutes(minutes), Spanish));
        // Said again, from the words kept: each language still its own.
        Assert.Equal((english, spanish), (RefusalWords.Duration(TimeSpan.FromMinutes(minutes), RefusalWords.English), RefusalWords.Duration(TimeSpan.FromMinutes(minutes), Spanish)));
    }

    [Fact]
    public void SlotTaken_SaysTheClashInEachLanguage_WithTheWaitingListUnlessLeftOut()
    {
        var location = OpenDaily(NewYork, 8, 20);
        var now = Utc(NewYork, 2026, 6, 1, 9);
        var facts = Facts(location, KnownKinds.Room, now) with { Taken = [Taken(Utc(NewYork, 2026, 6, 2, 14), 60, 15)] };
        var refusal = BookingRules.Check(Request(Utc(NewYork, 2026, 6, 2, 14, 30), 60), facts).ShouldFailWith(ErrorCodes.SlotTaken);

        Assert.Equal(RefusalReasons.SlotTakenWithBuffer, refusal.Reason);
        Assert.Equal(new TimeOnly(14, 0), refusal.Facts["from"]);
        var english = Plain(RefusalWords.Say(refusal, RefusalWords.English));
        var spanish = Plain(RefusalWords.Say(refusal, Spanish));
        Assert.Contains("is already booked from 2:00 PM to 3:15 PM (including 15 minutes kept free after each booking). You can join the waiting list", english, StringComparison.Ordinal);
        Assert.Contains("ya está reservado de 14:00 a 15:15 (incluidos 15 minutos que se dejan libres después de cada reserva). Puede apuntarse a la lista de espera", spanish, StringComparison.Ordinal);
        Assert.DoesNotContain("lista de espera", RefusalWords.Say(refusal, Spanish, offerWaitlist: false), StringComparison.Ordinal);
    }

    [Fact]
    public void Say_FillsEachPlaceholderOnce_BracesInAFactOrWithoutAFactStayAsWritten()
    {
        // A resource named with braces is not read as another placeholder; {from} with no fact stays as written.
        var refusal = BookingRefusal.Of(ErrorCodes.SlotTaken, RefusalReasons.SlotTaken, ("resource", "Printer {to}"), ("to", new TimeOnly(15, 0)));

        Assert.Equal("Printer {to} is already booked from {from} to 3:00 PM. You can join the waiting list for this time.",
            Plain(RefusalWords.Say(refusal, RefusalWords.English)));
        Assert.Equal("Printer {to} is already booked from {from} to 3:00 PM.", Plain(RefusalWords.Say(refusal, RefusalWords.English, offerWaitlist: false)));
    }

    [Fact]
    public void Suspension_NamesTheEndInTheBranchesZone_NeverUtc()
    {
        var location = OpenDaily(NewYork, 8, 20);
        var now = Utc(NewYork, 2026, 6, 1, 9);
        var facts = Facts(location, KnownKinds.LaserCutter, now) with { KindName = "Laser cutters", Suspension = new SuspensionInForce(Utc(NewYork, 2026, 6, 15, 17), "Three reservations not claimed.") };
        var refusal = BookingRules.Check(Request(Utc(NewYork, 2026, 6, 2, 10), 60), facts).ShouldFailWith(ErrorCodes.Suspended);

        Assert.Equal("You cannot book Laser cutters until Mon, Jun 15, 5:00 PM (New York time): Three reservations not claimed. Staff at the desk can lift this.",
            Plain(RefusalWords.Say(refusal, RefusalWords.English)));
        var spanish = RefusalWords.Say(refusal, Spanish);
        Assert.StartsWith("No puede reservar Laser cutters hasta el ", spanish, StringComparison.Ordinal);
        Assert.Contains("17:00 (hora de New York)", spanish, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-08T06:30:00Z", "Sun, Mar 8, 1:30 AM")] // before the clocks go forward: UTC-5
    [InlineData("2026-03-08T07:30:00Z", "Sun, Mar 8, 3:30 AM")] // after: UTC-4, 2:00-3:00 never happens
    [InlineData("2026-11-01T05:30:00Z", "Sun, Nov 1, 1:30 AM")] // the first 1:30, still UTC-4
    [InlineData("2026-11-01T07:30:00Z", "Sun, Nov 1, 2:30 AM")] // after the clocks go back: UTC-5
    public void Suspension_EndingAcrossADaylightSavingChange_SaidInTheBranchesClockOfThatDay(string until, string said)
    {
        var location = OpenDaily(NewYork, 8, 20);
        var end = DateTime.Parse(until, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var facts = Facts(location, KnownKinds.LaserCutter, end.AddDays(-10)) with { KindName = "Laser cutters", Suspension = new SuspensionInForce(end, "Three reservations not claimed.") };
        var dayBefore = end.AddDays(-2);
        var refusal = BookingRules.Check(Request(Utc(NewYork, dayBefore.Year, dayBefore.Month, dayBefore.Day, 10), 60), facts).ShouldFailWith(ErrorCodes.Suspended);

        Assert.Equal($"You cannot book Laser cutters until {said} (New York time): Three reservations not claimed. Staff at the desk can lift this.",
            Plain(RefusalWords.Say(refusal, RefusalWords.English)));
    }

    [Fact]
    public void OpeningHours_ListsThePeriodsInTheCulturesClock()
    {
        var location = Branch(NewYork, [Hours(DayOfWeek.Tuesday, 9, 12), Hours(DayOfWeek.Tuesday, 13, 17)]);
        var facts = Facts(location, KnownKinds.Room, Utc(NewYork, 2026, 6, 1, 9));
        var refusal = BookingRules.Check(Request(Utc(NewYork, 2026, 6, 2, 18), 60), facts).ShouldFailWith(ErrorCodes.OutsideOpeningHours);

        Assert.Contains("is open on Tuesdays 9:00 AM–12:00 PM and 1:00 PM–5:00 PM;", Plain(RefusalWords.Say(refusal, RefusalWords.English)), StringComparison.Ordinal);
        Assert.Contains("Los días martes, el horario de", RefusalWords.Say(refusal, Spanish), StringComparison.Ordinal);
        Assert.Contains("es 9:00–12:00 y 13:00–17:00;", RefusalWords.Say(refusal, Spanish), StringComparison.Ordinal);
    }

    [Fact]
    public void Cause_IsSaidAfterTheRefusalThatWrapsIt()
    {
        var cause = BookingRefusal.Of(ErrorCodes.OutOfService, RefusalReasons.OutOfService, ("resource", "Room A"), ("reason", "Flooded"));
        var session = BookingRefusal.Of(ErrorCodes.OutOfService, RefusalReasons.SessionRoom, ("room", "Room A")) with { Cause = cause };

        Assert.Equal("The session cannot be scheduled in Room A: Room A is out of service: Flooded", RefusalWords.Say(session, RefusalWords.English));
        Assert.Equal("No se puede programar la sesión en Room A: Room A está fuera de servicio: Flooded", RefusalWords.Say(session, Spanish));
    }

    [Fact]
    public void DomainException_WithARefusal_SpeaksTheCurrentLanguage_AndKeepsEnglishForLogs()
    {
        var error = new DomainException(BookingRefusal.Of(ErrorCodes.CheckInWindow, RefusalReasons.CheckInNotYet, ("before", TimeSpan.FromMinutes(15))));
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Spanish;
            Assert.Equal("El registro de llegada se abre 15 minutos antes del inicio.", error.Message);
            Assert.Equal("Check-in opens 15 minutes before the start.", error.Refusal!.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void SpanishSentences_KeepEveryPlaceholderOfTheEnglish()
    {
        foreach (var reason in RefusalWords.AllReasons())
        {
            var facts = Placeholder().Matches(Sentence(reason, RefusalWords.English)).Select(m => m.Value).Order().ToList();
            Assert.Equal(facts, Placeholder().Matches(Sentence(reason, Spanish)).Select(m => m.Value).Order().ToList());
        }
    }

    // A reason's sentence with no facts filled in: every placeholder is left as written.
    private static string Sentence(string reason, CultureInfo culture) => RefusalWords.Say(new BookingRefusal("test", reason), culture, offerWaitlist: false);

    private static string Plain(string text) => text.Replace('\u202F', ' ');

    [GeneratedRegex(@"\{[a-zA-Z]+\}")]
    private static partial Regex Placeholder();
}
