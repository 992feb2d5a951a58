using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Booking.Web.Infrastructure;

/// <summary>
/// A bearer token's ticket, unprotected once and remembered on this node for <see cref="Remembered"/>: every API request
/// carries the same token, and decrypting it (a key derivation, a MAC and AES for each request) cost about a twentieth of
/// the app's CPU per booking. Only a token that unprotected is remembered, so forged ones fill nothing; the handler
/// still checks each ticket's expiry on its own clock, and each request gets its own copy of the ticket.
/// </summary>
public sealed class RememberedBearerTokens(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    public static readonly TimeSpan Remembered = TimeSpan.FromSeconds(30);

    /// <summary>More signed-in API clients than a library has at once; past it, tokens are decrypted as before.</summary>
    public const int MostRemembered = 10_000;

    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = MostRemembered });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText))
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var key = (protectedText, purpose);
        if (!_tickets.TryGetValue(key, out AuthenticationTicket? ticket) || ticket is null)
        {
            ticket = inner.Unprotect(protectedText, purpose);
            if (ticket is null)
            {
                return null;
            }

            _tickets.Set(key, ticket, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Remembered, Size = 1 });
        }

        // A request may change its principal or properties; the remembered ticket stays as it was unprotected.
        return ticket.Clone();
    }

    public void Dispose() => _tickets.Dispose();

    /// <summary>Wraps the bearer scheme's token format (set up by Identity) once its options are built.</summary>
    public static void AddTo(IServiceCollection services) =>
        services.PostConfigure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.BearerTokenProtector = new RememberedBearerTokens(o.BearerTokenProtector));
}
