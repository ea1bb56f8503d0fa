using System.Text.Json.Serialization;
using Quire.Core.ContentBody;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Server.Authentication;
using Quire.Server.Http;

namespace Quire.Server.Api.ContentBody;

/// <summary>ContentBodyCreate: a body and the format it is in.</summary>
public sealed record BodyConvertRequest(string? Value, string? Representation);

/// <summary>The spec's ContentBody, as a conversion answers it.</summary>
public sealed class ConvertedBodyJson
{
    public required string Value { get; init; }
    public required string Representation { get; init; }
    public IReadOnlyList<Content.EmbeddedContentJson> EmbeddedContent { get; init; } = [];

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }
}

public sealed record AsyncIdJson(string AsyncId);

/// <summary>ContentBodyConversionInput: one conversion of a bulk request.</summary>
public sealed record BulkConversionInputRequest(
    string? To, bool? AllowCache, string? SpaceKeyContext, string? ContentIdContext, string? EmbeddedContentRender,
    IReadOnlyList<string>? Expand, BodyConvertRequest? Body);

/// <summary>BulkContentBodyConversionInput.</summary>
public sealed record BulkConversionRequest(IReadOnlyList<BulkConversionInputRequest?>? ConversionInputs);

/// <summary>The spec's AsyncContentBody.</summary>
public sealed class AsyncContentBodyJson
{
    public required string Value { get; init; }
    /// <summary>Null only for a bulk entry that names no result.</summary>
    public required string? Representation { get; init; }
    public required string RenderTaskId { get; init; }
    public required string Status { get; init; }
    public string? Error { get; init; }
    public IReadOnlyList<object> EmbeddedContent { get; init; } = [];

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }
}

/// <summary>
/// The <c>Content body</c> group: converting a body between representations
/// (<c>POST /contentbody/convert/{to}</c>), the asynchronous form
/// (<c>POST /contentbody/convert/async/{to}</c>, <c>GET /contentbody/convert/async/{id}</c>) and
/// Cloud's bulk pair (<c>POST</c> and <c>GET /contentbody/convert/async/bulk/tasks</c>).
/// Results belong to people, so anonymous callers get 401.
/// </summary>
public static class ContentBodyApi
{
    public static RouteGroupBuilder MapContentBodyApi(this RouteGroupBuilder api)
    {
        var convert = api.MapGroup("/contentbody/convert").RequireSignIn();
        convert.MapPost("/{to}", ConvertContentBody);
        convert.MapPost("/async/{to}", AsyncConvertContentBodyRequest);
        convert.MapGet("/async/{id}", AsyncConvertContentBodyResponse);
        convert.MapPost("/async/bulk/tasks", BulkAsyncConvertContentBodyRequest);
        convert.MapGet("/async/bulk/tasks", BulkAsyncConvertContentBodyResponse);
        return api;
    }

    private static async Task<ConvertedBodyJson> ConvertContentBody(
        string to, string? spaceKeyContext, string? contentIdContext, string? embeddedContentRender, BodyConvertRequest? body,
        Caller caller, ContentBodyService service, ApiLinks links, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a ContentBodyCreate object.");
        var converted = await service.ConvertAsync(caller, to, body.Value, body.Representation,
            Context(spaceKeyContext, contentIdContext, embeddedContentRender), ct);
        return new ConvertedBodyJson
        {
            Value = converted.Value, Representation = BodyRepresentations.AsAnswered(converted.Representation),
            EmbeddedContent = converted.Embedded.Select(e => new Content.EmbeddedContentJson(e.EntityId, e.EntityType)).ToList(),
            Links = links.Envelope(),
        };
    }

    private static async Task<AsyncIdJson> AsyncConvertContentBodyRequest(
        string to, string? spaceKeyContext, string? contentIdContext, string? embeddedContentRender, bool? allowCache, BodyConvertRequest? body,
        Caller caller, ContentBodyService service, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a ContentBodyCreate object.");
        return new AsyncIdJson(await service.StartAsync(caller, to, body.Value, body.Representation,
            Context(spaceKeyContext, contentIdContext, embeddedContentRender), allowCache ?? false, ct));
    }

    private static async Task<AsyncContentBodyJson> AsyncConvertContentBodyResponse(
        string id, Caller caller, ContentBodyService service, ApiLinks links, CancellationToken ct) =>
        Result(await service.ResultAsync(caller, id, ct), links);

    private static async Task<IReadOnlyList<AsyncIdJson>> BulkAsyncConvertContentBodyRequest(
        BulkConversionRequest? request, Caller caller, ContentBodyService service, CancellationToken ct)
    {
        if (request is null) throw new BadRequestException("The request body must be a BulkContentBodyConversionInput object.");
        var inputs = request.ConversionInputs?.Select(i => i is null ? null : new ConversionInput(
            i.To, i.Body?.Value, i.Body?.Representation, Context(i.SpaceKeyContext, i.ContentIdContext, i.EmbeddedContentRender),
            i.AllowCache ?? false)).ToList();
        return (await service.StartBulkAsync(caller, inputs, ct)).Select(id => new AsyncIdJson(id)).ToList();
    }

    /// <summary><c>ids</c> repeated (<c>?ids=a&amp;ids=b</c>) or comma-separated, as clients send arrays either way.</summary>
    private static async Task<IReadOnlyList<AsyncContentBodyJson>> BulkAsyncConvertContentBodyResponse(
        HttpContext context, Caller caller, ContentBodyService service, ApiLinks links, CancellationToken ct)
    {
        var ids = context.Request.Query["ids"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        return (await service.BulkResultsAsync(caller, ids, ct)).Select(r => Result(r, links)).ToList();
    }

    private static AsyncContentBodyJson Result(Quire.Storage.ContentBody.BodyConversionRecord result, ApiLinks links) => new()
    {
        Value = result.Value, Representation = result.Representation.Length == 0 ? null : BodyRepresentations.AsAnswered(result.Representation),
        RenderTaskId = result.Id, Status = result.Status, Error = result.Error,
        Links = links.Envelope(),
    };

    private static ConversionContext Context(string? spaceKey, string? contentId, string? embeddedContentRender) =>
        new(QueryValues.Blank(spaceKey), QueryValues.Blank(contentId), QueryValues.Blank(embeddedContentRender));
}
