using Quire.Storage.Spaces;
using Quire.Storage.Visibility;

namespace Quire.Storage.Roles;

/// <summary>A space role: a named set of space permissions, SYSTEM (Confluence's four) or CUSTOM (a site admin's).</summary>
public sealed class SpaceRoleRecord
{
    public long Id { get; init; }
    public required string Type { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    /// <summary>The permissions as v2 names them (<c>read/space</c>), sorted and comma-separated.</summary>
    public required string Permissions { get; init; }
}

/// <summary>Which role one user, group or anonymous holds in one space.</summary>
public sealed class SpaceRoleAssignmentRecord
{
    public long Id { get; init; }
    public long SpaceId { get; init; }
    public long RoleId { get; init; }
    public long? UserId { get; init; }
    public string? GroupId { get; init; }
    public bool Anonymous { get; init; }

    public SpaceSubject Subject => new(UserId, GroupId, Anonymous);
}

/// <summary>The filters of a role assignment listing; null filters nothing.</summary>
public sealed record SpaceRoleAssignmentFilter(long? RoleId, string? RoleType, SpaceSubject? Subject);

/// <summary>Space roles and who holds them where. The permissions a role grants live in <see cref="SpacePermissionStore"/>.</summary>
public sealed class SpaceRoleStore(DbSession db)
{
    private const string RoleColumns = "id, type, name, description, permissions";
    private const string AssignmentColumns = "a.id, a.space_id, a.role_id, a.user_id, a.group_id, a.anonymous";

    public Task<SpaceRoleRecord?> FindAsync(long id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<SpaceRoleRecord>($"SELECT {RoleColumns} FROM space_roles WHERE id = @id", new { id }, ct);

    public Task<IReadOnlyList<SpaceRoleRecord>> FindManyAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default) =>
        ids.Count == 0
            ? Task.FromResult<IReadOnlyList<SpaceRoleRecord>>([])
            : db.QueryAsync<SpaceRoleRecord>($"SELECT {RoleColumns} FROM space_roles WHERE {db.InList("id", "ids")}", new { ids = ids.ToArray() }, ct);

    /// <summary>Every role: a site has a handful (four system roles and its custom ones), read whole to compare permission sets.</summary>
    public Task<IReadOnlyList<SpaceRoleRecord>> ListAllAsync(CancellationToken ct = default) =>
        db.QueryAsync<SpaceRoleRecord>($"SELECT {RoleColumns} FROM space_roles ORDER BY id", null, ct);

    /// <summary>Up to <paramref name="count"/> roles by id after <paramref name="afterId"/>, of one type or any.</summary>
    public Task<IReadOnlyList<SpaceRoleRecord>> ListAfterAsync(string? type, long afterId, int count, CancellationToken ct = default) =>
        db.QueryAsync<SpaceRoleRecord>(
            $"SELECT {RoleColumns} FROM space_roles WHERE id > @afterId {(type is null ? "" : "AND type = @type")} ORDER BY id LIMIT @count",
            new { type, afterId, count }, ct);

    /// <summary>
    /// Up to <paramref name="count"/> roles by id after <paramref name="afterId"/> that the subject holds in a space
    /// the <paramref name="viewer"/> may read (any such space, or <paramref name="spaceId"/>), of one type or any.
    /// Holdings in spaces the viewer cannot read count for nothing: otherwise any user could learn that someone holds
    /// a role somewhere they may not look.
    /// </summary>
    public Task<IReadOnlyList<SpaceRoleRecord>> ListHeldAfterAsync(
        SpaceSubject subject, long? spaceId, Viewer viewer, string? type, long afterId, int count, CancellationToken ct = default)
    {
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer,
            new { type, afterId, count, spaceId, subject.UserId, subject.GroupId, subject.Anonymous });
        return db.QueryAsync<SpaceRoleRecord>(
            $"""
            SELECT {RoleColumns} FROM space_roles r
            WHERE r.id > @afterId {(type is null ? "" : "AND r.type = @type")}
              AND EXISTS (SELECT 1 FROM space_role_assignments a JOIN spaces s ON s.id = a.space_id
                          WHERE a.role_id = r.id {(spaceId is null ? "" : "AND a.space_id = @spaceId")}
                            AND {SubjectIs("a")}
                            AND {read.Space()})
            ORDER BY r.id LIMIT @count
            """, parameters, ct);
    }

    /// <summary>The new role's id, or null when the name is taken (names are unique, ignoring case).</summary>
    public Task<long?> TryInsertAsync(string type, string name, string description, string permissions, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long?>(
            """
            INSERT INTO space_roles (type, name, name_lower, description, permissions)
            VALUES (@type, @name, @nameLower, @description, @permissions)
            ON CONFLICT DO NOTHING
            RETURNING id
            """, new { type, name, nameLower = name.ToLowerInvariant(), description, permissions }, ct);

    /// <summary>False when another role has the name.</summary>
    public async Task<bool> TryUpdateAsync(long id, string name, string description, string permissions, CancellationToken ct = default)
    {
        var nameLower = name.ToLowerInvariant();
        if (await db.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM space_roles WHERE name_lower = @nameLower AND id <> @id)",
                new { id, nameLower }, ct))
            return false;
        await db.ExecuteAsync(
            "UPDATE space_roles SET name = @name, name_lower = @nameLower, description = @description, permissions = @permissions WHERE id = @id",
            new { id, name, nameLower, description, permissions }, ct);
        return true;
    }

    public Task<int> DeleteAsync(long id, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM space_roles WHERE id = @id", new { id }, ct);

    /// <summary>
    /// A page of a space's assignments by id after <paramref name="afterId"/>, filtered: a range scan of
    /// (space_id, id) with the filters applied to the rows it meets.
    /// </summary>
    public Task<IReadOnlyList<SpaceRoleAssignmentRecord>> ListAssignmentsAfterAsync(
        long spaceId, SpaceRoleAssignmentFilter filter, long afterId, int count, CancellationToken ct = default)
    {
        var subject = filter.Subject ?? default;
        return db.QueryAsync<SpaceRoleAssignmentRecord>(
            $"""
            SELECT {AssignmentColumns} FROM space_role_assignments a
            {(filter.RoleType is null ? "" : "JOIN space_roles r ON r.id = a.role_id AND r.type = @roleType")}
            WHERE a.space_id = @spaceId AND a.id > @afterId
              {(filter.RoleId is null ? "" : "AND a.role_id = @roleId")}
              {(filter.Subject is null ? "" : "AND " + SubjectIs("a"))}
            ORDER BY a.id LIMIT @count
            """,
            new { spaceId, afterId, count, roleId = filter.RoleId, roleType = filter.RoleType, subject.UserId, subject.GroupId, subject.Anonymous },
            ct);
    }

    /// <summary>The assignments of the given spaces, in one query (what the transition reads a batch of spaces with).</summary>
    public Task<IReadOnlyList<SpaceRoleAssignmentRecord>> ListAssignmentsOfSpacesAsync(IReadOnlyCollection<long> spaceIds, CancellationToken ct = default) =>
        spaceIds.Count == 0
            ? Task.FromResult<IReadOnlyList<SpaceRoleAssignmentRecord>>([])
            : db.QueryAsync<SpaceRoleAssignmentRecord>(
                $"SELECT {AssignmentColumns} FROM space_role_assignments a WHERE {db.InList("a.space_id", "spaceIds")} ORDER BY a.space_id, a.id",
                new { spaceIds = spaceIds.ToArray() }, ct);

    /// <summary>Up to <paramref name="count"/> assignments of a role after <paramref name="afterId"/> (the role's index).</summary>
    public Task<IReadOnlyList<SpaceRoleAssignmentRecord>> ListAssignmentsOfRoleAfterAsync(long roleId, long afterId, int count, CancellationToken ct = default) =>
        db.QueryAsync<SpaceRoleAssignmentRecord>(
            $"SELECT {AssignmentColumns} FROM space_role_assignments a WHERE a.role_id = @roleId AND a.id > @afterId ORDER BY a.id LIMIT @count",
            new { roleId, afterId, count }, ct);

    public Task<bool> IsAssignedAsync(long roleId, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM space_role_assignments WHERE role_id = @roleId)", new { roleId }, ct);

    public Task<bool> IsAssignedToAnonymousAsync(long roleId, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM space_role_assignments WHERE role_id = @roleId AND anonymous = @yes)", new { roleId, yes = true }, ct);

    public Task<SpaceRoleAssignmentRecord?> FindAssignmentAsync(long spaceId, SpaceSubject subject, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<SpaceRoleAssignmentRecord>(
            $"SELECT {AssignmentColumns} FROM space_role_assignments a WHERE a.space_id = @spaceId AND {SubjectIs("a")}",
            new { spaceId, subject.UserId, subject.GroupId, subject.Anonymous }, ct);

    /// <summary>
    /// Gives the subject the role in the space, replacing the role it held there; an assignment that changes role keeps
    /// its id, so a walk over assignments by id meets it once.
    /// </summary>
    public async Task AssignAsync(long spaceId, SpaceSubject subject, long roleId, CancellationToken ct = default)
    {
        var parameters = new { spaceId, roleId, subject.UserId, subject.GroupId, subject.Anonymous };
        var update = $"UPDATE space_role_assignments SET role_id = @roleId WHERE space_id = @spaceId AND {SubjectIs("space_role_assignments")}";
        if (await db.ExecuteAsync(update, parameters, ct) > 0) return;
        // Someone else's assignment of the same subject may land in between: then it is updated, never duplicated.
        if (await db.ExecuteAsync(
                """
                INSERT INTO space_role_assignments (space_id, role_id, user_id, group_id, anonymous)
                VALUES (@spaceId, @roleId, @UserId, @GroupId, @Anonymous)
                ON CONFLICT DO NOTHING
                """, parameters, ct) == 0)
            await db.ExecuteAsync(update, parameters, ct);
    }

    /// <summary>Forgets the subject's role in the space (its permissions are the caller's business); answers how many rows went.</summary>
    public Task<int> UnassignAsync(long spaceId, SpaceSubject subject, CancellationToken ct = default) =>
        db.ExecuteAsync($"DELETE FROM space_role_assignments WHERE space_id = @spaceId AND {SubjectIs("space_role_assignments")}",
            new { spaceId, subject.UserId, subject.GroupId, subject.Anonymous }, ct);

    /// <summary>Forgets every assignment of a role (before the role goes).</summary>
    public Task<int> UnassignRoleAsync(long roleId, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM space_role_assignments WHERE role_id = @roleId", new { roleId }, ct);

    /// <summary>
    /// Up to <paramref name="count"/> space ids after <paramref name="afterId"/>, not pending deletion, personal
    /// ones only (true), all but personal ones (false) or all (null): how the transition walks the site.
    /// </summary>
    public Task<IReadOnlyList<long>> SpaceIdsAfterAsync(bool? personal, long afterId, int count, CancellationToken ct = default) =>
        db.QueryAsync<long>(
            $"""
            SELECT id FROM spaces WHERE id > @afterId AND pending_deletion = @pending
            {(personal is null ? "" : personal.Value ? "AND type = 'personal'" : "AND type <> 'personal'")}
            ORDER BY id LIMIT @count
            """, new { afterId, count, pending = false }, ct);

    /// <summary>The ids among <paramref name="ids"/> that name spaces (not pending deletion).</summary>
    public Task<IReadOnlyList<long>> ExistingSpaceIdsAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default) =>
        ids.Count == 0
            ? Task.FromResult<IReadOnlyList<long>>([])
            : db.QueryAsync<long>($"SELECT id FROM spaces WHERE {db.InList("id", "ids")} AND pending_deletion = @pending",
                new { ids = ids.ToArray(), pending = false }, ct);

    /// <summary>The row's subject is exactly this user, this group, or anonymous (as <see cref="SpacePermissionStore"/> tests it).</summary>
    private static string SubjectIs(string table) =>
        $"({table}.user_id = @UserId OR {table}.group_id = @GroupId OR ({table}.anonymous AND @Anonymous))";
}
