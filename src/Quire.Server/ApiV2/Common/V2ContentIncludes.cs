using Quire.Core.Content;
using Quire.Core.Likes;
using Quire.Core.Operations;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.Content;
using Quire.Storage.Labels;
using Quire.Storage.Users;

namespace Quire.Server.ApiV2.Common;

/// <summary>
/// The <c>include-*</c> members of a single page or blog post, each the first <see cref="FirstPage"/> of the listing
/// that serves it (with <c>meta</c> saying whether more follow and the cursor to continue at <c>_links.self</c>):
/// labels and versions (read straight from their walks, the content having been read for the caller), properties,
/// operations and likes (through their groups' services, which check the content again), and
/// <c>include-favorited-by-current-user-status</c>. <c>include-webresources</c> is accepted and answers nothing:
/// Quire renders no web resources.
/// </summary>
public sealed class V2ContentIncludes(
    Caller caller, LabelListingStore labels, ContentStore versions, ContentLabelStore contentLabels, UserStore users,
    ContentPropertyService properties, ContentProperties.ContentPropertyV2Renderer propertyRenderer, OperationService operations, LikeService likes)
{
    /// <summary>The spec's size of an included listing.</summary>
    public const int FirstPage = 50;

    /// <summary>The order names the label and version listings give their cursors when no <c>sort</c> is asked (ids ascending; newest first).</summary>
    public const string LabelOrderName = "id";
    public const string VersionOrderName = "-modified-date";

    public async Task ApplyAsync(V2ContentJson json, ContentItem item, HttpRequest request, CancellationToken ct)
    {
        var content = item.Content;
        var self = $"{V2ErrorBody.BasePath}/{(content.Type == ContentRules.BlogPost ? "blogposts" : "pages")}/{content.Id}";
        if (V2Query.Flag(request, "include-labels"))
        {
            var rows = await labels.OfContentAsync(content.Id, caller.UserId, new LabelFilter(), LabelOrder.ById, null, FirstPage + 1, ct);
            json.Labels = Field(rows.Take(FirstPage).Select(l => new V2LabelJson(V2Links.Id(l.Id), l.Name, l.Prefix)).ToList(),
                rows.Count > FirstPage ? new Keyset(null, rows[FirstPage - 1].Id) : null, LabelOrderName, $"{self}/labels");
        }
        if (V2Query.Flag(request, "include-versions"))
        {
            var rows = await versions.VersionsAfterAsync(content.Id, newestFirst: true, null, FirstPage + 1, ct);
            var shown = rows.Take(FirstPage).ToList();
            var authors = (await users.FindManyByIdsAsync(shown.Select(v => v.CreatedBy).OfType<long>().Distinct().ToList(), ct))
                .ToDictionary(u => u.Id, u => u.AccountId);
            json.Versions = Field(shown.Select(v => new V2VersionJson
            {
                CreatedAt = V2Dates.Of(v.CreatedAt), Message = v.Message, Number = v.Number, MinorEdit = v.MinorEdit,
                AuthorId = v.CreatedBy is { } by ? authors.GetValueOrDefault(by) : null,
            }).ToList(), rows.Count > FirstPage ? new Keyset(null, shown[^1].Number) : null, VersionOrderName, $"{self}/versions");
        }
        if (V2Query.Flag(request, "include-favorited-by-current-user-status"))
            json.IsFavoritedByCurrentUser = (await contentLabels.FavouritesAsync([content.Id], caller.UserId, ct)).Count > 0;
        var id = V2Links.Id(content.Id);
        var kind = content.Type == ContentRules.BlogPost ? ContentKind.BlogPost : ContentKind.Page;
        if (V2Query.Flag(request, "include-properties"))
        {
            var page = await properties.ListAfterAsync(caller, content.Type, id, null, false, new KeysetRequest(null, FirstPage), ct);
            json.Properties = Field(await propertyRenderer.RenderAsync(page.Results, ct), page.Next, "key", $"{self}/properties");
        }
        if (V2Query.Flag(request, "include-operations"))
            json.Operations = Field(Operation.V2OperationJson.Of(await operations.ForContentAsync(caller, id, kind, ct)), null, "", $"{self}/operations");
        if (V2Query.Flag(request, "include-likes"))
        {
            var page = await likes.LikersAsync(caller, id, kind, new KeysetRequest(null, FirstPage), ct);
            json.Likes = Field(page.Results.Select(l => new Like.V2LikeJson(l.AccountId)).ToList(), page.Next, Like.LikeApi.LikersOrder, $"{self}/likes/users");
        }
        V2Query.Flag(request, "include-webresources");
    }

    private static OptionalField<T> Field<T>(IReadOnlyList<T> results, Keyset? next, string order, string self) => new()
    {
        Results = results,
        Meta = new OptionalFieldMeta(next is not null, next is null ? null : V2Cursor.Encode(order, next)),
        Links = new OptionalFieldLinks(self),
    };
}
