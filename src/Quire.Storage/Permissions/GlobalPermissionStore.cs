namespace Quire.Storage.Permissions;

/// <summary>One global grant: a permission for a user, a group, or anonymous (exactly one).</summary>
public sealed class GlobalPermissionRecord
{
    public long Id { get; init; }
    public required string Permission { get; init; }
    public long? UserId { get; init; }
    public string? GroupId { get; init; }
    public bool Anonymous { get; init; }

    /// <summary>Joined in for listings: the group's name, the user's account id, e-mail and name.</summary>
    public string? GroupName { get; init; }
    public string? AccountId { get; init; }
    public string? Email { get; init; }
    public string? DisplayName { get; init; }
}

/// <summary>A global permission that a user holds, directly or through one of its groups.</summary>
public sealed class UserGlobalPermission
{
    public long UserId { get; init; }
    public required string Permission { get; init; }
}

/// <summary>Rows of <c>global_permissions</c>.</summary>
public sealed class GlobalPermissionStore(DbSession db)
{
    /// <summary>The PostgreSQL channel on which grant changes are announced to every node (<see cref="ChangeListener"/>).</summary>
    public const string ChangeChannel = "quire_global_permissions";

    /// <summary>
    /// Tells every node listening that the grants changed. Inside the change's transaction, so
    /// PostgreSQL delivers it when (and only if) the change commits. SQLite serves one node,
    /// which drops its own cache itself.
    /// </summary>
    public async Task AnnounceChangeAsync(CancellationToken ct = default)
    {
        if (db.Dialect.ServesManyNodes) await db.ExecuteAsync($"NOTIFY {ChangeChannel}", ct: ct);
    }

    /// <summary>Every grant, ordered by permission and subject (the table is small: a handful of rows per site).</summary>
    public Task<IReadOnlyList<GlobalPermissionRecord>> ListAsync(CancellationToken ct = default) =>
        db.QueryAsync<GlobalPermissionRecord>(
            """
            SELECT p.id, p.permission, p.user_id, p.group_id, p.anonymous,
                   g.name AS group_name, u.account_id, u.email, u.display_name
            FROM global_permissions p
            LEFT JOIN groups g ON g.id = p.group_id
            LEFT JOIN users u ON u.id = p.user_id
            ORDER BY p.permission, p.anonymous, g.name_lower, u.email_lower, p.id
            """, null, ct);

    /// <summary>Grants the permission; answers false when the subject already holds it.</summary>
    public async Task<bool> TryGrantAsync(string permission, long? userId, string? groupId, bool anonymous, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            INSERT INTO global_permissions (permission, user_id, group_id, anonymous)
            VALUES (@permission, @userId, @groupId, @anonymous)
            ON CONFLICT DO NOTHING
            """, new { permission, userId, groupId, anonymous }, ct) > 0;

    /// <summary>Revokes the permission from exactly this subject; answers false when it did not hold it.</summary>
    public async Task<bool> RevokeAsync(string permission, long? userId, string? groupId, bool anonymous, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            DELETE FROM global_permissions
            WHERE permission = @permission AND (user_id = @userId OR group_id = @groupId OR (anonymous AND @anonymous))
            """, new { permission, userId, groupId, anonymous }, ct) > 0;

    /// <summary>Whether the user holds the permission, directly or through a group, in one query.</summary>
    public Task<bool> UserHoldsAsync(string permission, long userId, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<bool>(
            """
            SELECT EXISTS (SELECT 1 FROM global_permissions p
                           WHERE p.permission = @permission
                             AND (p.user_id = @userId
                                  OR p.group_id IN (SELECT m.group_id FROM group_members m WHERE m.user_id = @userId)))
            """, new { permission, userId }, ct);

    /// <summary>The global permissions each of the users holds, directly or through a group, in one query.</summary>
    public Task<IReadOnlyList<UserGlobalPermission>> HeldByUsersAsync(IReadOnlyCollection<long> userIds, CancellationToken ct = default) =>
        userIds.Count == 0
            ? Task.FromResult<IReadOnlyList<UserGlobalPermission>>([])
            : db.QueryAsync<UserGlobalPermission>(
                $"""
                SELECT p.user_id, p.permission FROM global_permissions p WHERE {db.InList("p.user_id", "userIds")}
                UNION
                SELECT m.user_id, p.permission FROM global_permissions p JOIN group_members m ON m.group_id = p.group_id
                WHERE {db.InList("m.user_id", "userIds")}
                """, new { userIds = userIds.ToArray() }, ct);
}
