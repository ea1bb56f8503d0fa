using Quire.Core.Labels;
using Quire.Core.Security;
using Quire.Server.Api.Experimental;
using Quire.Server.Http;

namespace Quire.Server.Api.LabelInfo;

/// <summary>The <c>Label info</c> group: <c>GET /wiki/rest/api/label</c>.</summary>
public static class LabelInfoApi
{
    private static readonly PageLimits ContentLimits = new(200, 1000);

    /// <summary>The v1 LabelDetails shape.</summary>
    public sealed record LabelDetailsJson(LabelJson Label, LabeledContentPageJson AssociatedContents);

    /// <summary>The v1 LabeledContentPageResponse shape (it has no links).</summary>
    public sealed record LabeledContentPageJson(IReadOnlyList<LabeledContentJson> Results, int Start, int Limit, int Size);

    /// <summary>The v1 LabeledContent shape: the id is a number here, unlike in Content.</summary>
    public sealed record LabeledContentJson(
        string ContentType, long ContentId, string Title);

    public static RouteGroupBuilder MapLabelInfoApi(this RouteGroupBuilder api)
    {
        api.MapGet("/label", GetAllLabelContent);
        return api;
    }

    private static async Task<LabelDetailsJson> GetAllLabelContent(
        string? name, string? type, int? start, int? limit, Caller caller, LabelInfoService labels, CancellationToken ct)
    {
        var info = await labels.GetAsync(caller, name, string.IsNullOrWhiteSpace(type) ? null : type, ContentLimits.Parse(start, limit), ct);
        var contents = info.Contents;
        return new LabelDetailsJson(
            LabelJson.Of(info.Prefix, info.Name, info.Id),
            new LabeledContentPageJson(
                contents.Results.Select(c => new LabeledContentJson(c.Type, c.Id, c.Title)).ToList(),
                contents.Request.Start, contents.Request.Limit, contents.Results.Count));
    }
}
