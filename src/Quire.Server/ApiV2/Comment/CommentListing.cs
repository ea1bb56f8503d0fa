using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;
using Quire.Storage.Content;

namespace Quire.Server.ApiV2.Comment;

/// <summary>
/// v2's comment listings: <c>limit</c> (25, up to 250), <c>sort</c> (created or modified date, created by
/// default), <c>cursor</c> and the bulk <c>body-format</c> parsed the v2 way, one keyset page read for the
/// caller through <see cref="ContentReader.ListAsync"/>, rendered by <see cref="V2CommentRenderer"/>.
/// </summary>
public sealed class CommentListing(Caller caller, ContentAccess access, ContentReader reader, V2CommentRenderer renderer, V2Links links)
{
    private static readonly string[] Statuses = [ContentRules.Current, "archived", ContentRules.Trashed, "deleted", ContentRules.Historical, ContentRules.Draft];
    private static readonly string[] ResolutionStatuses = ["resolved", "open", "dangling", "reopened"];
    private static readonly string[] SortFields = ["created-date", "modified-date"];

    /// <summary>The top-level comments of this kind on a page, blog post or attachment the caller sees (404 otherwise).</summary>
    public async Task<MultiEntityResult<V2CommentJson>> OfContainerAsync(
        HttpRequest request, string id, string containerType, ContentKind kind, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        var window = Window(request);
        var (container, _) = await access.ViewableAsync(caller, id, ct);
        if (!ContentRules.IsOfType(container.Type, containerType))
            throw new NotFoundException($"No {(containerType == ContentRules.BlogPost ? "blog post" : containerType)} with id '{id}' was found.");
        return await PageAsync(request, Listing(request, kind) with { ContainerId = container.Id, RootOnly = true }, window, ct);
    }

    /// <summary>Every comment of this kind the caller may see (only current ones: the spec gives these listings no status filter).</summary>
    public Task<MultiEntityResult<V2CommentJson>> AllAsync(HttpRequest request, ContentKind kind, CancellationToken ct) =>
        PageAsync(request, new ContentListing(ContentRules.Comment, [ContentRules.Current], CommentLocation: Location(kind)), Window(request), ct);

    /// <summary>The replies to a comment of this kind the caller sees (404 otherwise).</summary>
    public async Task<MultiEntityResult<V2CommentJson>> RepliesAsync(HttpRequest request, string id, ContentKind kind, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        var window = Window(request);
        var (parent, _) = await access.ViewableAsync(caller, id, ct);
        if (!parent.Is(kind)) throw new NotFoundException($"No {kind.Describe()} with id '{id}' was found.");
        return await PageAsync(request, new ContentListing(ContentRules.Comment, [ContentRules.Current], ParentId: parent.Id, CommentLocation: Location(kind)),
            window, ct);
    }

    /// <summary>The parameters every listing has, checked before anything is read.</summary>
    private static (int Limit, ContentOrder Order, string OrderName, string? Format, Quire.Storage.Keyset? After) Window(HttpRequest request)
    {
        var limit = V2Limit.Standard.Parse(int.TryParse(request.Query["limit"], out var given) ? given
            : string.IsNullOrEmpty(request.Query["limit"]) ? null : throw new BadRequestException("limit must be a whole number."));
        var sort = request.Query["sort"].ToString();
        var (order, name) = V2Sort.Content(string.IsNullOrEmpty(sort) ? "created-date" : sort, SortFields);
        var format = V2BodyFormat.Parse(request.Query["body-format"], V2BodyFormat.Bulk);
        return (limit, order, name, format, V2Cursor.Decode(request.Query["cursor"], name));
    }

    /// <summary>A container's listing: the <c>status</c> filter (current by default) and, for inline comments, <c>resolution-status</c>.</summary>
    private static ContentListing Listing(HttpRequest request, ContentKind kind) =>
        new(ContentRules.Comment, V2Query.Values(request, "status", Statuses, [ContentRules.Current]), CommentLocation: Location(kind),
            ResolutionStatuses: kind == ContentKind.InlineComment && request.Query.ContainsKey("resolution-status")
                ? V2Query.Values(request, "resolution-status", ResolutionStatuses, ResolutionStatuses)
                : null);

    private static string Location(ContentKind kind) => kind == ContentKind.InlineComment ? ContentRules.Inline : ContentRules.Footer;

    private async Task<MultiEntityResult<V2CommentJson>> PageAsync(
        HttpRequest request, ContentListing listing, (int Limit, ContentOrder Order, string OrderName, string? Format, Quire.Storage.Keyset? After) window,
        CancellationToken ct)
    {
        var found = await reader.ListAsync(caller, listing, window.Order, new KeysetRequest(window.After, window.Limit), ct);
        var rendered = await renderer.RenderAsync(found.Results, caller, window.Format, includeVersion: true, single: false, ct);
        return links.Page(rendered, window.OrderName, found.Next);
    }
}
