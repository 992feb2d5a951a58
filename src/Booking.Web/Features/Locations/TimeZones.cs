namespace Booking.Web.Features.Locations;

/// <summary>One IANA zone as the branch form lists it: "New York (America/New_York)".</summary>
public sealed record TimeZoneChoice(string Id, string Label);

/// <summary>The zones of one region ("America", "Europe", …) under one heading of the list.</summary>
public sealed record TimeZoneRegion(string Name, IReadOnlyList<TimeZoneChoice> Zones);

/// <summary>The IANA time zones this machine knows, grouped by region for the branch form's list.</summary>
public static class TimeZones
{
    /// <summary>Heading for ids outside the continents and oceans (Etc/GMT+5, UTC, EST5EDT): last, as few branches want them.</summary>
    public const string Other = "Other";

    private static readonly HashSet<string> Regions =
        ["Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"];

    public static readonly IReadOnlyList<string> All = TimeZoneInfo.GetSystemTimeZones()
        .Where(z => z.HasIanaId)
        .Select(z => z.Id)
        .Order(StringComparer.Ordinal)
        .ToList();

    public static readonly IReadOnlyList<TimeZoneRegion> ByRegion = All
        .GroupBy(RegionOf)
        .OrderBy(g => g.Key == Other ? 1 : 0).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => new TimeZoneRegion(g.Key, g
            .Select(id => new TimeZoneChoice(id, Label(id)))
            .OrderBy(z => z.Label, StringComparer.OrdinalIgnoreCase)
            .ToList()))
        .ToList();

    public static string RegionOf(string id)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && Regions.Contains(id[..slash]) ? id[..slash] : Other;
    }

    /// <summary>The place name first, so typing "New" on the closed list jumps to New York; the id stays visible for the precise.</summary>
    public static string Label(string id)
    {
        if (RegionOf(id) == Other)
        {
            return id;
        }

        var place = id[(id.LastIndexOf('/') + 1)..].Replace('_', ' ');
        return $"{place} ({id})";
    }

    /// <summary>The server's own zone to preselect for a new branch; null when it is UTC or not a known IANA place (then nothing is preselected).</summary>
    public static string? Suggested(TimeZoneInfo local)
    {
        var id = local.HasIanaId
            ? local.Id
            : TimeZoneInfo.TryConvertWindowsIdToIanaId(local.Id, out var iana) ? iana : null;
        return id is not null && RegionOf(id) != Other && All.Contains(id) ? id : null;
    }
}
