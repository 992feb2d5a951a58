namespace Booking.Web.Features.Locations;

/// <summary>The IANA time zones this machine knows, for the branch form's list.</summary>
public static class TimeZones
{
    public static readonly IReadOnlyList<string> All = TimeZoneInfo.GetSystemTimeZones()
        .Where(z => z.HasIanaId)
        .Select(z => z.Id)
        .Order(StringComparer.Ordinal)
        .ToList();
}
