using System.Text.Json;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Server.Api.LongRunningTask;
using Quire.Server.Api.SpacePermissions;
using Quire.Server.Http;

namespace Quire.Server.Api.Space;

/// <summary>
/// The <c>Space</c> group: <c>/wiki/rest/api/space</c> and <c>/space/{spaceKey}</c>.
/// The space content listings (<c>/space/{spaceKey}/content*</c>) belong to the content work.
/// </summary>
public static class SpaceApi
{
    private static readonly PageLimits SpaceLimits = new(25, 500);

    public sealed record DescriptionValue(string? Value, string? Representation);
    public sealed record DescriptionRequest(DescriptionValue? Plain);

    /// <summary>
    /// SpaceCreate. Without <c>permissions</c> a new space gets the default grants (creator:
    /// everything; global spaces: confluence-users may view and create); with them, exactly those.
    /// </summary>
    public sealed record SpaceCreateRequest(
        string? Key, string? Name, DescriptionRequest? Description, IReadOnlyList<SpacePermissionCreateRequest?>? Permissions);

    public sealed record SpaceUpdateRequest(string? Name, DescriptionRequest? Description, JsonElement? Homepage, string? Type, string? Status);

    public static RouteGroupBuilder MapSpaceApi(this RouteGroupBuilder api)
    {
        var space = api.MapGroup("/space");
        space.MapGet("", GetSpaces);
        space.MapPost("", CreateSpace);
        space.MapPost("/_private", CreatePrivateSpace);
        space.MapGet("/{spaceKey}", GetSpace);
        space.MapPut("/{spaceKey}", UpdateSpace);
        space.MapDelete("/{spaceKey}", DeleteSpace);
        return api;
    }

    private static async Task<PagedJson<SpaceJson>> GetSpaces(
        string? type, string? status, bool? favourite, string? favouriteUserKey, int? start, int? limit,
        HttpRequest request, Caller caller, SpaceService spaces, SpaceExpansions expansions, ApiLinks links, CancellationToken ct)
    {
        var ids = QueryValues.Multi(request, "spaceId").Select(id =>
            long.TryParse(id, out var parsed) ? parsed : throw new BadRequestException($"spaceId '{id}' is not a number.")).ToList();
        // favourite=false means "no favourite filter", as in Confluence, not "only non-favourites".
        var query = new SpaceQuery(
            QueryValues.Multi(request, "spaceKey"), ids, QueryValues.Blank(type), QueryValues.Blank(status), QueryValues.Multi(request, "label"),
            favourite ?? false, QueryValues.Blank(favouriteUserKey));
        var page = await spaces.ListAsync(caller, query, SpaceLimits.Parse(start, limit), ct);
        var rendered = await expansions.RenderAsync(page.Results, caller, ExpandOf(request), topLevel: false, ct);
        return PagedJson<SpaceJson>.From(new Core.Paging.Page<SpaceJson>(rendered, page.Request, page.HasMore), s => s, links);
    }

    private static Task<SpaceJson> CreateSpace(
        SpaceCreateRequest? body, HttpRequest request, Caller caller, SpaceService spaces, SpaceExpansions expansions, CancellationToken ct) =>
        CreateAsync(body, isPrivate: false, request, caller, spaces, expansions, ct);

    private static Task<SpaceJson> CreatePrivateSpace(
        SpaceCreateRequest? body, HttpRequest request, Caller caller, SpaceService spaces, SpaceExpansions expansions, CancellationToken ct) =>
        CreateAsync(body, isPrivate: true, request, caller, spaces, expansions, ct);

    private static async Task<SpaceJson> CreateAsync(
        SpaceCreateRequest? body, bool isPrivate, HttpRequest request, Caller caller, SpaceService spaces,
        SpaceExpansions expansions, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a SpaceCreate object.");
        if (body.Permissions?.Any(p => p is null) == true) throw new BadRequestException("A permission in 'permissions' is null.");
        var permissions = body.Permissions?.Select(p => p!.ToGrant()).ToList();
        var space = await spaces.CreateAsync(
            caller, new NewSpace(body.Key, body.Name, body.Description?.Plain?.Value, permissions), isPrivate, ct);
        return (await expansions.RenderAsync([space], caller, ExpandOf(request), topLevel: true, ct))[0];
    }

    private static async Task<SpaceJson> GetSpace(
        string spaceKey, HttpRequest request, Caller caller, SpaceService spaces, SpaceExpansions expansions, CancellationToken ct)
    {
        var space = await spaces.GetAsync(caller, spaceKey, ct);
        return (await expansions.RenderAsync([space], caller, ExpandOf(request), topLevel: true, ct))[0];
    }

    private static async Task<SpaceJson> UpdateSpace(
        string spaceKey, SpaceUpdateRequest? body, HttpRequest request, Caller caller, SpaceService spaces,
        SpaceExpansions expansions, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a SpaceUpdate object.");
        var changes = new SpaceChanges(body.Name, body.Description?.Plain?.Value, HomepageId(body.Homepage), QueryValues.Blank(body.Status), QueryValues.Blank(body.Type));
        var space = await spaces.UpdateAsync(caller, spaceKey, changes, ct);
        return (await expansions.RenderAsync([space], caller, ExpandOf(request), topLevel: true, ct))[0];
    }

    private static async Task<IResult> DeleteSpace(string spaceKey, Caller caller, SpaceService spaces, CancellationToken ct)
    {
        var task = await spaces.DeleteAsync(caller, spaceKey, ct);
        return TypedResults.Json(LongTaskJson.Pointer(task.Id), QuireJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The space calls take their expansions as <c>expand</c>; some clients send <c>spaceExpand</c>.</summary>
    private static Expansion ExpandOf(HttpRequest request) =>
        Expansion.Parse(string.Join(',', request.Query["expand"].Concat(request.Query["spaceExpand"]).Where(v => v is not null)));

    /// <summary>The homepage's id from <c>{"homepage": {"id": "123"}}</c>; the id may be a string or a number.</summary>
    private static long? HomepageId(JsonElement? homepage)
    {
        if (homepage is not { } element || element.ValueKind == JsonValueKind.Null) return null;
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("id", out var id))
            throw new BadRequestException("homepage must be an object with the id of a page.");
        return id.ValueKind switch
        {
            JsonValueKind.Number when id.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(id.GetString(), out var s) => s,
            _ => throw new BadRequestException("homepage.id must be the id of a page."),
        };
    }

}
