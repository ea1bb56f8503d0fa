using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Quire.Core.ConnectApps;

/// <summary>
/// Connect's JSON Web Tokens, through Microsoft.IdentityModel: HS256 with the installation's shared
/// secret for what Quire and an app send each other, RS256 with a key Quire publishes for the
/// installed and uninstalled callbacks (Connect's signed install, where the app cannot yet, or no
/// longer, trust a shared secret). Every token Quire writes binds the request with <c>qsh</c>.
/// </summary>
public static class ConnectJwt
{
    /// <summary>How long a token Quire writes is good for, as Atlassian's (a few minutes).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    /// <summary>How far the clocks of Quire and an app may disagree.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>The HS256 key of a shared secret: its UTF-8 bytes, as every Connect library uses it.</summary>
    public static SymmetricSecurityKey KeyOf(string sharedSecret) => new(Encoding.UTF8.GetBytes(sharedSecret));

    /// <summary>
    /// A token for a request Quire makes to an app (a webhook, the enabled and disabled callbacks):
    /// <c>iss</c> this installation's client key, <c>qsh</c> of the request relative to the app's baseUrl.
    /// </summary>
    public static string ForApp(string clientKey, string sharedSecret, string method, Uri url, string appBaseUrl, DateTimeOffset now) =>
        Create(Claims(clientKey, method, url, appBaseUrl, now), new SigningCredentials(KeyOf(sharedSecret), SecurityAlgorithms.HmacSha256));

    /// <summary>
    /// A signed-install token (RS256, the key's id in the header's <c>kid</c>), for the installed and
    /// uninstalled callbacks: <c>aud</c> is the app's baseUrl, as apps check it (an array, as Atlassian sends it).
    /// </summary>
    public static string ForInstall(string clientKey, RSA key, string kid, string method, Uri url, string appBaseUrl, DateTimeOffset now)
    {
        var claims = Claims(clientKey, method, url, appBaseUrl, now);
        claims["aud"] = new List<string> { appBaseUrl };
        return Create(claims, new SigningCredentials(new RsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>Writes an HS256 token with the given claims (an app's own tokens, in tests and tools).</summary>
    public static string Sign(IDictionary<string, object> claims, string sharedSecret) =>
        Create(claims, new SigningCredentials(KeyOf(sharedSecret), SecurityAlgorithms.HmacSha256));

    private static Dictionary<string, object> Claims(string clientKey, string method, Uri url, string appBaseUrl, DateTimeOffset now) => new()
    {
        ["iss"] = clientKey,
        ["iat"] = now.ToUnixTimeSeconds(),
        ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
        ["qsh"] = ConnectQueryStringHash.Compute(method, url.AbsolutePath, new Uri(appBaseUrl).AbsolutePath, url.Query),
    };

    private static string Create(IDictionary<string, object> claims, SigningCredentials credentials) =>
        Handler.CreateToken(new SecurityTokenDescriptor { Claims = claims, SigningCredentials = credentials });

    /// <summary>The token's claims without checking anything (to find whose secret checks it); null when it is no JWT at all.</summary>
    public static JsonWebToken? ReadUnverified(string token)
    {
        if (!Handler.CanReadToken(token)) return null;
        try
        {
            return Handler.ReadJsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or FormatException or System.Text.Json.JsonException)
        {
            // What arrives here is untrusted text: whatever fails to parse is simply not a JWT.
            return null;
        }
    }

    /// <summary>
    /// Checks an HS256 token with a shared secret: the signature, <c>exp</c> (required, with
    /// <see cref="ClockSkew"/>) and the algorithm. Audience and issuer are the caller's business. Null when it holds,
    /// else why not (for the 401's message).
    /// </summary>
    public static async Task<string?> ValidateAsync(string token, string sharedSecret, DateTimeOffset now)
    {
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = KeyOf(sharedSecret),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is { } exp && exp.ToUniversalTime() + ClockSkew > now.UtcDateTime
                && (notBefore is not { } nbf || nbf.ToUniversalTime() - ClockSkew <= now.UtcDateTime),
        });
        if (result.IsValid) return null;
        return result.Exception switch
        {
            SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException or SecurityTokenNoExpirationException =>
                "The JWT has expired (or has no exp claim).",
            SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The JWT's signature does not match the app's shared secret.",
            SecurityTokenInvalidAlgorithmException => "The JWT must be signed with HS256.",
            _ => "The JWT is not valid.",
        };
    }

    /// <summary>Compares two qsh values in constant time.</summary>
    public static bool SameHash(string? expected, string? actual) =>
        expected is not null && actual is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
