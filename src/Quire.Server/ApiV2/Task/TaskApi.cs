using Microsoft.AspNetCore.Mvc;
using Quire.Core.ContentBody;
using Quire.Core.Errors;
using Quire.Core.InlineTasks;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;
using Quire.Server.ApiV2.User;
using Quire.Storage.InlineTasks;
using Quire.Storage.Users;

// Not Quire.Server.ApiV2.Task: a namespace named Task would hide System.Threading.Tasks.Task in
// every file under Quire.Server.ApiV2, so the Task group's folder holds the namespace Tasks.
namespace Quire.Server.ApiV2.Tasks;

/// <summary>
/// The v2 <c>Task</c> group: the inline tasks of pages and blog posts, as v1's inline-task
/// calls keep them (one table, filled from bodies as they are saved). Listing shows only tasks
/// of current content the caller may read; completing or reopening a task saves a new minor
/// version of its content, as in v1.
/// </summary>
public static class TaskApi
{
    /// <summary>v2's <c>updateTask</c> body: only <c>status</c> changes (the spec says so); the other members are ignored.</summary>
    public sealed record TaskUpdateRequest(string? Status);

    /// <summary>The date bounds of a listing, epoch milliseconds, both ends included.</summary>
    public readonly record struct TaskDates(
        [property: FromQuery(Name = "created-at-from")] long? CreatedFrom, [property: FromQuery(Name = "created-at-to")] long? CreatedTo,
        [property: FromQuery(Name = "due-at-from")] long? DueFrom, [property: FromQuery(Name = "due-at-to")] long? DueTo,
        [property: FromQuery(Name = "completed-at-from")] long? CompletedFrom, [property: FromQuery(Name = "completed-at-to")] long? CompletedTo);

    public static RouteGroupBuilder MapTaskApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/tasks", GetTasks);
        v2.MapGet("/tasks/{id}", GetTaskById);
        v2.MapPut("/tasks/{id}", UpdateTask);
        return v2;
    }

    private static async Task<MultiEntityResult<TaskV2Json>> GetTasks(
        string? status, string? cursor, int? limit, [AsParameters] TaskDates dates, HttpRequest request, Caller caller,
        InlineTaskService tasks, TaskV2Renderer renderer, V2Links links, CancellationToken ct)
    {
        var format = V2BodyFormat.Parse(request.Query["body-format"], V2BodyFormat.Bulk);
        var page = new KeysetRequest(V2Cursor.Decode(cursor, "id"), V2Limit.Standard.Parse(limit));
        var filter = new TaskFilter(
            TaskIds: V2Ids.ParseList(request.Query["task-id"], "task-id"),
            SpaceIds: V2Ids.ParseList(request.Query["space-id"], "space-id"),
            PageIds: V2Ids.ParseList(request.Query["page-id"], "page-id"),
            BlogPostIds: V2Ids.ParseList(request.Query["blogpost-id"], "blogpost-id"),
            CreatedBy: AccountIds(request, "created-by"),
            AssignedTo: AccountIds(request, "assigned-to"),
            CompletedBy: AccountIds(request, "completed-by"),
            Status: string.IsNullOrEmpty(status) ? null : status,
            IncludeBlank: V2Query.Flag(request, "include-blank-tasks", absent: true),
            CreatedFrom: dates.CreatedFrom, CreatedTo: dates.CreatedTo, DueFrom: dates.DueFrom, DueTo: dates.DueTo,
            CompletedFrom: dates.CompletedFrom, CompletedTo: dates.CompletedTo);
        var found = await tasks.ListAfterAsync(caller, filter, page, ct);
        return links.Page(await renderer.RenderAsync(found.Results, format, ct), "id", found.Next);
    }

    private static async Task<TaskV2Json> GetTaskById(
        string id, HttpRequest request, Caller caller, InlineTaskService tasks, TaskV2Renderer renderer, CancellationToken ct)
    {
        var (taskId, format) = (V2Ids.Parse(id, "id"), V2BodyFormat.Parse(request.Query["body-format"], V2BodyFormat.Bulk));
        return (await renderer.RenderAsync([await tasks.GetVisibleAsync(caller, taskId, ct)], format, ct))[0];
    }

    private static async Task<TaskV2Json> UpdateTask(
        string id, TaskUpdateRequest? body, HttpRequest request, Caller caller, InlineTaskService tasks, TaskV2Renderer renderer,
        CancellationToken ct)
    {
        var (taskId, format) = (V2Ids.Parse(id, "id"), V2BodyFormat.Parse(request.Query["body-format"], V2BodyFormat.Bulk));
        if (body is null) throw new BadRequestException("The request body must be an object with a status.");
        return (await renderer.RenderAsync([await tasks.SetStatusVisibleAsync(caller, taskId, body.Status, ct)], format, ct))[0];
    }

    /// <summary>A repeated or comma-separated list of account ids; null when absent; at most 250 (400).</summary>
    private static IReadOnlyList<string>? AccountIds(HttpRequest request, string name)
    {
        var values = request.Query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct().ToList();
        if (values.Count > 250) throw new BadRequestException($"At most 250 values of {name} may be given.");
        return values.Count == 0 ? null : values;
    }
}

/// <summary>v2's <c>Task</c>; <c>pageId</c> or <c>blogPostId</c> names its content, <c>body</c> the format asked (empty without one).</summary>
public sealed class TaskV2Json
{
    public required string Id { get; init; }
    public required string LocalId { get; init; }
    public string? SpaceId { get; init; }
    public string? PageId { get; init; }
    public string? BlogPostId { get; init; }
    public required string Status { get; init; }
    public required TaskBodyJson Body { get; init; }
    public string? CreatedBy { get; init; }
    public string? AssignedTo { get; init; }
    public string? CompletedBy { get; init; }
    public required string CreatedAt { get; init; }
    public required string UpdatedAt { get; init; }
    public string? DueAt { get; init; }
    public string? CompletedAt { get; init; }
}

public sealed class TaskBodyJson
{
    public V2BodyTypeJson? Storage { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("atlas_doc_format")]
    public V2BodyTypeJson? AtlasDocFormat { get; init; }
}

/// <summary>Renders a page of tasks: the account ids of everyone they name in one query, their bodies in one conversion call.</summary>
public sealed class TaskV2Renderer(Caller caller, UserStore users, BodyConverter converter)
{
    public async Task<IReadOnlyList<TaskV2Json>> RenderAsync(IReadOnlyList<InlineTaskRecord> tasks, string? format, CancellationToken ct)
    {
        var accounts = await AccountIdLookup.OfAsync(users, tasks.SelectMany(t => new[] { t.CreatorId, t.AssigneeId, t.CompletedBy }), ct);
        // A task body is a fragment of its content's storage body: converted like one (the cache keys on the text).
        var bodies = format is null ? null
            : await converter.FromStorageAsync(tasks.Select(t => new BodyToRender(t.ContentId, 0, t.Body, "")).ToList(), format, caller, ct);
        return tasks.Select((t, i) => new TaskV2Json
        {
            Id = V2Links.Id(t.GlobalId),
            LocalId = t.TaskId,
            SpaceId = t.SpaceId is { } space ? V2Links.Id(space) : null,
            PageId = t.ContentType == "page" ? V2Links.Id(t.ContentId) : null,
            BlogPostId = t.ContentType == "blogpost" ? V2Links.Id(t.ContentId) : null,
            Status = t.Status,
            Body = bodies is null ? new TaskBodyJson()
                : format == BodyRepresentations.Storage ? new TaskBodyJson { Storage = new V2BodyTypeJson(format, bodies[i].Value) }
                : new TaskBodyJson { AtlasDocFormat = new V2BodyTypeJson(format!, bodies[i].Value) },
            CreatedBy = accounts.Of(t.CreatorId),
            AssignedTo = accounts.Of(t.AssigneeId),
            CompletedBy = accounts.Of(t.CompletedBy),
            CreatedAt = V2Dates.Of(t.CreatedAt),
            UpdatedAt = V2Dates.Of(t.UpdatedAt),
            DueAt = t.DueAt is { } due ? V2Dates.Of(due) : null,
            CompletedAt = t.CompletedAt is { } done ? V2Dates.Of(done) : null,
        }).ToList();
    }
}
