using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.ApiV2.BlogPost;

/// <summary>The v2 <c>Blog Post</c> group: v1's blog posts, written and read through v2's shapes and cursor listings.</summary>
public abstract class BlogPostApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static async Task<JsonNode> CreatePostAsync(HttpClient client, string spaceId, string title, string body = "<p>post</p>",
        string query = "", string? status = null)
    {
        var request = new JsonObject
        {
            ["spaceId"] = spaceId, ["title"] = title,
            ["body"] = new JsonObject { ["representation"] = "storage", ["value"] = body },
        };
        if (status is not null) request["status"] = status;
        return (await client.PostJson($"{V2}/blogposts{query}", request)).Expect(HttpStatusCode.OK).Json!;
    }

    [SkippableFact]
    public async Task A_blog_post_created_in_v2_is_read_in_v1_and_the_reverse()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var word = "quokka" + Unique();
        var created = await CreatePostAsync(Admin, spaceId, "News " + word, $"<p>{word}</p>");
        var id = (string)created["id"]!;
        Assert.Equal(spaceId, (string)created["spaceId"]!);
        Assert.Equal("current", (string)created["status"]!);
        Assert.Equal(1, (int)created["version"]!["number"]!);
        Assert.Equal($"<p>{word}</p>", (string)created["body"]!["storage"]!["value"]!);
        Assert.Null(created["parentId"]);
        Assert.Null(created["position"]);

        var v1 = await Admin.GetContentAsync(id, "?expand=body.storage,space");
        Assert.Equal("blogpost", (string)v1["type"]!);
        Assert.Equal(key, (string)v1["space"]!["key"]!);
        Assert.Equal($"<p>{word}</p>", (string)v1["body"]!["storage"]!["value"]!);
        var found = (await Admin.Get($"/wiki/rest/api/content/search?cql={Uri.EscapeDataString($"type = blogpost AND text ~ \"{word}\"")}"))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Contains(found["results"]!.AsArray(), r => (string)r!["id"]! == id);

        var fromV1 = (string)(await Admin.CreatePageAsync(key, "Old news", "<p>v1 <em>body</em></p>", type: "blogpost"))["id"]!;
        var read = (await Admin.Get($"{V2}/blogposts/{fromV1}?body-format=view")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("Old news", (string)read["title"]!);
        Assert.Contains("<em>body</em>", (string)read["body"]!["view"]!["value"]!);
        Assert.StartsWith("http", (string)read["_links"]!["base"]!);
        // A blog post is not a page, nor a page a blog post.
        (await Admin.Get($"{V2}/pages/{fromV1}")).ExpectV2Error(HttpStatusCode.NotFound);
        var page = (string)(await Admin.CreatePageAsync(key, "A page"))["id"]!;
        (await Admin.Get($"{V2}/blogposts/{page}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Delete($"{V2}/blogposts/{page}")).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Update_versions_delete_trashes_purge_removes_and_drafts_are_discarded()
    {
        var (_, spaceId) = await Admin.NewSpaceAsync();
        var id = (string)(await CreatePostAsync(Admin, spaceId, "Draft me " + Unique()))["id"]!;
        var updated = (await Admin.PutJson($"{V2}/blogposts/{id}", new
        {
            id, status = "current", title = "Renamed " + id, body = new { representation = "storage", value = "<p>two</p>" },
            version = new { number = 2, message = "second" },
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(2, (int)updated["version"]!["number"]!);
        Assert.Equal("second", (string)updated["version"]!["message"]!);
        Assert.Equal("<p>two</p>", (string)updated["body"]!["storage"]!["value"]!);
        (await Admin.PutJson($"{V2}/blogposts/{id}", new
        {
            id, status = "current", title = "Stale", body = new { representation = "storage", value = "<p>x</p>" }, version = new { number = 2 },
        })).ExpectV2Error(HttpStatusCode.Conflict);
        Assert.Equal(["2", "1"], (await Admin.Get($"{V2}/blogposts/{id}/versions")).Json!["results"]!.AsArray().Select(v => v!["number"]!.ToString()));

        (await Admin.Delete($"{V2}/blogposts/{id}?purge=true")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Delete($"{V2}/blogposts/{id}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"{V2}/blogposts/{id}")).ExpectV2Error(HttpStatusCode.NotFound);
        Assert.Equal("trashed", (string)(await Admin.Get($"{V2}/blogposts/{id}?status=trashed")).Expect(HttpStatusCode.OK).Json!["status"]!);
        var trashed = await Admin.WalkAsync($"{V2}/spaces/{spaceId}/blogposts?status=trashed");
        Assert.Contains(trashed, p => (string)p["id"]! == id);
        (await Admin.Delete($"{V2}/blogposts/{id}?purge=true")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"/wiki/rest/api/content/{id}?status=trashed")).ExpectError(HttpStatusCode.NotFound);

        var draft = (string)(await CreatePostAsync(Admin, spaceId, "Unfinished", status: "draft"))["id"]!;
        (await Admin.Delete($"{V2}/blogposts/{draft}")).ExpectV2Error(HttpStatusCode.BadRequest);
        Assert.Equal("draft", (string)(await Admin.Get($"{V2}/blogposts/{draft}?get-draft=true")).Expect(HttpStatusCode.OK).Json!["status"]!);
        (await Admin.Delete($"{V2}/blogposts/{draft}?draft=true")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"{V2}/blogposts/{draft}?get-draft=true")).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Listings_walk_by_cursor_and_filter_by_space_id_title_and_label()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var (_, otherSpace) = await Admin.NewSpaceAsync();
        var ids = new List<string>();
        for (var i = 0; i < 7; i++) ids.Add((string)(await CreatePostAsync(Admin, spaceId, $"Post {i} {Unique()}"))["id"]!);
        var elsewhere = (string)(await CreatePostAsync(Admin, otherSpace, "Elsewhere " + Unique()))["id"]!;
        await Admin.CreatePageAsync(key, "Not a post");

        var inSpace = await Admin.WalkAsync($"{V2}/spaces/{spaceId}/blogposts?limit=3");
        Assert.Equal(ids.Select(id => (string?)id).ToList(), inSpace.Select(p => (string?)p["id"]).ToList());
        var newestFirst = await Admin.WalkAsync($"{V2}/blogposts?space-id={spaceId}&limit=2&sort=-created-date");
        Assert.Equal(ids.AsEnumerable().Reverse().Select(id => (string?)id).ToList(), newestFirst.Select(p => (string?)p["id"]).ToList());
        var both = await Admin.WalkAsync($"{V2}/blogposts?space-id={spaceId},{otherSpace}&limit=250&body-format=storage");
        Assert.Equal(8, both.Count);
        Assert.Equal("<p>post</p>", (string)both[0]["body"]!["storage"]!["value"]!);
        var byId = await Admin.WalkAsync($"{V2}/blogposts?id={ids[2]}&id={elsewhere}");
        Assert.Equal([ids[2], elsewhere], byId.Select(p => (string)p["id"]!));
        var title = (string)(await Admin.Get($"{V2}/blogposts/{ids[4]}")).Json!["title"]!;
        Assert.Equal([ids[4]], (await Admin.WalkAsync($"{V2}/spaces/{spaceId}/blogposts?title={Uri.EscapeDataString(title.ToUpperInvariant())}"))
            .Select(p => (string)p["id"]!));

        var label = "news-" + Unique();
        foreach (var id in new[] { ids[1], ids[5], elsewhere })
            (await Admin.PostJson($"{ContentUrl}/{id}/label", new[] { new { prefix = "global", name = label } })).Expect(HttpStatusCode.OK);
        var labelId = (string)(await Admin.Get($"{V2}/blogposts/{ids[1]}/labels")).Json!["results"]![0]!["id"]!;
        Assert.Equal([ids[1], ids[5], elsewhere], (await Admin.WalkAsync($"{V2}/labels/{labelId}/blogposts?limit=1")).Select(p => (string)p["id"]!));
        Assert.Equal([ids[1], ids[5]], (await Admin.WalkAsync($"{V2}/labels/{labelId}/blogposts?space-id={spaceId}")).Select(p => (string)p["id"]!));

        // A walk never repeats or skips what was there throughout, while posts are added and trashed.
        var late = new List<string>();
        var walked = await Admin.WalkAsync($"{V2}/spaces/{spaceId}/blogposts?limit=2", async page =>
        {
            if (page != 0) return;
            (await Admin.Delete($"{V2}/blogposts/{ids[5]}")).Expect(HttpStatusCode.NoContent);
            late.Add((string)(await CreatePostAsync(Admin, spaceId, "Late " + Unique()))["id"]!);
        });
        Assert.Equal(ids.Where(id => id != ids[5]).Concat(late).Select(id => (string?)id).ToList(), walked.Select(p => (string?)p["id"]).ToList());
    }

    [SkippableFact]
    public async Task A_private_post_and_a_hidden_space_are_invisible_to_another_reader()
    {
        var (_, spaceId) = await Admin.NewSpaceAsync();
        var reader = await NewUserAsync();
        var open = (string)(await CreatePostAsync(Admin, spaceId, "Open " + Unique()))["id"]!;
        var mine = (string)(await CreatePostAsync(Admin, spaceId, "Private " + Unique(), query: "?private=true"))["id"]!;
        (await reader.Client.Get($"{V2}/blogposts/{open}")).Expect(HttpStatusCode.OK);
        (await reader.Client.Get($"{V2}/blogposts/{mine}")).ExpectV2Error(HttpStatusCode.NotFound);
        var seen = await reader.Client.WalkAsync($"{V2}/spaces/{spaceId}/blogposts");
        Assert.Equal([open], seen.Select(p => (string)p["id"]!));
        Assert.Equal(2, (await Admin.WalkAsync($"{V2}/spaces/{spaceId}/blogposts")).Count);

        var hidden = await Admin.CreateSpaceAsync(isPrivate: true);
        var hiddenId = ((long)hidden["id"]!).ToString();
        (await reader.Client.Get($"{V2}/spaces/{hiddenId}/blogposts")).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.PostJson($"{V2}/blogposts", new { spaceId = hiddenId, title = "Sneaky" })).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Bad_input_gets_v2s_error_body_and_changes_nothing()
    {
        var (_, spaceId) = await Admin.NewSpaceAsync();
        var title = "Kept " + Unique();
        var id = (string)(await CreatePostAsync(Admin, spaceId, title))["id"]!;

        (await Admin.PostJson($"{V2}/blogposts", new { spaceId, title = "No body", status = "archived" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/blogposts", new { spaceId = "abc", title = "Bad space" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/blogposts", new { spaceId, title, body = new { representation = "storage", value = "<p>dup</p>" } }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/blogposts", new { spaceId, title = "Bad body", body = new { representation = "storage", value = "<p>open" } }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, $"{V2}/blogposts", "{\"spaceId\":")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{V2}/blogposts/{id}", new { id, status = "current", title = "No version" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{V2}/blogposts/{id}", new { id = "1", status = "current", title = "x", version = new { number = 2 } }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/blogposts?sort=title")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/blogposts?status=archived")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/blogposts?limit=251")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/blogposts?cursor=zz")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/blogposts/{id}?body-format=wiki")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/labels/999999999/blogposts")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Delete($"{V2}/blogposts/x")).ExpectV2Error(HttpStatusCode.BadRequest);

        var now = (await Admin.Get($"{V2}/blogposts/{id}?body-format=storage")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(title, (string)now["title"]!);
        Assert.Equal(1, (int)now["version"]!["number"]!);
        Assert.Single(await Admin.WalkAsync($"{V2}/spaces/{spaceId}/blogposts"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BlogPostApiTestsOnSqlite(SqliteServerFixture fixture) : BlogPostApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class BlogPostApiTestsOnPostgres(PostgresServerFixture fixture) : BlogPostApiTests(fixture);
