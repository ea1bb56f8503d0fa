using Dapper;
using Quire.Storage.Content;
using Quire.Storage.Spaces;
using Quire.Storage.Visibility;

namespace Quire.Storage.InlineTasks;

public sealed class InlineTaskRecord
{
    public long GlobalId { get; init; }
    public long ContentId { get; init; }
    public required string TaskId { get; init; }
    public required string Status { get; init; }
    public required string Body { get; init; }
    public long? CreatorId { get; init; }
    public long? AssigneeId { get; init; }
    public long? CompletedBy { get; init; }
    public long CreatedAt { get; init; }
    public long UpdatedAt { get; init; }
    public long? DueAt { get; init; }
    public long? CompletedAt { get; init; }
    /// <summary>The content's title (filled by searches).</summary>
    public string? Title { get; init; }
    /// <summary>The content's type, page or blogpost (filled by reads that join the content).</summary>
    public string? ContentType { get; init; }
    /// <summary>The content's space (filled by reads that join the content).</summary>
    public long? SpaceId { get; init; }
}

/// <summary>
/// The filters of v2's task listing: each list or bound may be null (no filter); account ids
/// name users; times are epoch ms, both ends included. <see cref="PageIds"/> and
/// <see cref="BlogPostIds"/> together keep the tasks of either, as the spec says.
/// </summary>
public sealed record TaskFilter(
    IReadOnlyList<long>? TaskIds = null, IReadOnlyList<long>? SpaceIds = null, IReadOnlyList<long>? PageIds = null,
    IReadOnlyList<long>? BlogPostIds = null, IReadOnlyList<string>? CreatedBy = null, IReadOnlyList<string>? AssignedTo = null,
    IReadOnlyList<string>? CompletedBy = null, string? Status = null, bool IncludeBlank = true,
    long? CreatedFrom = null, long? CreatedTo = null, long? DueFrom = null, long? DueTo = null,
    long? CompletedFrom = null, long? CompletedTo = null);

public sealed record UnindexedTasksRecord(long Id, string BodyStorage, long? UpdatedBy, long UpdatedAt);

/// <summary>What a task search asks: any of these may be null (no filter); times are epoch ms, both ends included.</summary>
public sealed record InlineTaskQuery(
    string? SpaceKey, long? ContentId, string? AssigneeAccountId, string? CreatorAccountId, string? CompletedByAccountId, string? Status,
    long? DueFrom, long? DueTo, long? CreatedFrom, long? CreatedTo, long? CompletedFrom, long? CompletedTo);

/// <summary>Rows of <c>inline_tasks</c>; searches show only tasks of current content the viewer may read, decided in the SQL.</summary>
public sealed class InlineTaskStore(DbSession db)
{
    private const string Columns =
        "t.global_id, t.content_id, t.task_id, t.status, t.body, t.creator_id, t.assignee_id, t.completed_by, t.created_at, t.updated_at, t.due_at, t.completed_at";

    /// <summary>
    /// A batch of content, by id after <paramref name="after"/>, whose body holds a task but that
    /// has no task rows: what was saved before tasks were kept (the one-time backfill).
    /// </summary>
    public Task<IReadOnlyList<UnindexedTasksRecord>> UnindexedAsync(long after, int count, CancellationToken ct = default) =>
        db.QueryAsync<UnindexedTasksRecord>(
            $"""
            SELECT c.id, c.body_storage, c.updated_by, c.updated_at FROM content c
            WHERE c.id > @after AND {db.Dialect.Contains("c.body_storage", "'<ac:task>'")}
              AND NOT EXISTS (SELECT 1 FROM inline_tasks t WHERE t.content_id = c.id)
            ORDER BY c.id LIMIT @count
            """, new { after, count }, ct);

    public Task<IReadOnlyList<InlineTaskRecord>> OfContentAsync(long contentId, CancellationToken ct = default) =>
        db.QueryAsync<InlineTaskRecord>($"SELECT {Columns} FROM inline_tasks t WHERE t.content_id = @contentId", new { contentId }, ct);

    public Task<InlineTaskRecord?> FindAsync(long globalId, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<InlineTaskRecord>(
            $"""
            SELECT {Columns}, c.title, c.type AS content_type, c.space_id FROM inline_tasks t JOIN content c ON c.id = t.content_id
            WHERE t.global_id = @globalId
            """, new { globalId }, ct);

    /// <summary>Rows per statement: SQLite finds an array's i-th element by walking those before it (<see cref="Dialects.SqlDialect.ArrayColumns"/>).</summary>
    private const int InsertBatch = 100;

    /// <summary>
    /// Adds tasks, one statement per hundred whatever their number, each column one array parameter: a body's tasks were one
    /// statement each, all inside the write lock.
    /// </summary>
    public async Task InsertAsync(IReadOnlyList<InlineTaskRecord> rows, CancellationToken ct = default)
    {
        const string columns = "content_id, task_id, status, body, creator_id, assignee_id, completed_by, created_at, updated_at, due_at, completed_at";
        var sql = $"INSERT INTO inline_tasks ({columns}) SELECT {columns} FROM " + db.Dialect.ArrayColumns("r",
            "content_id", "task_id", "status", "body", "creator_id", "assignee_id", "completed_by", "created_at", "updated_at", "due_at", "completed_at");
        foreach (var chunk in rows.Chunk(InsertBatch))
            await db.ExecuteAsync(sql, new
            {
                content_id = chunk.Select(t => t.ContentId).ToArray(),
                task_id = chunk.Select(t => t.TaskId).ToArray(),
                status = chunk.Select(t => t.Status).ToArray(),
                body = chunk.Select(t => t.Body).ToArray(),
                creator_id = chunk.Select(t => t.CreatorId).ToArray(),
                assignee_id = chunk.Select(t => t.AssigneeId).ToArray(),
                completed_by = chunk.Select(t => t.CompletedBy).ToArray(),
                created_at = chunk.Select(t => t.CreatedAt).ToArray(),
                updated_at = chunk.Select(t => t.UpdatedAt).ToArray(),
                due_at = chunk.Select(t => t.DueAt).ToArray(),
                completed_at = chunk.Select(t => t.CompletedAt).ToArray(),
            }, ct);
    }

    public Task UpdateAsync(InlineTaskRecord t, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            UPDATE inline_tasks SET status = @Status, body = @Body, assignee_id = @AssigneeId, completed_by = @CompletedBy,
                                    updated_at = @UpdatedAt, due_at = @DueAt, completed_at = @CompletedAt
            WHERE global_id = @GlobalId
            """, t, ct);

    public Task DeleteAsync(IReadOnlyCollection<long> globalIds, CancellationToken ct = default) =>
        globalIds.Count == 0 ? Task.CompletedTask
            : db.ExecuteAsync($"DELETE FROM inline_tasks WHERE {db.InList("global_id", "globalIds")}", new { globalIds = globalIds.ToArray() }, ct);

    /// <summary>
    /// Up to <paramref name="count"/> tasks of current content the viewer may read, by id after
    /// <paramref name="after"/> (null: from the first): v2's keyset walk, so tasks created or
    /// removed behind it never shift what follows.
    /// </summary>
    public Task<IReadOnlyList<InlineTaskRecord>> ListAfterAsync(TaskFilter f, Viewer viewer, Keyset? after, int count, CancellationToken ct = default)
    {
        var w = new TaskConditions(new DynamicParameters(new { afterId = after?.Id ?? 0, count }));
        var read = ReadRule.For(db.Dialect).For(viewer, w.Parameters);
        // A comment's tasks are hidden with its page or blog post (in the trash, someone else's draft), as the comment is.
        w.Where.AddRange(["t.global_id > @afterId", "c.status = 'current'", read.Content(ContentRows.Current), $"(k.id IS NULL OR {read.Container("k")})"]);
        string Users(string column, string name) => $"{column} IN (SELECT u.id FROM users u WHERE {db.InList("u.account_id", name)})";
        w.Filter(db.InList("t.global_id", "taskIds"), "taskIds", f.TaskIds?.ToArray());
        w.Filter(db.InList("c.space_id", "spaceIds"), "spaceIds", f.SpaceIds?.ToArray());
        if (f.PageIds is not null || f.BlogPostIds is not null)
        {
            // Pages and blog posts named together keep the tasks of either.
            w.Where.Add($"(({db.InList("t.content_id", "pageIds")} AND c.type = 'page') OR ({db.InList("t.content_id", "blogPostIds")} AND c.type = 'blogpost'))");
            w.Parameters.Add("pageIds", (f.PageIds ?? []).ToArray());
            w.Parameters.Add("blogPostIds", (f.BlogPostIds ?? []).ToArray());
        }
        w.Filter(Users("t.creator_id", "createdBy"), "createdBy", f.CreatedBy?.ToArray());
        w.Filter(Users("t.assignee_id", "assignedTo"), "assignedTo", f.AssignedTo?.ToArray());
        w.Filter(Users("t.completed_by", "completedBy"), "completedBy", f.CompletedBy?.ToArray());
        w.Filter("t.status = @status", "status", f.Status);
        if (!f.IncludeBlank) w.Where.Add("trim(t.body) <> ''");
        w.DateBounds(f.CreatedFrom, f.CreatedTo, f.DueFrom, f.DueTo, f.CompletedFrom, f.CompletedTo);
        return db.QueryAsync<InlineTaskRecord>(
            $"""
            SELECT {Columns}, c.title, c.type AS content_type, c.space_id
            FROM inline_tasks t JOIN content c ON c.id = t.content_id JOIN spaces s ON s.id = c.space_id
            LEFT JOIN content k ON k.id = c.container_id
            WHERE {string.Join("\n  AND ", w.Where)}
            ORDER BY t.global_id LIMIT @count
            """, w.Parameters, ct);
    }

    public Task<IReadOnlyList<InlineTaskRecord>> SearchAsync(InlineTaskQuery q, Viewer viewer, int offset, int count, CancellationToken ct = default)
    {
        var w = new TaskConditions(new DynamicParameters());
        var read = ReadRule.For(db.Dialect).For(viewer, w.Parameters);
        w.Where.AddRange(["c.status = 'current'", read.Content(ContentRows.Current), $"(k.id IS NULL OR {read.Container("k")})"]);
        w.Filter("s.key_lower = @spaceKey", "spaceKey", q.SpaceKey?.ToLowerInvariant());
        w.Filter("t.content_id = @contentId", "contentId", q.ContentId);
        w.Filter("t.status = @status", "status", q.Status);
        w.Filter("t.assignee_id IN (SELECT u.id FROM users u WHERE u.account_id = @assignee)", "assignee", q.AssigneeAccountId);
        w.Filter("t.creator_id IN (SELECT u.id FROM users u WHERE u.account_id = @creator)", "creator", q.CreatorAccountId);
        w.Filter("t.completed_by IN (SELECT u.id FROM users u WHERE u.account_id = @completer)", "completer", q.CompletedByAccountId);
        w.DateBounds(q.CreatedFrom, q.CreatedTo, q.DueFrom, q.DueTo, q.CompletedFrom, q.CompletedTo);
        w.Parameters.Add("offset", offset);
        w.Parameters.Add("count", count);
        return db.QueryAsync<InlineTaskRecord>(
            $"""
            SELECT {Columns}, c.title FROM inline_tasks t JOIN content c ON c.id = t.content_id JOIN spaces s ON s.id = c.space_id
            LEFT JOIN content k ON k.id = c.container_id
            WHERE {string.Join("\n  AND ", w.Where)}
            ORDER BY t.created_at DESC, t.global_id DESC
            LIMIT @count OFFSET @offset
            """, w.Parameters, ct);
    }

    /// <summary>A task query's conditions and their parameters, built filter by filter (a null value adds nothing).</summary>
    private sealed class TaskConditions(DynamicParameters parameters)
    {
        public List<string> Where { get; } = [];
        public DynamicParameters Parameters { get; } = parameters;

        public void Filter(string condition, string name, object? value)
        {
            if (value is null) return;
            Where.Add(condition);
            Parameters.Add(name, value);
        }

        /// <summary>Creation, due and completion times within their bounds (epoch ms, both ends included).</summary>
        public void DateBounds(long? createdFrom, long? createdTo, long? dueFrom, long? dueTo, long? completedFrom, long? completedTo)
        {
            Filter("t.created_at >= @createdFrom", "createdFrom", createdFrom);
            Filter("t.created_at <= @createdTo", "createdTo", createdTo);
            Filter("t.due_at >= @dueFrom", "dueFrom", dueFrom);
            Filter("t.due_at <= @dueTo", "dueTo", dueTo);
            Filter("t.completed_at >= @completedFrom", "completedFrom", completedFrom);
            Filter("t.completed_at <= @completedTo", "completedTo", completedTo);
        }
    }
}
