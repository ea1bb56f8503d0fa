using System.Text.Json;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Labels;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.Api.Experimental;
using Quire.Server.Http;
using Quire.Storage.Content;

namespace Quire.Server.Api.ContentLabels;

/// <summary>The <c>Content labels</c> group: <c>/wiki/rest/api/content/{id}/label</c>.</summary>
public static class ContentLabelsApi
{
    public static readonly PageLimits LabelLimits = new(200, 1000);

    public sealed record LabelCreateRequest(string? Prefix, string? Name);

    public static RouteGroupBuilder MapContentLabelsApi(this RouteGroupBuilder api)
    {
        var labels = api.MapGroup("/content/{id}/label");
        labels.MapGet("", GetLabelsForContent);
        labels.MapPost("", AddLabelsToContent);
        labels.MapDelete("", RemoveLabelFromContentUsingQueryParameter);
        labels.MapDelete("/{label}", RemoveLabelFromContent);
        return api;
    }

    private static async Task<LabelArrayJson> GetLabelsForContent(
        string id, string? prefix, int? start, int? limit, Caller caller, ContentLabelService labels, ApiLinks links,
        CancellationToken ct)
    {
        var page = await labels.ListAsync(caller, id, string.IsNullOrWhiteSpace(prefix) ? null : prefix,
            LabelLimits.Parse(start, limit), ct);
        return Render(page, links);
    }

    /// <summary>
    /// Takes an array of labels or a single label, as the spec allows, and answers the
    /// content's labels after the addition.
    /// </summary>
    private static async Task<LabelArrayJson> AddLabelsToContent(
        string id, JsonElement? body, Caller caller, ContentLabelService labels, ApiLinks links, CancellationToken ct)
    {
        await labels.AddAsync(caller, id, ReadLabels(body), ct);
        return Render(await labels.ListAsync(caller, id, null, LabelLimits.Parse(null, null), ct), links);
    }

    private static async Task<IResult> RemoveLabelFromContentUsingQueryParameter(
        string id, string? name, Caller caller, ContentLabelService labels, CancellationToken ct)
    {
        await labels.RemoveAsync(caller, id, name, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RemoveLabelFromContent(
        string id, string label, Caller caller, ContentLabelService labels, CancellationToken ct)
    {
        // Routing leaves an encoded slash (%2F) undecoded in a path value, so look for both.
        if (label.Contains('/') || label.Contains("%2F", StringComparison.OrdinalIgnoreCase))
            throw new BadRequestException("A label name in the path may not contain '/'; name it with the query parameter instead.");
        await labels.RemoveAsync(caller, id, label, ct);
        return TypedResults.NoContent();
    }

    private static IReadOnlyList<NewLabel?>? ReadLabels(JsonElement? body) => body?.ValueKind switch
    {
        JsonValueKind.Array => body.Value.EnumerateArray().Select(ReadLabel).ToList(),
        JsonValueKind.Object => [ReadLabel(body.Value)],
        _ => throw new BadRequestException("The body must be a label or an array of labels."),
    };

    private static NewLabel? ReadLabel(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new BadRequestException("Each label must be an object with a prefix and a name.");
        var request = element.Deserialize<LabelCreateRequest>(QuireJson.Options);
        return request is null ? null : new NewLabel(request.Prefix, request.Name);
    }

    private static LabelArrayJson Render(Page<ContentLabelRecord> page, ApiLinks links)
    {
        var paged = PagedJson<LabelJson>.From(page, l => LabelJson.Of(l.Prefix, l.Name, l.Id), links);
        return new LabelArrayJson
        {
            Results = paged.Results, Start = paged.Start, Limit = paged.Limit, Size = paged.Size, Links = paged.Links,
        };
    }
}
