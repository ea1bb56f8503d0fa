using System.Text.Json.Serialization;
using Quire.Core.ContentBody;
using Quire.Core.Security;
using Quire.Server.Api.ContentBody;
using Quire.Server.Authentication;
using Quire.Server.Http;

namespace Quire.Server.Api.ContentMacroBody;

/// <summary>The spec's MacroInstance.</summary>
public sealed class MacroInstanceJson
{
    public required string Name { get; init; }
    public required string Body { get; init; }
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }
}

/// <summary>
/// The <c>Content - macro body</c> group: a macro of a content version by its id
/// (<c>/content/{id}/history/{version}/macro/id/{macroId}</c>), its body converted, at once or
/// asynchronously (the result is read at <c>/contentbody/convert/async/{id}</c>).
/// </summary>
public static class ContentMacroBodyApi
{
    public static RouteGroupBuilder MapContentMacroBodyApi(this RouteGroupBuilder api)
    {
        var macro = api.MapGroup("/content/{id}/history/{version:int}/macro/id/{macroId}");
        macro.MapGet("", GetMacroBodyByMacroId);
        macro.MapGet("/convert/{to}", GetAndConvertMacroBodyByMacroId);
        macro.MapGet("/convert/async/{to}", GetAndAsyncConvertMacroBodyByMacroId).RequireSignIn();
        return api;
    }

    private static async Task<MacroInstanceJson> GetMacroBodyByMacroId(
        string id, int version, string macroId, Caller caller, ContentBodyService service, ApiLinks links, CancellationToken ct)
    {
        var macro = await service.MacroAsync(caller, id, version, macroId, ct);
        return new MacroInstanceJson
        {
            Name = macro.Name, Body = macro.Body, Parameters = macro.Parameters,
            Links = links.Envelope(links.Self()),
        };
    }

    private static async Task<ConvertedBodyJson> GetAndConvertMacroBodyByMacroId(
        string id, int version, string macroId, string to, string? spaceKeyContext, string? embeddedContentRender, Caller caller,
        ContentBodyService service, ApiLinks links, CancellationToken ct)
    {
        var converted = await service.ConvertMacroAsync(caller, id, version, macroId, to,
            new ConversionContext(QueryValues.Blank(spaceKeyContext), null, QueryValues.Blank(embeddedContentRender)), ct);
        return new ConvertedBodyJson
        {
            Value = converted.Value, Representation = Quire.Core.ContentBody.BodyRepresentations.AsAnswered(converted.Representation),
            Links = links.Envelope(),
        };
    }

    private static async Task<AsyncIdJson> GetAndAsyncConvertMacroBodyByMacroId(
        string id, int version, string macroId, string to, bool? allowCache, string? spaceKeyContext, string? embeddedContentRender,
        Caller caller, ContentBodyService service, CancellationToken ct) =>
        new(await service.StartMacroConversionAsync(caller, id, version, macroId, to,
            new ConversionContext(QueryValues.Blank(spaceKeyContext), null, QueryValues.Blank(embeddedContentRender)), allowCache ?? false, ct));
}
