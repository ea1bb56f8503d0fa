using Quire.Core;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Server.Http;

namespace Quire.Server.Api.Content;

/// <summary>
/// The core of the <c>Content</c> group: <c>/wiki/rest/api/content</c>, <c>/content/{id}</c>
/// and its history. Children, labels, properties, copy and move are mapped by their own groups.
/// </summary>
public static class ContentApi
{
    private static readonly PageLimits ContentLimits = new(25, 250);

    /// <summary>What Confluence expands when the client does not say (the spec's description of these calls).</summary>
    public const string DefaultExpand = "space,history,version";

    private static readonly HashSet<string> Statuses = ["current", "trashed", "deleted", "historical", "draft", "archived", "any"];

    public static RouteGroupBuilder MapContentApi(this RouteGroupBuilder api)
    {
        var content = api.MapGroup("/content");
        content.MapGet("", GetContent);
        content.MapPost("", CreateContent);
        content.MapGet("/{id}", GetContentById);
        content.MapPut("/{id}", UpdateContent);
        content.MapDelete("/{id}", DeleteContent);
        content.MapPut("/blueprint/instance/{draftId}", PublishSharedDraft);
        content.MapPost("/blueprint/instance/{draftId}", PublishLegacyDraft);
        content.MapGet("/{id}/history", GetHistoryForContent);
        return api;
    }

    private static async Task<PagedJson<ContentJson>> GetContent(
        string? type, string? spaceKey, string? title, string? postingDay, int? start, int? limit,
        HttpRequest request, Caller caller, ContentService service, ContentExpansions expansions, ApiLinks links, CancellationToken ct)
    {
        var query = new ContentQuery(QueryValues.Blank(type), QueryValues.Blank(spaceKey), QueryValues.Blank(title), StatusesOf(request), QueryValues.Blank(postingDay));
        var page = await service.ListAsync(caller, query, ContentLimits.Parse(start, limit), ct);
        var rendered = await expansions.RenderAsync(page.Results, caller, ExpandOf(request), ct);
        return PagedJson<ContentJson>.From(new Core.Paging.Page<ContentJson>(rendered, page.Request, page.HasMore), c => c, links);
    }

    /// <summary>
    /// The answer, the created content as a read renders it, is written by its generated JSON writer
    /// (<see cref="GeneratedJsonResult{T}"/>) as the read's is: page creation's own benchmark.
    /// </summary>
    private static async Task<GeneratedJsonResult<ContentJson>> CreateContent(
        ContentCreateRequest? body, HttpRequest request, Caller caller, ContentService service, ContentExpansions expansions, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a ContentCreate object.");
        var (location, inline) = ContentRequests.Extensions(body.Extensions);
        var input = new NewContent(
            body.Type, body.Status, body.Title, body.Space?.Key, ContentRequests.ParentId(body.Ancestors),
            ContentRequests.ContainerId(body.Container), ContentRequests.Body(body.Body), location, inline);
        var created = body.Id is null
            ? await service.CreateAsync(caller, input, ct)
            : await service.PublishDraftAsync(caller, body.Id, input, ct);
        return new GeneratedJsonResult<ContentJson>((await expansions.RenderAsync([created], caller, ExpandOf(request), topLevel: true, ct))[0]);
    }

    /// <summary>
    /// A read of the latest version counts as a view of it (Analytics), recorded in memory, written later. This is the API's
    /// busiest read: its answer is written by its generated JSON writer (<see cref="GeneratedJsonResult{T}"/>) and
    /// kept for the same caller and request until anything is committed (<see cref="RenderedAnswerCache"/>); a kept answer
    /// is sent without building the reader's services (<see cref="Deferred{T}"/>).
    /// </summary>
    private static async Task<IResult> GetContentById(
        string id, int? version, HttpRequest request, Caller caller, ApiLinks links, RenderedAnswerCache answers,
        Deferred<ContentReader> reader, Deferred<ContentExpansions> expansions, Quire.Core.Analytics.ContentViewRecorder views,
        TimeProvider time, CancellationToken ct)
    {
        var key = answers.Enabled ? AnswerKey.Of(caller, links.Base, request) : default;
        if (answers.Enabled && answers.Find(key) is { } kept)
        {
            RecordView(kept.ContentId, kept.Latest);
            return new JsonBytesResult(kept.Json);
        }

        var commits = answers.BeginRead();
        var item = await reader.Value.GetAsync(caller, id, StatusesOf(request), version, ct);
        RecordView(item.Content.Id, item.Latest);
        var json = new GeneratedJsonResult<ContentJson>(
            (await expansions.Value.RenderAsync([item], caller, ExpandOf(request), topLevel: true, ct))[0]);
        if (commits is not { } readUnder) return json;
        var bytes = json.ToBytes();
        answers.Keep(key, readUnder, bytes, item.Content.Id, item.Latest);
        return new JsonBytesResult(bytes);

        void RecordView(long contentId, bool latest)
        {
            if (latest) views.Record(contentId, caller.UserId, time.GetUtcNow().ToUnixTimeMilliseconds());
        }
    }

    private static async Task<ContentJson> UpdateContent(
        string id, string? status, ContentUpdateRequest? body, HttpRequest request, Caller caller, ContentService service,
        ContentExpansions expansions, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a ContentUpdate object.");
        var changes = new ContentChanges(
            body.Version?.Number, body.Version?.Message, body.Version?.MinorEdit ?? false, body.Type, body.Title,
            QueryValues.Blank(body.Status) ?? QueryValues.Blank(status), ContentRequests.ParentId(body.Ancestors), ContentRequests.Body(body.Body));
        var updated = await service.UpdateAsync(caller, id, changes, ct);
        return (await expansions.RenderAsync([updated], caller, ExpandOf(request), topLevel: true, ct))[0];
    }

    /// <summary>The defaults the spec names for publishing a blueprint draft.</summary>
    private const string PublishedDraftExpand = "body.storage,history,space,version,ancestors";

    private static Task<ContentJson> PublishSharedDraft(
        string draftId, string? status, BlueprintDraftRequest? body, HttpRequest request, Caller caller, ContentService service,
        ContentExpansions expansions, CancellationToken ct) =>
        PublishDraftAsync(draftId, status, body, request, caller, service, expansions, ct);

    /// <summary>"For now, this method works the same as Publish shared draft" (the spec).</summary>
    private static Task<ContentJson> PublishLegacyDraft(
        string draftId, string? status, BlueprintDraftRequest? body, HttpRequest request, Caller caller, ContentService service,
        ContentExpansions expansions, CancellationToken ct) =>
        PublishDraftAsync(draftId, status, body, request, caller, service, expansions, ct);

    private static async Task<ContentJson> PublishDraftAsync(
        string draftId, string? status, BlueprintDraftRequest? body, HttpRequest request, Caller caller, ContentService service,
        ContentExpansions expansions, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a ContentBlueprintDraft object.");
        var published = await service.PublishBlueprintDraftAsync(caller, draftId, QueryValues.Blank(status), new BlueprintDraftPublish(
            body.Version?.Number, body.Title, body.Type, QueryValues.Blank(body.Status), QueryValues.Blank(body.Space?.Key),
            ContentRequests.ParentId(body.Ancestors)), ct);
        return (await expansions.RenderAsync([published], caller, ExpandOf(request, PublishedDraftExpand), topLevel: true, ct))[0];
    }

    private static async Task<IResult> DeleteContent(string id, string? status, Caller caller, ContentService service, CancellationToken ct)
    {
        await service.DeleteAsync(caller, id, QueryValues.Blank(status), ct);
        return TypedResults.NoContent();
    }

    private static async Task<ContentHistoryJson> GetHistoryForContent(
        string id, HttpRequest request, Caller caller, ContentReader reader, ContentExpansions expansions,
        ContentRenderer renderer, CancellationToken ct)
    {
        var item = await reader.GetAsync(caller, id, ["any"], null, ct);
        var expand = Expansion.From(request);
        // The history's own expansions load like content's history.* expansions.
        var asContent = Expansion.Parse(string.Join(',', expand.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => "history." + p).Append("history")));
        var extras = await expansions.LoadAsync([item], caller, asContent, ct);
        return renderer.History(item, caller, expand, extras);
    }

    /// <summary>The client's expansions, or the operation's defaults when it names none.</summary>
    public static Expansion ExpandOf(HttpRequest request, string defaults = DefaultExpand) =>
        request.Query.ContainsKey("expand") ? Expansion.From(request) : Expansion.Parse(defaults);

    private static IReadOnlyList<string> StatusesOf(HttpRequest request)
    {
        var statuses = QueryValues.Multi(request, "status");
        foreach (var status in statuses)
            if (!Statuses.Contains(status))
                throw new BadRequestException($"status '{status}' is not one of {string.Join(", ", Statuses)}.");
        return statuses;
    }

}
