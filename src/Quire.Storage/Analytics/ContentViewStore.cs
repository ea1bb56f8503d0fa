using System.Text;
using Dapper;

namespace Quire.Storage.Analytics;

/// <summary>A read of a piece of content: by whom (0: anonymous) and when (epoch ms).</summary>
public readonly record struct ContentView(long ContentId, long UserId, long ViewedAt);

/// <summary>Rows of <c>content_views</c>: written in batches, counted per content since a time.</summary>
public sealed class ContentViewStore(DbSession db)
{
    /// <summary>Rows per statement: three parameters each, well under SQLite's parameter limit.</summary>
    private const int Batch = 300;

    /// <summary>
    /// Inserts the views of content that still exists (content purged meanwhile takes its views with it),
    /// in one transaction: on SQLite one take of the write lock and one commit per batch, not one per statement.
    /// </summary>
    public Task InsertAsync(IReadOnlyList<ContentView> views, CancellationToken ct = default) =>
        views.Count == 0 ? Task.CompletedTask : db.InTransactionAsync(() => InsertExistingAsync(views, ct), ct);

    private async Task InsertExistingAsync(IReadOnlyList<ContentView> views, CancellationToken ct)
    {
        var existing = new HashSet<long>();
        foreach (var ids in views.Select(v => v.ContentId).Distinct().Chunk(Batch))
            existing.UnionWith(await db.QueryAsync<long>($"SELECT id FROM content WHERE {db.InList("id", "ids")}", new { ids }, ct));
        foreach (var chunk in views.Where(v => existing.Contains(v.ContentId)).Chunk(Batch))
        {
            var sql = new StringBuilder("INSERT INTO content_views (content_id, user_id, viewed_at) VALUES ");
            var parameters = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append($"(@c{i}, @u{i}, @t{i})");
                parameters.Add($"c{i}", chunk[i].ContentId);
                parameters.Add($"u{i}", chunk[i].UserId);
                parameters.Add($"t{i}", chunk[i].ViewedAt);
            }
            await db.ExecuteAsync(sql.ToString(), parameters, ct);
        }
    }

    public async Task<long> CountViewsAsync(long contentId, long from, CancellationToken ct = default) =>
        await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM content_views WHERE content_id = @contentId AND viewed_at >= @from", new { contentId, from }, ct);

    /// <summary>Distinct signed-in readers (anonymous reads are views but no one viewer).</summary>
    public async Task<long> CountViewersAsync(long contentId, long from, CancellationToken ct = default) =>
        await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(DISTINCT user_id) FROM content_views WHERE content_id = @contentId AND viewed_at >= @from AND user_id <> 0",
            new { contentId, from }, ct);
}
