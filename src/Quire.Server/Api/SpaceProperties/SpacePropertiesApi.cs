using System.Text.Json;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Server.Http;
using Quire.Storage.Properties;
using Quire.Storage.Spaces;

namespace Quire.Server.Api.SpaceProperties;

/// <summary>The <c>Space properties</c> group: <c>/wiki/rest/api/space/{spaceKey}/property</c>.</summary>
public static class SpacePropertiesApi
{
    private static readonly PageLimits PropertyLimits = new(10, 200);

    public sealed record SpaceRef(string? Key);
    public sealed record SpacePropertyCreateRequest(string? Key, JsonElement? Value, SpaceRef? Space);
    public sealed record SpacePropertyCreateNoKeyRequest(JsonElement? Value);
    public sealed record VersionRequest(int? Number, bool? MinorEdit, string? Message);
    public sealed record SpacePropertyUpdateRequest(string? Key, JsonElement? Value, VersionRequest? Version, SpaceRef? Space);

    public static RouteGroupBuilder MapSpacePropertiesApi(this RouteGroupBuilder api)
    {
        var properties = api.MapGroup("/space/{spaceKey}/property");
        properties.MapGet("", GetSpaceProperties);
        properties.MapPost("", CreateSpaceProperty);
        properties.MapGet("/{key}", GetSpaceProperty);
        properties.MapPut("/{key}", UpdateSpaceProperty);
        properties.MapPost("/{key}", CreateSpacePropertyForKey);
        properties.MapDelete("/{key}", DeleteSpaceProperty);
        return api;
    }

    private static async Task<PagedJson<SpacePropertyJson>> GetSpaceProperties(
        string spaceKey, int? start, int? limit, HttpRequest request, Caller caller, SpacePropertyService properties,
        SpacePropertyRenderer renderer, ApiLinks links, CancellationToken ct)
    {
        var (space, page) = await properties.ListAsync(caller, spaceKey, PropertyLimits.Parse(start, limit), ct);
        var rendered = await renderer.RenderAsync(space, page.Results, caller, ExpandOf(request), ct);
        return PagedJson<SpacePropertyJson>.From(new Core.Paging.Page<SpacePropertyJson>(rendered, page.Request, page.HasMore), p => p, links);
    }

    private static async Task<SpacePropertyJson> GetSpaceProperty(
        string spaceKey, string key, HttpRequest request, Caller caller, SpacePropertyService properties,
        SpacePropertyRenderer renderer, CancellationToken ct)
    {
        var (space, property) = await properties.GetAsync(caller, spaceKey, key, ct);
        return await RenderOneAsync(space, property, request, caller, renderer, ct);
    }

    private static async Task<SpacePropertyJson> CreateSpaceProperty(
        string spaceKey, SpacePropertyCreateRequest? body, HttpRequest request, Caller caller, SpacePropertyService properties,
        SpacePropertyRenderer renderer, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a SpacePropertyCreate object.");
        if (body.Space?.Key is { } bodySpace && !bodySpace.Equals(spaceKey, StringComparison.OrdinalIgnoreCase))
            throw new BadRequestException($"The space in the body ('{bodySpace}') differs from the space in the path ('{spaceKey}').");
        var (space, property) = await properties.CreateAsync(caller, spaceKey, body.Key, body.Value, ct);
        return await RenderOneAsync(space, property, request, caller, renderer, ct);
    }

    private static async Task<SpacePropertyJson> CreateSpacePropertyForKey(
        string spaceKey, string key, SpacePropertyCreateNoKeyRequest? body, HttpRequest request, Caller caller,
        SpacePropertyService properties, SpacePropertyRenderer renderer, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be an object with a value.");
        var (space, property) = await properties.CreateAsync(caller, spaceKey, key, body.Value, ct);
        return await RenderOneAsync(space, property, request, caller, renderer, ct);
    }

    private static async Task<SpacePropertyJson> UpdateSpaceProperty(
        string spaceKey, string key, SpacePropertyUpdateRequest? body, HttpRequest request, Caller caller,
        SpacePropertyService properties, SpacePropertyRenderer renderer, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a SpacePropertyUpdate object.");
        var change = new SpacePropertyChange(body.Key, body.Value, body.Version?.Number,
            body.Version?.MinorEdit ?? false, body.Version?.Message, body.Space?.Key);
        var (space, property) = await properties.UpdateAsync(caller, spaceKey, key, change, ct);
        return await RenderOneAsync(space, property, request, caller, renderer, ct);
    }

    private static async Task<IResult> DeleteSpaceProperty(
        string spaceKey, string key, Caller caller, SpacePropertyService properties, CancellationToken ct)
    {
        await properties.DeleteAsync(caller, spaceKey, key, ct);
        return TypedResults.NoContent();
    }

    private static async Task<SpacePropertyJson> RenderOneAsync(
        SpaceRecord space, PropertyRecord property, HttpRequest request, Caller caller, SpacePropertyRenderer renderer,
        CancellationToken ct) =>
        (await renderer.RenderAsync(space, [property], caller, ExpandOf(request), ct))[0];

    /// <summary>The spec expands <c>version</c> by default.</summary>
    private static Expansion ExpandOf(HttpRequest request) => Expansion.From(request).With("version");
}
