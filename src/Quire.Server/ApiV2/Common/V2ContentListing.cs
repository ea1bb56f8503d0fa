using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage.Content;
using Quire.Storage.Labels;

namespace Quire.Server.ApiV2.Common;

/// <summary>
/// A v2 listing of pages or blog posts: <c>limit</c>, <c>sort</c> and <c>cursor</c> parsed the v2
/// way, one keyset page read for the caller, bodies in the bulk <c>body-format</c>, and the
/// answer with its <c>next</c> link and <c>Link</c> header.
/// </summary>
public sealed class V2ContentListing(Caller caller, ContentReader reader, V2ContentRenderer renderer, V2Links links, LabelStore labels)
{
    /// <summary>
    /// <c>GET /pages</c>, <c>GET /blogposts</c>: content of the type, filtered by the query's <c>status</c> (among
    /// <paramref name="statuses"/>, <paramref name="defaults"/> when absent), <c>space-id</c>, <c>id</c> and <c>title</c>.
    /// </summary>
    public Task<MultiEntityResult<V2ContentJson>> ListFilteredAsync(
        HttpRequest request, string type, IReadOnlyCollection<string> statuses, IReadOnlyList<string> defaults,
        string? title, string? sort, string? cursor, int? limit, CancellationToken ct) =>
        ListAsync(request, new ContentListing(type, V2Query.Values(request, "status", statuses, defaults),
            SpaceIds: V2Ids.ParseList(request.Query["space-id"], "space-id", max: 100),
            Ids: V2Ids.ParseList(request.Query["id"], "id", max: 250),
            TitleLower: TitleFilter(title)), sort, cursor, limit, ct);

    /// <summary><c>GET /labels/{id}/pages</c>, <c>GET /labels/{id}/blogposts</c>: current content of the type carrying the label (404 for no such label), by <c>space-id</c>.</summary>
    public async Task<MultiEntityResult<V2ContentJson>> ListLabelledAsync(
        HttpRequest request, string type, string id, string? sort, string? cursor, int? limit, CancellationToken ct)
    {
        var labelId = V2Ids.Parse(id, "id");
        if (!await labels.ExistsForAsync(labelId, caller.UserId, ct)) throw new NotFoundException($"No label with id '{id}' was found.");
        return await ListAsync(request, new ContentListing(type, [ContentRules.Current],
            SpaceIds: V2Ids.ParseList(request.Query["space-id"], "space-id", max: 100), LabelId: labelId), sort, cursor, limit, ct);
    }

    /// <summary>A <c>title</c> filter as the listing compares it (lower case); null when blank.</summary>
    public static string? TitleFilter(string? title) => string.IsNullOrWhiteSpace(title) ? null : title.ToLowerInvariant();

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
