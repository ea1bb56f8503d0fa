using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

public abstract class ContentApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Create_and_get_a_page_with_default_expansions_and_the_body_kept_exactly()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        const string body = "<p>Caf&eacute; &nbsp;<strong>bold</strong></p>\n<ac:structured-macro ac:name=\"info\"><ac:rich-text-body><p>x</p></ac:rich-text-body></ac:structured-macro>";
        var created = await Admin.CreatePageAsync(key, "First page", body);
        var id = (string)created["id"]!;
        Assert.Equal("page", (string?)created["type"]);
        Assert.Equal("current", (string?)created["status"]);
        Assert.Equal(key, (string?)created["space"]?["key"]);
        Assert.Equal(1, (int?)created["version"]?["number"]);
        Assert.True((bool?)created["history"]?["latest"]);
        Assert.NotNull(created["history"]?["createdBy"]?["accountId"]);
        Assert.NotNull(created["_expandable"]?["body"]);
        Assert.Equal($"/spaces/{key}/pages/{id}/First+page", (string?)created["_links"]?["webui"]);
        Assert.NotNull(created["_links"]?["base"]);

        var got = await Admin.GetContentAsync(id, "?expand=body.storage,body.view,version");
        Assert.Equal(body, (string?)got["body"]?["storage"]?["value"]);
        Assert.Equal("storage", (string?)got["body"]?["storage"]?["representation"]);
        Assert.Contains("Café", (string?)got["body"]?["view"]?["value"]);
        Assert.Null(got["space"]);

        var defaults = await Admin.GetContentAsync(id);
        Assert.NotNull(defaults["space"]);
        Assert.NotNull(defaults["history"]);
        Assert.NotNull(defaults["version"]);
    }

    [SkippableFact]
    public async Task Restrictions_expand_to_empty_read_and_update_lists()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Open page"))["id"]!;
        var page = await Admin.GetContentAsync(id, "?expand=restrictions.read.restrictions.user,restrictions.read.restrictions.group,restrictions.update");
        var read = page["restrictions"]!["read"]!;
        Assert.Equal("read", (string?)read["operation"]);
        Assert.Empty(read["restrictions"]!["user"]!["results"]!.AsArray());
        Assert.Equal(0, (int?)read["restrictions"]!["group"]!["size"]);
        Assert.Equal("update", (string?)page["restrictions"]!["update"]!["operation"]);
        Assert.NotNull(page["restrictions"]!["update"]!["_expandable"]!["restrictions"]);
        Assert.False(page["_expandable"]!.AsObject().ContainsKey("restrictions"));
        var plain = await Admin.GetContentAsync(id);
        Assert.Equal($"/rest/api/content/{id}/restriction/byOperation", (string?)plain["_expandable"]!["restrictions"]);
    }

    [SkippableFact]
    public async Task Child_pages_get_positions_and_ancestors_top_down()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var top = (string)(await Admin.CreatePageAsync(key, "Top"))["id"]!;
        var middle = (string)(await Admin.CreatePageAsync(key, "Middle", parentId: top))["id"]!;
        var second = await Admin.CreatePageAsync(key, "Second", parentId: top);
        var leaf = await Admin.GetContentAsync((string)(await Admin.CreatePageAsync(key, "Leaf", parentId: middle))["id"]!, "?expand=ancestors,container");
        Assert.Equal([top, middle], leaf["ancestors"]!.AsArray().Select(a => (string?)a!["id"]).ToList());
        Assert.Equal(key, (string?)leaf["container"]?["key"]);
        Assert.Equal(1, (int?)second["extensions"]?["position"]);
    }

    [SkippableFact]
    public async Task Create_refuses_bad_input_and_stores_nothing()
    {
        var key = SpaceTestSupport.NewKey();
        var space = await Admin.CreateSpaceAsync(key);
        var other = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(other);
        var foreignParent = (string)(await Admin.CreatePageAsync(other, "Elsewhere"))["id"]!;
        await Admin.CreatePageAsync(key, "Taken");
        var before = await Count(space);

        (await Admin.SendRaw(HttpMethod.Post, ContentUrl, "{\"type\":\"page\",")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, ContentUrl, $"{{\"type\":\"page\",\"title\":5,\"space\":{{\"key\":\"{key}\"}}}}")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson(ContentUrl, new { type = "page", space = new { key } })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson(ContentUrl, new { type = "page", title = "No space" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson(ContentUrl, new { type = "widget", title = "x", space = new { key } })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson(ContentUrl, new { type = "page", title = new string('t', 256), space = new { key } })).ExpectError(HttpStatusCode.BadRequest);
        var duplicate = (await Admin.PostJson(ContentUrl, new { type = "page", title = "TAKEN", space = new { key } })).ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal("A page with this title already exists: A page already exists with the same TITLE in this space", duplicate.ErrorMessage);
        var malformed = (await Admin.PostJson(ContentUrl, new { type = "page", title = "Bad body", space = new { key }, body = StorageBody("<p><b>bold</p>") }))
            .ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal("Error parsing xhtml: Unexpected close tag </p>; expected </b> at line 1, column 13", malformed.ErrorMessage);
        (await Admin.PostJson(ContentUrl, new { type = "page", title = "Bad entity", space = new { key }, body = StorageBody("<p>&nosuch;</p>") }))
            .ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson(ContentUrl, new { type = "page", title = "Foreign parent", space = new { key }, ancestors = new[] { new { id = foreignParent } } }))
            .ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson(ContentUrl, new { type = "page", title = "Unknown parent", space = new { key }, ancestors = new[] { new { id = "999999999" } } }))
            .ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson(ContentUrl, new { type = "comment", body = StorageBody("<p>c</p>") })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson(ContentUrl, new { type = "comment", container = new { id = "999999999", type = "page" }, body = StorageBody("<p>c</p>") }))
            .ExpectError(HttpStatusCode.NotFound);
        (await Admin.PostJson(ContentUrl, new { type = "page", title = "Nowhere", space = new { key = "NOSUCHSPACE" } })).ExpectError(HttpStatusCode.NotFound);

        Assert.Equal(before, await Count(space));
    }

    [SkippableFact]
    public async Task Permissions_decide_who_sees_creates_and_deletes()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var privateKey = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(privateKey, isPrivate: true);
        var page = (string)(await Admin.CreatePageAsync(key, "Public page"))["id"]!;
        var hidden = (string)(await Admin.CreatePageAsync(privateKey, "Private page"))["id"]!;
        var user = await NewUserAsync();

        (await user.Client.Get($"{ContentUrl}/{hidden}")).ExpectError(HttpStatusCode.NotFound);
        (await user.Client.PostJson(ContentUrl, new { type = "page", title = "Intruder", space = new { key = privateKey } })).ExpectError(HttpStatusCode.NotFound);
        var list = (await user.Client.Get($"{ContentUrl}?spaceKey={privateKey}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Empty(list["results"]!.AsArray());

        // Site users may add pages to a global space but not delete them.
        (await user.Client.Get($"{ContentUrl}/{page}")).Expect(HttpStatusCode.OK);
        (await user.Client.Delete($"{ContentUrl}/{page}")).ExpectError(HttpStatusCode.Forbidden);
        await Admin.GetContentAsync(page);
    }

    [SkippableFact]
    public async Task Footer_and_inline_comments()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var page = (string)(await Admin.CreatePageAsync(key, "Discussed"))["id"]!;
        var footer = (await Admin.PostJson($"{ContentUrl}?expand=container,body.storage", new
        {
            type = "comment", container = new { id = page, type = "page" }, body = StorageBody("<p>Nice</p>"),
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("Re: Discussed", (string?)footer["title"]);
        Assert.Equal("footer", (string?)footer["extensions"]?["location"]);
        Assert.Equal(page, (string?)footer["container"]?["id"]);

        var inline = (await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = long.Parse(page), type = "page" }, body = StorageBody("<p>Here</p>"),
            extensions = new { location = "inline", inlineProperties = new { originalSelection = "Hello", markerRef = "abc" } },
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("inline", (string?)inline["extensions"]?["location"]);
        Assert.Equal("abc", (string?)inline["extensions"]?["inlineProperties"]?["markerRef"]);

        var reply = (await Admin.PostJson($"{ContentUrl}?expand=ancestors", new
        {
            type = "comment", container = new { id = page, type = "page" }, ancestors = new[] { new { id = (string)footer["id"]! } }, body = StorageBody("<p>Thanks</p>"),
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal((string?)footer["id"], (string?)reply["ancestors"]?[0]?["id"]);
        var otherPage = (string)(await Admin.CreatePageAsync(key, "Elsewhere"))["id"]!;
        (await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = otherPage, type = "page" }, ancestors = new[] { new { id = (string)footer["id"]! } }, body = StorageBody("<p>Lost</p>"),
        })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = page, type = "page" }, body = StorageBody("<p>x</p>"), extensions = new { location = "sideways" },
        })).ExpectError(HttpStatusCode.BadRequest);

        var comments = (await Admin.Get($"{ContentUrl}?type=comment&spaceKey={key}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(3, comments["results"]!.AsArray().Count);
        (await Admin.Delete($"{ContentUrl}/{(string)footer["id"]!}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"{ContentUrl}/{(string)footer["id"]!}?status=any")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Views_never_carry_script()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        const string hostile = "<p onclick=\"alert(1)\">hi<script>alert(2)</script><a href=\"javascript:alert(3)\">x</a></p>";
        var id = (string)(await Admin.CreatePageAsync(key, "Hostile", hostile))["id"]!;
        var got = await Admin.GetContentAsync(id, "?expand=body.view,body.export_view,body.storage");
        Assert.Equal(hostile, (string?)got["body"]?["storage"]?["value"]);
        foreach (var representation in new[] { "view", "export_view" })
        {
            var view = (string)got["body"]![representation]!["value"]!;
            Assert.DoesNotContain("script", view, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onclick", view, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript", view, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(representation, (string?)got["body"]![representation]!["representation"]);
        }
    }

    [SkippableFact]
    public async Task Updates_make_versions_and_refuse_what_is_wrong()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var parent = (string)(await Admin.CreatePageAsync(key, "Parent"))["id"]!;
        var id = (string)(await Admin.CreatePageAsync(key, "Original", "<p>v1</p>", parentId: parent))["id"]!;
        await Admin.CreatePageAsync(key, "Other title");
        var child = (string)(await Admin.CreatePageAsync(key, "Child", parentId: id))["id"]!;

        var updated = await Admin.UpdateAsync(id, 2, "Renamed", "<p>v2</p>");
        Assert.Equal(2, (int?)updated["version"]?["number"]);
        Assert.Equal("Renamed", (string?)updated["title"]);

        var skipped = (await Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = 4 }, type = "page", title = "Skip", body = StorageBody("<p>x</p>") }))
            .ExpectError(HttpStatusCode.Conflict);
        Assert.Equal("Version must be incremented on update. Current version is: 2", skipped.ErrorMessage);
        (await Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = 2 }, type = "page", title = "Same", body = StorageBody("<p>x</p>") }))
            .ExpectError(HttpStatusCode.Conflict);
        (await Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = 3 }, type = "page", title = "Other title" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = 3 }, type = "page", title = "Bad", body = StorageBody("<p>") })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = 3 }, type = "page", title = "Self", ancestors = new[] { new { id } } }))
            .ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = 3 }, type = "page", title = "Under child", ancestors = new[] { new { id = child } } }))
            .ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = 3 }, type = "page" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = 3 }, type = "blogpost", title = "Renamed" })).ExpectError(HttpStatusCode.BadRequest);
        var otherKey = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(otherKey);
        var foreign = (string)(await Admin.CreatePageAsync(otherKey, "Foreign"))["id"]!;
        (await Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = 3 }, type = "page", title = "Renamed", ancestors = new[] { new { id = foreign } } }))
            .ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{ContentUrl}/{id}", new { type = "page", title = "No version" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Put, $"{ContentUrl}/{id}", "{\"version\":{\"number\":\"3\"},\"type\":\"page\",\"title\":\"x\"}")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Put, $"{ContentUrl}/{id}", "{nope")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{ContentUrl}/999999999", new { version = new { number = 2 }, type = "page", title = "Ghost" })).ExpectError(HttpStatusCode.NotFound);

        var unchanged = await Admin.GetContentAsync(id, "?expand=body.storage,version,ancestors");
        Assert.Equal("Renamed", (string?)unchanged["title"]);
        Assert.Equal("<p>v2</p>", (string?)unchanged["body"]?["storage"]?["value"]);
        Assert.Equal(2, (int?)unchanged["version"]?["number"]);
        Assert.Equal(parent, (string?)unchanged["ancestors"]?[0]?["id"]);

        // Moving to the top of the space: a new parent, version 3.
        var top = (string)(await Admin.CreatePageAsync(key, "New parent"))["id"]!;
        var moved = (await Admin.PutJson($"{ContentUrl}/{id}?expand=ancestors", new { version = new { number = 3, message = "moved" }, type = "page", title = "Renamed", ancestors = new[] { new { id = top } } }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(top, (string?)moved["ancestors"]?[0]?["id"]);

        var old = await Admin.GetContentAsync(id, "?status=historical&version=1&expand=body.storage,history.nextVersion,history.previousVersion,version");
        Assert.Equal("historical", (string?)old["status"]);
        Assert.Equal("Original", (string?)old["title"]);
        Assert.Equal("<p>v1</p>", (string?)old["body"]?["storage"]?["value"]);
        Assert.False((bool?)old["history"]?["latest"]);
        Assert.Equal(2, (int?)old["history"]?["nextVersion"]?["number"]);
        (await Admin.Get($"{ContentUrl}/{id}?status=historical&version=42")).ExpectError(HttpStatusCode.NotFound);

        var history = (await Admin.Get($"{ContentUrl}/{id}/history?expand=lastUpdated,previousVersion,contributors.publishers")).Expect(HttpStatusCode.OK).Json!;
        Assert.True((bool?)history["latest"]);
        Assert.Equal(3, (int?)history["lastUpdated"]?["number"]);
        Assert.Equal("moved", (string?)history["lastUpdated"]?["message"]);
        Assert.Equal(2, (int?)history["previousVersion"]?["number"]);
        Assert.Single(history["contributors"]!["publishers"]!["users"]!.AsArray());
    }

    [SkippableFact]
    public async Task Trash_restore_and_purge()
    {
        var key = SpaceTestSupport.NewKey();
        var space = await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Doomed"))["id"]!;
        (await Admin.Delete($"{ContentUrl}/{id}?status=trashed")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Delete($"{ContentUrl}/{id}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"{ContentUrl}/{id}")).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal("trashed", (string?)(await Admin.GetContentAsync(id, "?status=trashed"))["status"]);
        var listed = (await Admin.Get($"{ContentUrl}?spaceKey={key}&status=trashed")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([id], listed["results"]!.AsArray().Select(r => (string?)r!["id"]).ToList());
        (await Admin.Delete($"{ContentUrl}/{id}")).ExpectError(HttpStatusCode.NotFound);

        // The title is free while the page is in the trash, so restoring it clashes with a newcomer.
        var newcomer = (string)(await Admin.CreatePageAsync(key, "Doomed"))["id"]!;
        (await Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = 2 }, type = "page", title = "Doomed", status = "current" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Delete($"{ContentUrl}/{newcomer}")).Expect(HttpStatusCode.NoContent);
        var restored = (await Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = 2 }, type = "page", title = "Doomed", status = "current" })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("current", (string?)restored["status"]);

        (await Admin.Delete($"{ContentUrl}/{newcomer}?status=trashed")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"{ContentUrl}/{newcomer}?status=any")).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal(0, await Server.CountAsync("SELECT COUNT(*) FROM content_versions WHERE content_id = @id", new { id = long.Parse(newcomer) }));
        Assert.Equal(1, await Server.CountAsync("SELECT COUNT(*) FROM content_versions WHERE content_id = @id", new { id = long.Parse(id) }));
        Assert.True(await Count(space) > 0);
    }

    [SkippableFact]
    public async Task Drafts_are_their_authors_and_never_listed_as_current()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var draft = await Admin.CreatePageAsync(key, "Work in progress", status: "draft");
        var id = (string)draft["id"]!;
        Assert.Equal("draft", (string?)draft["status"]);
        var current = (await Admin.Get($"{ContentUrl}?spaceKey={key}&title=Work%20in%20progress")).Expect(HttpStatusCode.OK).Json!;
        Assert.Empty(current["results"]!.AsArray());
        var drafts = (await Admin.Get($"{ContentUrl}?spaceKey={key}&status=draft")).Expect(HttpStatusCode.OK).Json!;
        Assert.Single(drafts["results"]!.AsArray());
        var user = await NewUserAsync();
        (await user.Client.Get($"{ContentUrl}/{id}?status=draft")).ExpectError(HttpStatusCode.NotFound);
        Assert.Empty((await user.Client.Get($"{ContentUrl}?spaceKey={key}&status=draft")).Json!["results"]!.AsArray());

        (await user.Client.PutJson($"{ContentUrl}/{id}", new { version = new { number = 1 }, type = "page", title = "Stolen", status = "current" }))
            .ExpectError(HttpStatusCode.NotFound);
        (await Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = 1 }, type = "page", title = "Still a draft" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = 2 }, type = "page", title = "Work in progress", status = "current" }))
            .ExpectError(HttpStatusCode.Conflict);
        var published = (await Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = 1 }, type = "page", title = "Work in progress", status = "current" }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("current", (string?)published["status"]);
        Assert.Equal(1, (int?)published["version"]?["number"]);
        Assert.Equal(0, await Server.CountAsync("SELECT COUNT(*) FROM content_versions WHERE content_id = @id", new { id = long.Parse(id) }));

        // Publishing through create: the draft's id and status current.
        var second = (string)(await Admin.CreatePageAsync(key, "Second draft", "<p>draft body</p>", status: "draft"))["id"]!;
        var viaCreate = (await Admin.PostJson($"{ContentUrl}?expand=body.storage", new { id = second, type = "page", status = "current", title = "Second published", space = new { key } }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(second, (string?)viaCreate["id"]);
        Assert.Equal("current", (string?)viaCreate["status"]);
        Assert.Equal("<p>draft body</p>", (string?)viaCreate["body"]?["storage"]?["value"]);
        (await Admin.PostJson(ContentUrl, new { id = second, type = "page", status = "current", title = "Again", space = new { key } })).ExpectError(HttpStatusCode.BadRequest);

        // A site user may not delete pages of the space, but may discard a draft of its own.
        var own = (string)(await user.Client.CreatePageAsync(key, "Mine", status: "draft"))["id"]!;
        (await user.Client.Delete($"{ContentUrl}/{own}")).Expect(HttpStatusCode.NoContent);
        Assert.Equal(0, await Server.CountAsync("SELECT COUNT(*) FROM content WHERE id = @id", new { id = long.Parse(own) }));
    }

    [SkippableFact]
    public async Task Listing_filters_pages_and_blog_posts()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var a = (string)(await Admin.CreatePageAsync(key, "Alpha"))["id"]!;
        var b = (string)(await Admin.CreatePageAsync(key, "Beta"))["id"]!;
        var blog = await Admin.CreatePageAsync(key, "News", type: "blogpost");
        (await Admin.PostJson(ContentUrl, new { type = "blogpost", title = "news", space = new { key } })).ExpectError(HttpStatusCode.BadRequest);

        var pages = (await Admin.Get($"{ContentUrl}?spaceKey={key}&limit=2")).Expect(HttpStatusCode.OK).Json!;
        var ids = pages["results"]!.AsArray().Select(p => (string?)p!["id"]).ToList();
        Assert.Equal(2, ids.Count);
        Assert.NotNull(pages["_links"]?["next"]);
        Assert.NotNull(pages["results"]?[0]?["version"]);
        var all = (await Admin.Get($"{ContentUrl}?spaceKey={key}&expand=")).Expect(HttpStatusCode.OK).Json!;
        Assert.Contains(a, all["results"]!.AsArray().Select(p => (string?)p!["id"]));
        Assert.Null(all["results"]?[0]?["version"]);

        var byTitle = (await Admin.Get($"{ContentUrl}?spaceKey={key}&title=bEtA")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([b], byTitle["results"]!.AsArray().Select(p => (string?)p!["id"]).ToList());

        var day = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var posts = (await Admin.Get($"{ContentUrl}?type=blogpost&spaceKey={key}&postingDay={day}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([(string?)blog["id"]], posts["results"]!.AsArray().Select(p => (string?)p!["id"]).ToList());
        Assert.StartsWith($"/spaces/{key}/blog/", (string?)blog["_links"]?["webui"]);

        (await Admin.Get($"{ContentUrl}?type=blogpost&postingDay=yesterday")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{ContentUrl}?type=widget")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{ContentUrl}?status=weird")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{ContentUrl}?limit=-1")).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Operations_and_current_user_metadata()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Ops"))["id"]!;
        var got = await Admin.GetContentAsync(id, "?expand=operations,metadata.currentuser");
        var operations = got["operations"]!.AsArray().Select(o => (string?)o!["operation"]).ToList();
        Assert.Equal(["read", "update", "delete"], operations);
        Assert.False((bool?)got["metadata"]?["currentuser"]?["favourited"]?["isFavourite"]);
        Assert.Equal(1, (int?)got["metadata"]?["currentuser"]?["lastmodified"]?["version"]?["number"]);
        Assert.NotNull(got["metadata"]?["_expandable"]?["labels"]);

        // A favourite is the caller's my:favourite label: favourited for the caller, with its date, and for nobody else.
        (await Admin.PostJson($"{ContentUrl}/{id}/label", new[] { new { prefix = "my", name = "favourite" } })).Expect(HttpStatusCode.OK);
        var favourite = (await Admin.GetContentAsync(id, "?expand=metadata.currentuser"))["metadata"]!["currentuser"]!["favourited"]!;
        Assert.True((bool)favourite["isFavourite"]!);
        Assert.True(DateTimeOffset.TryParse((string?)favourite["favouritedDate"], out _));
        var listed = (await Admin.Get($"{ContentUrl}?spaceKey={key}&type=page&expand=metadata.currentuser")).Expect(HttpStatusCode.OK).Json!;
        Assert.True((bool)listed["results"]!.AsArray().Single(c => (string?)c!["id"] == id)!["metadata"]!["currentuser"]!["favourited"]!["isFavourite"]!);
        var other = await NewUserAsync();
        (await Admin.PostJson($"/wiki/rest/api/space/{key}/permission", new
        {
            subject = new { type = "user", identifier = other.AccountId }, operation = new { key = "read", target = "space" },
        })).Expect(HttpStatusCode.OK);
        var theirs = (await other.Client.Get($"{ContentUrl}/{id}?expand=metadata.currentuser")).Expect(HttpStatusCode.OK).Json!;
        Assert.False((bool)theirs["metadata"]!["currentuser"]!["favourited"]!["isFavourite"]!);
    }

    private Task<long> Count(JsonNode space) =>
        Server.CountAsync("SELECT COUNT(*) FROM content WHERE space_id = @id", new { id = (long)space["id"]! });
}

[Collection(SqliteCollection.Name)]
public sealed class ContentApiTestsOnSqlite(SqliteServerFixture fixture) : ContentApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentApiTestsOnPostgres(PostgresServerFixture fixture) : ContentApiTests(fixture);
