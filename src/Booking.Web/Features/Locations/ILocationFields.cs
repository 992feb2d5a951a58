namespace Booking.Web.Features.Locations;

/// <summary>A branch's name, address and time zone, as the add and edit forms bind them.</summary>
public interface ILocationFields
{
    string? Name { get; set; }

    string? Address { get; set; }

    string? TimeZone { get; set; }
}
