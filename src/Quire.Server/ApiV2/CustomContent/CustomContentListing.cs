using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;
using Quire.Storage.Content;

namespace Quire.Server.ApiV2.CustomContent;

/// <summary>
/// A v2 listing of custom content of one type (site-wide, in a space, or in a container): the required <c>type</c> checked,
/// one keyset page read for the caller (current content only: these listings take no status), bodies in the bulk
/// <c>body-format</c>, and the answer with its <c>next</c> link.
/// </summary>
public sealed class CustomContentListing(Caller caller, ContentReader reader, V2CustomContentRenderer renderer, V2Links links)
{
    /// <summary>The spec's <c>CustomContentBodyRepresentation</c>: <c>raw</c> is asked for but a storage body has none (<see cref="BodyFormat"/>).</summary>
    public static readonly IReadOnlyList<string> BulkFormats = ["raw", .. V2BodyFormat.Bulk];

    public static readonly IReadOnlyList<string> SingleFormats = ["raw", .. V2BodyFormat.Single.Where(f => f is not ("styled_view" or "editor"))];

    /// <summary>The listings' <c>type</c>: required, and a custom content type key (400 otherwise; an undeclared key simply finds nothing).</summary>
    public static string Type(string? type) =>
        ContentRules.IsCustom(type) ? type! : throw new BadRequestException($"type is required: a custom content type key, not '{type}'.");

    /// <summary>
    /// The representation to render: null for none and for <c>raw</c>, which Cloud answers only for types whose body is raw
    /// (Quire's types store storage bodies, so a raw body is empty as in Cloud).
    /// </summary>
    public static string? BodyFormat(string? asked, IReadOnlyList<string> allowed) =>
        V2BodyFormat.Parse(asked, allowed) is { } format && format != "raw" ? format : null;

    public async Task<MultiEntityResult<V2CustomContentJson>> ListAsync(
        HttpRequest request, ContentListing listing, string? sort, string? cursor, int? limit, CancellationToken ct)
    {
        var size = V2Limit.Standard.Parse(limit);
        var (order, orderName) = V2Sort.Content(sort);
        var format = BodyFormat(request.Query["body-format"], BulkFormats);
        var found = await reader.ListAsync(caller, listing, order, new KeysetRequest(V2Cursor.Decode(cursor, orderName), size), ct);
        var rendered = await renderer.RenderAsync(found.Results, caller, format, includeVersion: true, single: false, ct);
        return links.Page(rendered, orderName, found.Next);
    }
}
