using System.Net;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.ApiV2.Like.LikeWritesTests;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.ApiV2.Like;

/// <summary>v2's Like group reading the likes the web interface's calls store: counts, likers by cursor, kinds, visibility.</summary>
public abstract class LikeApiV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    private static async Task<long> Count(HttpClient client, string url) =>
        (long)(await client.Get(url)).Expect(HttpStatusCode.OK).Json!["count"]!;

    [SkippableFact]
    public async Task Counts_and_likers_of_pages_blog_posts_and_comments_follow_the_likes()
    {
        var owner = await NewUserAsync();
        var likers = new List<TestUser>();
        for (var i = 0; i < 5; i++) likers.Add(await NewUserAsync());
        var key = await owner.Client.SharedSpaceAsync([.. likers]);
        var page = (string)(await owner.Client.CreatePageAsync(key))["id"]!;
        var blog = (string)(await owner.Client.CreatePageAsync(key, type: "blogpost"))["id"]!;
        var comment = (string)(await owner.Client.PostJson($"{V2}/footer-comments", new
        {
            pageId = page, body = new { representation = "storage", value = "<p>Like me</p>" },
        })).Expect(HttpStatusCode.Created).Json!["id"]!;

        Assert.Equal(0, await Count(owner.Client, $"{V2}/pages/{page}/likes/count"));
        foreach (var liker in likers) (await LikeContent(liker.Client, page)).Expect(HttpStatusCode.NoContent);
        (await LikeContent(likers[0].Client, blog)).Expect(HttpStatusCode.NoContent);
        (await LikeContent(likers[1].Client, comment)).Expect(HttpStatusCode.NoContent);

        Assert.Equal(5, await Count(owner.Client, $"{V2}/pages/{page}/likes/count"));
        Assert.Equal(1, await Count(likers[3].Client, $"{V2}/blogposts/{blog}/likes/count"));
        Assert.Equal(1, await Count(owner.Client, $"{V2}/footer-comments/{comment}/likes/count"));
        Assert.Equal([likers[1].AccountId],
            (await owner.Client.Get($"{V2}/footer-comments/{comment}/likes/users")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray()
            .Select(l => (string)l!["accountId"]!));

        // Likers oldest first, two a page; one unlikes behind the walk, and the walk still sees each once.
        var seen = (await owner.Client.WalkAsync($"{V2}/pages/{page}/likes/users?limit=2", async n =>
        {
            if (n == 0) (await UnlikeContent(likers[0].Client, page)).Expect(HttpStatusCode.NoContent);
        })).Select(l => (string)l["accountId"]!).ToList();
        Assert.Equal(likers.Select(l => l.AccountId), seen);
        Assert.Equal(4, await Count(owner.Client, $"{V2}/pages/{page}/likes/count"));
        Assert.Empty((await owner.Client.Get($"{V2}/pages/{page}/likes/users?limit=0")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray());
    }

    [SkippableFact]
    public async Task Other_kinds_hidden_content_and_bad_parameters_answer_v2_errors()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var key = await owner.Client.SharedSpaceAsync([reader]);
        var page = (string)(await owner.Client.CreatePageAsync(key))["id"]!;
        (await LikeContent(reader.Client, page)).Expect(HttpStatusCode.NoContent);

        (await owner.Client.Get($"{V2}/blogposts/{page}/likes/count")).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Get($"{V2}/inline-comments/{page}/likes/users")).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Get($"{V2}/pages/x1/likes/count")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/pages/{page}/likes/users?limit=251")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/pages/{page}/likes/users?cursor=nope")).ExpectV2Error(HttpStatusCode.BadRequest);

        await owner.Client.RestrictAsync(page, Entry("read", [owner.AccountId]));
        (await reader.Client.Get($"{V2}/pages/{page}/likes/count")).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{V2}/pages/{page}/likes/users")).ExpectV2Error(HttpStatusCode.NotFound);
        (await UnlikeContent(reader.Client, page)).ExpectError(HttpStatusCode.NotFound); // v1's error body on the v1-side call
        Assert.Equal(1, (long)(await owner.Client.Get($"{V2}/pages/{page}/likes/count")).Json!["count"]!); // the like stays
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LikeApiV2TestsOnSqlite(SqliteServerFixture fixture) : LikeApiV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class LikeApiV2TestsOnPostgres(PostgresServerFixture fixture) : LikeApiV2Tests(fixture);
