using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Booking.Data;

/// <summary>
/// The Data Protection key ring (sign-in cookies, bearer tokens, reset links, antiforgery tokens) lives in the app's
/// own database under one application name, so every node and every restart reads the same keys.
/// With <c>DataProtection:Certificate:Path</c> (a PFX file) and <c>DataProtection:Certificate:Password</c> the keys
/// are encrypted at rest with that certificate; every node needs the same file.
/// </summary>
public static class KeyRing
{
    /// <summary>Fixed, so nodes installed in different folders still share protected data.</summary>
    public const string ApplicationName = "Makerspace";

    public const string CertificatePathKey = "DataProtection:Certificate:Path";

    public const string CertificatePasswordKey = "DataProtection:Certificate:Password";

    public static IServiceCollection AddMakerspaceKeyRing(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Read now, not on first use: a wrong certificate setting stops start-up instead of the first sign-in.
        var certificate = ReadCertificate(configuration, environment.ContentRootPath);
        var dataProtection = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<BookingDbContext>();
        if (certificate is not null)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
        }

        return services;
    }

    /// <summary>The certificate that encrypts the keys, or null when none is configured; a wrong path or password names its key.</summary>
    public static X509Certificate2? ReadCertificate(IConfiguration configuration, string contentRoot)
    {
        var path = configuration[CertificatePathKey];
        var password = configuration[CertificatePasswordKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return string.IsNullOrEmpty(password)
                ? null
                : throw new ConfigurationProblem($"{CertificatePasswordKey} is set but {CertificatePathKey} is empty; give the path of the PFX file that encrypts the keys.");
        }

        var fullPath = Path.GetFullPath(path, contentRoot);
        if (!File.Exists(fullPath))
        {
            throw new ConfigurationProblem($"{CertificatePathKey} is '{path}', which is not a file; give the path of a PFX file with its private key, or remove the setting.");
        }

        X509Certificate2 certificate;
        try
        {
            // Ephemeral: the private key stays in memory, nothing is written to the process user's key store.
            certificate = X509CertificateLoader.LoadPkcs12FromFile(fullPath, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException)
        {
            throw new ConfigurationProblem($"{CertificatePasswordKey} does not open the PFX file '{path}' (wrong password, or not a PFX file).");
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ConfigurationProblem($"{CertificatePathKey} is '{path}', which has no private key; export the certificate with its private key.");
        }

        return certificate;
    }
}
