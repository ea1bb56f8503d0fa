using Quire.Storage.Users;

namespace Quire.Storage.Groups;

public sealed class GroupStore(DbSession db, Quire.Storage.Users.SignInSnapshotCache signIns)
{
    public Task<GroupRecord?> FindByIdAsync(string id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<GroupRecord>("SELECT id, name, created_at FROM groups WHERE id = @id", new { id }, ct);

    public Task<GroupRecord?> FindByNameAsync(string name, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<GroupRecord>(
            "SELECT id, name, created_at FROM groups WHERE name_lower = @name", new { name = name.ToLowerInvariant() }, ct);

    public Task<IReadOnlyList<GroupRecord>> FindManyByNamesAsync(IReadOnlyCollection<string> lowerNames, CancellationToken ct = default) =>
        lowerNames.Count == 0
            ? Task.FromResult<IReadOnlyList<GroupRecord>>([])
            : db.QueryAsync<GroupRecord>(
                $"SELECT id, name, created_at FROM groups WHERE {db.InList("name_lower", "names")}", new { names = lowerNames.ToArray() }, ct);

    public Task<IReadOnlyList<GroupRecord>> FindManyByIdsAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        ids.Count == 0
            ? Task.FromResult<IReadOnlyList<GroupRecord>>([])
            : db.QueryAsync<GroupRecord>(
                $"SELECT id, name, created_at FROM groups WHERE {db.InList("id", "ids")}", new { ids = ids.ToArray() }, ct);

    /// <summary>One page of groups by name; <paramref name="query"/> filters by a case-insensitive substring.</summary>
    public Task<IReadOnlyList<GroupRecord>> ListAsync(string? query, int offset, int count, CancellationToken ct = default) =>
        db.QueryAsync<GroupRecord>(
            $"""
            SELECT id, name, created_at FROM groups
            {(query is null ? "" : @"WHERE name_lower LIKE @pattern ESCAPE '\'")}
            ORDER BY name_lower LIMIT @count OFFSET @offset
            """,
            new { pattern = Sql.ContainsPattern(query), offset, count }, ct);

    public Task<long> CountAsync(string? query, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long>(
            $"SELECT COUNT(*) FROM groups {(query is null ? "" : @"WHERE name_lower LIKE @pattern ESCAPE '\'")}",
            new { pattern = Sql.ContainsPattern(query) }, ct);

    /// <summary>Inserts the group; answers false when its name is taken (even by a concurrent insert).</summary>
    public async Task<bool> TryInsertAsync(GroupRecord group, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            "INSERT INTO groups (id, name, name_lower, created_at) VALUES (@Id, @Name, @NameLower, @CreatedAt) ON CONFLICT DO NOTHING",
            new { group.Id, group.Name, NameLower = group.Name.ToLowerInvariant(), group.CreatedAt }, ct) > 0;

    // Group deletions and membership changes change what signed-in callers may do: each announces
    // itself to the sign-in cache (SignInSnapshotCache), in the same transaction.

    public Task<bool> DeleteAsync(string id, CancellationToken ct = default) =>
        ChangingSignInsAsync("DELETE FROM groups WHERE id = @id", new { id }, ct);

    /// <summary>Adds the membership; answers false when the user was already a member.</summary>
    public Task<bool> AddMemberAsync(string groupId, long userId, CancellationToken ct = default) =>
        ChangingSignInsAsync(
            "INSERT INTO group_members (group_id, user_id) VALUES (@groupId, @userId) ON CONFLICT DO NOTHING", new { groupId, userId }, ct);

    public Task<bool> RemoveMemberAsync(string groupId, long userId, CancellationToken ct = default) =>
        ChangingSignInsAsync("DELETE FROM group_members WHERE group_id = @groupId AND user_id = @userId", new { groupId, userId }, ct);

    private Task<bool> ChangingSignInsAsync(string sql, object param, CancellationToken ct) =>
        db.InTransactionAsync(async () =>
        {
            var changed = await db.ExecuteAsync(sql, param, ct) > 0;
            if (changed) await signIns.AnnounceChangeAsync(db, ct);
            return changed;
        }, ct);

    public Task<IReadOnlyList<UserRecord>> ListMembersAsync(string groupId, int offset, int count, CancellationToken ct = default) =>
        db.QueryAsync<UserRecord>(
            """
            SELECT u.id, u.account_id, u.user_name, u.email, u.display_name, u.password_hash, u.time_zone, u.created_at
            FROM group_members m JOIN users u ON u.id = m.user_id
            WHERE m.group_id = @groupId
            ORDER BY lower(u.display_name), u.id LIMIT @count OFFSET @offset
            """, new { groupId, offset, count }, ct);

    public Task<long> CountMembersAsync(string groupId, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM group_members WHERE group_id = @groupId", new { groupId }, ct);

    public Task<IReadOnlyList<GroupRecord>> ListForUserAsync(long userId, int offset, int count, CancellationToken ct = default) =>
        db.QueryAsync<GroupRecord>(
            """
            SELECT g.id, g.name, g.created_at FROM group_members m JOIN groups g ON g.id = m.group_id
            WHERE m.user_id = @userId ORDER BY g.name_lower LIMIT @count OFFSET @offset
            """, new { userId, offset, count }, ct);

    /// <summary>Which of <paramref name="userIds"/> belong to the named group, in one query.</summary>
    public Task<IReadOnlyList<long>> MembersAmongAsync(string groupName, IReadOnlyCollection<long> userIds, CancellationToken ct = default) =>
        db.QueryAsync<long>(
            $"""
            SELECT m.user_id FROM group_members m JOIN groups g ON g.id = m.group_id
            WHERE g.name_lower = @name AND {db.InList("m.user_id", "userIds")}
            """, new { name = groupName.ToLowerInvariant(), userIds = userIds.ToArray() }, ct);
}
