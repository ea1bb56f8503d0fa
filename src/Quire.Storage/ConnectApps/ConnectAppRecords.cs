namespace Quire.Storage.ConnectApps;

/// <summary>
/// An installed Connect app: who it is (its key, this installation's client key), where it lives, the
/// shared secret both sides sign with (kept as given: it must be used again), its scopes and its own user.
/// </summary>
public sealed class ConnectAppRecord
{
    public required string AppKey { get; init; }
    public required string ClientKey { get; init; }
    /// <summary>The issuer (<c>urn:atlassian:connect:clientid:...</c> names it) of the app's user-impersonation assertions.</summary>
    public required string OAuthClientId { get; init; }
    public required string SharedSecret { get; init; }
    /// <summary>The descriptor's baseUrl, without a trailing slash.</summary>
    public required string BaseUrl { get; init; }
    public required string Name { get; init; }
    /// <summary>The descriptor as installed (JSON).</summary>
    public required string Descriptor { get; init; }
    /// <summary>The descriptor's scopes, upper case, space separated.</summary>
    public required string Scopes { get; init; }
    public bool Enabled { get; init; }
    /// <summary>The app's own user, which its requests act as.</summary>
    public long UserId { get; init; }
    public long? InstalledBy { get; init; }
    public long InstalledAt { get; init; }
    public long UpdatedAt { get; init; }

    public IReadOnlySet<string> ScopeSet => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>A module an app registered at run time (Dynamic modules), as it sent it (JSON).</summary>
public sealed class ConnectModuleRecord
{
    public required string AppKey { get; init; }
    public required string ModuleKey { get; init; }
    /// <summary>The descriptor's name for the kind of module (<c>webItems</c>, <c>adminPages</c>, ...).</summary>
    public required string ModuleType { get; init; }
    public required string Module { get; init; }
    public long CreatedAt { get; init; }
}

/// <summary>An RSA key pair that signs install callbacks (PEM text), named by its kid.</summary>
public sealed class ConnectInstallKeyRecord
{
    public required string Kid { get; init; }
    public required string PrivateKey { get; init; }
    public required string PublicKey { get; init; }
    public long CreatedAt { get; init; }
}

/// <summary>What an impersonation access token acts as: the app and the user, with which scopes (space separated), until when.</summary>
public sealed class ConnectAccessTokenRecord
{
    public required string AppKey { get; init; }
    public long UserId { get; init; }
    public required string Scopes { get; init; }
    public long ExpiresAt { get; init; }
}
