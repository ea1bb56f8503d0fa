using Microsoft.AspNetCore.Mvc;
using Quire.Core.ContentStates;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Server.Api.Content;
using Quire.Server.Authentication;
using Quire.Server.Http;
using Quire.Storage.ContentStates;

namespace Quire.Server.Api.ContentStates;

public sealed record ContentStateJson(long Id, string Name, string Color)
{
    public static ContentStateJson Of(ContentStateRecord s) => new(s.Id, s.Name, s.Color);
}

/// <summary>ContentStateResponse: the state and when it was placed; no state leaves both out (the schema's state is not nullable).</summary>
public sealed class ContentStateResponseJson
{
    public ContentStateJson? ContentState { get; init; }
    public string? LastUpdated { get; init; }
}

public sealed record AvailableContentStatesJson(IReadOnlyList<ContentStateJson> SpaceContentStates, IReadOnlyList<ContentStateJson> CustomContentStates);

public sealed record ContentStateSettingsJson(
    bool ContentStatesAllowed, bool CustomContentStatesAllowed, bool SpaceContentStatesAllowed, IReadOnlyList<ContentStateJson> SpaceContentStates);

public sealed record ContentStateInputJson(long? Id, string? Name, string? Color)
{
    public ContentStateInput ToInput() => new(Id, Name, Color);
}

public sealed record BulkContentStateSetRequest(IReadOnlyList<string?>? Ids, ContentStateInputJson? ContentState);

public sealed record BulkContentStateRemoveRequest(IReadOnlyList<string?>? Ids);

public sealed record ContentStateTaskJson(
    IReadOnlyList<string> Set, IReadOnlyList<BulkStateFailure> Failed, long Percentage, string Message, ContentStateJson? State, bool Success);

/// <summary>
/// The <c>Content states</c> group: the state of content (<c>/content/{id}/state</c>, <c>/available</c>),
/// the caller's custom states and bulk changes (<c>/content-states</c>, <c>/delete</c>, <c>/task/{taskId}</c>),
/// and a space's states, settings and content by state (<c>/space/{spaceKey}/state</c>, <c>/settings</c>, <c>/content</c>).
/// </summary>
public static class ContentStatesApi
{
    private static readonly PageLimits Limits = new(25, 100, RefuseAboveMax: true);

    public static RouteGroupBuilder MapContentStatesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/content/{id}/state", GetContentState);
        api.MapPut("/content/{id}/state", SetContentState);
        api.MapDelete("/content/{id}/state", RemoveContentState);
        api.MapGet("/content/{id}/state/available", GetAvailableContentStates);
        var bulk = api.MapGroup("/content-states").RequireSignIn();
        bulk.MapGet("", GetCustomContentStates);
        bulk.MapPut("", BulkSetContentStates);
        bulk.MapPost("/delete", BulkRemoveContentStates);
        bulk.MapGet("/task/{taskId}", GetTaskUpdate);
        api.MapGet("/space/{spaceKey}/state", GetSpaceContentStates);
        api.MapGet("/space/{spaceKey}/state/settings", GetContentStateSettings);
        api.MapGet("/space/{spaceKey}/state/content", GetContentsWithState);
        return api;
    }

    private static ContentStateResponseJson Response(ContentStateView view) => new()
    {
        ContentState = view.State is { } state ? ContentStateJson.Of(state) : null,
        LastUpdated = view.LastUpdated is { } at ? QuireJson.Date(at) : null,
    };

    private static async Task<ContentStateResponseJson> GetContentState(
        string id, string? status, Caller caller, ContentStateService states, CancellationToken ct) =>
        Response(await states.GetAsync(caller, id, QueryValues.Blank(status), ct));

    private static async Task<ContentStateResponseJson> SetContentState(
        string id, string? status, ContentStateInputJson? body, Caller caller, ContentStateService states, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a ContentStateRestInput object.");
        return Response(await states.SetAsync(caller, id, QueryValues.Blank(status), body.ToInput(), ct));
    }

    private static async Task<ContentStateResponseJson> RemoveContentState(
        string id, string? status, Caller caller, ContentStateService states, CancellationToken ct) =>
        Response(await states.RemoveAsync(caller, id, QueryValues.Blank(status), ct));

    private static async Task<AvailableContentStatesJson> GetAvailableContentStates(
        string id, Caller caller, ContentStateService states, CancellationToken ct)
    {
        var (space, custom) = await states.AvailableAsync(caller, id, ct);
        return new AvailableContentStatesJson(space.Select(ContentStateJson.Of).ToList(), custom.Select(ContentStateJson.Of).ToList());
    }

    private static async Task<IReadOnlyList<ContentStateJson>> GetCustomContentStates(Caller caller, ContentStateService states, CancellationToken ct) =>
        (await states.CustomAsync(caller, ct)).Select(ContentStateJson.Of).ToList();

    private static async Task<Quire.Server.Api.ContentBody.AsyncIdJson> BulkSetContentStates(
        string? status, BulkContentStateSetRequest? body, Caller caller, ContentStateService states, CancellationToken ct)
    {
        if (body?.ContentState is null) throw new BadRequestException("The body must name ids and a contentState.");
        return new Quire.Server.Api.ContentBody.AsyncIdJson(await states.BulkAsync(caller, body.Ids, QueryValues.Blank(status), body.ContentState.ToInput(), ct));
    }

    private static async Task<Quire.Server.Api.ContentBody.AsyncIdJson> BulkRemoveContentStates(
        string? status, BulkContentStateRemoveRequest? body, Caller caller, ContentStateService states, CancellationToken ct) =>
        new(await states.BulkAsync(caller, body?.Ids, QueryValues.Blank(status), null, ct));

    private static async Task<ContentStateTaskJson> GetTaskUpdate(string taskId, Caller caller, ContentStateService states, CancellationToken ct)
    {
        var result = await states.TaskAsync(caller, taskId, ct);
        return new ContentStateTaskJson(result.Set, result.Failed, 100,
            $"{result.Set.Count} changed, {result.Failed.Count} failed", result.State is { } s ? ContentStateJson.Of(s) : null, result.Failed.Count == 0);
    }

    private static async Task<IReadOnlyList<ContentStateJson>> GetSpaceContentStates(
        string spaceKey, Caller caller, ContentStateService states, CancellationToken ct) =>
        (await states.SpaceStatesAsync(caller, spaceKey, ct)).Select(ContentStateJson.Of).ToList();

    private static async Task<ContentStateSettingsJson> GetContentStateSettings(
        string spaceKey, Caller caller, ContentStateService states, CancellationToken ct) =>
        new(true, true, true, (await states.SettingsAsync(caller, spaceKey, ct)).Select(ContentStateJson.Of).ToList());

    private static async Task<PagedJson<ContentJson>> GetContentsWithState(
        string spaceKey, [FromQuery(Name = "state-id")] long? stateId, int? start, int? limit, HttpRequest request, Caller caller,
        ContentStateService states, ContentExpansions expansions, ApiLinks links, CancellationToken ct)
    {
        var page = await states.ContentWithStateAsync(caller, spaceKey, stateId, Limits.Parse(start, limit), ct);
        var rendered = await expansions.RenderAsync(page.Results, caller, Expansion.From(request), ct);
        var index = rendered.ToDictionary(c => c.Id);
        return PagedJson<ContentJson>.From(page, c => index[ContentRenderer.Id(c)], links);
    }
}


