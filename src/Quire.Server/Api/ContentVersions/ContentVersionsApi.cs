using System.Text.Json.Serialization;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Server.Api.Content;
using Quire.Server.Http;
using Quire.Storage.Content;

namespace Quire.Server.Api.ContentVersions;

/// <summary>The <c>Content versions</c> group: <c>/wiki/rest/api/content/{id}/version</c>.</summary>
public static class ContentVersionsApi
{
    private static readonly PageLimits VersionLimits = new(200, 200);

    public sealed record RestoreParams(int? VersionNumber, string? Message, bool? RestoreTitle);

    public sealed record VersionRestoreRequest(string? OperationKey, [property: JsonPropertyName("params")] RestoreParams? Params);

    public static RouteGroupBuilder MapContentVersionsApi(this RouteGroupBuilder api)
    {
        var versions = api.MapGroup("/content/{id}/version");
        versions.MapGet("", GetContentVersions);
        versions.MapPost("", RestoreContentVersion);
        versions.MapGet("/{versionNumber}", GetContentVersion);
        versions.MapDelete("/{versionNumber}", DeleteContentVersion);
        return api;
    }

    private static async Task<PagedJson<VersionJson>> GetContentVersions(
        string id, int? start, int? limit, HttpRequest request, Caller caller, ContentVersionService service,
        ContentExpansions expansions, ContentRenderer renderer, ApiLinks links, CancellationToken ct)
    {
        var (item, page) = await service.ListAsync(caller, id, VersionLimits.Parse(start, limit), ct);
        var rendered = await RenderAsync(item, page.Results, ExpandOf(request), caller, expansions, renderer, ct);
        return PagedJson<VersionJson>.From(new Core.Paging.Page<VersionJson>(rendered, page.Request, page.HasMore), v => v, links);
    }

    private static async Task<VersionJson> GetContentVersion(
        string id, int versionNumber, HttpRequest request, Caller caller, ContentVersionService service,
        ContentExpansions expansions, ContentRenderer renderer, CancellationToken ct)
    {
        var (item, version) = await service.GetAsync(caller, id, versionNumber, ct);
        return (await RenderAsync(item, [version], ExpandOf(request), caller, expansions, renderer, ct))[0];
    }

    private static async Task<VersionJson> RestoreContentVersion(
        string id, VersionRestoreRequest? body, HttpRequest request, Caller caller, ContentVersionService service,
        ContentExpansions expansions, ContentRenderer renderer, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a VersionRestore object.");
        if (body.OperationKey != "restore") throw new BadRequestException($"operationKey must be 'restore', not '{body.OperationKey}'.");
        if (body.Params?.VersionNumber is not { } number) throw new BadRequestException("params.versionNumber is required.");
        var restored = await service.RestoreAsync(caller, id, number, body.Params.Message, body.Params.RestoreTitle ?? false, ct);
        var current = ContentService.Archived(restored.Content);
        return (await RenderAsync(restored, [current], ExpandOf(request), caller, expansions, renderer, ct))[0];
    }

    private static async Task<IResult> DeleteContentVersion(
        string id, int versionNumber, Caller caller, ContentVersionService service, CancellationToken ct)
    {
        await service.DeleteAsync(caller, id, versionNumber, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Versions with their content (each as it was at that version), expansions loaded once for all.</summary>
    private static async Task<IReadOnlyList<VersionJson>> RenderAsync(
        ContentItem item, IReadOnlyList<ContentVersionRecord> versions, Expansion expand, Caller caller,
        ContentExpansions expansions, ContentRenderer renderer, CancellationToken ct)
    {
        var contents = versions.Select(v => v.Number == item.Content.Version
            ? item
            : new ContentItem(ContentReader.AsHistorical(item.Content, v), item.Space, Latest: false)).ToList();
        var withContent = expand.Has("content");
        var rendered = withContent ? await expansions.RenderAsync(contents, caller, expand["content"], topLevel: false, ct) : [];
        var extras = await expansions.LoadAsync(contents, caller, Expansion.Parse("version"), ct);
        return versions.Select((v, i) => renderer.Version(v, item.Content, caller, extras,
            withContent ? rendered[i] : null, collaborators: expand.Has("collaborators"))).ToList();
    }

    /// <summary>These calls expand the version's content unless the client names its expansions.</summary>
    private static Expansion ExpandOf(HttpRequest request) =>
        request.Query.ContainsKey("expand") ? Expansion.From(request) : Expansion.Parse("content");
}
