using Quire.Core.Content;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;
using Quire.Storage.Content;

namespace Quire.Server.ApiV2.CustomContent;

/// <summary>
/// Renders custom content as v2 answers it, a page at once: one query for the authors' account ids, one for the containers'
/// types (which say whether a container is a page, a blog post or custom content), one body conversion call.
/// </summary>
public sealed class V2CustomContentRenderer(V2ContentRenderer content, V2BodyFormat bodies, ContentStore store, V2Links links)
{
    /// <param name="single">A single answer carries <c>_links.base</c>; a listing's items do not.</param>
    public async Task<IReadOnlyList<V2CustomContentJson>> RenderAsync(
        IReadOnlyList<ContentItem> items, Caller viewer, string? bodyFormat, bool includeVersion, bool single, CancellationToken ct)
    {
        if (items.Count == 0) return [];
        var rows = items.Select(i => i.Content).ToList();
        var accounts = await content.AccountIdsAsync(rows, ct);
        var containerTypes = (await store.FindManyAsync(rows.Select(r => r.ContainerId).OfType<long>().Distinct().ToList(), ct))
            .ToDictionary(c => c.Id, c => c.Type);
        var spaceKeys = items.DistinctBy(i => i.Content.Id).ToDictionary(i => i.Content.Id, i => i.Space.Key);
        var rendered = await bodies.RenderAsync(rows, bodyFormat, row => spaceKeys[row.Id], viewer, ct);
        return items.Select((item, index) =>
        {
            var row = item.Content;
            var container = row.ContainerId is { } id ? (Id: V2Links.Id(id), Type: containerTypes.GetValueOrDefault(id)) : (Id: null, Type: null);
            return new V2CustomContentJson
            {
                Id = V2Links.Id(row.Id),
                Type = row.Type,
                Status = row.Status,
                Title = row.Title,
                SpaceId = V2Links.Id(row.SpaceId),
                PageId = container.Type == ContentRules.Page ? container.Id : null,
                BlogPostId = container.Type == ContentRules.BlogPost ? container.Id : null,
                CustomContentId = ContentRules.IsCustom(container.Type) ? container.Id : null,
                AuthorId = row.CreatedBy is { } by ? accounts.GetValueOrDefault(by) : null,
                CreatedAt = V2Dates.Of(row.CreatedAt),
                Version = includeVersion ? V2ContentRenderer.VersionOf(row, accounts) : null,
                Body = rendered[index],
                Links = V2Links.Content(row, item.Space.Key, single ? links.Base : null),
            };
        }).ToList();
    }
}
