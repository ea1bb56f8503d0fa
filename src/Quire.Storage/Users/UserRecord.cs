namespace Quire.Storage.Users;

public sealed class UserRecord
{
    public long Id { get; init; }
    public required string AccountId { get; init; }
    public required string UserName { get; init; }
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    public string? PasswordHash { get; init; }
    public string TimeZone { get; init; } = "UTC";
    public long CreatedAt { get; init; }
    /// <summary>When a site admin removed the user from the site; null while it is a member.</summary>
    public long? RemovedAt { get; init; }
    /// <summary><see cref="AccountTypes.Atlassian"/> for people, <see cref="AccountTypes.App"/> for a Connect app's own user.</summary>
    public string AccountType { get; init; } = AccountTypes.Atlassian;

    /// <summary>
    /// Removed from the site: it keeps its row (what it wrote stays its own) but may not sign in, hold a token,
    /// or be granted anything again; a removal is final, so nothing that names the user may bring it back.
    /// </summary>
    public bool IsRemoved => RemovedAt is not null;
}

/// <summary>Confluence's account types: a person's, or the user a Connect app acts as.</summary>
public static class AccountTypes
{
    public const string Atlassian = "atlassian";
    public const string App = "app";
}
