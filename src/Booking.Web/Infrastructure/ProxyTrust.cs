using System.Net;
using Booking.Data;
using Microsoft.AspNetCore.HttpOverrides;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Which reverse proxies may tell the app the client's address and scheme (<c>X-Forwarded-For</c>,
/// <c>X-Forwarded-Proto</c>): <c>Proxy:KnownProxies</c> (addresses) and <c>Proxy:KnownNetworks</c> (CIDR
/// ranges), separated by ';' or ','. Loopback is always trusted (nginx on the same machine); from anyone else
/// the headers are ignored. <c>X-Forwarded-Host</c> is never read: links come from <c>Site:PublicUrl</c>.
/// </summary>
public static class ProxyTrust
{
    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // One proxy in front is the deployment we ship; more hops need each listed.
        options.ForwardLimit = null;
        foreach (var text in Values(configuration, "Proxy:KnownProxies"))
        {
            options.KnownProxies.Add(IPAddress.TryParse(text, out var proxy)
                ? proxy
                : throw new ConfigurationProblem($"Proxy:KnownProxies has '{text}'; give IP addresses such as 10.0.0.5, separated by ';'."));
        }

        foreach (var text in Values(configuration, "Proxy:KnownNetworks"))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(text, out var network)
                ? network
                : throw new ConfigurationProblem($"Proxy:KnownNetworks has '{text}'; give CIDR ranges such as 10.0.0.0/24, separated by ';'."));
        }
    }

    private static IEnumerable<string> Values(IConfiguration configuration, string key) =>
        (configuration[key] ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
