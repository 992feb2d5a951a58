using System.Text.Json;

namespace Booking.Domain.Reservations;

/// <summary>
/// A date of a series that could not be booked: the refusal's code, its reason key, and its sentence in English
/// (<see cref="Message"/>) and in every language the library speaks (<see cref="Words"/>, by language code), written
/// when the date was refused, with the facts of that moment. Rows stored before <see cref="Words"/> existed say English.
/// </summary>
public sealed record SeriesRefusal(DateOnly Date, string Code, string Message)
{
    public string? Reason { get; init; }

    public IReadOnlyDictionary<string, string>? Words { get; init; }

    /// <summary>The refusal, with its sentence in each supported language.</summary>
    public static SeriesRefusal Of(DateOnly date, BookingRefusal refusal) => new(date, refusal.Code, refusal.ToString())
    {
        Reason = refusal.Reason,
        Words = Common.Languages.Supported.ToDictionary(l => l, l => RefusalWords.Say(refusal, Common.Languages.CultureFor(l)), StringComparer.Ordinal),
    };

    /// <summary>The sentence in <paramref name="culture"/>'s language; English when it has none.</summary>
    public string SaidIn(System.Globalization.CultureInfo culture) =>
        Words?.GetValueOrDefault(culture.TwoLetterISOLanguageName) ?? Message;
}

/// <summary>
/// A recurring booking staff made in one step: the plan (so every planned date can be shown) and, once the dates were
/// tried, why the refused ones were refused. Its reservations point at it (<see cref="Reservation.SeriesId"/>).
/// </summary>
public sealed class ReservationSeries
{
    private ReservationSeries()
    {
    }

    public Guid Id { get; private set; }

    public Guid ResourceId { get; private set; }

    public Guid PatronId { get; private set; }

    public Guid CreatedById { get; private set; }

    public SeriesRepeat Repeat { get; private set; }

    public DateOnly FirstDate { get; private set; }

    public TimeOnly StartTime { get; private set; }

    public TimeOnly EndTime { get; private set; }

    /// <summary>How many dates the plan gave.</summary>
    public int Requested { get; private set; }

    /// <summary>The last planned date: "upcoming" series are those not yet past it.</summary>
    public DateOnly LastDate { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>Set once every date was tried; a series without it was interrupted, and its dates without a reservation were never tried.</summary>
    public DateTime? CompletedAtUtc { get; private set; }

    /// <summary>The refused dates as JSON (a handful of rows, read only with the series).</summary>
    public string? RefusalsJson { get; private set; }

    public static ReservationSeries Plan(Guid resourceId, Guid patronId, Guid createdById, SeriesPlan plan, DateTime nowUtc)
    {
        var dates = plan.Dates();
        return new ReservationSeries
        {
            Id = Guid.NewGuid(),
            ResourceId = resourceId,
            PatronId = patronId,
            CreatedById = createdById,
            Repeat = plan.Repeat,
            FirstDate = plan.FirstDate,
            StartTime = plan.StartTime,
            EndTime = plan.EndTime,
            Requested = dates.Count,
            LastDate = dates[^1],
            CreatedAtUtc = nowUtc,
        };
    }

    /// <summary>The plan again, to list every planned date.</summary>
    public SeriesPlan ToPlan() => new(Repeat, FirstDate, StartTime, EndTime, Requested, LastDate);

    public IReadOnlyList<SeriesRefusal> Refusals =>
        RefusalsJson is null ? [] : JsonSerializer.Deserialize<List<SeriesRefusal>>(RefusalsJson) ?? [];

    /// <summary>Every date was tried: keeps why the refused ones were refused.</summary>
    public void Finish(IEnumerable<SeriesRefusal> refusals, DateTime nowUtc)
    {
        RefusalsJson = JsonSerializer.Serialize(refusals.ToList());
        CompletedAtUtc = nowUtc;
    }

    /// <summary>Cuts the series from its patron (privacy retention, a closed account), like its reservations.</summary>
    public void Anonymise(Guid standInId)
    {
        CreatedById = CreatedById == PatronId ? standInId : CreatedById;
        PatronId = standInId;
    }

    /// <summary>"every Tuesday", "every weekday", "every day".</summary>
    public static string Describe(SeriesRepeat repeat, DateOnly firstDate) => repeat switch
    {
        SeriesRepeat.Weekly => $"every {firstDate.DayOfWeek}",
        SeriesRepeat.Weekdays => "every weekday",
        _ => "every day",
    };
}
