using Quire.Core.Analytics;
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
    private static readonly string[] WriteStatuses = [ContentRules.Current, ContentRules.Draft];

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
        listing.ListAsync(request, new ContentListing(ContentRules.BlogPost, V2Query.Values(request, "status", ListStatuses, DefaultListStatuses),
            SpaceIds: V2Ids.ParseList(request.Query["space-id"], "space-id", max: 100),
            Ids: V2Ids.ParseList(request.Query["id"], "id", max: 250),
            TitleLower: Blank(title)?.ToLowerInvariant()), Sort(sort), cursor, limit, ct);

    private static async Task<MultiEntityResult<V2ContentJson>> GetBlogPostsInSpace(
        string id, string? sort, string? title, string? cursor, int? limit,
        HttpRequest request, Caller caller, SpaceAccess spaces, V2ContentListing listing, CancellationToken ct)
    {
        var space = await spaces.ViewableByIdAsync(caller, V2Ids.Parse(id, "id"), ct);
        return await listing.ListAsync(request, new ContentListing(ContentRules.BlogPost,
            V2Query.Values(request, "status", ListStatuses, DefaultListStatuses),
            SpaceIds: [space.Id], TitleLower: Blank(title)?.ToLowerInvariant()), Sort(sort), cursor, limit, ct);
    }

    private static async Task<MultiEntityResult<V2ContentJson>> GetLabelBlogPosts(
        string id, string? sort, string? cursor, int? limit, HttpRequest request, Quire.Storage.Labels.LabelStore labels,
        V2ContentListing listing, CancellationToken ct)
    {
        var labelId = V2Ids.Parse(id, "id");
        if (!await labels.ExistsAsync(labelId, ct)) throw new NotFoundException($"No label with id '{id}' was found.");
        return await listing.ListAsync(request, new ContentListing(ContentRules.BlogPost, [ContentRules.Current],
            SpaceIds: V2Ids.ParseList(request.Query["space-id"], "space-id", max: 100), LabelId: labelId), Sort(sort), cursor, limit, ct);
    }

    /// <summary>A read of the latest version counts as a view (Analytics), as v1's read does.</summary>
    private static async Task<V2ContentJson> GetBlogPostById(
        string id, int? version, HttpRequest request, Caller caller, ContentReader reader,
        V2ContentRenderer renderer, ContentViewRecorder views, TimeProvider time, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        var statuses = V2Query.Flag(request, "get-draft")
            ? [ContentRules.Draft]
            : V2Query.Values(request, "status", ReadStatuses, [ContentRules.Current]);
        var item = await reader.GetAsync(caller, id, statuses, version, ct);
        if (item.Content.Type != ContentRules.BlogPost) throw NotFound(id);
        if (item.Latest) views.Record(item.Content.Id, caller.UserId, time.GetUtcNow().ToUnixTimeMilliseconds());
        var format = V2BodyFormat.Parse(request.Query["body-format"], V2BodyFormat.Single);
        return (await renderer.RenderAsync([item], caller, format, V2Query.Flag(request, "include-version", absent: true), single: true, ct))[0];
    }

    private static async Task<V2ContentJson> CreateBlogPost(
        BlogPostCreateRequest? body, HttpRequest request, Caller caller, SpaceAccess spaces, ContentService service,
        PrivateContentService privately, V2ContentRenderer renderer, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a blog post to create.");
        var space = await spaces.ViewableByIdAsync(caller, V2Ids.Parse(body.SpaceId, "spaceId"), ct);
        var status = body.Status ?? ContentRules.Current;
        if (!WriteStatuses.Contains(status)) throw new BadRequestException($"status must be current or draft; '{status}' is not.");
        var input = new NewContent(ContentRules.BlogPost, status, body.Title, space.Key, null, null, V2BodyWrite.Parse(body.Body), null, null);
        var created = V2Query.Flag(request, "private")
            ? await privately.CreateAsync(caller, input, ct)
            : await service.CreateAsync(caller, input, ct);
        return (await renderer.RenderAsync([created], caller, V2BodyFormat.AnswerFor(input.Body), includeVersion: true, single: true, ct))[0];
    }

    private static async Task<V2ContentJson> UpdateBlogPost(
        string id, BlogPostUpdateRequest? body, Caller caller, ContentReader reader, ContentService service, V2ContentRenderer renderer,
        CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        if (body is null) throw new BadRequestException("The request body must be the blog post's new state.");
        if (body.Id is not null && body.Id != id) throw new BadRequestException($"The body's id '{body.Id}' is not the blog post's id '{id}'.");
        if (body.Status is null || !WriteStatuses.Contains(body.Status)) throw new BadRequestException("status is required: current or draft.");
        if (body.Version?.Number is not { } number) throw new BadRequestException("version.number is required: the current version plus one.");
        var current = await reader.GetAsync(caller, id, ["any"], null, ct);
        if (current.Content.Type != ContentRules.BlogPost) throw NotFound(id);
        if (body.SpaceId is not null && V2Ids.Parse(body.SpaceId, "spaceId") != current.Content.SpaceId)
            throw new BadRequestException("A blog post cannot be moved to another space by an update.");
        var changes = new ContentChanges(number, body.Version.Message, false, ContentRules.BlogPost, body.Title, body.Status, null,
            V2BodyWrite.Parse(body.Body));
        var updated = await service.UpdateAsync(caller, id, changes, ct);
        return (await renderer.RenderAsync([updated], caller, V2BodyFormat.AnswerFor(changes.Body), includeVersion: true, single: true, ct))[0];
    }

    /// <summary>
    /// A current blog post goes to the trash; <c>purge=true</c> removes a trashed one for good (space admins);
    /// <c>draft=true</c> discards a draft, which never goes to the trash.
    /// </summary>
    private static async Task<IResult> DeleteBlogPost(
        string id, HttpRequest request, Caller caller, ContentReader reader, ContentService service, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        var purge = V2Query.Flag(request, "purge");
        var draft = V2Query.Flag(request, "draft");
        var post = await reader.GetAsync(caller, id, ["any"], null, ct);
        if (post.Content.Type != ContentRules.BlogPost) throw NotFound(id);
        if (draft != (post.Content.Status == ContentRules.Draft))
            throw new BadRequestException(draft ? $"Blog post {id} is not a draft." : $"Blog post {id} is a draft; delete it with draft=true.");
        if (purge && post.Content.Status != ContentRules.Trashed)
            throw new BadRequestException($"Blog post {id} is not in the trash; trash it first, then purge it.");
        await service.DeleteAsync(caller, id, purge ? ContentRules.Trashed : null, ct);
        return Results.NoContent();
    }

    /// <summary>The <c>sort</c> as given, once it is one of <see cref="SortFields"/> (400 otherwise: a title order is a page's only).</summary>
    private static string? Sort(string? sort)
    {
        V2Sort.Content(sort, SortFields);
        return sort;
    }

    private static NotFoundException NotFound(string id) => new($"No blog post with id '{id}' was found.");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
