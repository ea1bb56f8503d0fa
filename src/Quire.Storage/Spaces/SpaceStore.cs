using Dapper;
using Quire.Storage.Visibility;

namespace Quire.Storage.Spaces;

/// <summary>
/// Space rows. Every read skips spaces pending deletion, so a deleted space disappears at
/// once while the background task removes what it held.
/// </summary>
public sealed class SpaceStore(DbSession db)
{
    private const string Columns =
        "s.id, s.key, s.name, s.type, s.status, s.description, s.homepage_id, s.route_override_enabled, s.created_by, s.created_at";

    /// <summary>
    /// The space with this key if the viewer may read it, else null: one query for the
    /// check every space-scoped call starts with.
    /// </summary>
    public Task<SpaceRecord?> FindReadableByKeyAsync(string key, Viewer viewer, CancellationToken ct = default)
    {
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { key = key.ToLowerInvariant() });
        return db.QuerySingleOrDefaultAsync<SpaceRecord>(
            $"SELECT {Columns} FROM spaces s WHERE s.key_lower = @key AND {read.Space()}", parameters, ct);
    }

    /// <summary>The space with this id if the viewer may read it, else null (v2 names spaces by id).</summary>
    public Task<SpaceRecord?> FindReadableByIdAsync(long id, Viewer viewer, CancellationToken ct = default)
    {
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { id });
        return db.QuerySingleOrDefaultAsync<SpaceRecord>(
            $"SELECT {Columns} FROM spaces s WHERE s.id = @id AND {read.Space()}", parameters, ct);
    }

    public Task<SpaceRecord?> FindByIdAsync(long id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<SpaceRecord>(
            $"SELECT {Columns} FROM spaces s WHERE s.id = @id AND s.pending_deletion = @pending",
            new { id, pending = false }, ct);

    public Task<bool> HasPersonalSpaceAsync(long userId, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM spaces WHERE created_by = @userId AND type = 'personal')", new { userId }, ct);

    /// <summary>One page of the spaces the viewer may read, ordered by key.</summary>
    public Task<IReadOnlyList<SpaceRecord>> ListAsync(
        SpaceFilter filter, Viewer viewer, int offset, int count, CancellationToken ct = default)
    {
        var (where, parameters) = Conditions(filter, viewer, new { offset, count });
        return db.QueryAsync<SpaceRecord>(
            $"SELECT {Columns} FROM spaces s WHERE {where} ORDER BY s.key_lower LIMIT @count OFFSET @offset",
            parameters, ct);
    }

    /// <summary>
    /// Up to <paramref name="count"/> spaces the viewer may read, in <paramref name="order"/>
    /// (ties broken by id), starting after <paramref name="after"/> (its value is the key in
    /// lower case or the name; null: from the start).
    /// A keyset walk: spaces created or deleted behind it never shift what follows.
    /// </summary>
    public Task<IReadOnlyList<SpaceRecord>> ListAfterAsync(
        SpaceFilter filter, Viewer viewer, SpaceOrder order, bool descending, Keyset? after, int count,
        CancellationToken ct = default)
    {
        var (where, parameters) = Conditions(filter, viewer, new { afterValue = after?.Value, afterId = after?.Id, count });
        var column = order switch { SpaceOrder.Key => "s.key_lower", SpaceOrder.Name => "s.name", _ => "s.id" };
        var (beyond, direction) = descending ? ("<", "DESC") : (">", "ASC");
        if (after is not null)
            where += order == SpaceOrder.Id
                ? $" AND s.id {beyond} @afterId"
                : $" AND ({column} {beyond} @afterValue OR ({column} = @afterValue AND s.id {beyond} @afterId))";
        var orderBy = order == SpaceOrder.Id ? $"s.id {direction}" : $"{column} {direction}, s.id {direction}";
        return db.QueryAsync<SpaceRecord>(
            $"SELECT {Columns} FROM spaces s WHERE {where} ORDER BY {orderBy} LIMIT @count", parameters, ct);
    }

    /// <summary>The WHERE conditions of a listing (visibility and filters) and their parameters beside <paramref name="values"/>.</summary>
    private (string Where, object Parameters) Conditions(SpaceFilter filter, Viewer viewer, object values)
    {
        var p = new DynamicParameters(values);
        var read = ReadRule.For(db.Dialect).For(viewer, p);
        p.AddDynamicParams(new
        {
            keys = filter.KeysLower?.ToArray(),
            ids = filter.Ids?.ToArray(),
            type = filter.Type,
            status = filter.Status,
            labels = filter.GlobalLabels?.ToArray(),
            favouriteOf = filter.FavouriteOf,
            notFavouriteOf = filter.NotFavouriteOf,
        });
        var where = new List<string> { read.Space() };
        if (filter.KeysLower is not null) where.Add(db.InList("s.key_lower", "keys"));
        if (filter.Ids is not null) where.Add(db.InList("s.id", "ids"));
        if (filter.Type is not null) where.Add("s.type = @type");
        if (filter.Status is not null) where.Add("s.status = @status");
        if (filter.GlobalLabels is not null)
            where.Add($"""
                EXISTS (SELECT 1 FROM space_labels gl JOIN labels l ON l.id = gl.label_id
                        WHERE gl.space_id = s.id AND l.prefix = 'global' AND l.owner_id = 0 AND {db.InList("l.name", "labels")})
                """);
        if (filter.FavouriteOf is not null) where.Add(FavouriteOf("@favouriteOf"));
        if (filter.NotFavouriteOf is not null) where.Add("NOT " + FavouriteOf("@notFavouriteOf"));
        return (string.Join(" AND ", where), p);
    }

    /// <summary>"The user <paramref name="user"/> labelled the space <c>my:favourite</c>", Confluence's space favourites.</summary>
    private static string FavouriteOf(string user) => $"""
        EXISTS (SELECT 1 FROM space_labels fl JOIN labels l ON l.id = fl.label_id
                WHERE fl.space_id = s.id AND l.prefix = 'my' AND l.name = 'favourite' AND l.owner_id = {user})
        """;

    /// <summary>The personal spaces of <paramref name="userIds"/> that the viewer may read, in one query.</summary>
    public Task<IReadOnlyList<SpaceRecord>> PersonalSpacesOfAsync(
        IReadOnlyCollection<long> userIds, Viewer viewer, CancellationToken ct = default)
    {
        if (userIds.Count == 0) return Task.FromResult<IReadOnlyList<SpaceRecord>>([]);
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { userIds = userIds.ToArray() });
        return db.QueryAsync<SpaceRecord>(
            $"""
            SELECT {Columns} FROM spaces s
            WHERE s.type = 'personal' AND {db.InList("s.created_by", "userIds")} AND {read.Space()}
            ORDER BY s.id
            """, parameters, ct);
    }

    /// <summary>
    /// Inserts the space; answers null when its key is taken (case-insensitively), which a
    /// concurrent create of the same key can cause after the caller's own check.
    /// </summary>
    public Task<long?> TryInsertAsync(SpaceRecord space, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long?>(
            """
            INSERT INTO spaces (key, key_lower, name, type, status, description, route_override_enabled, pending_deletion, created_by, created_at)
            VALUES (@Key, @KeyLower, @Name, @Type, @Status, @Description, @RouteOverrideEnabled, @Pending, @CreatedBy, @CreatedAt)
            ON CONFLICT (key_lower) DO NOTHING
            RETURNING id
            """,
            new
            {
                space.Key, KeyLower = space.Key.ToLowerInvariant(), space.Name, space.Type, space.Status, space.Description,
                space.RouteOverrideEnabled, Pending = false, space.CreatedBy, space.CreatedAt,
            }, ct);

    /// <summary>Writes the fields a space update may change.</summary>
    public Task UpdateAsync(SpaceRecord space, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            UPDATE spaces SET name = @Name, description = @Description, status = @Status, homepage_id = @HomepageId,
                              route_override_enabled = @RouteOverrideEnabled
            WHERE id = @Id
            """,
            new { space.Id, space.Name, space.Description, space.Status, space.HomepageId, space.RouteOverrideEnabled }, ct);

    /// <summary>Hides the space from every read; answers false when it was already gone.</summary>
    public async Task<bool> MarkPendingDeletionAsync(long id, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            "UPDATE spaces SET pending_deletion = @pending WHERE id = @id AND pending_deletion = @notPending",
            new { id, pending = true, notPending = false }, ct) > 0;
}
