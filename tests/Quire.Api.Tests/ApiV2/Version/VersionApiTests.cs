using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.ApiV2.Version;

public abstract class VersionApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private async Task<string> CommentAsync(string pageId, string location)
    {
        var body = new JsonObject
        {
            ["type"] = "comment",
            ["container"] = new JsonObject { ["id"] = pageId, ["type"] = "page" },
            ["body"] = StorageBody("<p>first words</p>"),
            ["extensions"] = new JsonObject { ["location"] = location },
        };
        return (string)(await Admin.PostJson(ContentUrl, body)).Expect(HttpStatusCode.OK).Json!["id"]!;
    }

    [SkippableFact]
    public async Task Page_versions_written_in_v1_are_listed_newest_first_with_bodies_and_details()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Versioned", "<p>one</p>"))["id"]!;
        await Admin.UpdateAsync(id, 2, "Versioned two", "<p>two</p>");
        await Admin.UpdateAsync(id, 3, "Versioned three", "<p>three</p>");
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;

        var list = (await Admin.Get($"{V2}/pages/{id}/versions?body-format=storage")).Results();
        Assert.Equal(["3", "2", "1"], list.Each("number"));
        Assert.All(list, v => Assert.Equal(me, (string?)v["authorId"]));
        Assert.All(list, v => Assert.Equal(id, (string?)v["page"]!["id"]));
        Assert.Equal(["Versioned three", "Versioned two", "Versioned"], list.Select(v => (string?)v["page"]!["title"]));
        Assert.Equal("<p>one</p>", (string?)list[2]["page"]!["body"]!["storage"]!["value"]);
        Assert.Null(list[0]["blogpost"]);
        var noBody = (await Admin.Get($"{V2}/pages/{id}/versions")).Results();
        Assert.Null(noBody[0]["page"]!["body"]);

        Assert.Equal(["1", "2", "3"], (await Admin.Get($"{V2}/pages/{id}/versions?sort=modified-date")).Results().Each("number"));
        Assert.Equal(["3", "2", "1"], (await Admin.WalkAsync($"{V2}/pages/{id}/versions?limit=1")).Each("number"));

        var two = (await Admin.Get($"{V2}/pages/{id}/versions/2")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(2, (int)two["number"]!);
        Assert.Equal(1, (int)two["prevVersion"]!);
        Assert.Equal(3, (int)two["nextVersion"]!);
        Assert.Equal(me, (string?)two["authorId"]);
        Assert.Equal([me], two["collaborators"]!.AsArray().Select(c => (string?)c));
        var latest = (await Admin.Get($"{V2}/pages/{id}/versions/3")).Expect(HttpStatusCode.OK).Json!;
        Assert.Null(latest["nextVersion"]);
        Assert.Null((await Admin.Get($"{V2}/pages/{id}/versions/1")).Json!["prevVersion"]);
        (await Admin.Get($"{V2}/pages/{id}/versions/9")).ExpectV2Error(HttpStatusCode.NotFound);
        // A page is not a blog post: each route serves its own kind.
        (await Admin.Get($"{V2}/blogposts/{id}/versions")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Get($"{V2}/blogposts/{id}/versions/1")).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task A_walk_meets_every_version_once_while_versions_are_added()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Growing", "<p>1</p>"))["id"]!;
        for (var n = 2; n <= 4; n++) await Admin.UpdateAsync(id, n, "Growing", $"<p>{n}</p>");
        var next = 5;
        // Newest first: versions made during the walk are behind it, so it still meets 4..1 exactly once each.
        var walked = await Admin.WalkAsync($"{V2}/pages/{id}/versions?limit=1", async _ =>
        {
            await Admin.UpdateAsync(id, next, "Growing", $"<p>{next}</p>");
            next++;
        });
        Assert.Equal(["4", "3", "2", "1"], walked.Each("number"));
        // Oldest first, the walk goes on into what was added meanwhile, still without a repeat.
        var forward = await Admin.WalkAsync($"{V2}/pages/{id}/versions?limit=2&sort=modified-date");
        Assert.Equal(Enumerable.Range(1, next - 1).Select(n => (string?)n.ToString()).ToList(), forward.Each("number"));
    }

    [SkippableFact]
    public async Task Blog_post_comment_and_attachment_versions_are_served_by_their_own_routes()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var blog = (string)(await Admin.CreatePageAsync(key, "Post", "<p>b1</p>", type: "blogpost"))["id"]!;
        (await Admin.PutJson($"{ContentUrl}/{blog}", new { version = new { number = 2 }, type = "blogpost", title = "Post", body = StorageBody("<p>b2</p>") }))
            .Expect(HttpStatusCode.OK);
        var blogVersions = (await Admin.Get($"{V2}/blogposts/{blog}/versions?body-format=storage")).Results();
        Assert.Equal(["2", "1"], blogVersions.Each("number"));
        Assert.Equal("<p>b1</p>", (string?)blogVersions[1]["blogpost"]!["body"]!["storage"]!["value"]);
        Assert.Equal(1, (int)(await Admin.Get($"{V2}/blogposts/{blog}/versions/2")).Expect(HttpStatusCode.OK).Json!["prevVersion"]!);
        (await Admin.Get($"{V2}/pages/{blog}/versions")).ExpectV2Error(HttpStatusCode.NotFound);

        var page = (string)(await Admin.CreatePageAsync(key, "Commented"))["id"]!;
        var footer = await CommentAsync(page, "footer");
        var inline = await CommentAsync(page, "inline");
        (await Admin.PutJson($"{ContentUrl}/{footer}", new { version = new { number = 2 }, type = "comment", title = "x", body = StorageBody("<p>second words</p>") }))
            .Expect(HttpStatusCode.OK);
        var footerVersions = (await Admin.Get($"{V2}/footer-comments/{footer}/versions?body-format=storage")).Results();
        Assert.Equal(["2", "1"], footerVersions.Each("number"));
        Assert.Equal(footer, (string?)footerVersions[0]["comment"]!["id"]);
        Assert.Equal("<p>first words</p>", (string?)footerVersions[1]["comment"]!["body"]!["storage"]!["value"]);
        Assert.Equal(["1"], (await Admin.Get($"{V2}/inline-comments/{inline}/versions")).Results().Each("number"));
        Assert.Equal(1, (int)(await Admin.Get($"{V2}/inline-comments/{inline}/versions/1")).Expect(HttpStatusCode.OK).Json!["number"]!);
        (await Admin.Get($"{V2}/inline-comments/{footer}/versions")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Get($"{V2}/footer-comments/{inline}/versions/1")).ExpectV2Error(HttpStatusCode.NotFound);

        var attachment = (string)(await Admin.AttachAsync(page, new UploadFile("notes.txt", AttachmentTestSupport.Bytes("v1"))))[0]!["id"]!;
        (await Admin.UploadAsync(HttpMethod.Post, $"{AttachmentTestSupport.Attachments(page)}/{attachment}/data",
            AttachmentTestSupport.Form([new UploadFile("notes.txt", AttachmentTestSupport.Bytes("v2"))], ["second upload"]))).Expect(HttpStatusCode.OK);
        var attachmentVersions = (await Admin.Get($"{V2}/attachments/{attachment}/versions")).Results();
        Assert.Equal(["2", "1"], attachmentVersions.Each("number"));
        Assert.Equal("second upload", (string?)attachmentVersions[0]["message"]);
        Assert.Equal(attachment[3..], (string?)attachmentVersions[0]["attachment"]!["id"]);
        // The spec's pattern makes the att prefix optional.
        Assert.Equal(2, (await Admin.Get($"{V2}/attachments/{attachment[3..]}/versions")).Results().Count);
        var first = (await Admin.Get($"{V2}/attachments/{attachment}/versions/1")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(2, (int)first["nextVersion"]!);
        (await Admin.Get($"{V2}/attachments/{page}/versions")).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Bad_input_answers_a_v2_error_and_hidden_content_is_missing()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Checked", "<p>1</p>"))["id"]!;
        await Admin.UpdateAsync(id, 2, "Checked", "<p>2</p>");

        (await Admin.Get($"{V2}/pages/{id}/versions?sort=title")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/{id}/versions?limit=0")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/{id}/versions?limit=251")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/{id}/versions?cursor=not-a-cursor")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/{id}/versions?body-format=wiki")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/abc/versions")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/{id}/versions/x")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/attachments/file7/versions")).ExpectV2Error(HttpStatusCode.BadRequest);
        // A cursor made for one order is refused by the other.
        var newest = (await Admin.Get($"{V2}/pages/{id}/versions?limit=1")).Expect(HttpStatusCode.OK).Json!;
        var cursor = ((string)newest["_links"]!["next"]!).Split("cursor=")[1];
        (await Admin.Get($"{V2}/pages/{id}/versions?limit=1&sort=modified-date&cursor={cursor}")).ExpectV2Error(HttpStatusCode.BadRequest);
        // Nothing changed.
        Assert.Equal(["2", "1"], (await Admin.Get($"{V2}/pages/{id}/versions")).Results().Each("number"));

        var reader = await NewUserAsync();
        var privateKey = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(privateKey, isPrivate: true);
        var hidden = (string)(await Admin.CreatePageAsync(privateKey, "Hidden"))["id"]!;
        (await reader.Client.Get($"{V2}/pages/{hidden}/versions")).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{V2}/pages/{hidden}/versions/1")).ExpectV2Error(HttpStatusCode.NotFound);
        Assert.Equal(["2", "1"], (await reader.Client.Get($"{V2}/pages/{id}/versions")).Results().Each("number"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class VersionApiTestsOnSqlite(SqliteServerFixture fixture) : VersionApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class VersionApiTestsOnPostgres(PostgresServerFixture fixture) : VersionApiTests(fixture);
