using Quire.Core.Security;
using Quire.Server.Http;
using Quire.Storage.Properties;
using Quire.Storage.Content;

namespace Quire.Server.Api.ContentProperties;

/// <summary>
/// The <c>metadata.properties.&lt;key&gt;</c> expansion of Content: the named properties of a
/// whole page of content, loaded in one query. The content renderer calls it with content
/// the viewer has already been allowed to see.
/// </summary>
public sealed class ContentPropertyExpansion(ContentPropertyStore properties, ContentPropertyRenderer renderer)
{
    /// <summary>
    /// For every given content id, its properties among <paramref name="keys"/> by key (an
    /// empty map for content that has none of them). <paramref name="propertyExpand"/> is the
    /// expansion below each property, e.g. <c>version</c>.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyDictionary<string, ContentPropertyJson>>> LoadAsync(
        IReadOnlyCollection<long> contentIds, IReadOnlyCollection<string> keys, Caller viewer, Expansion propertyExpand,
        CancellationToken ct = default)
    {
        var ids = contentIds.Distinct().ToList();
        var rows = await properties.ListForOwnersAsync(ids, keys.Distinct().ToList(), ct);
        // The content shape under a property is not loaded here: the caller is rendering that content already.
        var rendered = await renderer.RenderAsync(rows, new Dictionary<long, ContentRecord>(), viewer, propertyExpand, ct);
        var byContent = rendered.Zip(rows).ToLookup(pair => pair.Second.OwnerId, pair => pair.First);
        return ids.ToDictionary(id => id,
            id => (IReadOnlyDictionary<string, ContentPropertyJson>)byContent[id].ToDictionary(p => p.Key, StringComparer.Ordinal));
    }
}
