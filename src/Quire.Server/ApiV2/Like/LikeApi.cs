using Quire.Core.Content;
using Quire.Core.Likes;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;

namespace Quire.Server.ApiV2.Like;

/// <summary>
/// The v2 <c>Like</c> group: how many like a page, blog post, footer or inline comment, and who
/// (account ids, oldest like first, cursor-paged). Likes are the rows the web interface's
/// <c>/wiki/rest/likes/1.0</c> calls write (<see cref="LikeService"/>); content the caller cannot
/// see, or of another kind than the URL names, answers 404.
/// </summary>
public static class LikeApi
{
    /// <summary>The order name the likers' cursors carry.</summary>
    public const string LikersOrder = "liked";

    /// <summary>The likers listing's limit: 25 by default, 0 to 250 (the spec allows 0: an empty page).</summary>
    private const int DefaultLimit = 25, MaxLimit = 250;

    public static RouteGroupBuilder MapLikeApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/pages/{id}/likes/count", GetPageLikeCount);
        v2.MapGet("/pages/{id}/likes/users", GetPageLikeUsers);
        v2.MapGet("/blogposts/{id}/likes/count", GetBlogPostLikeCount);
        v2.MapGet("/blogposts/{id}/likes/users", GetBlogPostLikeUsers);
        v2.MapGet("/footer-comments/{id}/likes/count", GetFooterLikeCount);
        v2.MapGet("/footer-comments/{id}/likes/users", GetFooterLikeUsers);
        v2.MapGet("/inline-comments/{id}/likes/count", GetInlineLikeCount);
        v2.MapGet("/inline-comments/{id}/likes/users", GetInlineLikeUsers);
        return v2;
    }

    private static Task<V2LikeCountJson> GetPageLikeCount(string id, Caller caller, LikeService likes, CancellationToken ct) =>
        CountAsync(id, ContentKind.Page, caller, likes, ct);

    private static Task<MultiEntityResult<V2LikeJson>> GetPageLikeUsers(
        string id, string? cursor, int? limit, Caller caller, LikeService likes, V2Links links, CancellationToken ct) =>
        UsersAsync(id, ContentKind.Page, cursor, limit, caller, likes, links, ct);

    private static Task<V2LikeCountJson> GetBlogPostLikeCount(string id, Caller caller, LikeService likes, CancellationToken ct) =>
        CountAsync(id, ContentKind.BlogPost, caller, likes, ct);

    private static Task<MultiEntityResult<V2LikeJson>> GetBlogPostLikeUsers(
        string id, string? cursor, int? limit, Caller caller, LikeService likes, V2Links links, CancellationToken ct) =>
        UsersAsync(id, ContentKind.BlogPost, cursor, limit, caller, likes, links, ct);

    private static Task<V2LikeCountJson> GetFooterLikeCount(string id, Caller caller, LikeService likes, CancellationToken ct) =>
        CountAsync(id, ContentKind.FooterComment, caller, likes, ct);

    private static Task<MultiEntityResult<V2LikeJson>> GetFooterLikeUsers(
        string id, string? cursor, int? limit, Caller caller, LikeService likes, V2Links links, CancellationToken ct) =>
        UsersAsync(id, ContentKind.FooterComment, cursor, limit, caller, likes, links, ct);

    private static Task<V2LikeCountJson> GetInlineLikeCount(string id, Caller caller, LikeService likes, CancellationToken ct) =>
        CountAsync(id, ContentKind.InlineComment, caller, likes, ct);

    private static Task<MultiEntityResult<V2LikeJson>> GetInlineLikeUsers(
        string id, string? cursor, int? limit, Caller caller, LikeService likes, V2Links links, CancellationToken ct) =>
        UsersAsync(id, ContentKind.InlineComment, cursor, limit, caller, likes, links, ct);

    private static async Task<V2LikeCountJson> CountAsync(string id, ContentKind kind, Caller caller, LikeService likes, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        return new V2LikeCountJson(await likes.CountAsync(caller, id, kind, ct));
    }

    private static async Task<MultiEntityResult<V2LikeJson>> UsersAsync(
        string id, ContentKind kind, string? cursor, int? limit, Caller caller, LikeService likes, V2Links links, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        var size = limit switch
        {
            null => DefaultLimit,
            < 0 or > MaxLimit => throw new Quire.Core.Errors.BadRequestException($"limit must be between 0 and {MaxLimit}."),
            var value => value.Value,
        };
        var page = await likes.LikersAsync(caller, id, kind, new KeysetRequest(V2Cursor.Decode(cursor, LikersOrder), size), ct);
        return links.Page(page.Results.Select(l => new V2LikeJson(l.AccountId)).ToList(), LikersOrder, page.Next);
    }
}

/// <summary>v2's like count: <c>{"count": n}</c>.</summary>
public sealed record V2LikeCountJson(long Count);

/// <summary>v2's <c>Like</c>: the account id of someone who likes the content.</summary>
public sealed record V2LikeJson(string AccountId);
