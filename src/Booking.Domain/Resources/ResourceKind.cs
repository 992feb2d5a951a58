using System.Text.RegularExpressions;
using Booking.Domain.Common;

namespace Booking.Domain.Resources;

/// <summary>A kind of bookable thing (room, laser cutter, ...) and the policy its resources follow by default.</summary>
public sealed partial class ResourceKind
{
    private ResourceKind()
    {
    }

    public ResourceKind(string code, string name, BookingPolicy defaultPolicy)
    {
        if (!CodePattern().IsMatch(code ?? ""))
        {
            throw new DomainException(ErrorCodes.Validation, "A kind's code is lower-case letters, digits and dashes, e.g. 'sewing-machine'.");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException(ErrorCodes.Validation, "A kind needs a name.");
        }

        Code = code!;
        Name = name.Trim();
        DefaultPolicy = defaultPolicy;
    }

    /// <summary>The slug used in URLs and the API, e.g. <c>laser-cutter</c>.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public BookingPolicy DefaultPolicy { get; private set; } = new();

    public void ChangePolicy(BookingPolicy policy) => DefaultPolicy = PolicyValidation.Checked(policy);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex CodePattern();
}
