using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Quire.Core.Permissions;
using Quire.Core.Security;
using Quire.Server.Http;

namespace Quire.Server.Authentication;

/// <summary>
/// Signs a request in from its <c>Authorization</c> header: the registered
/// <see cref="ICredentialScheme"/>s of the header's scheme (HTTP Basic as Confluence Cloud takes it,
/// and the app credentials) turn it into the <see cref="Caller"/> left in <see cref="CallerContext"/>
/// for the rest of the request. A request without credentials is served as the anonymous user when
/// the site allows anonymous use (the global 'use' grant to anonymous); what it may then do is
/// decided by <see cref="SiteAccessHandler"/>. Wrong credentials are never downgraded to anonymous. Attachment
/// downloads alone also take the web interface's session cookie (<see cref="Web.WebSessionAccepted"/>).
/// </summary>
public sealed class CredentialAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IEnumerable<ICredentialScheme> credentialSchemes, GlobalPermissionService globalPermissions, CallerContext callerContext, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The ASP.NET Core scheme every endpoint's policy names; the credential schemes sit behind it.</summary>
    public const string SchemeName = "Quire";
    private const string BasicChallenge = "Basic realm=\"Quire\"";

    /// <summary>The scheme whose credential failed, for the challenge's <c>WWW-Authenticate</c>.</summary>
    private ICredentialScheme? _refusedBy;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        string schemeName, credential;
        if (!string.IsNullOrEmpty(header))
        {
            if (!AuthenticationHeaderValue.TryParse(header, out var value) || value.Parameter is null)
                return AuthenticateResult.Fail("The Authorization header is not '<scheme> <credentials>'.");
            (schemeName, credential) = (value.Scheme, value.Parameter);
        }
        else if (FromQuery() is { } fromQuery)
            (schemeName, credential) = fromQuery;
        else
            return await WebSessionAsync() ?? await AnonymousAsync();

        var known = false;
        foreach (var scheme in credentialSchemes)
        {
            if (!scheme.Scheme.Equals(schemeName, StringComparison.OrdinalIgnoreCase)) continue;
            known = true;
            var result = await scheme.AuthenticateAsync(credential, Context);
            if (!result.Recognized) continue;
            if (result.Caller is not { } caller)
            {
                _refusedBy = scheme;
                return AuthenticateResult.Fail(result.Failure ?? new UnauthorizedAccessException("The credentials were refused."));
            }
            callerContext.Caller = caller;
            return AuthenticateResult.Success(new AuthenticationTicket(CallerPrincipal.Of(caller, scheme.Scheme), SchemeName));
        }
        return AuthenticateResult.Fail(known
            ? $"The {schemeName} credentials are not valid."
            : $"The '{schemeName}' authorization scheme is not supported: use {string.Join(", ", credentialSchemes.Select(s => s.Scheme).Distinct())}.");
    }

    /// <summary>A credential a scheme takes from the query string, when the request has no Authorization header.</summary>
    private (string Scheme, string Credential)? FromQuery()
    {
        if (Request.Query.Count == 0) return null;
        foreach (var scheme in credentialSchemes)
            if (scheme.QueryParameter is { } name && Request.Query[name] is [{ Length: > 0 } value])
                return (scheme.Scheme, value);
        return null;
    }

    /// <summary>
    /// On the endpoints a browser opens from a web page (<see cref="Web.WebSessionAccepted"/>: attachment downloads),
    /// a request without credentials is signed in by the web session's cookie; null elsewhere or without a live session.
    /// </summary>
    private async Task<AuthenticateResult?> WebSessionAsync()
    {
        if (Context.GetEndpoint()?.Metadata.GetMetadata<Web.WebSessionAccepted>() is null) return null;
        if (Web.WebSessionCookie.Read(Request) is not { } secret) return null;
        var caller = await Context.RequestServices.GetRequiredService<WebSessionService>().CallerOfAsync(secret, Context.RequestAborted);
        if (caller is null) return null;
        callerContext.Caller = caller;
        return AuthenticateResult.Success(new AuthenticationTicket(
            CallerPrincipal.Of(caller, Web.WebVisitorMiddleware.SessionAuthenticationType), SchemeName));
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
            // Cloud's rate-limit answer, as the request budgets give it (no budget or reason: a login's lock).
            await TooManyRequestsAnswer.WriteAsync(Context, time, TooManyRequestsAnswer.SecondsOf(throttled.RetryAfter), throttled.Message);
            return;
        }
        Response.Headers.WWWAuthenticate = _refusedBy?.Challenge ?? BasicChallenge;
        await ErrorBody.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            failure?.Message ?? "This request requires authentication: send HTTP Basic credentials (email and API token).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        switch (callerContext.Caller)
        {
            case { IsAnonymous: true }:
                // As Confluence: what an anonymous user may not do asks for a sign-in.
                Response.Headers.WWWAuthenticate = BasicChallenge;
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
    $"Too many failed sign-ins for this login or from this address: try again in {TooManyRequestsAnswer.Describe(TooManyRequestsAnswer.SecondsOf(retryAfter))}. API tokens still sign in.")
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
