using System.Globalization;
using Booking.Data;
using Booking.Domain.Audit;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Web.Features.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Locations;

/// <summary>A closure added, and what it did to the reservations inside it.</summary>
public sealed record ClosureAdded(Closure Closure, CollisionOutcome Outcome);

/// <summary>The checks and changes behind setting up a branch, shared by the admin API and the admin pages.</summary>
public static class LocationSetup
{
    public const int NameLength = 200;
    public const int AddressLength = 400;
    public const int ReasonLength = 300;

    /// <summary>Adds a closure; active reservations inside it are cancelled, each patron told. Null (with reasons in <paramref name="errors"/>) when the input is wrong.</summary>
    public static async Task<ClosureAdded?> AddClosureAsync(
        BookingDbContext db, Location location, ClosureInput input, Guid actorId, DateTime nowUtc, FieldErrors errors, CancellationToken ct)
    {
        var reason = errors.Required("reason", input.Reason, ReasonLength);
        var (starts, ends) = ReadClosureSpan(errors, input);
        if (errors.Any)
        {
            return null;
        }

        Closure? closure = null;
        if (!errors.Try("endsLocal", () => closure = location.AddClosure(starts, ends, reason!)))
        {
            return null;
        }

        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await transaction.LockLocationResourcesAsync(location.Id, ct);
        var zone = location.TimeZone;
        var closed = new UtcInterval(LocalCalendar.ToUtc(closure!.StartsLocal, zone), LocalCalendar.ToUtc(closure.EndsLocal, zone));
        var resourceIds = await db.Resources.Where(r => r.LocationId == location.Id).Select(r => r.Id).ToListAsync(ct);
        var outcome = await CollidingReservations.CancelAsync(db, actorId, resourceIds, closed,
            $"{location.Name} will be closed then: {closure.Reason}.", nowUtc, ct);
        db.AuditLog.Add(new AuditEntry(actorId, "location.closure", $"location:{location.Id}",
            $"Closed {location.Name} {Describe(closure)}: {closure.Reason}. Reservations cancelled: {outcome.Cancelled.Count}.", nowUtc));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ClosureAdded(closure, outcome);
    }

    /// <summary>Removes a closure (the caller saves), with an audit entry; false when the branch has no such closure.</summary>
    public static bool RemoveClosure(BookingDbContext db, Location location, Guid closureId, Guid actorId, DateTime nowUtc)
    {
        var closure = location.Closures.FirstOrDefault(c => c.Id == closureId);
        if (closure is null || !location.RemoveClosure(closureId))
        {
            return false;
        }

        db.AuditLog.Add(new AuditEntry(actorId, "location.closure-removed", $"location:{location.Id}",
            $"Removed the closure of {location.Name} {Describe(closure)} ({closure.Reason}).", nowUtc));
        return true;
    }

    private static string Describe(Closure closure) =>
        $"{closure.StartsLocal.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} to {closure.EndsLocal.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}";

    public static (string? Name, string? Address, string? TimeZone) ReadDetails(FieldErrors errors, string? name, string? address, string? timeZone)
    {
        var checkedName = errors.Required("name", name, NameLength);
        var checkedAddress = errors.Optional("address", address, AddressLength);
        string? zone = null;
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            errors.Add("timeZone", "timeZone is required: an IANA time zone such as America/New_York.");
        }
        else if (!Location.IsKnownTimeZone(timeZone.Trim()))
        {
            errors.Add("timeZone", "'{0}' is not an IANA time zone (for example America/New_York).", timeZone);
        }
        else
        {
            zone = timeZone.Trim();
        }

        return (checkedName, checkedAddress, zone);
    }

    public static List<OpeningInterval> ReadHours(FieldErrors errors, IReadOnlyList<OpeningHoursInput?> input)
    {
        var hours = new List<OpeningInterval>();
        for (var i = 0; i < input.Count; i++)
        {
            var field = $"openingHours[{i}]";
            var item = input[i];
            if (item is null)
            {
                errors.Add(field, "Each opening stretch needs day, opens and closes.");
                continue;
            }

            var day = ReadDay(errors, $"{field}.day", item.Day);
            var opens = ReadTime(errors, $"{field}.opens", item.Opens);
            var closes = ReadTime(errors, $"{field}.closes", item.Closes);
            if (day is null || opens is null || closes is null)
            {
                continue;
            }

            if (closes <= opens)
            {
                errors.Add($"{field}.closes", "On {0} the branch must close after it opens ({1}–{2}).", day, item.Opens, item.Closes);
                continue;
            }

            hours.Add(new OpeningInterval(day.Value, opens.Value, closes.Value));
        }

        return hours;
    }

    public static DayOfWeek? ReadDay(FieldErrors errors, string field, string? value)
    {
        var name = Enum.GetNames<DayOfWeek>().FirstOrDefault(n => string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            errors.Add(field, "'{0}' is not a day of the week; use Monday to Sunday.", value);
            return null;
        }

        return Enum.Parse<DayOfWeek>(name);
    }

    public static TimeOnly? ReadTime(FieldErrors errors, string field, string? value)
    {
        if (TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(field, "'{0}' is not a time of day; use 24-hour HH:mm, e.g. 09:00.", value);
        return null;
    }

    public static (DateTime Starts, DateTime Ends) ReadClosureSpan(FieldErrors errors, ClosureInput input)
    {
        var hasDate = !string.IsNullOrWhiteSpace(input.Date);
        var hasSpan = !string.IsNullOrWhiteSpace(input.StartsLocal) || !string.IsNullOrWhiteSpace(input.EndsLocal);
        if (hasDate && hasSpan)
        {
            errors.Add("date", "Give either date (a whole day) or startsLocal and endsLocal, not both.");
            return default;
        }

        if (hasDate)
        {
            if (!Instants.TryParseDate(input.Date, out var date))
            {
                errors.Add("date", "{0} For example 2026-12-25.", Instants.NotADate(input.Date));
                return default;
            }

            var midnight = date.ToDateTime(TimeOnly.MinValue);
            return (midnight, midnight.AddDays(1));
        }

        if (!hasSpan)
        {
            errors.Add("date", "Give a date (a whole day) or startsLocal and endsLocal.");
            return default;
        }

        var starts = ReadLocal(errors, "startsLocal", input.StartsLocal);
        var ends = ReadLocal(errors, "endsLocal", input.EndsLocal);
        if (starts is null || ends is null)
        {
            return default;
        }

        if (ends <= starts)
        {
            errors.Add("endsLocal", "A closure must end after it starts.");
        }

        return (starts.Value, ends.Value);
    }

    public static DateTime? ReadLocal(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "{0} is required: a local date and time without offset, e.g. 2026-12-24T13:00.", field);
            return null;
        }

        if (DateTime.TryParseExact(value.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (Instants.InWindow(local))
            {
                return local;
            }

            errors.Add(field, Instants.OutsideWindow);
            return null;
        }

        errors.Add(field, "'{0}' is not a local date and time; use yyyy-MM-ddTHH:mm without offset, e.g. 2026-12-24T13:00.", value);
        return null;
    }
}
