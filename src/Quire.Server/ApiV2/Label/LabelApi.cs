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
        v2.MapGet("/labels", GetLabels);
        v2.MapGet("/spaces/{id}/labels", GetSpaceLabels);
        v2.MapGet("/spaces/{id}/content/labels", GetSpaceContentLabels);
        return v2;
    }

    /// <summary>A label listing's query: one prefix (or, for <c>/labels</c>, a list), the order, the cursor and the limit.</summary>
    public sealed record LabelQuery(string? Prefix, string? Sort, string? Cursor, int? Limit);

    private static Task<MultiEntityResult<V2LabelJson>> GetPageLabels(
        string id, [AsParameters] LabelQuery query, Caller caller, LabelListingService labels, V2Links links, CancellationToken ct) =>
        OfContentAsync(V2Ids.Parse(id, "id"), ContentRules.Page, query, caller, labels, links, ct);

    private static Task<MultiEntityResult<V2LabelJson>> GetBlogPostLabels(
        string id, [AsParameters] LabelQuery query, Caller caller, LabelListingService labels, V2Links links, CancellationToken ct) =>
        OfContentAsync(V2Ids.Parse(id, "id"), ContentRules.BlogPost, query, caller, labels, links, ct);

    private static Task<MultiEntityResult<V2LabelJson>> GetAttachmentLabels(
        string id, [AsParameters] LabelQuery query, Caller caller, LabelListingService labels, V2Links links, CancellationToken ct) =>
        OfContentAsync(Version.AttachmentIds.Parse(id, "id"), ContentRules.Attachment, query, caller, labels, links, ct);

    private static async Task<MultiEntityResult<V2LabelJson>> GetLabels(
        string? sort, string? cursor, int? limit, HttpRequest request, Caller caller, LabelListingService labels, V2Links links,
        CancellationToken ct)
    {
        var filter = new LabelFilter(PrefixList(request.Query["prefix"]), V2Ids.ParseList(request.Query["label-id"], "label-id"));
        var (order, name) = Order(sort);
        var page = await labels.AllAsync(caller, filter, order, Window(cursor, name, limit), ct);
        return Answer(page, name, links);
    }

    private static async Task<MultiEntityResult<V2LabelJson>> GetSpaceLabels(
        string id, [AsParameters] LabelQuery query, Caller caller, LabelListingService labels, V2Links links, CancellationToken ct)
    {
        var spaceId = V2Ids.Parse(id, "id");
        var (order, name) = Order(query.Sort);
        var page = await labels.OfSpaceAsync(caller, spaceId, Filter(query.Prefix), order, Window(query.Cursor, name, query.Limit), ct);
        return Answer(page, name, links);
    }

    private static async Task<MultiEntityResult<V2LabelJson>> GetSpaceContentLabels(
        string id, [AsParameters] LabelQuery query, Caller caller, LabelListingService labels, V2Links links, CancellationToken ct)
    {
        var spaceId = V2Ids.Parse(id, "id");
        var (order, name) = Order(query.Sort);
        var page = await labels.OfSpaceContentAsync(caller, spaceId, Filter(query.Prefix), order, Window(query.Cursor, name, query.Limit), ct);
        return Answer(page, name, links);
    }

    private static async Task<MultiEntityResult<V2LabelJson>> OfContentAsync(
        long id, string kind, LabelQuery query, Caller caller, LabelListingService labels, V2Links links, CancellationToken ct)
    {
        var (order, name) = Order(query.Sort);
        var page = await labels.OfContentAsync(caller, V2Links.Id(id), ContentKinds.Is(kind), Filter(query.Prefix), order,
            Window(query.Cursor, name, query.Limit), ct);
        return Answer(page, name, links);
    }

    private static MultiEntityResult<V2LabelJson> Answer(KeysetPage<LabelListingRecord> page, string order, V2Links links) =>
        links.Page(page.Results.Select(Render).ToList(), order, page.Next);

    /// <summary>A label as v2's <c>Label</c>.</summary>
    public static V2LabelJson Render(LabelListingRecord label) => new(V2Links.Id(label.Id), label.Name, label.Prefix);

    private static KeysetRequest Window(string? cursor, string order, int? limit) =>
        new(V2Cursor.Decode(cursor, order), V2Limit.Standard.Parse(limit));

    /// <summary>The order <c>sort</c> asks for (id ascending when absent) and its name for the cursor; 400 for another value.</summary>
    private static (LabelOrder Order, string Name) Order(string? sort)
    {
        var name = string.IsNullOrEmpty(sort) ? "id" : sort;
        var descending = name.StartsWith('-');
        if (!SortFields.TryGetValue(descending ? name[1..] : name, out var key))
            throw new BadRequestException(
                $"sort must be one of {string.Join(", ", SortFields.Keys.SelectMany(f => new[] { f, "-" + f }))}; '{name}' is not.");
        return (new LabelOrder(key, descending), name);
    }

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
