using Quire.Storage.Groups;

namespace Quire.Storage.Users;

/// <summary>What a request needs to know about its signed-in user, read in one round trip.</summary>
public sealed record SignInSnapshot(UserRecord User, bool TokenIsLive, IReadOnlyList<GroupRecord> Groups);

/// <summary>
/// Reads a user, whether one of its API tokens still exists, and its groups in a single
/// query (a user removed from the site reads as unknown, so no credential of it signs in, even a token
/// created as it was being removed), kept in <see cref="SignInSnapshotCache"/> until something changes them: sign-in runs on
/// every request, so a request after the first runs none.
/// </summary>
public sealed class SignInSnapshotStore(DbSession db, SignInSnapshotCache cache)
{
    private sealed class Row
    {
        public long Id { get; init; }
        public required string AccountId { get; init; }
        public required string UserName { get; init; }
        public required string Email { get; init; }
        public required string DisplayName { get; init; }
        public string? PasswordHash { get; init; }
        public string TimeZone { get; init; } = "UTC";
        public string AccountType { get; init; } = AccountTypes.Atlassian;
        public long CreatedAt { get; init; }
        public long LiveTokens { get; init; }
        public string? GroupId { get; init; }
        public string? GroupName { get; init; }
        public long GroupCreatedAt { get; init; }
    }

    public async Task<SignInSnapshot?> LoadAsync(long userId, string? tokenId, CancellationToken ct = default)
    {
        if (cache.TryGet(userId, tokenId, out var generation) is { } cached) return cached;
        var snapshot = await QueryAsync(userId, tokenId, ct);
        if (snapshot is not null) cache.Store(userId, tokenId, snapshot, generation);
        return snapshot;
    }

    private async Task<SignInSnapshot?> QueryAsync(long userId, string? tokenId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<Row>(
            """
            SELECT u.id, u.account_id, u.user_name, u.email, u.display_name, u.password_hash, u.time_zone, u.created_at, u.account_type,
                   (SELECT COUNT(*) FROM api_tokens t WHERE t.token_id = @tokenId AND t.user_id = u.id) AS live_tokens,
                   g.id AS group_id, g.name AS group_name, COALESCE(g.created_at, 0) AS group_created_at
            FROM users u
            LEFT JOIN group_members m ON m.user_id = u.id
            LEFT JOIN groups g ON g.id = m.group_id
            WHERE u.id = @userId AND u.removed_at IS NULL
            """, new { userId, tokenId = tokenId ?? "" }, ct);
        if (rows.Count == 0) return null;

        var first = rows[0];
        var user = new UserRecord
        {
            Id = first.Id, AccountId = first.AccountId, UserName = first.UserName, Email = first.Email,
            DisplayName = first.DisplayName, PasswordHash = first.PasswordHash, TimeZone = first.TimeZone, CreatedAt = first.CreatedAt,
            AccountType = first.AccountType,
        };
        var groups = rows.Where(r => r.GroupId is not null)
            .Select(r => new GroupRecord { Id = r.GroupId!, Name = r.GroupName!, CreatedAt = r.GroupCreatedAt })
            .ToList();
        return new SignInSnapshot(user, first.LiveTokens > 0, groups);
    }
}
