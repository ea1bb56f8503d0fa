using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Quire.Core.Permissions;
using Quire.Core.Security;
using Quire.Server.Http;

namespace Quire.Server.Authentication;

/// <summary>
/// HTTP Basic sign-in, as Confluence Cloud takes it: <c>email:api-token</c> (or a user
/// name, or a password). A successful sign-in leaves the <see cref="Caller"/> in
/// <see cref="CallerContext"/> for the rest of the request. A request without an
/// Authorization header is served as the anonymous user when the site allows anonymous
/// use (the global 'use' grant to anonymous); what it may then do is decided by
/// <see cref="SiteAccessHandler"/>. Wrong credentials are never downgraded to anonymous.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SignInService signIn, GlobalPermissionService globalPermissions, CallerContext callerContext, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";
    private const string Realm = "Basic realm=\"Quire\"";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return await AnonymousAsync();
        if (!AuthenticationHeaderValue.TryParse(header, out var value) ||
            !SchemeName.Equals(value.Scheme, StringComparison.OrdinalIgnoreCase) || value.Parameter is null)
            return AuthenticateResult.Fail("Only HTTP Basic authentication is supported.");

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("The Basic credentials are not valid base64.");
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0) return AuthenticateResult.Fail("The Basic credentials must be 'email:token'.");
        // No login or secret holds a NUL, and PostgreSQL cannot even compare text with one.
        if (decoded.Contains('\0')) return AuthenticateResult.Fail("The Basic credentials must not contain NUL characters.");

        var result = await signIn.SignInAsync(
            decoded[..colon], decoded[(colon + 1)..], ClientAddress.KeyOf(Context.Connection.RemoteIpAddress), Context.RequestAborted);
        if (result.RetryAfter is { } wait) return AuthenticateResult.Fail(new SignInThrottledException(wait));
        if (result.Caller is not { } caller) return AuthenticateResult.Fail("Wrong email, user name, API token or password.");

        callerContext.Caller = caller;
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, caller.User.AccountId), new Claim(ClaimTypes.Name, caller.User.DisplayName)],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private async Task<AuthenticateResult> AnonymousAsync()
    {
        if (!(await globalPermissions.CurrentAsync(Context.RequestAborted)).AnonymousUse) return AuthenticateResult.NoResult();
        callerContext.Caller = Caller.Anonymous();
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "Anonymous")], AnonymousType);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>The authentication type of the anonymous caller's identity.</summary>
    public const string AnonymousType = "Anonymous";

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        if (failure is SignInThrottledException throttled)
        {
            // As Cloud's rate limiting answers: 429 with the seconds to wait and the time it ends.
            var seconds = (long)Math.Ceiling(throttled.RetryAfter.TotalSeconds);
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Response.Headers["X-RateLimit-Reset"] = time.GetUtcNow().AddSeconds(seconds)
                .ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture);
            await ErrorBody.WriteAsync(Context, StatusCodes.Status429TooManyRequests, throttled.Message);
            return;
        }
        Response.Headers.WWWAuthenticate = Realm;
        await ErrorBody.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            failure?.Message ?? "This request requires authentication: send HTTP Basic credentials (email and API token).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        switch (callerContext.Caller)
        {
            case { IsAnonymous: true }:
                // As Confluence: what an anonymous user may not do asks for a sign-in.
                Response.Headers.WWWAuthenticate = Realm;
                return ErrorBody.WriteAsync(Context, StatusCodes.Status401Unauthorized,
                    "This needs a signed-in user: anonymous users may only read the spaces and content granted to them. Sign in with HTTP Basic (email and API token).");
            case { CanUse: false }:
                return ErrorBody.WriteAsync(Context, StatusCodes.Status403Forbidden,
                    "You do not have the global 'use' permission: a site administrator must grant it before you can use this site.");
            default:
                return ErrorBody.WriteAsync(Context, StatusCodes.Status403Forbidden, "You are not allowed to do this.");
        }
    }
}

/// <summary>A sign-in refused because its login or client address failed too often lately.</summary>
public sealed class SignInThrottledException(TimeSpan retryAfter) : Exception(
    $"Too many failed sign-ins for this login or from this address: try again in {(long)Math.Ceiling(retryAfter.TotalSeconds)} seconds. API tokens still sign in.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>How the sign-in throttle names a client address.</summary>
public static class ClientAddress
{
    /// <summary>
    /// IPv4 as is (also when mapped into IPv6); IPv6 by its /64 prefix, since one client commonly
    /// holds a whole /64. Null (no per-address limit) when the connection has no IP address.
    /// </summary>
    public static string? KeyOf(System.Net.IPAddress? address)
    {
        if (address is null) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        return Convert.ToHexStringLower(bytes, 0, 8) + "::/64";
    }
}

/// <summary>The signed-in caller of the current request, set by sign-in.</summary>
public sealed class CallerContext
{
    public Caller? Caller { get; set; }
}
