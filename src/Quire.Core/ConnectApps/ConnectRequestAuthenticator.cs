using Quire.Storage.ConnectApps;

namespace Quire.Core.ConnectApps;

/// <summary>How an app's JWT fared: the app it proves, or why it proves nothing (the 401's message).</summary>
public sealed record ConnectAuthentication(ConnectAppRecord? App, string? Failure);

/// <summary>
/// Checks the JWT an app sends with a request (<c>Authorization: JWT ...</c> or <c>?jwt=</c>), as Connect
/// products do: <c>iss</c> names an installed, enabled app (its key, or this installation's client key),
/// the HS256 signature holds with its shared secret, <c>exp</c> has not passed (with a little clock skew),
/// and <c>qsh</c> is the hash of this request's canonical form (see <see cref="ConnectQueryStringHash"/>).
/// A context JWT (<c>qsh</c> "context-qsh") is refused, as Atlassian refuses it on the REST API.
/// </summary>
public sealed class ConnectRequestAuthenticator(ConnectAppStore apps, TimeProvider time)
{
    /// <param name="contextPath">The site's context path (<c>/wiki</c>), which the canonical path is relative to.</param>
    public async Task<ConnectAuthentication> AuthenticateAsync(
        string token, string method, string rawPath, string contextPath, string? rawQuery, CancellationToken ct = default)
    {
        var jwt = ConnectJwt.ReadUnverified(token);
        if (jwt is null) return Failed("The credential is not a JWT.");
        var issuer = jwt.Issuer;
        if (string.IsNullOrEmpty(issuer)) return Failed("The JWT has no iss claim naming the app.");
        var app = await apps.FindAsync(issuer, ct) ?? await apps.FindByClientKeyAsync(issuer, ct);
        if (app is null) return Failed($"No installed app has the key or client key '{Clip(issuer)}'.");
        if (await ConnectJwt.ValidateAsync(token, app.SharedSecret, time.GetUtcNow()) is { } problem) return Failed(problem);
        if (!app.Enabled) return Failed($"The app '{app.AppKey}' is disabled.");
        var qsh = jwt.TryGetPayloadValue<string>("qsh", out var value) ? value : null;
        if (qsh is null) return Failed("The JWT has no qsh claim.");
        if (qsh == ConnectQueryStringHash.ContextQsh) return Failed("A context JWT (qsh 'context-qsh') cannot call the REST API.");
        var expected = ConnectQueryStringHash.Compute(method, rawPath, contextPath, rawQuery);
        if (!ConnectJwt.SameHash(expected, qsh))
            return Failed($"The JWT's qsh does not match this request (canonical request: {Clip(ConnectQueryStringHash.CanonicalRequest(method, rawPath, contextPath, rawQuery))}).");
        return new ConnectAuthentication(app, null);
    }

    private static ConnectAuthentication Failed(string message) => new(null, message);

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
