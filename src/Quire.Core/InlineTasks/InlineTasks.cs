using System.Globalization;
using System.Xml.Linq;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Formats;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage;
using Quire.Storage.InlineTasks;
using Quire.Storage.Users;

namespace Quire.Core.InlineTasks;

/// <summary>A task as it stands in a body: its id there, status, body (storage), first named user, first date.</summary>
public sealed record BodyTask(string TaskId, string Status, string Body, string? AssigneeAccountId, long? DueAt);

/// <summary>
/// Keeps <c>inline_tasks</c> true to a body, in the transaction that writes it: tasks new to
/// the body are added (written by the body's author), changed ones updated (a task newly
/// complete records who and when), vanished ones removed.
/// </summary>
public sealed class InlineTaskIndexer(InlineTaskStore tasks, UserStore users, Quire.Storage.Settings.SettingsStore settings, Quire.Storage.DbSession db)
{
    private const string BackfilledSetting = "inline_tasks_backfilled";

    /// <summary>
    /// Once per site: indexes the tasks of bodies saved before tasks were kept, a batch of 200 per
    /// transaction, then records that it is done so later starts skip the scan of bodies.
    /// </summary>
    public async Task BackfillAsync(CancellationToken ct = default)
    {
        if (await settings.EnsureAsync(BackfilledSetting, "no", ct) == "yes") return;
        long after = 0;
        while (true)
        {
            var batch = await db.InTransactionAsync(async () =>
            {
                var rows = await tasks.UnindexedAsync(after, 200, ct);
                foreach (var row in rows) await SyncAsync(row.Id, Read(row.BodyStorage), row.UpdatedBy, row.UpdatedAt, ct);
                return rows;
            }, ct);
            if (batch.Count < 200) break;
            after = batch[^1].Id;
        }
        await settings.SetAsync(BackfilledSetting, "yes", ct);
    }

    private static readonly XNamespace Ac = StorageFormat.AcNamespace;
    private static readonly XNamespace Ri = StorageFormat.RiNamespace;

    /// <summary>Makes the kept tasks of existing content those <paramref name="found"/> in its new body (<see cref="Read"/>).</summary>
    public async Task SyncAsync(long contentId, IReadOnlyList<BodyTask> found, long? authorId, long now, CancellationToken ct = default)
    {
        var existing = await tasks.OfContentAsync(contentId, ct);
        if (found.Count == 0 && existing.Count == 0) return;
        var assignees = await AssigneesAsync(found, ct);
        var byTaskId = existing.ToDictionary(t => t.TaskId);
        var added = new List<InlineTaskRecord>();
        foreach (var task in found)
        {
            var assignee = AssigneeOf(task, assignees);
            var complete = task.Status == "complete";
            if (!byTaskId.TryGetValue(task.TaskId, out var old))
            {
                added.Add(New(contentId, task, assignee, authorId, now));
                continue;
            }
            if (old.Status == task.Status && old.Body == task.Body && old.AssigneeId == assignee && old.DueAt == task.DueAt) continue;
            var newlyComplete = complete && old.Status != "complete";
            await tasks.UpdateAsync(new InlineTaskRecord
            {
                GlobalId = old.GlobalId, ContentId = contentId, TaskId = old.TaskId, Status = task.Status, Body = task.Body, CreatorId = old.CreatorId,
                AssigneeId = assignee, CreatedAt = old.CreatedAt, UpdatedAt = now, DueAt = task.DueAt,
                CompletedBy = complete ? newlyComplete ? authorId : old.CompletedBy : null,
                CompletedAt = complete ? newlyComplete ? now : old.CompletedAt : null,
            }, ct);
        }
        await tasks.InsertAsync(added, ct);
        var kept = found.Select(t => t.TaskId).ToHashSet();
        await tasks.DeleteAsync(existing.Where(t => !kept.Contains(t.TaskId)).Select(t => t.GlobalId).ToList(), ct);
    }

    /// <summary>The tasks of content created in this transaction, which has none kept yet: each is added, nothing read first.</summary>
    public async Task AddAsync(long contentId, IReadOnlyList<BodyTask> found, long? authorId, long now, CancellationToken ct = default)
    {
        if (found.Count == 0) return;
        var assignees = await AssigneesAsync(found, ct);
        await tasks.InsertAsync(found.Select(task => New(contentId, task, AssigneeOf(task, assignees), authorId, now)).ToList(), ct);
    }

    /// <summary>The users the tasks name, by account id, in one query; read in the writing transaction, so a user removed meanwhile is not assigned.</summary>
    private async Task<Dictionary<string, long>> AssigneesAsync(IReadOnlyList<BodyTask> found, CancellationToken ct) =>
        (await users.FindManyByAccountIdsAsync(found.Select(t => t.AssigneeAccountId).OfType<string>().Distinct().ToList(), ct))
        .ToDictionary(u => u.AccountId, u => u.Id);

    private static long? AssigneeOf(BodyTask task, Dictionary<string, long> assignees) =>
        task.AssigneeAccountId is { } account && assignees.TryGetValue(account, out var id) ? id : null;

    /// <summary>A task new to its content, written by the body's author (who completed it, when it arrives complete).</summary>
    private static InlineTaskRecord New(long contentId, BodyTask task, long? assignee, long? authorId, long now)
    {
        var complete = task.Status == "complete";
        return new InlineTaskRecord
        {
            ContentId = contentId, TaskId = task.TaskId, Status = task.Status, Body = task.Body, CreatorId = authorId, AssigneeId = assignee,
            CompletedBy = complete ? authorId : null, CreatedAt = now, UpdatedAt = now, DueAt = task.DueAt, CompletedAt = complete ? now : null,
        };
    }

    /// <summary>The tasks of a body, in order (the first of a repeated task id wins).</summary>
    public static IReadOnlyList<BodyTask> Read(string bodyStorage)
    {
        if (string.IsNullOrWhiteSpace(bodyStorage) || !bodyStorage.Contains("ac:task", StringComparison.Ordinal)) return [];
        return StorageFormat.Parse(bodyStorage).Descendants(Ac + "task")
            .Select(task =>
            {
                var body = task.Element(Ac + "task-body");
                var due = body?.Descendants("time").Select(t => (string?)t.Attribute("datetime")).FirstOrDefault(d => d is not null);
                return new BodyTask(
                    task.Element(Ac + "task-id")?.Value.Trim() ?? "",
                    task.Element(Ac + "task-status")?.Value.Trim() == "complete" ? "complete" : "incomplete",
                    body is null ? "" : StorageFormat.Write(body.Nodes()),
                    (string?)body?.Descendants(Ri + "user").Select(u => u.Attribute(Ri + "account-id")).FirstOrDefault(a => a is not null),
                    due is not null && DateTimeOffset.TryParse(due, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                        ? at.ToUnixTimeMilliseconds() : null);
            })
            .Where(t => t.TaskId.Length > 0)
            .DistinctBy(t => t.TaskId)
            .ToList();
    }

    /// <summary>The body with the given task's status set; 404 when the body no longer holds it.</summary>
    public static string WithStatus(string bodyStorage, string taskId, string status)
    {
        XElement root;
        try
        {
            root = StorageFormat.Parse(bodyStorage);
        }
        catch (System.Xml.XmlException)
        {
            // Only a body saved before bodies were bounded can fail here; it holds no task Quire can tick.
            throw new NotFoundException($"The task {taskId} is no longer in its content.");
        }
        var task = root.Descendants(Ac + "task").FirstOrDefault(t => t.Element(Ac + "task-id")?.Value.Trim() == taskId)
                   ?? throw new NotFoundException($"The task {taskId} is no longer in its content.");
        var element = task.Element(Ac + "task-status");
        if (element is null) task.AddFirst(new XElement(Ac + "task-status", status));
        else element.Value = status;
        return StorageFormat.Write(root.Nodes());
    }
}

/// <summary>
/// The Inline tasks group: searching tasks of content the caller may read, reading one by its
/// global id, and completing or reopening it, which saves a new minor version of its content.
/// </summary>
public sealed class InlineTaskService(InlineTaskStore tasks, ContentAccess access, ContentService contents)
{
    public async Task<Page<InlineTaskRecord>> SearchAsync(Caller caller, InlineTaskQuery query, PageRequest page, CancellationToken ct = default)
    {
        if (query.Status is not (null or "complete" or "incomplete"))
            throw new BadRequestException($"status must be complete or incomplete, not '{query.Status}'.");
        var rows = await tasks.SearchAsync(query, SpaceAccess.ViewerOf(caller), page.Start, page.FetchCount, ct);
        return Page<InlineTaskRecord>.FromOverfetch(rows, page);
    }

    /// <summary>The task; 404 when there is none, 403 when its content may not be seen (the spec's answers).</summary>
    public Task<InlineTaskRecord> GetAsync(Caller caller, string? globalId, CancellationToken ct = default) =>
        FindSeenAsync(caller, long.TryParse(globalId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null, globalId,
            () => new ForbiddenException("You may not view the content this task is in."), ct);

    /// <summary>The task if its content is visible to the caller; 404 when there is none, <paramref name="hidden"/> when it cannot be seen.</summary>
    private async Task<InlineTaskRecord> FindSeenAsync(Caller caller, long? id, string? shownId, Func<QuireException> hidden, CancellationToken ct)
    {
        var task = (id is { } globalId ? await tasks.FindAsync(globalId, ct) : null)
                   ?? throw new NotFoundException($"No task with id '{shownId}' was found.");
        try
        {
            await access.ViewableAsync(caller, task.ContentId.ToString(CultureInfo.InvariantCulture), ct);
        }
        catch (NotFoundException)
        {
            throw hidden();
        }
        return task;
    }

    public async Task<InlineTaskRecord> SetStatusAsync(Caller caller, string? globalId, string? status, CancellationToken ct = default)
    {
        RequireStatus(status);
        return await SetStatusOfAsync(caller, await GetAsync(caller, globalId, ct), status!, ct);
    }

    /// <summary>
    /// v2: a page of the tasks of current content the caller may read, by id after
    /// <paramref name="page"/>'s keyset.
    /// </summary>
    public async Task<KeysetPage<InlineTaskRecord>> ListAfterAsync(Caller caller, TaskFilter filter, KeysetRequest page, CancellationToken ct = default)
    {
        if (filter.Status is not null) RequireStatus(filter.Status);
        var rows = await tasks.ListAfterAsync(filter, SpaceAccess.ViewerOf(caller), page.After, page.FetchCount, ct);
        return KeysetPage<InlineTaskRecord>.FromOverfetch(rows, page, t => new Keyset(null, t.GlobalId));
    }

    /// <summary>
    /// v2: the task if the caller may see its content; 404 otherwise, like a missing one (v2's
    /// getTaskById lists no 403, and a 404 does not tell that the task exists).
    /// </summary>
    public Task<InlineTaskRecord> GetVisibleAsync(Caller caller, long globalId, CancellationToken ct = default) =>
        FindSeenAsync(caller, globalId, globalId.ToString(CultureInfo.InvariantCulture),
            () => new NotFoundException($"No task with id '{globalId}' was found."), ct);

    /// <summary>v2: completes or reopens the task (404 when the caller cannot see it, 403 when it may not edit its content).</summary>
    public async Task<InlineTaskRecord> SetStatusVisibleAsync(Caller caller, long globalId, string? status, CancellationToken ct = default)
    {
        RequireStatus(status);
        return await SetStatusOfAsync(caller, await GetVisibleAsync(caller, globalId, ct), status!, ct);
    }

    private static void RequireStatus(string? status)
    {
        if (status is not ("complete" or "incomplete")) throw new BadRequestException($"status must be complete or incomplete, not '{status}'.");
    }

    private async Task<InlineTaskRecord> SetStatusOfAsync(Caller caller, InlineTaskRecord task, string status, CancellationToken ct)
    {
        var (content, _) = await access.ViewableAsync(caller, task.ContentId.ToString(CultureInfo.InvariantCulture), ct);
        await access.RequireEditAsync(caller, content, ct);
        if (task.Status != status)
            await contents.UpdateAsync(caller, task.ContentId.ToString(CultureInfo.InvariantCulture), new ContentChanges(
                content.Version + 1, $"Task {status}", MinorEdit: true, null, content.Title, null, null,
                new BodyInput(InlineTaskIndexer.WithStatus(content.BodyStorage, task.TaskId, status), "storage")), ct);
        return (await tasks.FindAsync(task.GlobalId, ct))!;
    }
}
