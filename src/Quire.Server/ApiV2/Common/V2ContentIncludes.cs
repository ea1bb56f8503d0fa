using Quire.Core.Content;
using Quire.Core.Labels;
using Quire.Core.Likes;
using Quire.Core.Operations;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.Api.ContentLabels;
using Quire.Server.ApiV2.ContentProperties;
using Quire.Server.ApiV2.Label;
using Quire.Server.ApiV2.Like;
using Quire.Server.ApiV2.Operation;
using Quire.Storage.Labels;
using Quire.Storage.Users;

namespace Quire.Server.ApiV2.Common;

/// <summary>The <c>include-*</c> members a single v2 content answer can carry.</summary>
public interface IV2Includes
{
    OptionalField<V2LabelJson>? Labels { get; set; }
    OptionalField<ContentPropertyV2Json>? Properties { get; set; }
    OptionalField<V2OperationJson>? Operations { get; set; }
    OptionalField<V2LikeJson>? Likes { get; set; }
    OptionalField<V2VersionJson>? Versions { get; set; }
    bool? IsFavoritedByCurrentUser { get; set; }
}

/// <summary>
/// Fills a single content answer's <c>include-labels</c>, <c>-properties</c>, <c>-operations</c>,
/// <c>-likes</c>, <c>-versions</c> and <c>-favorited-by-current-user-status</c>: the first 50 of each
/// (the spec's words), with <c>meta.hasMore</c>, the <c>meta.cursor</c> that continues the group's own
/// listing at <c>_links.self</c>, through the same services (and visibility checks) as those listings.
/// One query or two per include asked, none for those not asked.
/// </summary>
public sealed class V2ContentIncludes(
    Caller caller, LabelListingService labels, ContentPropertyService properties, ContentPropertyV2Renderer propertyRenderer,
    OperationService operations, LikeService likes, ContentVersionService versions, UserStore users, ContentLabelExpansion favourites)
{
    /// <summary>How many of each include an answer carries.</summary>
    public const int First = 50;

    /// <param name="path">The content's v2 path (<c>/pages/12</c>), under which each include's listing lives.</param>
    /// <param name="propertiesPath">Where the content's properties are listed, when not under <paramref name="path"/> (comments: <c>/comments/{id}</c>).</param>
    public async Task ApplyAsync(
        HttpRequest request, IV2Includes json, ContentItem item, ContentKind kind, string path, CancellationToken ct, string? propertiesPath = null)
    {
        var id = V2Links.Id(item.Content.Id);
        var self = ApiV2Routes.V2 + path;
        var window = new KeysetRequest(null, First);
        if (V2Query.Flag(request, "include-labels"))
        {
            var found = await labels.OfContentAsync(caller, id, ContentKinds.Matching(kind), new LabelFilter(), new LabelOrder(LabelSortKey.Id, false), window, ct);
            json.Labels = Field(found.Results.Select(LabelApi.Render).ToList(), "id", found.Next, self + "/labels");
        }
        if (V2Query.Flag(request, "include-properties"))
        {
            var found = await properties.ListAfterAsync(caller, item.Content.Type, id, null, false, window, ct);
            json.Properties = Field(await propertyRenderer.RenderAsync(found.Results, ct), "key", found.Next,
                ApiV2Routes.V2 + (propertiesPath ?? path) + "/properties");
        }
        if (V2Query.Flag(request, "include-operations"))
            json.Operations = Field(V2OperationJson.Of(await operations.ForContentAsync(caller, id, kind, ct)), "", null, self + "/operations");
        if (V2Query.Flag(request, "include-likes"))
        {
            var found = await likes.LikersAsync(caller, id, kind, window, ct);
            json.Likes = Field(found.Results.Select(l => new V2LikeJson(l.AccountId)).ToList(), LikeApi.LikersOrder, found.Next, self + "/likes/users");
        }
        if (V2Query.Flag(request, "include-versions"))
        {
            var (_, found) = await versions.ListAfterAsync(caller, id, ContentKinds.Matching(kind), newestFirst: true, window, ct);
            var authors = (await users.FindManyByIdsAsync(found.Results.Select(v => v.CreatedBy).OfType<long>().Distinct().ToList(), ct))
                .ToDictionary(u => u.Id, u => u.AccountId);
            json.Versions = Field(found.Results.Select(v => new V2VersionJson
            {
                CreatedAt = V2Dates.Of(v.CreatedAt), Message = v.Message, Number = v.Number, MinorEdit = v.MinorEdit,
                AuthorId = v.CreatedBy is { } by ? authors.GetValueOrDefault(by) : null,
            }).ToList(), "-modified-date", found.Next, self + "/versions");
        }
        if (V2Query.Flag(request, "include-favorited-by-current-user-status"))
            json.IsFavoritedByCurrentUser = !caller.IsAnonymous && (await favourites.FavouritedAsync([item.Content.Id], caller, ct)).ContainsKey(item.Content.Id);
    }

    private static OptionalField<T> Field<T>(IReadOnlyList<T> results, string order, Quire.Storage.Keyset? next, string self) => new()
    {
        Results = results,
        Meta = new OptionalFieldMeta(next is not null, next is null ? null : V2Cursor.Encode(order, next)),
        Links = new OptionalFieldLinks(self),
    };
}
