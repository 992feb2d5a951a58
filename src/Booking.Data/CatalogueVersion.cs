namespace Booking.Data;

/// <summary>
/// One row whose stamp changes in the same save as any change to a resource, a kind or a branch (its hours and
/// closures too). A node that keeps what it read of them in memory compares stamps to know its copy is current.
/// </summary>
public sealed class CatalogueVersion
{
    public const int OnlyId = 1;

    public int Id { get; set; } = OnlyId;

    public string Stamp { get; set; } = "";
}
