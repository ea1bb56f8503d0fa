using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.ApiV2.Comment;

/// <summary>v2's Comment group over v1's comments: footer and inline, replies, versions, resolution, visibility, bad input.</summary>
public abstract class CommentApiV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    private static JsonObject Storage(string value) => new() { ["representation"] = "storage", ["value"] = value };

    private static async Task<JsonNode> CreateFooterAsync(HttpClient client, object request) =>
        (await client.PostJson($"{V2}/footer-comments", request)).Expect(HttpStatusCode.Created).Json!;

    private static async Task<string> V1CommentAsync(HttpClient client, string page, string body, string? location = null, string? parent = null)
    {
        var request = new JsonObject
        {
            ["type"] = "comment", ["container"] = new JsonObject { ["id"] = page, ["type"] = "page" }, ["body"] = StorageBody(body),
        };
        if (location is not null) request["extensions"] = new JsonObject { ["location"] = location };
        if (parent is not null) request["ancestors"] = new JsonArray(new JsonObject { ["id"] = parent });
        return (string)(await client.PostJson(ContentUrl, request)).Expect(HttpStatusCode.OK).Json!["id"]!;
    }

    private static List<string> Ids(JsonNode listing) => listing["results"]!.AsArray().Select(r => (string)r!["id"]!).ToList();

    [SkippableFact]
    public async Task Footer_comments_written_in_v2_are_v1_comments_and_the_reverse()
    {
        var owner = await NewUserAsync();
        var (key, _) = await owner.Client.NewSpaceAsync();
        var page = (string)(await owner.Client.CreatePageAsync(key, "Commented"))["id"]!;

        var created = await CreateFooterAsync(owner.Client, new { pageId = page, body = Storage("<p>From v2</p>") });
        var id = (string)created["id"]!;
        Assert.Equal(page, (string?)created["pageId"]);
        Assert.Equal("current", (string?)created["status"]);
        Assert.Equal("Re: Commented", (string?)created["title"]);
        Assert.Equal("<p>From v2</p>", (string?)created["body"]!["storage"]!["value"]);
        Assert.Equal(1, (int)created["version"]!["number"]!);
        Assert.Equal(owner.AccountId, (string?)created["version"]!["authorId"]);
        Assert.NotNull(created["_links"]!["base"]);
        Assert.Contains($"focusedCommentId={id}", (string)created["_links"]!["webui"]!);

        // v1 reads the same comment, as a footer comment of the page.
        var v1 = await owner.Client.GetContentAsync(id, "?expand=body.storage,container,extensions");
        Assert.Equal("comment", (string?)v1["type"]);
        Assert.Equal("<p>From v2</p>", (string?)v1["body"]!["storage"]!["value"]);
        Assert.Equal("footer", (string?)v1["extensions"]!["location"]);

        // And v2 lists a comment v1 wrote, with a reply under it, not among the page's top-level comments.
        var fromV1 = await V1CommentAsync(owner.Client, page, "<p>From v1</p>");
        var reply = (string)(await CreateFooterAsync(owner.Client, new { parentCommentId = fromV1, body = Storage("<p>Reply</p>") }))["id"]!;
        var listing = (await owner.Client.Get($"{V2}/pages/{page}/footer-comments?body-format=storage")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([id, fromV1], Ids(listing));
        Assert.Equal("<p>From v1</p>", (string?)listing["results"]![1]!["body"]!["storage"]!["value"]);
        var children = (await owner.Client.Get($"{V2}/footer-comments/{fromV1}/children")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([reply], Ids(children));
        Assert.Equal(fromV1, (string?)children["results"]![0]!["parentCommentId"]);
        Assert.Contains(reply, (await owner.Client.WalkAsync($"{V2}/footer-comments?limit=1")).Select(r => (string)r["id"]!));
        Assert.Equal(fromV1, (string?)(await owner.Client.GetContentAsync(reply, "?expand=ancestors"))["ancestors"]![0]!["id"]);

        // A new version in v2, a stale one refused, and v1 sees version 2.
        var updated = (await owner.Client.PutJson($"{V2}/footer-comments/{id}", new { version = new { number = 2, message = "edited" }, body = Storage("<p>Edited</p>") }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(2, (int)updated["version"]!["number"]!);
        Assert.Equal("edited", (string?)updated["version"]!["message"]);
        (await owner.Client.PutJson($"{V2}/footer-comments/{id}", new { version = new { number = 2 }, body = Storage("<p>Stale</p>") }))
            .ExpectV2Error(HttpStatusCode.Conflict);
        Assert.Equal(2, (int)(await owner.Client.GetContentAsync(id, "?expand=version"))["version"]!["number"]!);
        var withVersions = (await owner.Client.Get($"{V2}/footer-comments/{id}?include-versions=true")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([2, 1], withVersions["versions"]!["results"]!.AsArray().Select(v => (int)v!["number"]!));
        Assert.Equal("edited", (string?)withVersions["versions"]!["results"]![0]!["message"]);
        Assert.False((bool)withVersions["versions"]!["meta"]!["hasMore"]!);
        Assert.Equal($"{V2}/footer-comments/{id}/versions", (string?)withVersions["versions"]!["_links"]!["self"]);
        var first = (await owner.Client.Get($"{V2}/footer-comments/{id}?version=1&body-format=storage")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("<p>From v2</p>", (string?)first["body"]!["storage"]!["value"]);

        (await owner.Client.Delete($"{V2}/footer-comments/{id}")).Expect(HttpStatusCode.NoContent);
        (await owner.Client.Get($"{ContentUrl}/{id}")).Expect(HttpStatusCode.NotFound);
        (await owner.Client.Get($"{V2}/footer-comments/{id}")).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Inline_comments_carry_their_selection_and_are_resolved_and_reopened()
    {
        var owner = await NewUserAsync();
        var (key, _) = await owner.Client.NewSpaceAsync();
        var page = (string)(await owner.Client.CreatePageAsync(key, body: "<p>Some highlighted text</p>"))["id"]!;

        var created = (await owner.Client.PostJson($"{V2}/inline-comments", new
        {
            pageId = page, body = Storage("<p>Why?</p>"),
            inlineCommentProperties = new { textSelection = "highlighted", textSelectionMatchCount = 1, textSelectionMatchIndex = 0 },
        })).Expect(HttpStatusCode.Created).Json!;
        var id = (string)created["id"]!;
        Assert.Equal("open", (string?)created["resolutionStatus"]);
        Assert.Equal("highlighted", (string?)created["properties"]!["inlineOriginalSelection"]);
        Assert.Equal("highlighted", (string?)created["properties"]!["inline-original-selection"]);
        var marker = (string)created["properties"]!["inlineMarkerRef"]!;
        Assert.False(string.IsNullOrEmpty(marker));

        // Its content properties, when asked for, sit beside the highlight.
        (await owner.Client.PostJson($"{ContentUrl}/{id}/property", new { key = "k", value = "v" })).Expect(HttpStatusCode.OK);
        var both = (await owner.Client.Get($"{V2}/inline-comments/{id}?include-properties=true")).Expect(HttpStatusCode.OK).Json!["properties"]!;
        Assert.Equal(marker, (string?)both["inlineMarkerRef"]);
        Assert.Equal(["k"], both["results"]!.AsArray().Select(p => (string)p!["key"]!));

        // v1 sees an inline comment with those inline properties.
        var v1 = await owner.Client.GetContentAsync(id, "?expand=extensions");
        Assert.Equal("inline", (string?)v1["extensions"]!["location"]);
        Assert.Equal(marker, (string?)v1["extensions"]!["inlineProperties"]!["markerRef"]);

        // An inline comment is not a footer comment, and the listings keep them apart.
        (await owner.Client.Get($"{V2}/footer-comments/{id}")).ExpectV2Error(HttpStatusCode.NotFound);
        var footer = await V1CommentAsync(owner.Client, page, "<p>Footer</p>");
        Assert.Equal([id], Ids((await owner.Client.Get($"{V2}/pages/{page}/inline-comments")).Json!));
        Assert.Equal([footer], Ids((await owner.Client.Get($"{V2}/pages/{page}/footer-comments")).Json!));

        // Resolving needs no new body; resolving again changes nothing; reopening.
        var resolved = (await owner.Client.PutJson($"{V2}/inline-comments/{id}", new { resolved = true })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("resolved", (string?)resolved["resolutionStatus"]);
        Assert.Equal(owner.AccountId, (string?)resolved["resolutionLastModifierId"]);
        Assert.Equal(1, (int)resolved["version"]!["number"]!);
        Assert.Equal([id], Ids((await owner.Client.Get($"{V2}/pages/{page}/inline-comments?resolution-status=resolved")).Json!));
        Assert.Empty(Ids((await owner.Client.Get($"{V2}/pages/{page}/inline-comments?resolution-status=open")).Json!));
        (await owner.Client.PutJson($"{V2}/inline-comments/{id}", new { resolved = true })).Expect(HttpStatusCode.OK);
        // v1's location=resolved lists what v2 resolved.
        Assert.Equal([id], (await owner.Client.Get($"{ContentUrl}/{page}/child/comment?location=resolved")).Expect(HttpStatusCode.OK).Json!["results"]!
            .AsArray().Select(c => (string)c!["id"]!));
        var reopened = (await owner.Client.PutJson($"{V2}/inline-comments/{id}", new { resolved = false, version = new { number = 2 }, body = Storage("<p>Still?</p>") }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("reopened", (string?)reopened["resolutionStatus"]);
        Assert.Equal(2, (int)reopened["version"]!["number"]!);
        Assert.Empty((await owner.Client.Get($"{ContentUrl}/{page}/child/comment?location=resolved")).Json!["results"]!.AsArray());

        // A reply is an inline comment under its parent, without a selection of its own.
        var reply = (await owner.Client.PostJson($"{V2}/inline-comments", new { parentCommentId = id, body = Storage("<p>Because.</p>") }))
            .Expect(HttpStatusCode.Created).Json!;
        Assert.Equal(id, (string?)reply["parentCommentId"]);
        Assert.Equal([(string)reply["id"]!], Ids((await owner.Client.Get($"{V2}/inline-comments/{id}/children")).Json!));
        (await owner.Client.PutJson($"{V2}/inline-comments/{(string)reply["id"]!}", new { resolved = true })).ExpectV2Error(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Hidden_comments_and_bad_input_answer_v2_errors_and_store_nothing()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var key = await owner.Client.SharedSpaceAsync([reader]);
        var page = (string)(await owner.Client.CreatePageAsync(key))["id"]!;
        var comment = await V1CommentAsync(owner.Client, page, "<p>Secret</p>");
        Assert.Equal(comment, (string?)(await reader.Client.Get($"{V2}/footer-comments/{comment}")).Expect(HttpStatusCode.OK).Json!["id"]);
        // Reading is not commenting: the reader has no create/comment permission in this space.
        (await reader.Client.PostJson($"{V2}/footer-comments", new { pageId = page, body = Storage("<p>Hi</p>") })).ExpectV2Error(HttpStatusCode.Forbidden);

        await owner.Client.RestrictAsync(page, Entry("read", [owner.AccountId]));
        (await reader.Client.Get($"{V2}/footer-comments/{comment}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{V2}/pages/{page}/footer-comments")).ExpectV2Error(HttpStatusCode.NotFound);
        Assert.DoesNotContain(comment, (await reader.Client.WalkAsync($"{V2}/footer-comments")).Select(r => (string)r["id"]!));

        var before = await Server.CountAsync("SELECT COUNT(*) FROM content WHERE type = 'comment' AND container_id = @id", new { id = long.Parse(page) });
        (await owner.Client.PostJson($"{V2}/footer-comments", new { pageId = page, blogPostId = page, body = Storage("<p>x</p>") })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson($"{V2}/footer-comments", new { body = Storage("<p>x</p>") })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson($"{V2}/footer-comments", new { pageId = page })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson($"{V2}/footer-comments", new { pageId = page, body = new { representation = "html", value = "<p>x</p>" } })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson($"{V2}/footer-comments", new { pageId = page, body = Storage("<p>unclosed") })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson($"{V2}/footer-comments", new { blogPostId = page, body = Storage("<p>x</p>") })).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.PostJson($"{V2}/inline-comments", new { pageId = page, body = Storage("<p>x</p>") })).ExpectV2Error(HttpStatusCode.BadRequest); // no selection
        (await owner.Client.PostJson($"{V2}/inline-comments", new { parentCommentId = comment, body = Storage("<p>x</p>") })).ExpectV2Error(HttpStatusCode.BadRequest); // footer parent
        (await owner.Client.PostJson($"{V2}/inline-comments", new
        {
            pageId = page, body = Storage("<p>x</p>"), inlineCommentProperties = new { textSelection = "x", textSelectionMatchCount = 1, textSelectionMatchIndex = 1 },
        })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Post, $"{V2}/footer-comments", """{"pageId": 12, "body": {}}""")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{V2}/footer-comments/{comment}", new { resolved = true })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{V2}/footer-comments/{comment}", new { body = Storage("<p>no version</p>") })).ExpectV2Error(HttpStatusCode.BadRequest);
        Assert.Equal(before, await Server.CountAsync("SELECT COUNT(*) FROM content WHERE type = 'comment' AND container_id = @id", new { id = long.Parse(page) }));
        Assert.Equal(1, (int)(await owner.Client.Get($"{V2}/footer-comments/{comment}")).Json!["version"]!["number"]!);

        (await owner.Client.Get($"{V2}/footer-comments/abc")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/inline-comments/{comment}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Delete($"{V2}/inline-comments/{comment}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Get($"{V2}/blogposts/{page}/footer-comments")).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Get($"{V2}/pages/{page}/footer-comments?limit=0")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/pages/{page}/footer-comments?sort=title")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/pages/{page}/footer-comments?body-format=view")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/pages/{page}/inline-comments?resolution-status=closed")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/footer-comments/{comment}?include-likes=yes")).ExpectV2Error(HttpStatusCode.BadRequest);
        Assert.Equal(comment, (string?)(await owner.Client.Get($"{V2}/footer-comments/{comment}")).Json!["id"]); // still there
    }

    [SkippableFact]
    public async Task A_comment_read_includes_its_operations_and_likes_and_blog_posts_take_comments_too()
    {
        var owner = await NewUserAsync();
        var liker = await NewUserAsync();
        var key = await owner.Client.SharedSpaceAsync([liker]);
        var blog = (string)(await owner.Client.CreatePageAsync(key, type: "blogpost"))["id"]!;
        var id = (string)(await CreateFooterAsync(owner.Client, new { blogPostId = blog, body = Storage("<p>On a blog post</p>") }))["id"]!;
        (await liker.Client.Call(HttpMethod.Post, $"/wiki/rest/likes/1.0/content/{id}/likes", xsrfHeader: true)).Expect(HttpStatusCode.NoContent);

        var json = (await owner.Client.Get($"{V2}/footer-comments/{id}?include-operations=true&include-likes=true&body-format=view"))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(blog, (string?)json["blogPostId"]);
        Assert.False(json.AsObject().ContainsKey("pageId"));
        Assert.Contains("On a blog post", (string)json["body"]!["view"]!["value"]!);
        Assert.Equal(["read/comment", "update/comment", "delete/comment"],
            json["operations"]!["results"]!.AsArray().Select(o => $"{o!["operation"]}/{o["targetType"]}"));
        Assert.Equal([liker.AccountId], json["likes"]!["results"]!.AsArray().Select(l => (string)l!["accountId"]!));
        Assert.False((bool)json["likes"]!["meta"]!["hasMore"]!);
        Assert.Equal($"{V2}/footer-comments/{id}/likes/users", (string?)json["likes"]!["_links"]!["self"]);
        (await owner.Client.PostJson($"{ContentUrl}/{id}/property", new { key = "mood", value = "glad" })).Expect(HttpStatusCode.OK);
        var properties = (await owner.Client.Get($"{V2}/footer-comments/{id}?include-properties=true")).Expect(HttpStatusCode.OK).Json!["properties"]!;
        Assert.Equal(["mood"], properties["results"]!.AsArray().Select(p => (string)p!["key"]!));
        Assert.Equal($"{V2}/comments/{id}/properties", (string?)properties["_links"]!["self"]);
        Assert.False((await owner.Client.Get($"{V2}/footer-comments/{id}")).Json!.AsObject().ContainsKey("properties"));
        Assert.Equal([id], Ids((await owner.Client.Get($"{V2}/blogposts/{blog}/footer-comments")).Json!));
        Assert.Empty(Ids((await owner.Client.Get($"{V2}/blogposts/{blog}/inline-comments")).Json!));
    }

    [SkippableFact]
    public async Task Attachments_take_footer_comments_in_v1_and_v2_hidden_with_the_attachments_page()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var key = await owner.Client.SharedSpaceAsync([reader]);
        var page = (string)(await owner.Client.CreatePageAsync(key, "With a file"))["id"]!;
        var attachment = ((string)(await owner.Client.AttachAsync(page, new UploadFile("plan.txt", AttachmentTestSupport.Bytes("plan"))))[0]!["id"]!)[3..];

        var created = await CreateFooterAsync(owner.Client, new { attachmentId = "att" + attachment, body = Storage("<p>On the file</p>") });
        var id = (string)created["id"]!;
        Assert.Equal("att" + attachment, (string?)created["attachmentId"]);
        Assert.False(created.AsObject().ContainsKey("pageId"));
        Assert.Equal("Re: plan.txt", (string?)created["title"]);
        var reply = (string)(await CreateFooterAsync(owner.Client, new { parentCommentId = id, body = Storage("<p>Reply</p>") }))["id"]!;
        // v1 comments on an attachment too, naming it as the container (with or without "att", as v1 takes attachment ids).
        var fromV1 = (string)(await owner.Client.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = attachment, type = "attachment" }, body = StorageBody("<p>From v1</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        Assert.Equal("att" + attachment, (string?)(await owner.Client.GetContentAsync(fromV1, "?expand=container"))["container"]!["id"]);

        var listing = (await reader.Client.Get($"{V2}/attachments/att{attachment}/footer-comments?body-format=storage")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([id, fromV1], Ids(listing));
        Assert.Equal("att" + attachment, (string?)listing["results"]![0]!["attachmentId"]);
        Assert.Equal("<p>On the file</p>", (string?)listing["results"]![0]!["body"]!["storage"]!["value"]);
        Assert.Equal([reply], Ids((await reader.Client.Get($"{V2}/footer-comments/{id}/children")).Expect(HttpStatusCode.OK).Json!));
        Assert.Equal([id, fromV1], Ids((await reader.Client.Get($"{ContentUrl}/{attachment}/child/comment")).Expect(HttpStatusCode.OK).Json!));
        Assert.Equal([id, fromV1, reply], Ids((await reader.Client.Get($"{ContentUrl}/{attachment}/child/comment?depth=all")).Json!));
        // The page's own comments are not its attachment's.
        Assert.Empty(Ids((await reader.Client.Get($"{V2}/pages/{page}/footer-comments")).Expect(HttpStatusCode.OK).Json!));
        // Attachments take no inline comments.
        (await owner.Client.PostJson($"{V2}/inline-comments", new
        {
            attachmentId = attachment, body = Storage("<p>x</p>"),
            inlineCommentProperties = new { textSelection = "plan", textSelectionMatchCount = 1, textSelectionMatchIndex = 0 },
        })).ExpectV2Error(HttpStatusCode.BadRequest);

        // The page goes to the trash: the comment on its attachment is hidden from the reader everywhere, and takes no new comments.
        (await owner.Client.Delete($"{ContentUrl}/{page}")).Expect(HttpStatusCode.NoContent);
        (await reader.Client.Get($"{V2}/footer-comments/{id}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{V2}/footer-comments/{reply}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{ContentUrl}/{id}")).Expect(HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, (await reader.Client.WalkAsync($"{V2}/footer-comments")).Select(r => (string)r["id"]!));
        var found = (await reader.Client.Get($"/wiki/rest/api/content/search?cql={Uri.EscapeDataString($"space = {key} AND type = comment")}"))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Empty(Ids(found));
        Assert.Empty(Ids((await reader.Client.Get($"{ContentUrl}?type=comment&spaceKey={key}")).Expect(HttpStatusCode.OK).Json!));
        // The space's admin still sees it in the trash, but comments there no more.
        Assert.Equal(id, (string?)(await owner.Client.Get($"{V2}/footer-comments/{id}")).Expect(HttpStatusCode.OK).Json!["id"]);
        (await owner.Client.PostJson($"{V2}/footer-comments", new { attachmentId = attachment, body = Storage("<p>late</p>") }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task An_attachment_moved_to_another_space_takes_its_comments_along()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var closed = await owner.Client.SharedSpaceAsync([]);
        var open = await owner.Client.SharedSpaceAsync([reader]);
        var from = (string)(await owner.Client.CreatePageAsync(closed, "From"))["id"]!;
        var to = (string)(await owner.Client.CreatePageAsync(open, "To"))["id"]!;
        var attachment = (string)(await owner.Client.AttachAsync(from, new UploadFile("moving.txt", AttachmentTestSupport.Bytes("m"))))[0]!["id"]!;
        var comment = (string)(await CreateFooterAsync(owner.Client, new { attachmentId = attachment, body = Storage("<p>Along</p>") }))["id"]!;
        var reply = (string)(await CreateFooterAsync(owner.Client, new { parentCommentId = comment, body = Storage("<p>Too</p>") }))["id"]!;
        (await reader.Client.Get($"{V2}/footer-comments/{comment}")).ExpectV2Error(HttpStatusCode.NotFound);

        (await owner.Client.PutJson($"{AttachmentTestSupport.Attachments(from)}/{attachment}",
            new { id = attachment, type = "attachment", version = new { number = 2 }, container = new { id = to } })).Expect(HttpStatusCode.OK);

        Assert.Equal(open, (string?)(await reader.Client.GetContentAsync(comment, "?expand=space"))["space"]!["key"]);
        Assert.Equal(open, (string?)(await reader.Client.GetContentAsync(reply, "?expand=space"))["space"]!["key"]);
        Assert.Equal([comment], Ids((await reader.Client.Get($"{V2}/attachments/{attachment}/footer-comments")).Expect(HttpStatusCode.OK).Json!));
    }

    [SkippableFact]
    public async Task An_inline_comment_highlights_its_text_in_the_page_and_dangles_when_an_edit_removes_it()
    {
        var owner = await NewUserAsync();
        var (key, _) = await owner.Client.NewSpaceAsync();
        const string body = "<p>One two <b>three</b> two four</p><p>two</p>";
        var page = (string)(await owner.Client.CreatePageAsync(key, "Highlighted", body))["id"]!;
        async Task<string> PageBodyAsync() => (string)(await owner.Client.GetContentAsync(page, "?expand=body.storage,version"))["body"]!["storage"]!["value"]!;
        async Task<JsonNode> InlineAsync(string text, int count, int index) =>
            (await owner.Client.PostJson($"{V2}/inline-comments", new
            {
                pageId = page, body = Storage("<p>Note</p>"),
                inlineCommentProperties = new { textSelection = text, textSelectionMatchCount = count, textSelectionMatchIndex = index },
            })).Expect(HttpStatusCode.Created).Json!;

        // The second of three "two"s (the third is in another paragraph) is wrapped; the page keeps its version.
        var second = await InlineAsync("two", 3, 1);
        var secondRef = (string)second["properties"]!["inline-marker-ref"]!;
        Assert.Equal("two", (string?)second["properties"]!["inline-original-selection"]);
        Assert.Equal("open", (string?)second["resolutionStatus"]);
        Assert.Equal($"<p>One two <b>three</b> <ac:inline-comment-marker ac:ref=\"{secondRef}\">two</ac:inline-comment-marker> four</p><p>two</p>",
            await PageBodyAsync());
        Assert.Equal(1, (int)(await owner.Client.GetContentAsync(page, "?expand=version"))["version"]!["number"]!);

        // A selection across formatting gets one marker per piece of text, with one ref.
        var across = await InlineAsync("two three", 1, 0);
        var acrossRef = (string)across["properties"]!["inlineMarkerRef"]!;
        Assert.StartsWith(
            $"<p>One <ac:inline-comment-marker ac:ref=\"{acrossRef}\">two </ac:inline-comment-marker><b><ac:inline-comment-marker ac:ref=\"{acrossRef}\">three</ac:inline-comment-marker></b> ",
            await PageBodyAsync());

        // Text the page does not have, or fewer times than the index needs: 400, and nothing is written.
        var before = await PageBodyAsync();
        var comments = await Server.CountAsync("SELECT COUNT(*) FROM content WHERE container_id = @id", new { id = long.Parse(page) });
        foreach (var (text, count, index) in new[] { ("absent", 1, 0), ("two", 6, 5), ("four</p>", 1, 0), ("four two", 1, 0) })
            (await owner.Client.PostJson($"{V2}/inline-comments", new
            {
                pageId = page, body = Storage("<p>x</p>"),
                inlineCommentProperties = new { textSelection = text, textSelectionMatchCount = count, textSelectionMatchIndex = index },
            })).ExpectV2Error(HttpStatusCode.BadRequest);
        Assert.Equal(before, await PageBodyAsync());
        Assert.Equal(comments, await Server.CountAsync("SELECT COUNT(*) FROM content WHERE container_id = @id", new { id = long.Parse(page) }));

        // An edit that drops the second comment's highlight leaves it dangling, in v2 and v1; the other stays open.
        var withoutSecond = before.Replace($"<ac:inline-comment-marker ac:ref=\"{secondRef}\">two</ac:inline-comment-marker>", "2", StringComparison.Ordinal);
        await owner.Client.UpdateAsync(page, 2, "Highlighted", withoutSecond);
        var secondId = (string)second["id"]!;
        Assert.Equal("dangling", (string?)(await owner.Client.Get($"{V2}/inline-comments/{secondId}")).Expect(HttpStatusCode.OK).Json!["resolutionStatus"]);
        Assert.Equal("open", (string?)(await owner.Client.Get($"{V2}/inline-comments/{(string)across["id"]!}")).Json!["resolutionStatus"]);
        Assert.Equal("dangling", (string?)(await owner.Client.GetContentAsync(secondId, "?expand=extensions"))["extensions"]!["resolution"]!["status"]);
        Assert.Equal([secondId], Ids((await owner.Client.Get($"{V2}/pages/{page}/inline-comments?resolution-status=dangling")).Expect(HttpStatusCode.OK).Json!));
        // A dangling comment is neither resolved nor reopened.
        (await owner.Client.PutJson($"{V2}/inline-comments/{secondId}", new { resolved = true })).ExpectV2Error(HttpStatusCode.BadRequest);

        // The highlight back (the earlier body saved again): open again.
        await owner.Client.UpdateAsync(page, 3, "Highlighted", before);
        Assert.Equal("open", (string?)(await owner.Client.Get($"{V2}/inline-comments/{secondId}")).Json!["resolutionStatus"]);
        Assert.Equal("open", (string?)(await owner.Client.GetContentAsync(secondId, "?expand=extensions"))["extensions"]!["resolution"]!["status"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CommentApiV2TestsOnSqlite(SqliteServerFixture fixture) : CommentApiV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class CommentApiV2TestsOnPostgres(PostgresServerFixture fixture) : CommentApiV2Tests(fixture);
