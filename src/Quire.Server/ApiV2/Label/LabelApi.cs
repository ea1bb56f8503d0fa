using Microsoft.Extensions.Primitives;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Labels;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;
using Quire.Storage.Labels;

namespace Quire.Server.ApiV2.Label;

/// <summary>
/// The v2 <c>Label</c> group: the labels of a page, blog post or attachment, of a space, of a space's content,
/// and all labels, each a keyset walk (<c>sort</c> by id, name or created-date). A <c>my</c> label is only ever
/// listed for its owner. Custom content's labels are part 2.
/// </summary>
public static class LabelApi
{
    /// <summary>The prefixes a filter may name; Quire has no <c>system</c> labels, so that filter finds none.</summary>
    private static readonly HashSet<string> Prefixes = [LabelRules.GlobalPrefix, LabelRules.MyPrefix, LabelRules.TeamPrefix, "system"];

    private static readonly Dictionary<string, LabelSortKey> SortFields = new()
    {
        ["id"] = LabelSortKey.Id,
        ["name"] = LabelSortKey.Name,
        ["created-date"] = LabelSortKey.CreatedAt,
    };

    public static RouteGroupBuilder MapLabelApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/pages/{id}/labels", GetPageLabels);
        v2.MapGet("/blogposts/{id}/labels", GetBlogPostLabels);
        v2.MapGet("/attachments/{id}/labels", GetAttachmentLabels);
        v2.MapGet("/custom-content/{id}/labels", GetCustomContentLabels);
        v2.MapGet("/labels", GetLabels);
        v2.MapGet("/spaces/{id}/labels", GetSpaceLabels);
        v2.MapGet("/spaces/{id}/content/labels", GetSpaceContentLabels);
        return v2;
    }

    /// <summary>A label listing's query: one prefix (or, for <c>/labels</c>, a list), the order, the cursor and the limit.</summary>
    public sealed record LabelQuery(string? Prefix, string? Sort, string? Cursor, int? Limit);

    private static Task<MultiEntityResult<V2LabelJson>> GetPageLabels(
        string id, [AsParameters] LabelQuery query, Caller caller, LabelListingService labels, V2Links links, CancellationToken ct) =>
        WalkAsync(query, links, (order, window) =>
            labels.OfContentAsync(caller, V2Links.Id(V2Ids.Parse(id, "id")), ContentKinds.Matching(ContentKind.Page), Filter(query.Prefix), order, window, ct));

    private static Task<MultiEntityResult<V2LabelJson>> GetBlogPostLabels(
        string id, [AsParameters] LabelQuery query, Caller caller, LabelListingService labels, V2Links links, CancellationToken ct) =>
        WalkAsync(query, links, (order, window) =>
            labels.OfContentAsync(caller, V2Links.Id(V2Ids.Parse(id, "id")), ContentKinds.Matching(ContentKind.BlogPost), Filter(query.Prefix), order, window, ct));

    private static Task<MultiEntityResult<V2LabelJson>> GetAttachmentLabels(
        string id, [AsParameters] LabelQuery query, Caller caller, LabelListingService labels, V2Links links, CancellationToken ct) =>
        WalkAsync(query, links, (order, window) =>
            labels.OfContentAsync(caller, V2Links.Id(Attachment.V2AttachmentIds.Parse(id, "id")), ContentKinds.Matching(ContentKind.Attachment),
                Filter(query.Prefix), order, window, ct));

    private static Task<MultiEntityResult<V2LabelJson>> GetCustomContentLabels(
        string id, [AsParameters] LabelQuery query, Caller caller, LabelListingService labels, V2Links links, CancellationToken ct) =>
        WalkAsync(query, links, (order, window) =>
            labels.OfContentAsync(caller, V2Links.Id(V2Ids.Parse(id, "id")), ContentKinds.Matching(ContentKind.CustomContent), Filter(query.Prefix), order, window, ct));

    /// <summary>All labels, filtered by <c>label-id</c> and <c>prefix</c>, each repeated or comma-separated.</summary>
    private static Task<MultiEntityResult<V2LabelJson>> GetLabels(
        string? sort, string? cursor, int? limit, HttpRequest request, Caller caller, LabelListingService labels, V2Links links,
        CancellationToken ct)
    {
        var filter = new LabelFilter(PrefixList(request.Query["prefix"]), V2Ids.ParseList(request.Query["label-id"], "label-id"));
        return WalkAsync(new LabelQuery(null, sort, cursor, limit), links, (order, window) => labels.AllAsync(caller, filter, order, window, ct));
    }

    private static Task<MultiEntityResult<V2LabelJson>> GetSpaceLabels(
        string id, [AsParameters] LabelQuery query, Caller caller, LabelListingService labels, V2Links links, CancellationToken ct) =>
        WalkAsync(query, links, (order, window) => labels.OfSpaceAsync(caller, V2Ids.Parse(id, "id"), Filter(query.Prefix), order, window, ct));

    private static Task<MultiEntityResult<V2LabelJson>> GetSpaceContentLabels(
        string id, [AsParameters] LabelQuery query, Caller caller, LabelListingService labels, V2Links links, CancellationToken ct) =>
        WalkAsync(query, links, (order, window) => labels.OfSpaceContentAsync(caller, V2Ids.Parse(id, "id"), Filter(query.Prefix), order, window, ct));

    /// <summary>One page of a label walk: the query's order (id when absent) and window, and the answer with its next cursor.</summary>
    private static async Task<MultiEntityResult<V2LabelJson>> WalkAsync(
        LabelQuery query, V2Links links, Func<LabelOrder, KeysetRequest, Task<KeysetPage<LabelListingRecord>>> walk)
    {
        var (key, descending, name) = V2Sort.Field(query.Sort, SortFields, "id");
        var page = await walk(new LabelOrder(key, descending), new KeysetRequest(V2Cursor.Decode(query.Cursor, name), V2Limit.Standard.Parse(query.Limit)));
        return links.Page(page.Results.Select(Render).ToList(), name, page.Next);
    }

    /// <summary>A label as v2's <c>Label</c>.</summary>
    public static V2LabelJson Render(LabelListingRecord label) => new(V2Links.Id(label.Id), label.Name, label.Prefix);

    /// <summary>One prefix, or none: every label the caller may see.</summary>
    private static LabelFilter Filter(string? prefix) =>
        new(string.IsNullOrEmpty(prefix) ? null : [Prefix(prefix)]);

    /// <summary>A repeated or comma-separated prefix filter; null when absent.</summary>
    private static IReadOnlyList<string>? PrefixList(StringValues values)
    {
        var prefixes = values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(Prefix).Distinct().ToList();
        return prefixes.Count == 0 ? null : prefixes;
    }

    private static string Prefix(string prefix) =>
        Prefixes.Contains(prefix)
            ? prefix
            : throw new BadRequestException($"prefix must be one of {string.Join(", ", Prefixes)}; '{prefix}' is not.");
}
