using System.Text.Json.Serialization;
using Quire.Core.Errors;
using Quire.Core.InlineTasks;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.Authentication;
using Quire.Server.Http;
using Quire.Storage.InlineTasks;
using Quire.Storage.Users;

namespace Quire.Server.Api.InlineTasks;

/// <summary>The spec's Task: users by account id, dates in epoch milliseconds.</summary>
public sealed class TaskJson
{
    public long GlobalId { get; init; }
    public long Id { get; init; }
    public long ContentId { get; init; }
    public required string Status { get; init; }
    public string? Title { get; init; }
    public required string Description { get; init; }
    public required string Body { get; init; }
    public required string Creator { get; init; }
    public string? Assignee { get; init; }
    public string? CompleteUser { get; init; }
    public long CreateDate { get; init; }
    public long? DueDate { get; init; }
    public long UpdateDate { get; init; }
    public long? CompleteDate { get; init; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }
}

/// <summary>TaskPageResponse: start, limit, size and results, without links (the spec's shape).</summary>
public sealed record TaskPageJson(IReadOnlyList<TaskJson> Results, int Start, int Limit, int Size);

public sealed record TaskStatusUpdateRequest(string? Status);

/// <summary>
/// The <c>Inline tasks</c> group: <c>/inlinetasks/search</c> over the tasks of content the
/// caller may read, and <c>/inlinetasks/{inlineTaskId}</c> to read one or set its status.
/// </summary>
public static class InlineTasksApi
{
    private static readonly PageLimits Limits = new(20, 200);

    public static RouteGroupBuilder MapInlineTasksApi(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/inlinetasks").RequireSignIn();
        tasks.MapGet("/search", SearchTasks);
        tasks.MapGet("/{inlineTaskId}", GetTaskById);
        tasks.MapPut("/{inlineTaskId}", UpdateTaskById);
        return api;
    }

    private static async Task<TaskPageJson> SearchTasks(
        int? start, int? limit, string? spaceKey, string? pageId, string? assignee, string? creator, string? completedUser,
        long? duedateFrom, long? duedateTo, long? createdateFrom, long? createdateTo, long? completedateFrom, long? completedateTo, string? status,
        Caller caller, InlineTaskService service, UserStore users, ApiLinks links, CancellationToken ct)
    {
        var page = Limits.Parse(start, limit);
        long? contentId = QueryValues.Blank(pageId) is { } text
            ? long.TryParse(text, out var parsed) ? parsed : throw new BadRequestException($"pageId must be a content id, not '{pageId}'.")
            : null;
        var found = await service.SearchAsync(caller, new InlineTaskQuery(
            QueryValues.Blank(spaceKey), contentId, QueryValues.Blank(assignee), QueryValues.Blank(creator), QueryValues.Blank(completedUser),
            QueryValues.Blank(status), duedateFrom, duedateTo, createdateFrom, createdateTo, completedateFrom, completedateTo), page, ct);
        var rendered = await RenderAsync(found.Results, users, links, ct);
        return new TaskPageJson(rendered, page.Start, page.Limit, rendered.Count);
    }

    private static async Task<TaskJson> GetTaskById(
        string inlineTaskId, Caller caller, InlineTaskService service, UserStore users, ApiLinks links, CancellationToken ct) =>
        (await RenderAsync([await service.GetAsync(caller, inlineTaskId, ct)], users, links, ct))[0];

    private static async Task<TaskJson> UpdateTaskById(
        string inlineTaskId, TaskStatusUpdateRequest? body, Caller caller, InlineTaskService service, UserStore users, ApiLinks links,
        CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a TaskStatusUpdate object.");
        return (await RenderAsync([await service.SetStatusAsync(caller, inlineTaskId, body.Status, ct)], users, links, ct))[0];
    }

    /// <summary>A page of tasks with their users' account ids, in one query for all of them.</summary>
    private static async Task<IReadOnlyList<TaskJson>> RenderAsync(
        IReadOnlyList<InlineTaskRecord> tasks, UserStore users, ApiLinks links, CancellationToken ct)
    {
        var ids = tasks.SelectMany(t => new[] { t.CreatorId, t.AssigneeId, t.CompletedBy }).OfType<long>().Distinct().ToList();
        var accounts = (await users.FindManyByIdsAsync(ids, ct)).ToDictionary(u => u.Id, u => u.AccountId);
        string? Account(long? id) => id is { } value ? accounts.GetValueOrDefault(value) : null;
        return tasks.Select(t => new TaskJson
        {
            GlobalId = t.GlobalId,
            Id = long.TryParse(t.TaskId, out var local) ? local : 0,
            ContentId = t.ContentId,
            Status = t.Status,
            Title = t.Title,
            Description = Quire.Core.Formats.StorageText.Extract(t.Body),
            Body = t.Body,
            Creator = Account(t.CreatorId) ?? "",
            Assignee = Account(t.AssigneeId),
            CompleteUser = Account(t.CompletedBy),
            CreateDate = t.CreatedAt,
            DueDate = t.DueAt,
            UpdateDate = t.UpdatedAt,
            CompleteDate = t.CompletedAt,
            Links = links.Envelope(links.Api($"/rest/api/inlinetasks/{t.GlobalId}")),
        }).ToList();
    }
}
