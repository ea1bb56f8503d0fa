using System.Text.Json;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.Http;
using Quire.Storage.Properties;
using Quire.Storage.Content;

namespace Quire.Server.Api.ContentProperties;

/// <summary>The <c>Content properties</c> group: <c>/wiki/rest/api/content/{id}/property</c>.</summary>
public static class ContentPropertiesApi
{
    private static readonly PageLimits PropertyLimits = new(10, 200);

    public sealed record ContentPropertyCreateRequest(string? Key, JsonElement? Value);
    public sealed record ContentPropertyCreateNoKeyRequest(JsonElement? Value);
    /// <summary>The spec lets <c>number</c> be an integer or a string holding one.</summary>
    public sealed record VersionRequest(JsonElement? Number, bool? MinorEdit, string? Message);
    public sealed record ContentPropertyUpdateRequest(string? Key, JsonElement? Value, VersionRequest? Version);

    public static RouteGroupBuilder MapContentPropertiesApi(this RouteGroupBuilder api)
    {
        var properties = api.MapGroup("/content/{id}/property");
        properties.MapGet("", GetContentProperties);
        properties.MapPost("", CreateContentProperty);
        properties.MapGet("/{key}", GetContentProperty);
        properties.MapPut("/{key}", UpdateContentProperty);
        properties.MapPost("/{key}", CreateContentPropertyForKey);
        properties.MapDelete("/{key}", DeleteContentProperty);
        return api;
    }

    private static async Task<PagedJson<ContentPropertyJson>> GetContentProperties(
        string id, int? start, int? limit, HttpRequest request, Caller caller, ContentPropertyService properties,
        ContentPropertyRenderer renderer, ApiLinks links, CancellationToken ct)
    {
        var keys = request.Query["key"].Where(k => !string.IsNullOrEmpty(k)).Select(k => k!).Distinct().ToList();
        var (content, page) = await properties.ListAsync(caller, id, keys, PropertyLimits.Parse(start, limit), ct);
        var rendered = await renderer.RenderAsync(page.Results, One(content), caller, ExpandOf(request), ct);
        return PagedJson<ContentPropertyJson>.From(new Page<ContentPropertyJson>(rendered, page.Request, page.HasMore), p => p, links);
    }

    private static async Task<ContentPropertyJson> GetContentProperty(
        string id, string key, HttpRequest request, Caller caller, ContentPropertyService properties,
        ContentPropertyRenderer renderer, CancellationToken ct)
    {
        var statuses = request.Query["status"].SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct().ToList();
        var (content, property) = await properties.GetAsync(caller, id, key, statuses, ct);
        return await RenderOneAsync(content, property, request, caller, renderer, ct);
    }

    private static async Task<ContentPropertyJson> CreateContentProperty(
        string id, ContentPropertyCreateRequest? body, HttpRequest request, Caller caller, ContentPropertyService properties,
        ContentPropertyRenderer renderer, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a ContentPropertyCreate object.");
        var (content, property) = await properties.CreateAsync(caller, id, body.Key, body.Value, ct);
        return await RenderOneAsync(content, property, request, caller, renderer, ct);
    }

    private static async Task<ContentPropertyJson> CreateContentPropertyForKey(
        string id, string key, ContentPropertyCreateNoKeyRequest? body, HttpRequest request, Caller caller,
        ContentPropertyService properties, ContentPropertyRenderer renderer, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be an object with a value.");
        var (content, property) = await properties.CreateAsync(caller, id, key, body.Value, ct);
        return await RenderOneAsync(content, property, request, caller, renderer, ct);
    }

    private static async Task<ContentPropertyJson> UpdateContentProperty(
        string id, string key, ContentPropertyUpdateRequest? body, HttpRequest request, Caller caller,
        ContentPropertyService properties, ContentPropertyRenderer renderer, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a ContentPropertyUpdate object.");
        if (body.Key is not null && body.Key != key)
            throw new BadRequestException($"The key in the body ('{body.Key}') differs from the key in the path ('{key}').");
        var change = new ContentPropertyChange(body.Value, VersionNumber(body.Version?.Number),
            body.Version?.MinorEdit ?? false, body.Version?.Message);
        var (content, property) = await properties.UpdateAsync(caller, id, key, change, ct);
        return await RenderOneAsync(content, property, request, caller, renderer, ct);
    }

    private static async Task<IResult> DeleteContentProperty(
        string id, string key, Caller caller, ContentPropertyService properties, CancellationToken ct)
    {
        await properties.DeleteAsync(caller, id, key, ct);
        return TypedResults.NoContent();
    }

    private static int? VersionNumber(JsonElement? number) => number switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var value) => value,
        { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new BadRequestException("version.number must be a whole number."),
    };

    private static async Task<ContentPropertyJson> RenderOneAsync(
        ContentRecord content, PropertyRecord property, HttpRequest request, Caller caller, ContentPropertyRenderer renderer,
        CancellationToken ct) =>
        (await renderer.RenderAsync([property], One(content), caller, ExpandOf(request), ct))[0];

    private static Dictionary<long, ContentRecord> One(ContentRecord content) => new() { [content.Id] = content };

    /// <summary>The spec expands <c>version</c> by default.</summary>
    private static Expansion ExpandOf(HttpRequest request) => Expansion.From(request).With("version");
}
