using System.Net;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.ApiV2.Like;

/// <summary>
/// The web interface's like calls (<c>POST</c>/<c>DELETE /wiki/rest/likes/1.0/content/{id}/likes</c>): they store and
/// remove real rows of <c>likes</c>, for the signed-in caller only, on content the caller can see.
/// </summary>
public abstract class LikeWritesTests(ServerFixture fixture) : ApiTest(fixture)
{
    public static string LikesUrl(string id) => $"/wiki/rest/likes/1.0/content/{id}/likes";

    public static Task<ApiResponse> LikeContent(HttpClient client, string id) => client.Call(HttpMethod.Post, LikesUrl(id), xsrfHeader: true);

    public static Task<ApiResponse> UnlikeContent(HttpClient client, string id) => client.Call(HttpMethod.Delete, LikesUrl(id), xsrfHeader: true);

    private Task<long> LikeRows(string id) =>
        Server.CountAsync("SELECT COUNT(*) FROM likes WHERE content_id = @id", new { id = long.Parse(id) });

    [SkippableFact]
    public async Task A_user_likes_and_unlikes_a_page_and_a_comment_idempotently()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var (_, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();
        var comment = (string)(await owner.Client.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = page, type = "page" }, body = StorageBody("<p>Nice</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;

        (await LikeContent(reader.Client, page)).Expect(HttpStatusCode.NoContent);
        (await LikeContent(reader.Client, page)).Expect(HttpStatusCode.NoContent); // a second like is the same like
        (await LikeContent(owner.Client, page)).Expect(HttpStatusCode.NoContent);
        (await LikeContent(owner.Client, comment)).Expect(HttpStatusCode.NoContent);
        Assert.Equal(2, await LikeRows(page));
        Assert.Equal(1, await LikeRows(comment));
        Assert.Equal(1, await Server.CountAsync(
            "SELECT COUNT(*) FROM likes l JOIN users u ON u.id = l.user_id WHERE l.content_id = @id AND u.account_id = @account",
            new { id = long.Parse(page), account = reader.AccountId }));

        (await UnlikeContent(reader.Client, page)).Expect(HttpStatusCode.NoContent);
        (await UnlikeContent(reader.Client, page)).Expect(HttpStatusCode.NoContent); // nothing to remove: still 204
        Assert.Equal(1, await LikeRows(page));

        // Likes go with their content.
        (await owner.Client.Delete($"{ContentUrl}/{comment}")).Expect(HttpStatusCode.NoContent);
        Assert.Equal(0, await LikeRows(comment));
    }

    [SkippableFact]
    public async Task Likes_need_a_signed_in_caller_the_xsrf_header_visible_current_content_and_change_nothing_otherwise()
    {
        var owner = await NewUserAsync();
        var outsider = await NewUserAsync();
        var (key, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();

        (await outsider.Client.Call(HttpMethod.Post, LikesUrl(page))).ExpectError(HttpStatusCode.Forbidden); // no XSRF header
        (await owner.Client.Call(HttpMethod.Post, LikesUrl(page))).ExpectError(HttpStatusCode.Forbidden);
        (await LikeContent(Server.Anonymous(), page)).Expect(HttpStatusCode.Unauthorized);
        (await LikeContent(owner.Client, "999999999")).ExpectError(HttpStatusCode.NotFound);
        (await LikeContent(owner.Client, "not-an-id")).ExpectError(HttpStatusCode.NotFound);

        // Content the caller cannot see answers as missing content does.
        var hidden = (string)(await owner.Client.CreatePageAsync(key))["id"]!;
        await owner.Client.RestrictAsync(hidden, Entry("read", [owner.AccountId]));
        var reader = await NewUserAsync();
        (await LikeContent(reader.Client, hidden)).ExpectError(HttpStatusCode.NotFound);

        // Only current pages, blog posts and comments are liked.
        var trashed = await owner.Client.CreateContentInStatusAsync(key, "Trashed " + Unique(), status: "trashed");
        (await LikeContent(owner.Client, trashed)).ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal(0, await Server.CountAsync("SELECT COUNT(*) FROM likes l JOIN content c ON c.id = l.content_id WHERE c.space_id = " +
                                                "(SELECT space_id FROM content WHERE id = @id)", new { id = long.Parse(page) }));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LikeWritesTestsOnSqlite(SqliteServerFixture fixture) : LikeWritesTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class LikeWritesTestsOnPostgres(PostgresServerFixture fixture) : LikeWritesTests(fixture);
