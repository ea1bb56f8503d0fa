using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.ApiV2.Page;

/// <summary>
/// The v2 <c>Page</c> group: pages written and read through v2 are v1's content (same rows, same
/// rules), listed by keyset cursor, answered in v2's shapes and v2's error body.
/// </summary>
public abstract class PageApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task A_page_created_in_v2_is_read_in_v1_and_found_by_cql()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var word = "zebrine" + Unique();
        var created = await Admin.CreateV2PageAsync(spaceId, "From v2 " + word, $"<p>{word} body</p>");
        var id = (string)created["id"]!;
        Assert.Equal(spaceId, (string)created["spaceId"]!);
        Assert.Equal("current", (string)created["status"]!);
        Assert.Equal(1, (int)created["version"]!["number"]!);
        Assert.Equal($"<p>{word} body</p>", (string)created["body"]!["storage"]!["value"]!);
        Assert.StartsWith("http", (string)created["_links"]!["base"]!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string)created["createdAt"]!);

        var v1 = await Admin.GetContentAsync(id, "?expand=body.storage,version,space");
        Assert.Equal("From v2 " + word, (string)v1["title"]!);
        Assert.Equal(key, (string)v1["space"]!["key"]!);
        Assert.Equal($"<p>{word} body</p>", (string)v1["body"]!["storage"]!["value"]!);

        var found = (await Admin.Get($"/wiki/rest/api/content/search?cql={Uri.EscapeDataString($"text ~ \"{word}\"")}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Contains(found["results"]!.AsArray(), r => (string)r!["id"]! == id);
    }

    [SkippableFact]
    public async Task A_page_created_in_v1_is_read_in_v2_in_each_body_format()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var page = await Admin.CreatePageAsync(key, "From v1", "<p>Hello <strong>there</strong></p>");
        var id = (string)page["id"]!;

        var bare = (await Admin.Get($"{V2}/pages/{id}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(id, (string)bare["id"]!);
        Assert.Equal("From v1", (string)bare["title"]!);
        Assert.Equal(spaceId, (string)bare["spaceId"]!);
        Assert.Empty(bare["body"]!.AsObject());
        Assert.Equal(1, (int)bare["version"]!["number"]!);
        Assert.False(string.IsNullOrEmpty((string?)bare["authorId"]));
        Assert.Equal((string)bare["authorId"]!, (string)bare["version"]!["authorId"]!);
        Assert.Equal($"/spaces/{key}/pages/{id}/From+v1", (string)bare["_links"]!["webui"]!);

        var storage = (await Admin.Get($"{V2}/pages/{id}?body-format=storage")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("storage", (string)storage["body"]!["storage"]!["representation"]!);
        Assert.Equal("<p>Hello <strong>there</strong></p>", (string)storage["body"]!["storage"]!["value"]!);

        var adf = (await Admin.Get($"{V2}/pages/{id}?body-format=atlas_doc_format")).Expect(HttpStatusCode.OK).Json!;
        var document = JsonNode.Parse((string)adf["body"]!["atlas_doc_format"]!["value"]!)!;
        Assert.Equal("doc", (string)document["type"]!);

        var view = (await Admin.Get($"{V2}/pages/{id}?body-format=view")).Expect(HttpStatusCode.OK).Json!;
        Assert.Contains("<strong>there</strong>", (string)view["body"]!["view"]!["value"]!);

        var noVersion = (await Admin.Get($"{V2}/pages/{id}?include-version=false")).Expect(HttpStatusCode.OK).Json!;
        Assert.Null(noVersion["version"]);
        (await Admin.Get($"{V2}/pages/{id}?body-format=wiki")).ExpectV2Error(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Every_include_fills_its_member_with_the_first_results_and_where_to_read_on()
    {
        var (_, spaceId) = await Admin.NewSpaceAsync();
        var id = (string)(await Admin.CreateV2PageAsync(spaceId, "Included " + Unique()))["id"]!;
        (await Admin.PostJson($"{ContentUrl}/{id}/label", new[] { new { prefix = "global", name = "incl" + Unique() } })).Expect(HttpStatusCode.OK);
        (await Admin.PostJson($"{V2}/pages/{id}/properties", new { key = "incprop", value = new { a = 1 } })).Expect(HttpStatusCode.OK);
        (await Admin.Call(HttpMethod.Post, $"/wiki/rest/likes/1.0/content/{id}/likes", xsrfHeader: true)).Expect(HttpStatusCode.NoContent);
        (await Admin.PutJson($"/wiki/rest/api/relation/favourite/from/user/current/to/content/{id}", new { })).Expect(HttpStatusCode.OK);
        await Admin.UpdateAsync(id, 2, (string)(await Admin.GetContentAsync(id))["title"]!, "<p>second</p>");

        var bare = (await Admin.Get($"{V2}/pages/{id}")).Expect(HttpStatusCode.OK).Json!.AsObject();
        foreach (var member in new[] { "labels", "properties", "operations", "likes", "versions", "isFavoritedByCurrentUser" })
            Assert.False(bare.ContainsKey(member), $"{member} without its include");

        var page = (await Admin.Get($"{V2}/pages/{id}?include-labels=true&include-properties=true&include-operations=true" +
                                    "&include-likes=true&include-versions=true&include-favorited-by-current-user-status=true")).Expect(HttpStatusCode.OK).Json!;
        // Labels are listed by id and are shared rows: the caller's my:favourite may be older than this test's label.
        Assert.Contains(page["labels"]!["results"]!.AsArray(), l => ((string)l!["name"]!).StartsWith("incl", StringComparison.Ordinal));
        Assert.Equal($"{V2}/pages/{id}/labels", (string)page["labels"]!["_links"]!["self"]!);
        Assert.False((bool)page["labels"]!["meta"]!["hasMore"]!);
        Assert.Equal("incprop", (string)page["properties"]!["results"]![0]!["key"]!);
        Assert.Contains(page["operations"]!["results"]!.AsArray(), o => (string)o!["operation"]! == "update");
        Assert.Single(page["likes"]!["results"]!.AsArray());
        Assert.Equal([2, 1], page["versions"]!["results"]!.AsArray().Select(v => (int)v!["number"]!));
        Assert.True((bool)page["isFavoritedByCurrentUser"]!);
        (await Admin.Get($"{V2}/pages/{id}?include-labels=yes")).ExpectV2Error(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Someone_elses_my_label_is_missing_to_a_reader()
    {
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var page = (string)(await Admin.CreatePageAsync(key, "Favourite " + Unique()))["id"]!;
        (await Admin.PutJson($"/wiki/rest/api/relation/favourite/from/user/current/to/content/{page}", new { })).Expect(HttpStatusCode.OK);
        var favourite = (await Admin.WalkAsync($"{V2}/pages/{page}/labels?prefix=my")).Single(l => (string)l["name"]! == "favourite");
        var labelId = (string)favourite["id"]!;

        Assert.Contains(await Admin.WalkAsync($"{V2}/labels/{labelId}/pages"), p => (string)p["id"]! == page);
        (await reader.Client.Get($"{V2}/labels/{labelId}/pages")).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{V2}/labels/{labelId}/blogposts")).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{V2}/labels/{labelId}/attachments")).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task A_title_ordered_walk_follows_cursors_of_the_longest_titles_in_any_script()
    {
        var (_, spaceId) = await Admin.NewSpaceAsync();
        // 255 Cyrillic letters: escaped as \uXXXX in the cursor's JSON they made it longer than a cursor may be.
        foreach (var letter in "абв")
            await Admin.CreateV2PageAsync(spaceId, new string('ж', 254) + letter, query: "?root-level=true");
        var walked = await Admin.WalkAsync($"{V2}/spaces/{spaceId}/pages?sort=title&limit=1");
        Assert.Equal(3, walked.Count(p => ((string)p["title"]!).Length == 255));
    }

    [SkippableFact]
    public async Task A_new_page_goes_below_the_homepage_unless_asked_for_at_the_root()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var homepage = (string)(await Admin.Get($"/wiki/rest/api/space/{key}?expand=homepage")).Json!["homepage"]!["id"]!;

        var below = await Admin.CreateV2PageAsync(spaceId);
        Assert.Equal(homepage, (string)below["parentId"]!);
        Assert.Equal("page", (string)below["parentType"]!);

        var root = await Admin.CreateV2PageAsync(spaceId, query: "?root-level=true");
        Assert.Null(root["parentId"]);
        var roots = await Admin.WalkAsync($"{V2}/spaces/{spaceId}/pages?depth=root");
        Assert.Contains(roots, p => (string)p["id"]! == (string)root["id"]!);
        Assert.DoesNotContain(roots, p => (string)p["id"]! == (string)below["id"]!);

        var child = await Admin.CreateV2PageAsync(spaceId, parentId: (string)below["id"]!);
        Assert.Equal((string)below["id"]!, (string)child["parentId"]!);

        (await Admin.PostJson($"{V2}/pages?root-level=true", new { spaceId, title = "Both", parentId = homepage }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task An_update_needs_the_next_version_and_moves_renames_and_rewrites_the_page()
    {
        var (_, spaceId) = await Admin.NewSpaceAsync();
        var parent = await Admin.CreateV2PageAsync(spaceId, "Parent " + Unique());
        var page = await Admin.CreateV2PageAsync(spaceId, "Before " + Unique());
        var id = (string)page["id"]!;

        var updated = (await Admin.PutJson($"{V2}/pages/{id}", new
        {
            id, status = "current", title = "After", parentId = (string)parent["id"]!,
            body = new { representation = "storage", value = "<p>new</p>" }, version = new { number = 2, message = "moved" },
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("After", (string)updated["title"]!);
        Assert.Equal((string)parent["id"]!, (string)updated["parentId"]!);
        Assert.Equal(2, (int)updated["version"]!["number"]!);
        Assert.Equal("moved", (string)updated["version"]!["message"]!);
        Assert.Equal("<p>new</p>", (string)updated["body"]!["storage"]!["value"]!);

        var stale = (await Admin.PutJson($"{V2}/pages/{id}", new
        {
            id, status = "current", title = "Stale", body = new { representation = "storage", value = "<p>x</p>" }, version = new { number = 2 },
        })).ExpectV2Error(HttpStatusCode.Conflict);
        Assert.Equal("CONFLICT", (string)stale.Json!["errors"]![0]!["code"]!);
        (await Admin.PutJson($"{V2}/pages/{id}", new
        {
            id = "999", status = "current", title = "Other", body = new { representation = "storage", value = "<p>x</p>" }, version = new { number = 3 },
        })).ExpectV2Error(HttpStatusCode.BadRequest);

        var old = (await Admin.Get($"{V2}/pages/{id}?version=1&body-format=storage")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(1, (int)old["version"]!["number"]!);
        Assert.Equal("<p>Hello</p>", (string)old["body"]!["storage"]!["value"]!);
        Assert.Equal("After", (string)(await Admin.GetContentAsync(id))["title"]!);
    }

    [SkippableFact]
    public async Task Ownership_moves_by_the_owner_or_an_admin_and_remembers_the_last_owner()
    {
        var writer = await NewUserAsync();
        var other = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([writer, other], [writer, other]);
        var spaceId = ((long)(await Admin.Get($"/wiki/rest/api/space/{key}")).Json!["id"]!).ToString();
        var created = await writer.Client.CreateV2PageAsync(spaceId, "Owned " + Unique());
        var id = (string)created["id"]!;
        Assert.Equal(writer.AccountId, (string)created["ownerId"]!);
        Assert.Null(created["lastOwnerId"]);

        object Update(int number, string owner) => new
        {
            id, status = "current", title = (string)created["title"]!, ownerId = owner,
            body = new { representation = "storage", value = "<p>Hello</p>" }, version = new { number },
        };
        // Someone who may edit but does not own the page cannot take it.
        (await other.Client.PutJson($"{V2}/pages/{id}", Update(2, other.AccountId))).ExpectV2Error(HttpStatusCode.Forbidden);
        (await writer.Client.PutJson($"{V2}/pages/{id}", Update(2, "no-such-account"))).ExpectV2Error(HttpStatusCode.BadRequest);
        var handed = (await writer.Client.PutJson($"{V2}/pages/{id}", Update(2, other.AccountId))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(other.AccountId, (string)handed["ownerId"]!);
        Assert.Equal(writer.AccountId, (string)handed["lastOwnerId"]!);
        Assert.Equal(writer.AccountId, (string)handed["authorId"]!);

        // A space admin may move it back; an edit without ownerId keeps the owner.
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        (await Admin.PutJson($"{V2}/pages/{id}", Update(3, me))).Expect(HttpStatusCode.OK);
        var kept = (await Admin.PutJson($"{V2}/pages/{id}", new
        {
            id, status = "current", title = (string)created["title"]!, body = new { representation = "storage", value = "<p>4</p>" }, version = new { number = 4 },
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(me, (string)kept["ownerId"]!);
        Assert.Equal(other.AccountId, (string)kept["lastOwnerId"]!);
    }

    [SkippableFact]
    public async Task A_title_update_makes_a_new_version_and_keeps_the_body()
    {
        var (_, spaceId) = await Admin.NewSpaceAsync();
        var id = (string)(await Admin.CreateV2PageAsync(spaceId, "Old " + Unique(), "<p>kept</p>"))["id"]!;
        var renamed = (await Admin.PutJson($"{V2}/pages/{id}/title", new { status = "current", title = "New title" })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("New title", (string)renamed["title"]!);
        Assert.Equal(2, (int)renamed["version"]!["number"]!);
        var read = (await Admin.Get($"{V2}/pages/{id}?body-format=storage")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("<p>kept</p>", (string)read["body"]!["storage"]!["value"]!);
        (await Admin.PutJson($"{V2}/pages/{id}/title", new { status = "current", title = "" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{V2}/pages/{id}/title", new { title = "No status" })).ExpectV2Error(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Delete_trashes_purge_removes_and_drafts_are_discarded()
    {
        var (_, spaceId) = await Admin.NewSpaceAsync();
        var id = (string)(await Admin.CreateV2PageAsync(spaceId))["id"]!;

        (await Admin.Delete($"{V2}/pages/{id}?purge=true")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Delete($"{V2}/pages/{id}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"{V2}/pages/{id}")).ExpectV2Error(HttpStatusCode.NotFound);
        var trashed = (await Admin.Get($"{V2}/pages/{id}?status=trashed")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("trashed", (string)trashed["status"]!);
        var inTrash = await Admin.WalkAsync($"{V2}/spaces/{spaceId}/pages?status=trashed");
        Assert.Contains(inTrash, p => (string)p["id"]! == id);

        (await Admin.Delete($"{V2}/pages/{id}?purge=true")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"{V2}/pages/{id}?status=trashed")).ExpectV2Error(HttpStatusCode.NotFound);

        var draft = (await Admin.PostJson($"{V2}/pages", new { spaceId, status = "draft" })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("draft", (string)draft["status"]!);
        var draftId = (string)draft["id"]!;
        (await Admin.Delete($"{V2}/pages/{draftId}")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Delete($"{V2}/pages/{draftId}?draft=true")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"{V2}/pages/{draftId}?get-draft=true")).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Listings_walk_by_cursor_in_every_sort_order()
    {
        var (_, spaceId) = await Admin.NewSpaceAsync();
        var titles = new[] { "delta", "alpha", "echo", "charlie", "bravo" };
        var ids = new List<string>();
        foreach (var title in titles) ids.Add((string)(await Admin.CreateV2PageAsync(spaceId, title + Unique()[..4], query: "?root-level=true"))["id"]!);

        var byId = await Admin.WalkAsync($"{V2}/spaces/{spaceId}/pages?limit=2&body-format=storage");
        var listed = byId.Select(p => (string)p["id"]!).ToList();
        Assert.Equal(listed.OrderBy(long.Parse), listed.Select(x => x));
        Assert.True(ids.All(listed.Contains));
        Assert.All(byId, p => Assert.NotNull(p["body"]!["storage"]));

        var byTitleDesc = (await Admin.WalkAsync($"{V2}/spaces/{spaceId}/pages?limit=2&sort=-title")).Select(p => (string)p["title"]!).ToList();
        Assert.Equal(byTitleDesc.OrderByDescending(t => t, StringComparer.Ordinal), byTitleDesc);
        var byCreated = (await Admin.WalkAsync($"{V2}/pages?space-id={spaceId}&limit=3&sort=created-date")).Select(p => (string)p["id"]!).ToList();
        Assert.Equal(listed.Count, byCreated.Count);

        var filtered = await Admin.WalkAsync($"{V2}/pages?id={ids[0]},{ids[2]}");
        Assert.Equal(new[] { ids[0], ids[2] }.OrderBy(long.Parse), filtered.Select(p => (string)p["id"]!));

        var first = (await Admin.Get($"{V2}/spaces/{spaceId}/pages?limit=2&sort=title")).Expect(HttpStatusCode.OK).Json!;
        var next = (string)first["_links"]!["next"]!;
        var cursor = Uri.UnescapeDataString(next.Split("cursor=")[1]);
        (await Admin.Get($"{V2}/spaces/{spaceId}/pages?limit=2&sort=-title&cursor={Uri.EscapeDataString(cursor)}")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages?cursor=not-a-cursor")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages?limit=0")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages?limit=251")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages?sort=size")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages?status=historical")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages?space-id=abc")).ExpectV2Error(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task A_cursor_walk_visits_every_page_once_while_pages_come_and_go()
    {
        var (_, spaceId) = await Admin.NewSpaceAsync();
        var before = new List<string>();
        for (var i = 0; i < 1000; i += 25)
            before.AddRange(await Task.WhenAll(Enumerable.Range(i, 25).Select(async n =>
                (string)(await Admin.CreateV2PageAsync(spaceId, $"Walk {n:D4} {Unique()}", query: "?root-level=true"))["id"]!)));
        var deleted = new HashSet<string>();
        var random = new Random(7);

        var seen = await Admin.WalkAsync($"{V2}/spaces/{spaceId}/pages?limit=50", async page =>
        {
            // Each page of the walk: one page created, one not yet reached deleted.
            await Admin.CreateV2PageAsync(spaceId, $"Added {page} {Unique()}", query: "?root-level=true");
            var victim = before[random.Next(before.Count)];
            if (deleted.Add(victim)) (await Admin.Delete($"{V2}/pages/{victim}")).Expect(HttpStatusCode.NoContent);
        });

        var ids = seen.Select(p => (string)p["id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // Every page that existed for the whole walk was visited exactly once.
        Assert.Empty(before.Where(id => !deleted.Contains(id)).Except(ids));
    }

    [SkippableFact]
    public async Task A_private_page_and_a_restricted_page_are_invisible_to_another_reader()
    {
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var spaceId = ((long)(await Admin.Get($"/wiki/rest/api/space/{key}")).Json!["id"]!).ToString();
        var open = (string)(await Admin.CreateV2PageAsync(spaceId, "Open " + Unique()))["id"]!;
        var hidden = (string)(await Admin.CreateV2PageAsync(spaceId, "Private " + Unique(), query: "?private=true"))["id"]!;

        (await reader.Client.Get($"{V2}/pages/{open}")).Expect(HttpStatusCode.OK);
        (await reader.Client.Get($"{V2}/pages/{hidden}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.Get($"/wiki/rest/api/content/{hidden}")).ExpectError(HttpStatusCode.NotFound);
        var listed = await reader.Client.WalkAsync($"{V2}/spaces/{spaceId}/pages");
        Assert.Contains(listed, p => (string)p["id"]! == open);
        Assert.DoesNotContain(listed, p => (string)p["id"]! == hidden);
        Assert.DoesNotContain(await reader.Client.WalkAsync($"{V2}/pages?id={hidden}"), p => (string)p["id"]! == hidden);
        (await Admin.Get($"{V2}/pages/{hidden}")).Expect(HttpStatusCode.OK);

        (await reader.Client.PutJson($"{V2}/pages/{hidden}", new
        {
            id = hidden, status = "current", title = "Taken", body = new { representation = "storage", value = "<p>x</p>" }, version = new { number = 2 },
        })).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.PostJson($"{V2}/pages", new { spaceId, title = "No write" })).ExpectV2Error(HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task Bad_input_gets_v2s_error_body_and_changes_nothing()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var id = (string)(await Admin.CreateV2PageAsync(spaceId, "Stays"))["id"]!;

        (await Admin.Get($"{V2}/pages/abc")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/987654321")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Get($"{V2}/no-such-thing")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.SendRaw(HttpMethod.Post, $"{V2}/pages", "{\"spaceId\": ")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/pages", new { spaceId = 5, title = "Number" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/pages", new { title = "No space" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/pages", new { spaceId = "999999999", title = "Nowhere" })).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.PostJson($"{V2}/pages", new { spaceId, title = "Bad body", body = new { representation = "html", value = "<p/>" } }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/pages", new { spaceId, title = "Stays" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/pages", new { spaceId, title = "Broken", body = new { representation = "storage", value = "<p>unclosed" } }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{V2}/pages/{id}", new { id, status = "current", title = "No version" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Delete($"{V2}/pages/{id}?purge=maybe")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Server.Anonymous().Get($"{V2}/pages/{id}")).ExpectV2Error(HttpStatusCode.Unauthorized);

        var listed = await Admin.WalkAsync($"{V2}/spaces/{spaceId}/pages?depth=all");
        Assert.Equal(["Stays"], listed.Where(p => (string)p["title"]! != key + " Home" && p["parentId"] is not null).Select(p => (string)p["title"]!));
        var stays = (await Admin.Get($"{V2}/pages/{id}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(1, (int)stays["version"]!["number"]!);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PageApiTestsOnSqlite(SqliteServerFixture fixture) : PageApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PageApiTestsOnPostgres(PostgresServerFixture fixture) : PageApiTests(fixture);
