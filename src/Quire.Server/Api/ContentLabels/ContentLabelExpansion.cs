using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.Api.Experimental;
using Quire.Server.Http;
using Quire.Storage.Content;

namespace Quire.Server.Api.ContentLabels;

/// <summary>
/// The <c>metadata.labels</c> expansion of Content: the labels of a whole page of content,
/// loaded in one query. The content renderer calls it with the ids of content the viewer
/// has already been allowed to see; the viewer decides which <c>my</c> labels show.
/// </summary>
public sealed class ContentLabelExpansion(ContentLabelStore labels, ApiLinks links)
{
    /// <summary>A LabelArray for every given id (an empty one for content without labels).</summary>
    public async Task<IReadOnlyDictionary<long, LabelArrayJson>> LoadAsync(
        IReadOnlyCollection<long> contentIds, Caller viewer, CancellationToken ct = default)
    {
        var request = ContentLabelsApi.LabelLimits.Parse(null, null);
        var ids = contentIds.Distinct().ToList();
        // One row more than the page per content tells whether that content has a next page.
        var rows = await labels.ListForContentsAsync(ids, viewer.UserId, request.FetchCount, ct);
        var byContent = rows.ToLookup(r => r.ContentId);
        return ids.ToDictionary(id => id, id =>
        {
            var page = Page<ContentLabelRecord>.FromOverfetch(byContent[id].ToList(), request);
            return new LabelArrayJson
            {
                Results = page.Results.Select(l => LabelJson.Of(l.Prefix, l.Name, l.Id)).ToList(),
                Start = 0,
                Limit = request.Limit,
                Size = page.Results.Count,
                Links = LinksOf(id, page.HasMore, request.Limit),
            };
        });
    }

    /// <summary>
    /// <c>metadata.currentuser.favourited</c>: when the viewer made each of the given content a
    /// favourite (its <c>my:favourite</c> label), for those it has.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, long>> FavouritedAsync(
        IReadOnlyCollection<long> contentIds, Caller viewer, CancellationToken ct = default) =>
        (await labels.FavouritesAsync(contentIds.Distinct().ToList(), viewer.UserId, ct))
        .ToDictionary(f => f.ContentId, f => f.FavouritedAt);

    private Dictionary<string, string> LinksOf(long contentId, bool hasMore, int limit)
    {
        var result = new Dictionary<string, string> { ["self"] = links.Api($"/rest/api/content/{contentId}/label") };
        if (hasMore) result["next"] = $"/rest/api/content/{contentId}/label?start={limit}&limit={limit}";
        return result;
    }
}
