using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Spaces;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;
using Quire.Storage.Content;

namespace Quire.Server.ApiV2.BlogPost;

/// <summary>
/// The v2 <c>Blog Post</c> group: <c>/wiki/api/v2/blogposts</c>, a blog post by id, the blog posts of a space and
/// of a label. The same blog posts as v1's content (one store, one visibility rule, the same version, title, trash
/// and draft rules), answered in the shapes pages share; a blog post has no parent or position.
/// </summary>
public static class BlogPostApi
{
    private static readonly string[] ListStatuses = ["current", "deleted", "trashed"];
    private static readonly string[] DefaultListStatuses = [ContentRules.Current];
    private static readonly string[] ReadStatuses = ["current", "trashed", "deleted", "historical", "draft"];

    /// <summary>The spec's <c>BlogPostSortOrder</c>: no title order, unlike pages.</summary>
    private static readonly string[] SortFields = ["id", "created-date", "modified-date"];

    public static RouteGroupBuilder MapBlogPostApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/blogposts", GetBlogPosts);
        v2.MapPost("/blogposts", CreateBlogPost);
        v2.MapGet("/blogposts/{id}", GetBlogPostById);
        v2.MapPut("/blogposts/{id}", UpdateBlogPost);
        v2.MapDelete("/blogposts/{id}", DeleteBlogPost);
        v2.MapGet("/spaces/{id}/blogposts", GetBlogPostsInSpace);
        v2.MapGet("/labels/{id}/blogposts", GetLabelBlogPosts);
        return v2;
    }

    private static Task<MultiEntityResult<V2ContentJson>> GetBlogPosts(
        string? sort, string? title, string? cursor, int? limit, HttpRequest request, V2ContentListing listing, CancellationToken ct) =>
        listing.ListFilteredAsync(request, ContentRules.BlogPost, ListStatuses, DefaultListStatuses, title, Sort(sort), cursor, limit, ct);

    private static async Task<MultiEntityResult<V2ContentJson>> GetBlogPostsInSpace(
        string id, string? sort, string? title, string? cursor, int? limit,
        HttpRequest request, Caller caller, SpaceAccess spaces, V2ContentListing listing, CancellationToken ct)
    {
        var space = await spaces.ViewableByIdAsync(caller, V2Ids.Parse(id, "id"), ct);
        return await listing.ListAsync(request, new ContentListing(ContentRules.BlogPost,
            V2Query.Values(request, "status", ListStatuses, DefaultListStatuses),
            SpaceIds: [space.Id], TitleLower: V2ContentListing.TitleFilter(title)), Sort(sort), cursor, limit, ct);
    }

    private static Task<MultiEntityResult<V2ContentJson>> GetLabelBlogPosts(
        string id, string? sort, string? cursor, int? limit, HttpRequest request, V2ContentListing listing, CancellationToken ct) =>
        listing.ListLabelledAsync(request, ContentRules.BlogPost, id, Sort(sort), cursor, limit, ct);

    private static Task<V2ContentJson> GetBlogPostById(
        string id, int? version, HttpRequest request, V2ContentOperations operations, CancellationToken ct) =>
        operations.GetAsync(ContentRules.BlogPost, id, version, request, ReadStatuses, [ContentRules.Current], ct);

    private static async Task<V2ContentJson> CreateBlogPost(
        BlogPostCreateRequest? body, HttpRequest request, Caller caller, SpaceAccess spaces, V2ContentOperations operations, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a blog post to create.");
        var space = await spaces.ViewableByIdAsync(caller, V2Ids.Parse(body.SpaceId, "spaceId"), ct);
        var input = new NewContent(ContentRules.BlogPost, body.Status ?? ContentRules.Current, body.Title, space.Key, null, null,
            V2BodyWrite.Parse(body.Body), null, null);
        return await operations.CreateAsync(input, V2Query.Flag(request, "private"), ct);
    }

    private static Task<V2ContentJson> UpdateBlogPost(string id, BlogPostUpdateRequest? body, V2ContentOperations operations, CancellationToken ct) =>
        body is null
            ? throw new BadRequestException("The request body must be the blog post's new state.")
            : operations.UpdateAsync(ContentRules.BlogPost, id,
                new V2ContentUpdate(body.Id, body.Status, body.Title, body.SpaceId, null, body.Body, body.Version?.Number, body.Version?.Message), ct);

    /// <summary>
    /// A current blog post goes to the trash; <c>purge=true</c> removes a trashed one for good (space admins);
    /// <c>draft=true</c> discards a draft, which never goes to the trash.
    /// </summary>
    private static async Task<IResult> DeleteBlogPost(string id, HttpRequest request, V2ContentOperations operations, CancellationToken ct)
    {
        await operations.DeleteAsync(ContentRules.BlogPost, id, request, ct);
        return Results.NoContent();
    }

    /// <summary>The <c>sort</c> as given, once it is one of <see cref="SortFields"/> (400 otherwise: a title order is a page's only).</summary>
    private static string? Sort(string? sort)
    {
        V2Sort.Content(sort, SortFields);
        return sort;
    }
}
