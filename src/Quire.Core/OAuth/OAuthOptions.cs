namespace Quire.Core.OAuth;

/// <summary>How long what the OAuth 2.0 token endpoint issues lives: <c>Quire:OAuth:*</c>. The defaults are Atlassian's.</summary>
public sealed class OAuthOptions
{
    public static OAuthOptions Default { get; } = new();

    /// <summary>An access token's life (Atlassian: one hour).</summary>
    public int AccessTokenSeconds { get; set; } = 3600;

    /// <summary>An authorization code's life (Atlassian: at most 10 minutes, as RFC 6749 recommends).</summary>
    public int AuthorizationCodeSeconds { get; set; } = 600;

    /// <summary>How long a refresh token may lie unused before it expires (Atlassian: 90 days of inactivity).</summary>
    public int RefreshTokenDays { get; set; } = 90;

    /// <summary>How long refreshing can go on at all after the user's consent (Atlassian: 365 days).</summary>
    public int RefreshFamilyDays { get; set; } = 365;

    /// <summary>
    /// How long after its rotation a spent refresh token presented again is only refused (<c>invalid_grant</c>) rather
    /// than revoking its family: a client retrying after losing the response, or two workers refreshing at once, must
    /// not lose the authorization. Later reuse still revokes the family (a copy is in someone else's hands). 0: none.
    /// </summary>
    public int RefreshReuseGraceSeconds { get; set; } = 60;

    /// <summary>Refuses settings that make no sense, at start-up, naming the key.</summary>
    public OAuthOptions Validated()
    {
        static void Require(bool ok, string key) =>
            _ = ok ? 0 : throw new InvalidOperationException($"Quire:OAuth:{key} must be above 0.");
        Require(AccessTokenSeconds > 0, nameof(AccessTokenSeconds));
        Require(AuthorizationCodeSeconds > 0, nameof(AuthorizationCodeSeconds));
        Require(RefreshTokenDays > 0, nameof(RefreshTokenDays));
        Require(RefreshFamilyDays > 0, nameof(RefreshFamilyDays));
        if (RefreshReuseGraceSeconds < 0)
            throw new InvalidOperationException($"Quire:OAuth:{nameof(RefreshReuseGraceSeconds)} must be 0 or above.");
        return this;
    }
}
