namespace Quire.Core.Apps;

/// <summary>How an app authenticated: Confluence's two kinds of app access this server speaks.</summary>
public enum AppKind
{
    /// <summary>An OAuth 2.0 (3LO) integration, acting for the user who granted it, with the scopes granted.</summary>
    OAuth,

    /// <summary>A Connect app, acting as its own app user (or, with ACT_AS_USER, as a user), with its descriptor's scopes.</summary>
    Connect,
}

/// <summary>
/// What an app may call, carried by the <see cref="Security.Caller"/> of a request an app makes.
/// Scopes only narrow: an operation the app's scopes allow is then decided by the permissions of the
/// user the request acts as, as for anybody. Null on the caller for Basic sign-ins and anonymous use,
/// which scopes do not limit.
/// </summary>
/// <param name="Kind">OAuth or Connect: which of an operation's scope declarations apply.</param>
/// <param name="AppKey">The OAuth client id or the Connect app's key (rate limits and logs name the app by it).</param>
/// <param name="Scopes">
/// The scopes held: OAuth scope names as granted (classic and granular), or Connect scope names
/// (<c>READ</c>, <c>WRITE</c>, ...) as the descriptor declares them, upper case.
/// </param>
public sealed record AppAccess(AppKind Kind, string AppKey, IReadOnlySet<string> Scopes)
{
    /// <summary>Whether these scopes allow the operation; <paramref name="operation"/> null (not in the spec) is never allowed to apps.</summary>
    public bool Allows(OperationScopes? operation) => operation is not null && Kind switch
    {
        AppKind.OAuth => operation.AllowsOAuth(Scopes),
        AppKind.Connect => operation.AllowsConnect(Scopes),
        _ => false,
    };
}
