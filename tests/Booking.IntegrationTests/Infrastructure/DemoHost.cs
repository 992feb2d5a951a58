namespace Booking.IntegrationTests.Infrastructure;

/// <summary>A host seeded with the demo branch and accounts, plus a bootstrap admin from configuration.</summary>
public sealed class DemoHost : MakerspaceHost
{
    public const string BootstrapEmail = "head.librarian@example.test";
    public const string BootstrapPassword = "Bootstrap-pass-1";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Seed:Demo"] = "true",
        ["Bootstrap:AdminEmail"] = BootstrapEmail,
        ["Bootstrap:AdminPassword"] = BootstrapPassword,
    };
}
