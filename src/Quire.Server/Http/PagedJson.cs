using System.Text.Json.Serialization;
using Quire.Core.Paging;

namespace Quire.Server.Http;

/// <summary>Confluence's paged envelope: results, start, limit, size, and _links.</summary>
public sealed class PagedJson<T>
{
    public required IReadOnlyList<T> Results { get; init; }
    public int Start { get; init; }
    public int Limit { get; init; }
    public int Size { get; init; }
    public long? TotalSize { get; init; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }

    public static PagedJson<T> From<TItem>(Page<TItem> page, Func<TItem, T> render, ApiLinks links, bool includeTotal = false)
    {
        var linkSet = links.Envelope(links.Self());
        var request = page.Request;
        // With limit 0, next and prev would both be this same empty window: no links.
        if (page.HasMore && request.Limit > 0)
            linkSet["next"] = links.PageLink(request.Start + request.Limit, request.Limit);
        if (request.Start > 0 && request.Limit > 0)
            linkSet["prev"] = links.PageLink(Math.Max(0, request.Start - request.Limit), request.Limit);

        return new PagedJson<T>
        {
            Results = page.Results.Select(render).ToList(),
            Start = request.Start,
            Limit = request.Limit,
            Size = page.Results.Count,
            TotalSize = includeTotal ? page.TotalSize : null,
            Links = linkSet,
        };
    }
}
