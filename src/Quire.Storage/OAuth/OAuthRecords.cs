namespace Quire.Storage.OAuth;

/// <summary>
/// An OAuth 2.0 app a site admin registered. <see cref="CallbackUrls"/> holds the redirect URIs one per
/// line and <see cref="Scopes"/> the scopes it may ask for, space-separated: <see cref="OAuthAppRecord"/>'s
/// helpers split them.
/// </summary>
public sealed class OAuthAppRecord
{
    public long Id { get; init; }
    public required string ClientId { get; init; }
    public required string Name { get; init; }
    public required string SecretHash { get; init; }
    public required string CallbackUrls { get; init; }
    public required string Scopes { get; init; }
    public long? CreatedBy { get; init; }
    public long CreatedAt { get; init; }
    public long UpdatedAt { get; init; }

    public IReadOnlyList<string> CallbackUrlList => CallbackUrls.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A user's consent to an app, with the app's client id and name for the user's list of grants.</summary>
public sealed class OAuthGrantRecord
{
    public long AppId { get; init; }
    public long UserId { get; init; }
    public required string Scopes { get; init; }
    public long CreatedAt { get; init; }
    public long UpdatedAt { get; init; }
    public string ClientId { get; init; } = "";
    public string AppName { get; init; } = "";

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>An authorization code as stored: what it may be exchanged for, and (once exchanged) the family it started.</summary>
public sealed class OAuthCodeRecord
{
    public required string CodeHash { get; init; }
    public long AppId { get; init; }
    public long UserId { get; init; }
    public required string RedirectUri { get; init; }
    public required string Scopes { get; init; }
    public string? FamilyId { get; init; }
    public long ExpiresAt { get; init; }
    public long CreatedAt { get; init; }
}

/// <summary>The kinds of <c>oauth_tokens</c> rows.</summary>
public static class OAuthTokenKinds
{
    public const string Access = "access";
    public const string Refresh = "refresh";
}

/// <summary>A token found by its hash, with what its family says: the app, the user and the scopes granted.</summary>
public sealed class OAuthTokenRecord
{
    public required string TokenHash { get; init; }
    public required string FamilyId { get; init; }
    /// <summary><see cref="OAuthTokenKinds"/>.</summary>
    public required string Kind { get; init; }
    public long ExpiresAt { get; init; }
    public long? RotatedAt { get; init; }
    public long AppId { get; init; }
    public required string ClientId { get; init; }
    public long UserId { get; init; }
    public required string Scopes { get; init; }
    public long FamilyExpiresAt { get; init; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
