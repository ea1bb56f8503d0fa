namespace Quire.Core.Apps;

/// <summary>
/// The scopes one API operation demands of apps, as Atlassian's API descriptions declare them
/// (<c>x-atlassian-oauth2-scopes</c> and <c>x-atlassian-connect-scope</c>).
/// </summary>
/// <param name="OperationId">The spec's operation id, for messages.</param>
/// <param name="Classic">The classic OAuth scopes (the spec's "Current" set), all needed; empty when the operation has none.</param>
/// <param name="Granular">The granular OAuth scopes (the "Beta" set, or the only set on v2), all needed; empty when none.</param>
/// <param name="Connect">The Connect scope (<c>READ</c>, <c>WRITE</c>, <c>DELETE</c>, <c>SPACE_ADMIN</c>, <c>ADMIN</c>,
/// <c>ACCESS_EMAIL_ADDRESSES</c>, or <c>INACCESSIBLE</c>); null when the spec names none.</param>
public sealed record OperationScopes(string OperationId, IReadOnlyList<string> Classic, IReadOnlyList<string> Granular, string? Connect)
{
    /// <summary>
    /// Atlassian's rule for the two scope families: a token holding every classic scope of the
    /// operation, or every granular one, may call it. An operation declaring neither is not open to OAuth apps.
    /// </summary>
    public bool AllowsOAuth(IReadOnlySet<string> granted) =>
        (Classic.Count > 0 && Classic.All(granted.Contains)) || (Granular.Count > 0 && Granular.All(granted.Contains));

    /// <summary>
    /// Connect's scopes nest: each of READ, WRITE, DELETE, SPACE_ADMIN, ADMIN includes those before it.
    /// ACCESS_EMAIL_ADDRESSES stands apart and must be declared itself; INACCESSIBLE (or no scope) is never open to Connect apps.
    /// </summary>
    public bool AllowsConnect(IReadOnlySet<string> declared) => Connect switch
    {
        null or "INACCESSIBLE" => false,
        "ACCESS_EMAIL_ADDRESSES" => declared.Contains(Connect),
        _ => ConnectRank(Connect) is { } needed && declared.Any(s => ConnectRank(s) >= needed),
    };

    /// <summary>The scopes an OAuth token lacks for this operation, for the refusal's message: the classic ones, or else the granular ones.</summary>
    public string DescribeOAuth() => (Classic.Count, Granular.Count) switch
    {
        (> 0, > 0) => $"{string.Join(" ", Classic)} (classic) or {string.Join(" ", Granular)} (granular)",
        (> 0, _) => string.Join(" ", Classic),
        (_, > 0) => string.Join(" ", Granular),
        _ => "a scope no app can hold",
    };

    /// <summary>The nested Connect scopes, weakest first.</summary>
    public static readonly IReadOnlyList<string> NestedConnectScopes = ["READ", "WRITE", "DELETE", "SPACE_ADMIN", "ADMIN"];

    private static int? ConnectRank(string scope)
    {
        for (var i = 0; i < NestedConnectScopes.Count; i++)
            if (NestedConnectScopes[i] == scope) return i;
        return null;
    }
}
