using Dapper;
using Quire.Storage.Content;
using Quire.Storage.Spaces;
using Quire.Storage.Visibility;

namespace Quire.Storage.Search;

/// <summary>A search hit: the content row and its relevance (0 without text).</summary>
public sealed record SearchHit(ContentRecord Content, double Score);

/// <summary>An ancestor of a hit (its parent, or its container for comments and attachments, and theirs), nearest at depth 1.</summary>
public sealed record SearchCrumbRecord
{
    public long OfId { get; init; }
    public int Depth { get; init; }
    public long Id { get; init; }
    public required string Type { get; init; }
    public required string Title { get; init; }
}

/// <summary>The excerpt of a hit: the start of its text, or the passage around the matches, marked.</summary>
public sealed record SearchExcerptRecord(long Id, string Excerpt);

/// <summary>
/// Runs content searches. Whatever the query, the viewer's permissions are part of the same
/// SQL (<see cref="ReadRule"/>): the space read check, the read restrictions and drafts only
/// for their author, for the content and for its container; the count uses the same condition.
/// </summary>
public sealed class ContentSearchStore(DbSession db, SearchOptions options)
{
    /// <summary>Highlight marks, as Confluence writes them in excerpts.</summary>
    public const string HighlightStart = "@@@hl@@@";
    public const string HighlightEnd = "@@@endhl@@@";

    private bool TsVector => db.Dialect.FullText == Dialects.FullTextIndex.TsVector;

    private (string Where, DynamicParameters Parameters, SearchSql Sql) Condition(SearchSpec spec, Viewer viewer)
    {
        var parameters = new DynamicParameters();
        var read = ReadRule.For(db.Dialect).For(viewer, parameters);
        parameters.Add("statuses", spec.Statuses.ToArray());
        var sql = new SearchSql(db.Dialect, parameters);
        // Trashed content (and what hangs off it) is found by the space's admins only; a search
        // that cannot find trashed rows leaves the condition out, so its plan does not change.
        var searchesTrash = spec.Statuses.Contains("trashed");
        string Level(string k) => $"{(searchesTrash ? read.ContainerItself(k) : read.Draft(k))} AND {db.InList($"{k}.status", "statuses")}";
        var where = new List<string>
        {
            read.Content(searchesTrash ? ContentRows.AnyStatus : ContentRows.Drafts),
            db.InList("c.status", "statuses"),
            // "No container the viewer may not see", as an anti-join: written as "no container, or one
            // that passes", the OR made PostgreSQL plan a hashed subplan over every content row, whose
            // estimated cost kept it from reading the space in order and stopping at the page's end
            // (140 ms against 52 ms at 100,000 pages; bench/search-load.sh). Every level up to ReadRule.MaxContainerDepth:
            // a comment on an attachment is hidden with the attachment's page too, and what hangs off custom content with
            // the custom content and page above it (k2, k3, k4, joined only while a container has a container of its own).
            $"""
            NOT EXISTS (SELECT 1 FROM content k LEFT JOIN content k2 ON k2.id = k.container_id
                        LEFT JOIN content k3 ON k3.id = k2.container_id LEFT JOIN content k4 ON k4.id = k3.container_id
                        WHERE k.id = c.container_id
                          AND ({Level("k")} AND (k2.id IS NULL OR ({Level("k2")})) AND (k3.id IS NULL OR ({Level("k3")}))
                               AND (k4.id IS NULL OR ({Level("k4")}))) IS NOT TRUE)
            """,
        };
        if (!spec.IncludeArchivedSpaces) where.Add("s.status <> 'archived'");
        if (spec.Filter is not null) where.Add(sql.Write(spec.Filter));
        return (string.Join("\n  AND ", where), parameters, sql);
    }

    /// <summary>
    /// One page of hits, in the asked order (or by relevance, or newest first), ties broken by id.
    /// Relevance is computed in the query only when it orders the hits; under another order the
    /// scores are 0 here and <see cref="ScoresAsync"/> gives those of the page. Ranking every
    /// match of the site to show 25 of them cost more than the search itself (bm25 over 35,000
    /// matches: 37 ms of 61; bench/search-load.sh).
    /// </summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchSpec spec, Viewer viewer, int offset, int count, CancellationToken ct = default)
    {
        var byRelevance = spec.Order.Count == 0 && spec.Relevance.Any(t => t.Terms.Count > 0);
        if (byRelevance && RequiredText.Of(spec.Filter) is { } required)
            return await RankedInWindowsAsync(spec with { Filter = required.Rest }, required.Texts, viewer, offset, count, ct);
        var (where, parameters, sql) = Condition(spec, viewer);
        string join = "", score = TsVector ? "CAST(0 AS DOUBLE PRECISION)" : "0.0";
        if (byRelevance)
        {
            if (TsVector)
            {
                join = "LEFT JOIN content_search r ON r.content_id = c.id";
                score = $"CAST(COALESCE({TsRank("r", sql, spec.Relevance)}, 0) AS DOUBLE PRECISION)";
            }
            else
            {
                join = $"LEFT JOIN (SELECT x.rowid AS rid, {Bm25} AS rank FROM content_search x WHERE content_search MATCH {sql.Parameter(SearchSql.FtsQuery(spec.Relevance))}) r ON r.rid = c.id";
                score = "COALESCE(r.rank, 0)";
            }
        }
        (string Column, bool Descending)[] order = spec.Order.Count > 0
            ? [.. spec.Order.Select(o => (SearchSql.OrderColumn(o.Key), o.Descending)), ("c.id", false)]
            : byRelevance ? [("score", true), ("c.updated_at", true), ("c.id", true)] : [("c.updated_at", true), ("c.id", true)];
        string By(Func<int, string> key) =>
            string.Join(", ", order.Select((o, i) => key(i) + (o.Descending ? " DESC" : " ASC")));
        parameters.Add("count", count);
        parameters.Add("offset", offset);
        // The page is chosen over ids and sort keys only, then its rows are read: sorting whole
        // rows (bodies included) spilled to disk on PostgreSQL (8,878 hits of 1.5 KB) and doubled
        // the query's time.
        return await ValuePlannedIfText(spec, () => db.QueryAsync<ContentRecord, double, SearchHit>(
            $"""
            SELECT {ContentStore.Columns}, hit.score FROM (
                SELECT c.id AS hit_id, {score} AS score{string.Concat(order.Select((o, i) => o.Column == "score" ? "" : $", {o.Column} AS o{i}"))}
                FROM content c JOIN spaces s ON s.id = c.space_id {join}
                WHERE {where}
                ORDER BY {By(i => order[i].Column)}
                LIMIT @count OFFSET @offset) hit
            CROSS JOIN content c WHERE c.id = hit.hit_id
            ORDER BY {By(i => order[i].Column == "score" ? "hit.score" : "hit.o" + i)}
            """,
            (content, value) => new SearchHit(content, value), parameters, splitOn: "score", ct: ct), ct);
    }

    /// <summary>
    /// Hits by relevance when every hit must match the <paramref name="required"/> texts: the search reads
    /// the index's matches newest first (FTS5's rowid and the primary key give that order without sorting),
    /// keeps those the viewer may read and the rest of the query admits, and ranks them by relevance in
    /// windows of <see cref="SearchOptions.RelevanceWindow"/>: the newest window's best first, then the next
    /// window's. It stops after the window the page ends in, so a page costs the same whether the word is on
    /// a thousand pages or on a third of a million-page site (ranking every match was 2.97 s at 791,500
    /// pages: bm25 and the read rule for 270,000 rows). A query with fewer matches than a window is ranked
    /// whole. Ties go to the newer update, then the higher id, as in <see cref="SearchAsync"/>. The joins are
    /// CROSS JOINs so that SQLite keeps the index's scan outermost whatever else the query names (a space
    /// first would read every match of each space and sort them).
    /// <para>
    /// On SQLite the score is bm25 of the required texts (the scan's own match): text in an OR beside them
    /// (<c>text ~ a AND (text ~ b OR type = page)</c>) no longer adds to it, since scoring another FTS5 query
    /// row by row costs a doclist seek per row (about 1.5 ms: 3 s per window). PostgreSQL's
    /// <c>ts_rank</c> reads the row's own tsvector, so it still weighs every positive text.
    /// </para>
    /// </summary>
    private async Task<IReadOnlyList<SearchHit>> RankedInWindowsAsync(
        SearchSpec spec, IReadOnlyList<SearchText> required, Viewer viewer, int offset, int count, CancellationToken ct)
    {
        var (where, parameters, sql) = Condition(spec, viewer);
        var key = $"x.{sql.SearchIndexKey}";
        var score = TsVector ? $"CAST(COALESCE({TsRank("x", sql, spec.Relevance)}, 0) AS DOUBLE PRECISION)" : Bm25;
        var window = options.RelevanceWindow;
        parameters.Add("window", window);
        parameters.Add("windowEnd", (offset + (long)count + window - 1) / window * window);
        parameters.Add("count", count);
        parameters.Add("offset", offset);
        return await db.WithValuePlansAsync(() => db.QueryAsync<ContentRecord, double, SearchHit>(
            $"""
            SELECT {ContentStore.Columns}, hit.score FROM (
                SELECT kept.hit_id, kept.score, kept.updated_at, (ROW_NUMBER() OVER (ORDER BY kept.hit_id DESC) - 1) / @window AS win FROM (
                    SELECT c.id AS hit_id, {score} AS score, c.updated_at
                    FROM content_search x CROSS JOIN content c CROSS JOIN spaces s
                    WHERE {sql.Matches(required)} AND c.id = {key} AND s.id = c.space_id
                      AND {where}
                    ORDER BY {key} DESC
                    LIMIT @windowEnd) kept
                ORDER BY win, kept.score DESC, kept.updated_at DESC, kept.hit_id DESC
                LIMIT @count OFFSET @offset) hit
            CROSS JOIN content c WHERE c.id = hit.hit_id
            ORDER BY hit.win, hit.score DESC, hit.updated_at DESC, hit.hit_id DESC
            """,
            (content, value) => new SearchHit(content, value), parameters, splitOn: "score", ct: ct), ct);
    }

    /// <summary>
    /// Full-text conditions are planned for their values (<see cref="DbSession.WithValuePlansAsync{T}"/>):
    /// how many rows a word matches decides the plan. Other searches keep prepared plans, since
    /// planning a tree walk anew each time cost more than it won (ancestor: 4.8 to 8 ms p50).
    /// </summary>
    private Task<T> ValuePlannedIfText<T>(SearchSpec spec, Func<Task<T>> work, CancellationToken ct) =>
        HasText(spec.Filter) ? db.WithValuePlansAsync(work, ct) : work();

    private static bool HasText(SearchFilter? filter) => filter switch
    {
        SearchText => true,
        SearchAll all => all.Items.Any(HasText),
        SearchAny any => any.Items.Any(HasText),
        SearchNot not => HasText(not.Item),
        _ => false,
    };

    /// <summary>Relevance of the given hits to the text (0 where none of it occurs), in one query.</summary>
    public async Task<IReadOnlyDictionary<long, double>> ScoresAsync(
        IReadOnlyCollection<long> ids, IReadOnlyList<SearchText> relevance, CancellationToken ct = default)
    {
        if (ids.Count == 0 || !relevance.Any(t => t.Terms.Count > 0)) return new Dictionary<long, double>();
        var parameters = new DynamicParameters();
        parameters.Add("ids", ids.ToArray());
        var sql = new SearchSql(db.Dialect, parameters);
        var rows = TsVector
            ? await db.QueryAsync<(long Id, double Score)>(
                $"SELECT x.content_id, CAST({TsRank("x", sql, relevance)} AS DOUBLE PRECISION) FROM content_search x WHERE {db.InList("x.content_id", "ids")}",
                parameters, ct)
            : await db.QueryAsync<(long Id, double Score)>(
                $"SELECT x.rowid, {Bm25} FROM content_search x WHERE content_search MATCH {sql.Parameter(SearchSql.FtsQuery(relevance))} AND {db.InList("x.rowid", "ids")}",
                parameters, ct);
        return rows.ToDictionary(r => r.Id, r => r.Score);
    }

    // Titles weigh most, then labels, then the body: FTS5 columns (title, body, labels) and the
    // tsvector's weights (D, C = body, B = labels, A = title). bm25() is lower for better matches.
    private const string Bm25 = "-bm25(content_search, 10.0, 1.0, 5.0)";

    private static string TsRank(string alias, SearchSql sql, IReadOnlyList<SearchText> relevance) =>
        $"ts_rank('{{0.1, 0.2, 0.6, 1.0}}', {alias}.document, {sql.TsQuery(relevance)})";

    /// <summary>How many hits the search has in all, under the same permission condition.</summary>
    public async Task<int> CountAsync(SearchSpec spec, Viewer viewer, CancellationToken ct = default)
    {
        var (where, parameters, _) = Condition(spec, viewer);
        return (int)await ValuePlannedIfText(spec, () => db.ExecuteScalarAsync<long>(
            $"SELECT COUNT(*) FROM content c JOIN spaces s ON s.id = c.space_id WHERE {where}", parameters, ct), ct);
    }

    /// <summary>
    /// The ancestors of each hit in one recursive query, nearest first: up the parent, or the
    /// container where there is no parent (a comment's page, an attachment's page), only those
    /// the viewer may read (read restrictions and drafts, as the hits themselves).
    /// </summary>
    public Task<IReadOnlyList<SearchCrumbRecord>> BreadcrumbsAsync(IReadOnlyCollection<long> ids, Viewer viewer, CancellationToken ct = default)
    {
        if (ids.Count == 0) return Task.FromResult<IReadOnlyList<SearchCrumbRecord>>([]);
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { ids = ids.ToArray() });
        return db.QueryAsync<SearchCrumbRecord>(
                $"""
                WITH RECURSIVE chain (of_id, ancestor_id, depth) AS (
                    SELECT c.id, COALESCE(c.parent_id, c.container_id), 1 FROM content c
                    WHERE {db.InList("c.id", "ids")} AND COALESCE(c.parent_id, c.container_id) IS NOT NULL
                    UNION ALL
                    SELECT chain.of_id, COALESCE(p.parent_id, p.container_id), chain.depth + 1 FROM chain CROSS JOIN content p
                    WHERE p.id = chain.ancestor_id AND COALESCE(p.parent_id, p.container_id) IS NOT NULL AND chain.depth < 1000
                )
                SELECT chain.of_id, chain.depth, a.id, a.type, a.title
                FROM chain CROSS JOIN content a
                WHERE a.id = chain.ancestor_id AND {read.Restrictions("a")} AND {read.Draft("a")}
                ORDER BY chain.of_id, chain.depth
                """, parameters, ct);
    }

    /// <summary>
    /// Excerpts of the given hits in one query: with text to highlight, the passage around the
    /// matches with each match between <see cref="HighlightStart"/> and <see cref="HighlightEnd"/>;
    /// otherwise (or where the body has none of it) the start of the body's text.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, string>> ExcerptsAsync(
        IReadOnlyCollection<long> ids, IReadOnlyList<SearchText> highlight, int words, CancellationToken ct = default)
    {
        var result = new Dictionary<long, string>();
        if (ids.Count == 0) return result;
        var parameters = new DynamicParameters();
        parameters.Add("ids", ids.ToArray());
        var sql = new SearchSql(db.Dialect, parameters);
        var text = highlight.Any(t => t.Terms.Count > 0);
        if (TsVector)
        {
            var options = $"StartSel={HighlightStart}, StopSel={HighlightEnd}, MaxWords={words}, MinWords={Math.Max(1, words / 2)}, ShortWord=0, HighlightAll=false";
            var excerpt = text
                ? $"ts_headline('english'::regconfig, COALESCE(x.body, ''), {sql.TsQuery(highlight)}, {sql.Parameter(options)})"
                : "substr(COALESCE(x.body, ''), 1, 600)";
            foreach (var row in await db.QueryAsync<SearchExcerptRecord>(
                         $"SELECT x.content_id AS id, {excerpt} AS excerpt FROM content_search x WHERE {db.InList("x.content_id", "ids")}", parameters, ct))
                result[row.Id] = row.Excerpt;
        }
        else
        {
            if (text)
                foreach (var row in await db.QueryAsync<SearchExcerptRecord>(
                             $"""
                             SELECT x.rowid AS id, snippet(content_search, 1, '{HighlightStart}', '{HighlightEnd}', '', {Math.Clamp(words, 1, 64)}) AS excerpt
                             FROM content_search x WHERE content_search MATCH {sql.Parameter(SearchSql.FtsQuery(highlight))} AND {db.InList("x.rowid", "ids")}
                             """, parameters, ct))
                    if (row.Excerpt.Contains(HighlightStart, StringComparison.Ordinal)) result[row.Id] = row.Excerpt;
            var rest = ids.Where(id => !result.ContainsKey(id)).ToArray();
            if (rest.Length > 0)
                foreach (var row in await db.QueryAsync<SearchExcerptRecord>(
                             $"SELECT x.rowid AS id, substr(COALESCE(x.body, ''), 1, 600) AS excerpt FROM content_search x WHERE {db.InList("x.rowid", "rest")}",
                             new { rest }, ct))
                    result[row.Id] = row.Excerpt;
        }
        return result;
    }
}
