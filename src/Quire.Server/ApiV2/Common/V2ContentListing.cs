using Quire.Core.Content;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage.Content;

namespace Quire.Server.ApiV2.Common;

/// <summary>
/// A v2 listing of pages or blog posts: <c>limit</c>, <c>sort</c> and <c>cursor</c> parsed the v2
/// way, one keyset page read for the caller, bodies in the bulk <c>body-format</c>, and the
/// answer with its <c>next</c> link and <c>Link</c> header.
/// </summary>
public sealed class V2ContentListing(Caller caller, ContentReader reader, V2ContentRenderer renderer, V2Links links)
{
    public async Task<MultiEntityResult<V2ContentJson>> ListAsync(
        HttpRequest request, ContentListing listing, string? sort, string? cursor, int? limit, CancellationToken ct)
    {
        var page = new KeysetRequest(null, V2Limit.Standard.Parse(limit));
        var (order, orderName) = V2Sort.Content(sort);
        var format = V2BodyFormat.Parse(request.Query["body-format"], V2BodyFormat.Bulk);
        page = page with { After = V2Cursor.Decode(cursor, orderName) };
        var found = await reader.ListAsync(caller, listing, order, page, ct);
        var rendered = await renderer.RenderAsync(found.Results, caller, format, includeVersion: true, single: false, ct);
        return links.Page(rendered, orderName, found.Next);
    }
}
