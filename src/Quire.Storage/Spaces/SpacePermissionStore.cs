namespace Quire.Storage.Spaces;

/// <summary>One grant of a space permission to a user, a group, or anonymous.</summary>
public sealed class SpacePermissionRecord
{
    public long Id { get; init; }
    public long SpaceId { get; init; }
    public long? UserId { get; init; }
    public string? GroupId { get; init; }
    /// <summary>A grant to anonymous: it counts for everybody while the site allows anonymous use.</summary>
    public bool Anonymous { get; init; }
    /// <summary>The group's name, joined in so rendering needs no second query.</summary>
    public string? GroupName { get; init; }
    public required string Operation { get; init; }
    public required string TargetType { get; init; }
}

/// <summary>Who a space grant is for: exactly one of a user, a group, or anonymous.</summary>
public readonly record struct SpaceSubject(long? UserId, string? GroupId, bool Anonymous)
{
    public static SpaceSubject User(long id) => new(id, null, false);
    public static SpaceSubject Group(string id) => new(null, id, false);
    public static readonly SpaceSubject AnonymousUser = new(null, null, true);
}

/// <summary>An operation a viewer may perform on a space.</summary>
public sealed class SpaceOperationRecord
{
    public long SpaceId { get; init; }
    public required string Operation { get; init; }
    public required string TargetType { get; init; }
}

public sealed class SpacePermissionStore(DbSession db)
{
    /// <summary>
    /// Grants several (operation, target type) permissions to one subject in a single
    /// statement; grants it already holds are kept as they are.
    /// </summary>
    public Task GrantAsync(
        long spaceId, SpaceSubject subject, IReadOnlyList<(string Operation, string TargetType)> grants, CancellationToken ct = default)
    {
        if (grants.Count == 0) return Task.CompletedTask;
        var parameters = new Dapper.DynamicParameters(new { spaceId, subject.UserId, subject.GroupId, subject.Anonymous });
        var rows = new List<string>(grants.Count);
        for (var i = 0; i < grants.Count; i++)
        {
            parameters.Add($"op{i}", grants[i].Operation);
            parameters.Add($"target{i}", grants[i].TargetType);
            rows.Add($"(@spaceId, @UserId, @GroupId, @Anonymous, @op{i}, @target{i})");
        }
        return db.ExecuteAsync(
            $"""
            INSERT INTO space_permissions (space_id, user_id, group_id, anonymous, operation, target_type)
            VALUES {string.Join(", ", rows)} ON CONFLICT DO NOTHING
            """, parameters, ct);
    }

    /// <summary>Grants one permission; answers its id, or null when the subject already holds it.</summary>
    public Task<long?> TryGrantAsync(
        long spaceId, SpaceSubject subject, string operation, string targetType, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long?>(
            """
            INSERT INTO space_permissions (space_id, user_id, group_id, anonymous, operation, target_type)
            VALUES (@spaceId, @UserId, @GroupId, @Anonymous, @operation, @targetType)
            ON CONFLICT DO NOTHING
            RETURNING id
            """, new { spaceId, subject.UserId, subject.GroupId, subject.Anonymous, operation, targetType }, ct);

    /// <summary>Whether the subject itself (not through a group) holds the permission on the space.</summary>
    public Task<bool> HoldsAsync(long spaceId, SpaceSubject subject, string operation, string targetType, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<bool>(
            $"""
            SELECT EXISTS (SELECT 1 FROM space_permissions
                           WHERE space_id = @spaceId AND operation = @operation AND target_type = @targetType AND {SubjectIs})
            """, new { spaceId, subject.UserId, subject.GroupId, subject.Anonymous, operation, targetType }, ct);

    public Task<SpacePermissionRecord?> FindAsync(long spaceId, long id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<SpacePermissionRecord>(
            """
            SELECT p.id, p.space_id, p.user_id, p.group_id, g.name AS group_name, p.anonymous, p.operation, p.target_type
            FROM space_permissions p LEFT JOIN groups g ON g.id = p.group_id
            WHERE p.space_id = @spaceId AND p.id = @id
            """, new { spaceId, id }, ct);

    /// <summary>Removes one permission of the subject on the space; answers how many rows went.</summary>
    public Task<int> RevokeAsync(long spaceId, SpaceSubject subject, string operation, string targetType, CancellationToken ct = default) =>
        db.ExecuteAsync(
            $"DELETE FROM space_permissions WHERE space_id = @spaceId AND operation = @operation AND target_type = @targetType AND {SubjectIs}",
            new { spaceId, subject.UserId, subject.GroupId, subject.Anonymous, operation, targetType }, ct);

    public Task<int> DeleteAsync(long id, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM space_permissions WHERE id = @id", new { id }, ct);

    /// <summary>Removes every permission the subject holds on the space (what losing read/space means).</summary>
    public Task<int> DeleteAllOfSubjectAsync(long spaceId, SpaceSubject subject, CancellationToken ct = default) =>
        db.ExecuteAsync($"DELETE FROM space_permissions WHERE space_id = @spaceId AND {SubjectIs}",
            new { spaceId, subject.UserId, subject.GroupId, subject.Anonymous }, ct);

    /// <summary>How many grants of administer/space the space has.</summary>
    public Task<long> CountAdministratorGrantsAsync(long spaceId, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM space_permissions WHERE space_id = @spaceId AND operation = 'administer' AND target_type = 'space'",
            new { spaceId }, ct);

    /// <summary>
    /// The row's subject is exactly this user, this group, or anonymous (a subject is exactly
    /// one of them, and a row holds exactly one, so the three tests cannot overlap).
    /// </summary>
    private const string SubjectIs = "(user_id = @UserId OR group_id = @GroupId OR (anonymous AND @Anonymous))";

    /// <summary>
    /// Whether the viewer holds the permission on the space, directly, through a group, or
    /// through a grant to anonymous when those apply to it (see <see cref="Viewer"/>).
    /// </summary>
    public Task<bool> HasAsync(long spaceId, Viewer viewer, string operation, string targetType, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<bool>(
            $"""
            SELECT EXISTS (SELECT 1 FROM space_permissions
                           WHERE space_id = @spaceId AND operation = @operation AND target_type = @targetType
                             AND (user_id = @userId OR {db.InList("group_id", "groupIds")}
                                  OR (anonymous AND {db.InList($"'{Viewer.AnonymousSubject}'", "groupIds")})))
            """,
            new { spaceId, operation, targetType, userId = viewer.UserId, groupIds = viewer.GroupIds.ToArray() }, ct);

    /// <summary>Every grant on the given spaces, in one query.</summary>
    public Task<IReadOnlyList<SpacePermissionRecord>> ListForSpacesAsync(IReadOnlyCollection<long> spaceIds, CancellationToken ct = default) =>
        spaceIds.Count == 0
            ? Task.FromResult<IReadOnlyList<SpacePermissionRecord>>([])
            : db.QueryAsync<SpacePermissionRecord>(
                $"""
                SELECT p.id, p.space_id, p.user_id, p.group_id, g.name AS group_name, p.anonymous, p.operation, p.target_type
                FROM space_permissions p LEFT JOIN groups g ON g.id = p.group_id
                WHERE {db.InList("p.space_id", "spaceIds")}
                ORDER BY p.space_id, p.id
                """, new { spaceIds = spaceIds.ToArray() }, ct);

    /// <summary>
    /// Up to <paramref name="count"/> grants on one space by id, after <paramref name="after"/>
    /// (null: from the first), of the given target types only (custom content types are left out
    /// where an API has no name for them): a keyset walk over the grants.
    /// </summary>
    public Task<IReadOnlyList<SpacePermissionRecord>> ListAfterAsync(
        long spaceId, IReadOnlyCollection<string> targetTypes, Keyset? after, int count, CancellationToken ct = default) =>
        db.QueryAsync<SpacePermissionRecord>(
            $"""
            SELECT p.id, p.space_id, p.user_id, p.group_id, g.name AS group_name, p.anonymous, p.operation, p.target_type
            FROM space_permissions p LEFT JOIN groups g ON g.id = p.group_id
            WHERE p.space_id = @spaceId AND p.id > @afterId AND {db.InList("p.target_type", "targetTypes")}
            ORDER BY p.id LIMIT @count
            """, new { spaceId, targetTypes = targetTypes.ToArray(), afterId = after?.Id ?? 0, count }, ct);

    /// <summary>What the viewer may do on each of the given spaces, in one query.</summary>
    public Task<IReadOnlyList<SpaceOperationRecord>> OperationsForAsync(
        IReadOnlyCollection<long> spaceIds, Viewer viewer, CancellationToken ct = default) =>
        spaceIds.Count == 0
            ? Task.FromResult<IReadOnlyList<SpaceOperationRecord>>([])
            : db.QueryAsync<SpaceOperationRecord>(
                $"""
                SELECT DISTINCT space_id, operation, target_type FROM space_permissions
                WHERE {db.InList("space_id", "spaceIds")}
                  AND (user_id = @userId OR {db.InList("group_id", "groupIds")}
                       OR (anonymous AND {db.InList($"'{Viewer.AnonymousSubject}'", "groupIds")}))
                ORDER BY space_id, target_type, operation
                """, new { spaceIds = spaceIds.ToArray(), userId = viewer.UserId, groupIds = viewer.GroupIds.ToArray() }, ct);
}
