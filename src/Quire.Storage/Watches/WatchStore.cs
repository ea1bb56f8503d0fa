using Dapper;
using Quire.Storage.Users;
using Quire.Storage.Visibility;

namespace Quire.Storage.Watches;

/// <summary>
/// What a watch is on: a piece of content, a space or a label, as the table and key column
/// of its rows. Only the factories below make one, so table and column names never come
/// from input; the key is always a parameter.
/// </summary>
public sealed class Watched
{
    private Watched(string table, string column, object key) => (Table, Column, Key) = (table, column, key);

    internal string Table { get; }
    internal string Column { get; }
    internal object Key { get; }

    public static Watched Content(long contentId) => new("content_watches", "content_id", contentId);

    public static Watched Space(long spaceId) => new("space_watches", "space_id", spaceId);

    /// <summary>A label by its stored (lower-cased) name.</summary>
    public static Watched Label(string name) => new("label_watches", "label_name", name);
}

/// <summary>
/// Rows of <c>content_watches</c>, <c>space_watches</c> and <c>label_watches</c>. Adding is
/// idempotent (the primary key and <c>ON CONFLICT DO NOTHING</c> settle concurrent adds) and
/// removing what is not there changes nothing. Listings of watchers keep only users who may
/// still read what they watch, decided in the query: a watcher who lost access is not shown.
/// </summary>
public sealed class WatchStore(DbSession db)
{
    private const string UserColumns = "u.id, u.account_id, u.user_name, u.email, u.display_name, u.time_zone, u.created_at";

    /// <summary>
    /// SQL condition for search (CQL <c>watcher</c>): content <paramref name="contentAlias"/> is
    /// watched by one of <paramref name="userIds"/>, a SQL expression list or subquery of user ids
    /// (<c>@viewerId</c>, <c>@q0</c>, <c>SELECT u.id FROM users u WHERE ...</c>), written as it
    /// goes inside <c>IN (...)</c>. Never NULL, so NOT keeps two-valued logic. It tests the
    /// watch only: the query it joins applies the viewer's permissions as every search does.
    /// </summary>
    public static string WatchedBy(string userIds, string contentAlias = "c") =>
        $"EXISTS (SELECT 1 FROM content_watches cw WHERE cw.content_id = {contentAlias}.id AND cw.user_id IN ({userIds}))";

    /// <summary>Adds the watch; answers false when it was there already.</summary>
    public async Task<bool> AddAsync(Watched what, long userId, long createdAt, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            $"INSERT INTO {what.Table} ({what.Column}, user_id, created_at) VALUES (@key, @userId, @createdAt) ON CONFLICT DO NOTHING",
            new { key = what.Key, userId, createdAt }, ct) > 0;

    /// <summary>The user watches each of the content (a bulk load's pages, each watched from its <paramref name="createdAt"/>), in one statement.</summary>
    public Task AddContentAsync(long[] contentIds, long userId, long[] createdAt, CancellationToken ct = default) =>
        contentIds.Length == 0
            ? Task.CompletedTask
            : db.ExecuteAsync(
                $"""
                INSERT INTO content_watches (content_id, user_id, created_at)
                SELECT w.w_content, @userId, w.w_at FROM {db.Dialect.ArrayColumns("w", "w_content", "w_at")}
                WHERE TRUE
                ON CONFLICT DO NOTHING
                """, new { w_content = contentIds, userId, w_at = createdAt }, ct);

    /// <summary>Removes the watch; answers false when there was none.</summary>
    public async Task<bool> RemoveAsync(Watched what, long userId, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            $"DELETE FROM {what.Table} WHERE {what.Column} = @key AND user_id = @userId", new { key = what.Key, userId }, ct) > 0;

    public Task<bool> IsWatchingAsync(Watched what, long userId, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<bool>(
            $"SELECT EXISTS (SELECT 1 FROM {what.Table} WHERE {what.Column} = @key AND user_id = @userId)",
            new { key = what.Key, userId }, ct);

    /// <summary>
    /// One page of the users watching the content, oldest watch first, keeping only those who
    /// may read it now: its space (directly, through a group, or anonymously while
    /// <paramref name="anonymousUse"/>), its read restrictions and its ancestors', and, for a
    /// draft, its author alone. One query, however many watchers.
    /// </summary>
    public Task<IReadOnlyList<UserRecord>> ContentWatchersAsync(
        long contentId, bool anonymousUse, int offset, int count, CancellationToken ct = default) =>
        WatchersAsync(
            "content_watches w JOIN content c ON c.id = w.content_id JOIN spaces s ON s.id = c.space_id",
            read => $"w.content_id = @key AND {read.Content()}", contentId, anonymousUse, offset, count, ct);

    /// <summary>One page of the users watching the space, oldest watch first, keeping only those who may read it now.</summary>
    public Task<IReadOnlyList<UserRecord>> SpaceWatchersAsync(
        long spaceId, bool anonymousUse, int offset, int count, CancellationToken ct = default) =>
        WatchersAsync("space_watches w JOIN spaces s ON s.id = w.space_id", _ => "w.space_id = @key", spaceId, anonymousUse, offset, count, ct);

    /// <summary>The watchers of <paramref name="watches"/> (aliased <c>w</c>, joined to their space <c>s</c>) who may read that space.</summary>
    private Task<IReadOnlyList<UserRecord>> WatchersAsync(
        string watches, Func<ReadableByRow, string> condition, long key, bool anonymousUse, int offset, int count, CancellationToken ct)
    {
        var parameters = new DynamicParameters(new { key, offset, count });
        var read = ReadRule.For(db.Dialect).ForUserIn("w.user_id", anonymousUse, parameters);
        return db.QueryAsync<UserRecord>(
            $"""
            SELECT {UserColumns}
            FROM {watches} JOIN users u ON u.id = w.user_id
            WHERE {condition(read)} AND {read.Space()}
            ORDER BY w.created_at, w.user_id
            LIMIT @count OFFSET @offset
            """, parameters, ct);
    }
}
