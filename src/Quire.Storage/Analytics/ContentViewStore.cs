using Dapper;

namespace Quire.Storage.Analytics;

/// <summary>A read of a piece of content: by whom (0: anonymous) and when (epoch ms).</summary>
public readonly record struct ContentView(long ContentId, long UserId, long ViewedAt);

/// <summary>
/// Rows of <c>content_views</c>: written in batches, counted per content since a time. A row stands for
/// the reads of one piece of content by one reader within one batch (<c>views</c> of them, the last at
/// <c>viewed_at</c>), so counts since a time are exact to a batch's span (the flush interval, two seconds).
/// </summary>
public sealed class ContentViewStore(DbSession db)
{
    /// <summary>
    /// Rows per statement. Each column travels as one array parameter, but SQLite finds an array's i-th element by walking
    /// the elements before it (<see cref="Dialects.SqlDialect.ArrayColumns"/>), so a statement's work grows with the
    /// square of its rows.
    /// </summary>
    private const int Batch = 100;

    /// <summary>
    /// Inserts the views of content that still exists (content purged meanwhile takes its views with it),
    /// one row per piece of content and reader, in one transaction: on SQLite one take of the write lock
    /// and one commit per batch, not one per statement.
    /// </summary>
    public Task InsertAsync(IReadOnlyList<ContentView> views, CancellationToken ct = default) =>
        views.Count == 0 ? Task.CompletedTask : db.InTransactionAsync(() => InsertExistingAsync(Tally(views), ct), ct);

    /// <summary>The views of each piece of content by each reader: how many, and the time of the last.</summary>
    private static List<(ContentView Last, int Views)> Tally(IReadOnlyList<ContentView> views)
    {
        var tally = new Dictionary<(long ContentId, long UserId), (ContentView Last, int Views)>();
        foreach (var view in views)
        {
            var key = (view.ContentId, view.UserId);
            tally[key] = tally.TryGetValue(key, out var seen)
                ? (view.ViewedAt >= seen.Last.ViewedAt ? view : seen.Last, seen.Views + 1)
                : (view, 1);
        }
        return [.. tally.Values];
    }

    private async Task InsertExistingAsync(List<(ContentView Last, int Views)> rows, CancellationToken ct)
    {
        var existing = new HashSet<long>();
        foreach (var ids in rows.Select(r => r.Last.ContentId).Distinct().Chunk(Batch))
            existing.UnionWith(await db.QueryAsync<long>($"SELECT id FROM content WHERE {db.InList("id", "ids")}", new { ids }, ct));
        // One statement text for any number of rows, its columns as arrays: a VALUES list with four parameters a row was a
        // statement to compile for every length, and Dapper looks each parameter name up among those already added.
        var insert = "INSERT INTO content_views (content_id, user_id, viewed_at, views) SELECT c, u, t, n FROM " +
                     db.Dialect.ArrayColumns("v", "c", "u", "t", "n");
        foreach (var chunk in rows.Where(r => existing.Contains(r.Last.ContentId)).Chunk(Batch))
            await db.ExecuteAsync(insert, new
            {
                c = chunk.Select(r => r.Last.ContentId).ToArray(),
                u = chunk.Select(r => r.Last.UserId).ToArray(),
                t = chunk.Select(r => r.Last.ViewedAt).ToArray(),
                n = chunk.Select(r => (long)r.Views).ToArray(),
            }, ct);
    }

    public async Task<long> CountViewsAsync(long contentId, long from, CancellationToken ct = default) =>
        await db.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(views), 0) FROM content_views WHERE content_id = @contentId AND viewed_at >= @from", new { contentId, from }, ct);

    /// <summary>Distinct signed-in readers (anonymous reads are views but no one viewer).</summary>
    public async Task<long> CountViewersAsync(long contentId, long from, CancellationToken ct = default) =>
        await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(DISTINCT user_id) FROM content_views WHERE content_id = @contentId AND viewed_at >= @from AND user_id <> 0",
            new { contentId, from }, ct);
}
