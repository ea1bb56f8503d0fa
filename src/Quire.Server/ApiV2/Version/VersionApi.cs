using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;
using Quire.Storage.Content;
using Quire.Storage.Users;

namespace Quire.Server.ApiV2.Version;

/// <summary>
/// The v2 <c>Version</c> group: the versions of pages, blog posts, attachments and footer and inline comments, as a
/// keyset walk by version number (numbers grow with time, so they are the modified-date order), and one version's
/// details. Each route serves its own kind: an id of another kind answers 404, as a missing one.
/// </summary>
public static class VersionApi
{
    /// <summary>The listing's order when <c>sort</c> is absent: newest first, as v1 and Confluence's page history list them.</summary>
    private const string NewestFirst = "-modified-date";

    public static RouteGroupBuilder MapVersionApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/pages/{id}/versions", GetPageVersions);
        v2.MapGet("/pages/{page-id}/versions/{version-number}", GetPageVersionDetails);
        v2.MapGet("/blogposts/{id}/versions", GetBlogPostVersions);
        v2.MapGet("/blogposts/{blogpost-id}/versions/{version-number}", GetBlogPostVersionDetails);
        v2.MapGet("/attachments/{id}/versions", GetAttachmentVersions);
        v2.MapGet("/attachments/{attachment-id}/versions/{version-number}", GetAttachmentVersionDetails);
        v2.MapGet("/footer-comments/{id}/versions", GetFooterCommentVersions);
        v2.MapGet("/footer-comments/{id}/versions/{version-number}", GetFooterCommentVersionDetails);
        v2.MapGet("/inline-comments/{id}/versions", GetInlineCommentVersions);
        v2.MapGet("/inline-comments/{id}/versions/{version-number}", GetInlineCommentVersionDetails);
        v2.MapGet("/custom-content/{id}/versions", GetCustomContentVersions);
        v2.MapGet("/custom-content/{id}/versions/{versionNumber}", GetCustomContentVersionDetails);
        return v2;
    }

    private static Task<MultiEntityResult<V2ContentVersionJson>> GetPageVersions(
        string id, [AsParameters] VersionListQuery query, [AsParameters] VersionContext context, CancellationToken ct) =>
        ListAsync(ContentKind.Page, V2Ids.Parse(id, "id"), query, context, ct);

    private static Task<V2DetailedVersionJson> GetPageVersionDetails(
        [FromRoute(Name = "page-id")] string pageId, [FromRoute(Name = "version-number")] string versionNumber, [AsParameters] VersionContext context,
        CancellationToken ct) =>
        DetailsAsync(ContentKind.Page, V2Ids.Parse(pageId, "page-id"), versionNumber, context, ct);

    private static Task<MultiEntityResult<V2ContentVersionJson>> GetBlogPostVersions(
        string id, [AsParameters] VersionListQuery query, [AsParameters] VersionContext context, CancellationToken ct) =>
        ListAsync(ContentKind.BlogPost, V2Ids.Parse(id, "id"), query, context, ct);

    private static Task<V2DetailedVersionJson> GetBlogPostVersionDetails(
        [FromRoute(Name = "blogpost-id")] string blogPostId, [FromRoute(Name = "version-number")] string versionNumber,
        [AsParameters] VersionContext context, CancellationToken ct) =>
        DetailsAsync(ContentKind.BlogPost, V2Ids.Parse(blogPostId, "blogpost-id"), versionNumber, context, ct);

    /// <summary>Attachment versions carry no body (the spec's listing has no <c>body-format</c>).</summary>
    private static Task<MultiEntityResult<V2ContentVersionJson>> GetAttachmentVersions(
        string id, string? cursor, int? limit, string? sort, [AsParameters] VersionContext context, CancellationToken ct) =>
        ListAsync(ContentKind.Attachment, Attachment.V2AttachmentIds.Parse(id, "id"), new VersionListQuery(null, cursor, limit, sort), context, ct);

    private static Task<V2DetailedVersionJson> GetAttachmentVersionDetails(
        [FromRoute(Name = "attachment-id")] string attachmentId, [FromRoute(Name = "version-number")] string versionNumber,
        [AsParameters] VersionContext context, CancellationToken ct) =>
        DetailsAsync(ContentKind.Attachment, Attachment.V2AttachmentIds.Parse(attachmentId, "attachment-id"), versionNumber, context, ct);

    private static Task<MultiEntityResult<V2ContentVersionJson>> GetFooterCommentVersions(
        string id, [AsParameters] VersionListQuery query, [AsParameters] VersionContext context, CancellationToken ct) =>
        ListAsync(ContentKind.FooterComment, V2Ids.Parse(id, "id"), query, context, ct);

    private static Task<V2DetailedVersionJson> GetFooterCommentVersionDetails(
        string id, [FromRoute(Name = "version-number")] string versionNumber, [AsParameters] VersionContext context, CancellationToken ct) =>
        DetailsAsync(ContentKind.FooterComment, V2Ids.Parse(id, "id"), versionNumber, context, ct);

    private static Task<MultiEntityResult<V2ContentVersionJson>> GetInlineCommentVersions(
        string id, [AsParameters] VersionListQuery query, [AsParameters] VersionContext context, CancellationToken ct) =>
        ListAsync(ContentKind.InlineComment, V2Ids.Parse(id, "id"), query, context, ct);

    private static Task<V2DetailedVersionJson> GetInlineCommentVersionDetails(
        string id, [FromRoute(Name = "version-number")] string versionNumber, [AsParameters] VersionContext context, CancellationToken ct) =>
        DetailsAsync(ContentKind.InlineComment, V2Ids.Parse(id, "id"), versionNumber, context, ct);

    /// <summary>Named by plain <c>{id}</c> and <c>{versionNumber}</c> (the spec's names differ only in spelling), so the leak matrix sweeps them.</summary>
    private static Task<MultiEntityResult<V2ContentVersionJson>> GetCustomContentVersions(
        string id, [AsParameters] VersionListQuery query, [AsParameters] VersionContext context, CancellationToken ct) =>
        ListAsync(ContentKind.CustomContent, V2Ids.Parse(id, "custom-content-id"), query, context, ct);

    private static Task<V2DetailedVersionJson> GetCustomContentVersionDetails(
        string id, string versionNumber, [AsParameters] VersionContext context, CancellationToken ct) =>
        DetailsAsync(ContentKind.CustomContent, V2Ids.Parse(id, "custom-content-id"), versionNumber, context, ct);

    /// <summary>The query of a version listing.</summary>
    public sealed record VersionListQuery(
        [FromQuery(Name = "body-format")] string? BodyFormat, string? Cursor, int? Limit, string? Sort);

    /// <summary>What every version handler reads with: the caller and the services, bound as handler parameters.</summary>
    public sealed record VersionContext(
        Caller Caller, ContentVersionService Versions, UserStore Users, V2BodyFormat Bodies, V2Links Links);

    private static async Task<MultiEntityResult<V2ContentVersionJson>> ListAsync(
        ContentKind kind, long id, VersionListQuery query, [AsParameters] VersionContext context, CancellationToken ct)
    {
        var format = V2BodyFormat.Parse(query.BodyFormat, V2BodyFormat.Bulk);
        var (sortName, newestFirst) = Sort(query.Sort);
        var page = new KeysetRequest(V2Cursor.Decode(query.Cursor, sortName), V2Limit.Standard.Parse(query.Limit));
        var (item, versions) = await context.Versions.ListAfterAsync(context.Caller, Id(id), ContentKinds.Matching(kind), newestFirst, page, ct);
        var rows = versions.Results.Select(v => ContentReader.AsHistorical(item.Content, v)).ToList();
        var bodies = format is null ? null : await context.Bodies.RenderAsync(rows, format, _ => item.Space.Key, context.Caller, ct);
        var authors = await AuthorsAsync(versions.Results, context.Users, ct);
        var results = versions.Results.Select((v, i) =>
        {
            var entity = new V2VersionedEntityJson(V2Links.Id(item.Content.Id), v.Title, bodies?[i]);
            return new V2ContentVersionJson
            {
                CreatedAt = V2Dates.Of(v.CreatedAt),
                Message = v.Message,
                Number = v.Number,
                MinorEdit = v.MinorEdit,
                AuthorId = v.CreatedBy is { } by ? authors.GetValueOrDefault(by) : null,
                Page = kind == ContentKind.Page ? entity : null,
                Blogpost = kind == ContentKind.BlogPost ? entity : null,
                Attachment = kind == ContentKind.Attachment ? entity : null,
                Comment = kind is ContentKind.FooterComment or ContentKind.InlineComment ? entity : null,
                Custom = kind == ContentKind.CustomContent ? entity : null,
            };
        }).ToList();
        return context.Links.Page(results, sortName, versions.Next);
    }

    private static async Task<V2DetailedVersionJson> DetailsAsync(
        ContentKind kind, long id, string versionNumber, [AsParameters] VersionContext context, CancellationToken ct)
    {
        var number = V2Ids.Parse(versionNumber, "version-number");
        if (number > int.MaxValue) throw new NotFoundException($"Content {id} has no version {number}.");
        var (item, version) = await context.Versions.GetAsync(context.Caller, Id(id), (int)number, ct);
        if (ContentKinds.Of(item.Content) != kind) throw new NotFoundException($"No content with id '{id}' was found.");
        var authors = await AuthorsAsync([version], context.Users, ct);
        var author = version.CreatedBy is { } by ? authors.GetValueOrDefault(by) : null;
        return new V2DetailedVersionJson
        {
            Number = version.Number,
            AuthorId = author,
            Message = version.Message,
            CreatedAt = V2Dates.Of(version.CreatedAt),
            MinorEdit = version.MinorEdit,
            Collaborators = author is null ? [] : [author],
            PrevVersion = version.Number > 1 ? version.Number - 1 : null,
            NextVersion = version.Number < item.Content.Version ? version.Number + 1 : null,
        };
    }

    /// <summary><c>modified-date</c> (oldest first) or <c>-modified-date</c> (newest first, the default); 400 otherwise.</summary>
    private static (string Name, bool NewestFirst) Sort(string? sort) => sort switch
    {
        null or "" or NewestFirst => (NewestFirst, true),
        "modified-date" => ("modified-date", false),
        _ => throw new BadRequestException($"sort must be modified-date or -modified-date; '{sort}' is not."),
    };

    /// <summary>The account ids of the versions' authors, in one query.</summary>
    private static async Task<IReadOnlyDictionary<long, string>> AuthorsAsync(
        IReadOnlyList<ContentVersionRecord> versions, UserStore users, CancellationToken ct)
    {
        var ids = versions.Select(v => v.CreatedBy).OfType<long>().Distinct().ToList();
        return (await users.FindManyByIdsAsync(ids, ct)).ToDictionary(u => u.Id, u => u.AccountId);
    }

    private static string Id(long id) => V2Links.Id(id);
}
