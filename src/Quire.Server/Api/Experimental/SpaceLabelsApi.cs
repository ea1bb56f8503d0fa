using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Labels;
using Quire.Core.Spaces;
using Quire.Server.Http;

namespace Quire.Server.Api.Experimental;

/// <summary>The space-label calls of the <c>Experimental</c> group: <c>/wiki/rest/api/space/{spaceKey}/label</c>.</summary>
public static class SpaceLabelsApi
{
    private static readonly PageLimits LabelLimits = new(200, 1000);

    public sealed record LabelCreateRequest(string? Prefix, string? Name);

    public static RouteGroupBuilder MapSpaceLabelsApi(this RouteGroupBuilder api)
    {
        var labels = api.MapGroup("/space/{spaceKey}/label");
        labels.MapGet("", GetLabelsForSpace);
        labels.MapPost("", AddLabelsToSpace);
        labels.MapDelete("", DeleteLabelFromSpace);
        return api;
    }

    private static async Task<LabelArrayJson> GetLabelsForSpace(
        string spaceKey, string? prefix, int? start, int? limit, Caller caller, SpaceLabelService labels, ApiLinks links,
        CancellationToken ct)
    {
        var page = await labels.ListAsync(caller, spaceKey, string.IsNullOrWhiteSpace(prefix) ? null : prefix,
            LabelLimits.Parse(start, limit), ct);
        return Render(page, links);
    }

    /// <summary>Answers every label of the space the caller sees after the addition, as Confluence does.</summary>
    private static async Task<LabelArrayJson> AddLabelsToSpace(
        string spaceKey, List<LabelCreateRequest?>? body, Caller caller, SpaceLabelService labels, ApiLinks links,
        CancellationToken ct)
    {
        await labels.AddAsync(caller, spaceKey, body?.Select(l => new NewLabel(l?.Prefix, l?.Name)).ToList(), ct);
        return Render(await labels.ListAsync(caller, spaceKey, null, LabelLimits.Parse(null, null), ct), links);
    }

    private static async Task<IResult> DeleteLabelFromSpace(
        string spaceKey, string? name, string? prefix, Caller caller, SpaceLabelService labels, CancellationToken ct)
    {
        await labels.RemoveAsync(caller, spaceKey, name, prefix, ct);
        return TypedResults.NoContent();
    }

    private static LabelArrayJson Render(Page<Storage.Spaces.SpaceLabelRecord> page, ApiLinks links)
    {
        var paged = PagedJson<LabelJson>.From(page, LabelJson.From, links);
        return new LabelArrayJson
        {
            Results = paged.Results, Start = paged.Start, Limit = paged.Limit, Size = paged.Size, Links = paged.Links,
        };
    }
}
