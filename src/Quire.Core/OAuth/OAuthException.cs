namespace Quire.Core.OAuth;

/// <summary>
/// A refusal as RFC 6749 words it (<c>invalid_grant</c>, <c>invalid_request</c>, ...) with the HTTP status
/// the token endpoint answers it with. The token endpoint writes it as <c>{"error", "error_description"}</c>.
/// </summary>
public sealed class OAuthException(string error, string description, int status = 400) : Exception(description)
{
    public string Error { get; } = error;
    public int Status { get; } = status;

    public static OAuthException InvalidRequest(string description) => new("invalid_request", description);

    /// <summary>Atlassian answers a code or refresh token it does not accept with 403 <c>invalid_grant</c>.</summary>
    public static OAuthException InvalidGrant(string description) => new("invalid_grant", description, 403);

    /// <summary>Unknown client or wrong secret: Atlassian answers <c>access_denied</c>, "Unauthorized".</summary>
    public static OAuthException BadClient() => new("access_denied", "Unauthorized", 401);
}
