using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Permissions;
using Quire.Api.Tests.Spaces;
using Quire.Storage;
using Quire.Storage.Watches;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.ContentWatches;

public abstract class ContentWatchesApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string Api = "/wiki/rest/api";

    private static string ContentWatch(string id, string query = "") => $"{Api}/user/watch/content/{id}{query}";
    private static string SpaceWatch(string key, string query = "") => $"{Api}/user/watch/space/{key}{query}";
    private static string LabelWatch(string name, string query = "") => $"{Api}/user/watch/label/{name}{query}";
    private static string PageWatchers(string id, string query = "") => $"{Api}/content/{id}/notification/child-created{query}";
    private static string SpaceWatchersOfContent(string id, string query = "") => $"{Api}/content/{id}/notification/created{query}";
    private static string SpaceWatchers(string key, string query = "") => $"{Api}/space/{key}/watch{query}";

    /// <summary>Adds a watch as the spec asks: POST with the XSRF header.</summary>
    private static Task<ApiResponse> Watch(HttpClient client, string url) => client.Call(HttpMethod.Post, url, xsrfHeader: true);

    private static Task<ApiResponse> Unwatch(HttpClient client, string url) => client.Call(HttpMethod.Delete, url, xsrfHeader: true);

    private static async Task<bool> Watching(HttpClient client, string url)
    {
        var json = (await client.Get(url)).Expect(HttpStatusCode.OK).Json!.AsObject();
        Assert.Equal(["watching"], json.Select(p => p.Key));
        return (bool)json["watching"]!;
    }

    private static List<string> Watchers(JsonNode listing) =>
        listing["results"]!.AsArray().Select(w => (string)w!["watcher"]!["accountId"]!).ToList();

    [SkippableFact]
    public async Task A_user_watches_and_unwatches_content_and_the_page_lists_its_watchers()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync("Watching Reader");
        var (_, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();

        Assert.False(await Watching(reader.Client, ContentWatch(page)));
        (await Watch(reader.Client, ContentWatch(page))).Expect(HttpStatusCode.NoContent);
        (await Watch(reader.Client, ContentWatch(page))).Expect(HttpStatusCode.NoContent); // idempotent
        Assert.True(await Watching(reader.Client, ContentWatch(page)));
        Assert.False(await Watching(owner.Client, ContentWatch(page)));

        var listing = (await owner.Client.Get(PageWatchers(page))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(0, (int)listing["start"]!);
        Assert.Equal(200, (int)listing["limit"]!);
        Assert.Equal(1, (int)listing["size"]!);
        Assert.NotNull(listing["_links"]?["base"]);
        Assert.Null(listing["_links"]?["next"]);
        var watch = listing["results"]![0]!.AsObject();
        Assert.Equal("watch", (string?)watch["type"]);
        Assert.Equal(long.Parse(page), watch["contentId"]!.GetValue<long>());
        var watcher = watch["watcher"]!.AsObject();
        Assert.Equal(reader.AccountId, (string?)watcher["accountId"]);
        Assert.Equal("Watching Reader", (string?)watcher["displayName"]);
        Assert.Equal("known", (string?)watcher["type"]);
        Assert.Equal("", (string?)watcher["email"]); // another user's address is not shown
        Assert.True(watcher.ContainsKey("operations") && watcher["operations"] is null);
        Assert.True(watcher.ContainsKey("personalSpace") && watcher["personalSpace"] is null);
        Assert.False((bool)watcher["isGuest"]!); // required by Atlassian's current WatchUser
        Assert.False(watcher.ContainsKey("_links"));
        Assert.False(watcher.ContainsKey("_expandable"));
        // The watcher sees its own address.
        Assert.Equal(reader.Email, (string?)(await reader.Client.Get(PageWatchers(page))).Json!["results"]![0]!["watcher"]!["email"]);

        // The condition CQL's watcher field will use, with a parameter and with a subquery of users.
        Assert.Equal(1, await Server.CountAsync(
            $"SELECT COUNT(*) FROM content c WHERE c.id = @id AND {WatchStore.WatchedBy("SELECT u.id FROM users u WHERE u.account_id = @account")}",
            new { id = long.Parse(page), account = reader.AccountId }));
        Assert.Equal(0, await Server.CountAsync(
            $"SELECT COUNT(*) FROM content c WHERE c.id = @id AND NOT {WatchStore.WatchedBy("SELECT u.id FROM users u WHERE u.account_id = @account")}",
            new { id = long.Parse(page), account = reader.AccountId }));
        Assert.Equal(0, await Server.CountAsync(
            $"SELECT COUNT(*) FROM content c WHERE c.id = @id AND {WatchStore.WatchedBy("@viewerId")}",
            new { id = long.Parse(page), viewerId = -1L }));

        (await Unwatch(reader.Client, ContentWatch(page))).Expect(HttpStatusCode.NoContent);
        (await Unwatch(reader.Client, ContentWatch(page))).Expect(HttpStatusCode.NoContent); // not watching: still 204
        Assert.False(await Watching(reader.Client, ContentWatch(page)));
        Assert.Empty((await owner.Client.Get(PageWatchers(page))).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray());
    }

    [SkippableFact]
    public async Task A_user_watches_a_space_and_both_space_listings_show_it()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var (key, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();

        Assert.False(await Watching(reader.Client, SpaceWatch(key)));
        (await Watch(reader.Client, SpaceWatch(key))).Expect(HttpStatusCode.NoContent);
        (await Watch(reader.Client, SpaceWatch(key.ToLowerInvariant()))).Expect(HttpStatusCode.NoContent); // keys are case-insensitive
        Assert.True(await Watching(reader.Client, SpaceWatch(key)));
        // Watching the space is not watching its pages.
        Assert.False(await Watching(reader.Client, ContentWatch(page)));
        Assert.Empty((await owner.Client.Get(PageWatchers(page))).Json!["results"]!.AsArray());

        foreach (var url in new[] { SpaceWatchers(key), SpaceWatchersOfContent(page) })
        {
            var listing = (await owner.Client.Get(url)).Expect(HttpStatusCode.OK).Json!;
            Assert.Equal(1, (int)listing["size"]!);
            Assert.Equal(200, (int)listing["limit"]!);
            var watch = listing["results"]![0]!.AsObject();
            Assert.Equal("watch", (string?)watch["type"]);
            Assert.Equal(key, (string?)watch["spaceKey"]);
            Assert.Equal(reader.AccountId, (string?)watch["watcher"]!["accountId"]);
            Assert.False(watch.ContainsKey("contentId"));
        }

        (await Unwatch(reader.Client, SpaceWatch(key))).Expect(HttpStatusCode.NoContent);
        (await Unwatch(reader.Client, SpaceWatch(key))).Expect(HttpStatusCode.NoContent);
        Assert.False(await Watching(reader.Client, SpaceWatch(key)));
        Assert.Empty((await owner.Client.Get(SpaceWatchers(key))).Json!["results"]!.AsArray());
    }

    [SkippableFact]
    public async Task A_user_watches_an_existing_global_label()
    {
        var owner = await NewUserAsync();
        var (_, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();
        var label = "watched" + Unique();
        (await owner.Client.PostJson($"{ContentUrl}/{page}/label", new { prefix = "global", name = label })).Expect(HttpStatusCode.OK);

        Assert.False(await Watching(owner.Client, LabelWatch(label)));
        (await Watch(owner.Client, LabelWatch(label.ToUpperInvariant()))).Expect(HttpStatusCode.NoContent);
        (await Watch(owner.Client, LabelWatch("global:" + label))).Expect(HttpStatusCode.NoContent);
        Assert.True(await Watching(owner.Client, LabelWatch(label)));
        (await Unwatch(owner.Client, LabelWatch(label))).Expect(HttpStatusCode.NoContent);
        (await Unwatch(owner.Client, LabelWatch(label))).Expect(HttpStatusCode.NoContent);
        Assert.False(await Watching(owner.Client, LabelWatch(label)));

        // A label nobody has used does not exist: the spec's 403, for reading and changing alike.
        var unused = "unused" + Unique();
        (await owner.Client.Get(LabelWatch(unused))).ExpectError(HttpStatusCode.Forbidden);
        (await Watch(owner.Client, LabelWatch(unused))).ExpectError(HttpStatusCode.Forbidden);
        (await Unwatch(owner.Client, LabelWatch(unused))).ExpectError(HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task Another_users_watches_need_a_site_admin()
    {
        var owner = await NewUserAsync();
        var other = await NewUserAsync();
        var (key, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();
        var label = "adm" + Unique();
        (await owner.Client.PostJson($"{ContentUrl}/{page}/label", new { prefix = "global", name = label })).Expect(HttpStatusCode.OK);
        var forOther = $"?accountId={other.AccountId}";

        foreach (var url in new[] { ContentWatch(page, forOther), SpaceWatch(key, forOther), LabelWatch(label, forOther) })
        {
            // Not an admin: 403 for reading, adding and removing, and nothing changes.
            (await owner.Client.Get(url)).ExpectError(HttpStatusCode.Forbidden);
            (await Watch(owner.Client, url)).ExpectError(HttpStatusCode.Forbidden);
            (await Unwatch(owner.Client, url)).ExpectError(HttpStatusCode.Forbidden);
            // Nor by the deprecated lookups, nor for an account that does not exist.
            (await owner.Client.Get(url.Replace(forOther, $"?username={other.UserName}"))).ExpectError(HttpStatusCode.Forbidden);
            (await owner.Client.Get(url.Replace(forOther, "?accountId=nobody" + Unique()))).ExpectError(HttpStatusCode.Forbidden);

            // A site admin may, and the user sees the watch as its own.
            Assert.False(await Watching(Admin, url));
            (await Watch(Admin, url)).Expect(HttpStatusCode.NoContent);
            Assert.True(await Watching(Admin, url));
            Assert.True(await Watching(other.Client, url.Replace(forOther, "")));
            Assert.True(await Watching(Admin, url.Replace(forOther, $"?username={other.UserName}")));
            Assert.True(await Watching(Admin, url.Replace(forOther, $"?key={other.AccountId}")));
            Assert.False(await Watching(Admin, url.Replace(forOther, "")));
            // Naming oneself needs no admin.
            Assert.True(await Watching(other.Client, url));
            (await Unwatch(Admin, url)).Expect(HttpStatusCode.NoContent);
            Assert.False(await Watching(other.Client, url.Replace(forOther, "")));
        }

        Assert.Empty((await owner.Client.Get(PageWatchers(page))).Json!["results"]!.AsArray());
        // An admin naming an account that does not exist.
        (await Admin.Get(ContentWatch(page, "?accountId=nobody" + Unique()))).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Unknown_and_hidden_content_and_spaces_are_refused_alike()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var (key, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();
        var (privateKey, _, privatePage) = await owner.Client.CreateSpaceWithHomepageAsync(isPrivate: true);
        var hidden = (string)(await owner.Client.CreatePageAsync(key, "Hidden " + Unique(), parentId: page))["id"]!;
        await owner.Client.RestrictAsync(hidden, Entry("read", [owner.AccountId]));
        var below = (string)(await owner.Client.CreatePageAsync(key, "Below " + Unique(), parentId: hidden))["id"]!;

        // The user calls: the spec's 403 for missing and invisible alike, and the same message shape.
        foreach (var id in new[] { hidden, below, privatePage, "999999999", "abc", "-1", "att999999999" })
        {
            (await reader.Client.Get(ContentWatch(id))).ExpectError(HttpStatusCode.Forbidden);
            (await Watch(reader.Client, ContentWatch(id))).ExpectError(HttpStatusCode.Forbidden);
            (await Unwatch(reader.Client, ContentWatch(id))).ExpectError(HttpStatusCode.Forbidden);
            // Listings: 404, as for any content the caller cannot see.
            (await reader.Client.Get(PageWatchers(id))).ExpectError(HttpStatusCode.NotFound);
            (await reader.Client.Get(SpaceWatchersOfContent(id))).ExpectError(HttpStatusCode.NotFound);
            // An admin cannot make the reader watch what the reader may not see.
            (await Watch(Admin, ContentWatch(id, $"?accountId={reader.AccountId}"))).ExpectError(HttpStatusCode.Forbidden);
        }
        foreach (var spaceKey in new[] { privateKey, "NOSUCH" + Unique().ToUpperInvariant() })
        {
            (await reader.Client.Get(SpaceWatch(spaceKey))).ExpectError(HttpStatusCode.Forbidden);
            (await Watch(reader.Client, SpaceWatch(spaceKey))).ExpectError(HttpStatusCode.Forbidden);
            (await Unwatch(reader.Client, SpaceWatch(spaceKey))).ExpectError(HttpStatusCode.Forbidden);
            (await reader.Client.Get(SpaceWatchers(spaceKey))).ExpectError(HttpStatusCode.NotFound);
        }

        // The owner may watch its hidden page; the reader's listing of the open page does not name it.
        (await Watch(owner.Client, ContentWatch(hidden))).Expect(HttpStatusCode.NoContent);
        (await Watch(owner.Client, ContentWatch(below))).Expect(HttpStatusCode.NoContent);
        Assert.Equal([owner.AccountId], Watchers((await owner.Client.Get(PageWatchers(below))).Expect(HttpStatusCode.OK).Json!));
    }

    [SkippableFact]
    public async Task Watchers_who_lose_access_are_no_longer_listed()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var member = await NewUserAsync();
        var (groupId, groupName) = await Admin.NewGroupAsync(member);
        var key = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key, permissions:
        [
            SpaceTestSupport.Permission("read", "space", [reader.AccountId], [groupName]),
        ]);
        var page = (string)(await owner.Client.CreatePageAsync(key, "Watched " + Unique()))["id"]!;
        foreach (var user in new[] { owner, reader, member })
        {
            (await Watch(user.Client, ContentWatch(page))).Expect(HttpStatusCode.NoContent);
            (await Watch(user.Client, SpaceWatch(key))).Expect(HttpStatusCode.NoContent);
        }
        Assert.Equal([owner.AccountId, reader.AccountId, member.AccountId], Watchers((await owner.Client.Get(PageWatchers(page))).Json!));
        Assert.Equal([owner.AccountId, reader.AccountId, member.AccountId], Watchers((await owner.Client.Get(SpaceWatchers(key))).Json!));

        // A read restriction that leaves the reader out (the member is in through its group).
        await owner.Client.RestrictAsync(page, Entry("read", [owner.AccountId], [groupId]));
        Assert.Equal([owner.AccountId, member.AccountId], Watchers((await owner.Client.Get(PageWatchers(page))).Json!));
        // The reader may no longer see the page, so its watch can be neither read nor changed; its space watch stays.
        (await reader.Client.Get(ContentWatch(page))).ExpectError(HttpStatusCode.Forbidden);
        Assert.True(await Watching(reader.Client, SpaceWatch(key)));

        // The member leaves the group that gave it the space: gone from both listings.
        (await Admin.Delete($"{Api}/group/userByGroupId?groupId={groupId}&accountId={member.AccountId}")).Expect(HttpStatusCode.NoContent);
        Assert.Equal([owner.AccountId], Watchers((await owner.Client.Get(PageWatchers(page))).Json!));
        Assert.Equal([owner.AccountId, reader.AccountId], Watchers((await owner.Client.Get(SpaceWatchers(key))).Json!));
        Assert.Equal([owner.AccountId, reader.AccountId], Watchers((await owner.Client.Get(SpaceWatchersOfContent(page))).Json!));
    }

    [SkippableFact]
    public async Task Watchers_are_paged_by_start_and_limit()
    {
        var owner = await NewUserAsync();
        var (key, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();
        var users = new List<TestUser>();
        for (var i = 0; i < 5; i++)
        {
            var user = await NewUserAsync();
            users.Add(user);
            (await Watch(user.Client, ContentWatch(page))).Expect(HttpStatusCode.NoContent);
            (await Watch(user.Client, SpaceWatch(key))).Expect(HttpStatusCode.NoContent);
        }
        var all = users.Select(u => u.AccountId).ToList();

        foreach (var listing in new Func<string, string>[] { q => PageWatchers(page, q), q => SpaceWatchers(key, q), q => SpaceWatchersOfContent(page, q) })
        {
            var first = (await owner.Client.Get(listing("?limit=2"))).Expect(HttpStatusCode.OK).Json!;
            Assert.Equal(all[..2], Watchers(first));
            Assert.Equal(2, (int)first["limit"]!);
            var next = (string)first["_links"]!["next"]!;
            Assert.Contains("start=2", next);
            Assert.Null(first["_links"]!["prev"]);

            var second = (await owner.Client.Get("/wiki" + next)).Expect(HttpStatusCode.OK).Json!;
            Assert.Equal(all[2..4], Watchers(second));
            Assert.Equal(2, (int)second["start"]!);

            var last = (await owner.Client.Get(listing("?start=4&limit=2"))).Expect(HttpStatusCode.OK).Json!;
            Assert.Equal(all[4..], Watchers(last));
            Assert.Null(last["_links"]!["next"]);
            Assert.NotNull(last["_links"]!["prev"]);
            Assert.Empty(Watchers((await owner.Client.Get(listing("?start=10"))).Expect(HttpStatusCode.OK).Json!));
            // Larger than the maximum is clamped to it.
            Assert.Equal(1000, (int)(await owner.Client.Get(listing("?limit=5000"))).Expect(HttpStatusCode.OK).Json!["limit"]!);

            // One query for the page, however many watchers it holds: no query per watcher.
            Assert.Equal(await CommandsFor(owner.Client, listing("?limit=1"), 1), await CommandsFor(owner.Client, listing("?limit=5"), 5));

            (await owner.Client.Get(listing("?start=-1"))).ExpectError(HttpStatusCode.BadRequest);
            (await owner.Client.Get(listing("?limit=-1"))).ExpectError(HttpStatusCode.BadRequest);
            (await owner.Client.Get(listing("?limit=many"))).ExpectError(HttpStatusCode.BadRequest);
        }
    }

    /// <summary>The database commands a listing costs: the fewest of a few tries, since other tests' requests may run meanwhile.</summary>
    private async Task<long> CommandsFor(HttpClient client, string url, int expected)
    {
        var database = Server.Services.GetRequiredService<Database>();
        var fewest = long.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var before = database.CommandCount;
            var listing = (await client.Get(url)).Expect(HttpStatusCode.OK).Json!;
            fewest = Math.Min(fewest, database.CommandCount - before);
            Assert.Equal(expected, listing["results"]!.AsArray().Count);
        }
        return fewest;
    }

    [SkippableFact]
    public async Task Adding_a_watch_needs_the_xsrf_header()
    {
        var owner = await NewUserAsync();
        var (key, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();
        var label = "xsrf" + Unique();
        (await owner.Client.PostJson($"{ContentUrl}/{page}/label", new { prefix = "global", name = label })).Expect(HttpStatusCode.OK);

        foreach (var url in new[] { ContentWatch(page), SpaceWatch(key), LabelWatch(label) })
        {
            (await owner.Client.Call(HttpMethod.Post, url)).ExpectError(HttpStatusCode.Forbidden);
            Assert.False(await Watching(owner.Client, url));
        }
        (await Watch(owner.Client, ContentWatch(page))).Expect(HttpStatusCode.NoContent);
        // The content removal declares the header as a required parameter; the label and space removals do not.
        (await owner.Client.Delete(ContentWatch(page))).ExpectError(HttpStatusCode.Forbidden);
        Assert.True(await Watching(owner.Client, ContentWatch(page)));
        (await owner.Client.Delete(SpaceWatch(key))).Expect(HttpStatusCode.NoContent);
        (await owner.Client.Delete(LabelWatch(label))).Expect(HttpStatusCode.NoContent);
    }

    [SkippableFact]
    public async Task Hostile_input_is_a_clear_4xx()
    {
        var owner = await NewUserAsync();
        var (key, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();
        var hostile = new[]
        {
            "%2E%2E", "a%2Fb", "%3Cscript%3E", "x'%20OR%201=1--", "my:favourite", "team:x", "bogus:x", ":", "%20",
            new string('a', 300), "%E2%80%AE", "%F0%9F%92%A5",
        };
        foreach (var name in hostile)
        {
            var status = (await owner.Client.Get(LabelWatch(name))).Status;
            Assert.True(status is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{name}: {status}");
            Assert.True((int)(await Watch(owner.Client, LabelWatch(name))).Status is >= 400 and < 500, name);
            Assert.True((int)(await Unwatch(owner.Client, LabelWatch(name))).Status is >= 400 and < 500, name);
            Assert.True((int)(await owner.Client.Get(ContentWatch(name))).Status is >= 400 and < 500, name);
            Assert.True((int)(await owner.Client.Get(SpaceWatch(name))).Status is >= 400 and < 500, name);
            Assert.True((int)(await owner.Client.Get(SpaceWatchers(name))).Status is >= 400 and < 500, name);
            Assert.True((int)(await owner.Client.Get(PageWatchers(name))).Status is >= 400 and < 500, name);
        }
        foreach (var id in new[] { "9223372036854775808", "1e5", "0x10", "%2B1", "1.0" })
            (await owner.Client.Get(PageWatchers(id))).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Get(ContentWatch(page, "?accountId=%00"))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get(ContentWatch(page, "?accountId=%27%3B--"))).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Get(SpaceWatchers(key, "?start=x"))).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Watches_go_with_their_content()
    {
        var owner = await NewUserAsync();
        var (key, _, _) = await owner.Client.CreateSpaceWithHomepageAsync();
        var page = (string)(await owner.Client.CreatePageAsync(key, "Short-lived " + Unique()))["id"]!;
        (await Watch(owner.Client, ContentWatch(page))).Expect(HttpStatusCode.NoContent);
        Assert.Equal(1, await Server.CountAsync("SELECT COUNT(*) FROM content_watches WHERE content_id = @id", new { id = long.Parse(page) }));

        (await owner.Client.Delete($"{ContentUrl}/{page}")).Expect(HttpStatusCode.NoContent);
        (await owner.Client.Delete($"{ContentUrl}/{page}?status=trashed")).Expect(HttpStatusCode.NoContent);
        Assert.Equal(0, await Server.CountAsync("SELECT COUNT(*) FROM content_watches WHERE content_id = @id", new { id = long.Parse(page) }));
    }

    [SkippableFact]
    public async Task Anonymous_callers_must_sign_in()
    {
        var owner = await NewUserAsync();
        var (key, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();
        var urls = new[]
        {
            ContentWatch(page), SpaceWatch(key), LabelWatch("any"), PageWatchers(page), SpaceWatchersOfContent(page), SpaceWatchers(key),
        };
        var anonymous = Server.Anonymous();
        foreach (var url in urls)
            (await anonymous.Get(url)).ExpectError(HttpStatusCode.Unauthorized);

        // Even where the site allows anonymous use and the space is open to anonymous readers.
        await using var server = await Fixture.OwnServerAsync(Server.Engine);
        var admin = server.Admin();
        (await admin.Put($"{GlobalPermissionTestSupport.PermissionsUrl}/use/anonymous")).Expect(HttpStatusCode.OK);
        var (openKey, _, openPage) = await admin.CreateSpaceWithHomepageAsync();
        (await admin.PostJson($"{Api}/space/{openKey}/permission", new
        {
            subject = new { type = "user", identifier = "anonymous" }, operation = new { key = "read", target = "space" },
        })).Expect(HttpStatusCode.OK);
        var open = server.Anonymous();
        (await open.Get($"{ContentUrl}/{openPage}")).Expect(HttpStatusCode.OK);
        foreach (var url in new[] { PageWatchers(openPage), SpaceWatchersOfContent(openPage), SpaceWatchers(openKey) })
            (await open.Get(url)).ExpectError(HttpStatusCode.Unauthorized);
        foreach (var url in new[] { ContentWatch(openPage), SpaceWatch(openKey), LabelWatch("any") })
        {
            (await open.Get(url)).ExpectError(HttpStatusCode.Unauthorized);
            (await Watch(open, url)).ExpectError(HttpStatusCode.Unauthorized);
            (await Unwatch(open, url)).ExpectError(HttpStatusCode.Unauthorized);
        }
    }

    [SkippableFact]
    public async Task The_creator_of_a_page_or_blog_post_watches_it_from_the_start()
    {
        var author = await NewUserAsync();
        var other = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await author.Client.CreateSpaceAsync(key, permissions:
        [
            SpaceTestSupport.Permission("read", "space", [other.AccountId]), SpaceTestSupport.Permission("create", "page", [other.AccountId]),
            SpaceTestSupport.Permission("create", "comment", [other.AccountId]),
        ]);
        var page = (string)(await author.Client.CreatePageAsync(key, "Watched from the start"))["id"]!;
        var post = (string)(await author.Client.CreatePageAsync(key, "A post", type: "blogpost"))["id"]!;
        var draft = (string)(await author.Client.CreatePageAsync(key, "A draft", status: "draft"))["id"]!;

        foreach (var id in new[] { page, post, draft })
            Assert.True(await Watching(author.Client, ContentWatch(id)), $"the creator does not watch {id}");
        Assert.False(await Watching(other.Client, ContentWatch(page)));
        Assert.Equal([author.AccountId], Watchers((await author.Client.Get(PageWatchers(page))).Expect(HttpStatusCode.OK).Json!));
        Assert.Equal([author.AccountId], Watchers((await author.Client.Get(PageWatchers(post))).Expect(HttpStatusCode.OK).Json!));

        // A copy is its copier's new page; a comment is not watched in itself; an edit by someone else changes nothing.
        var copy = (string)(await other.Client.PostJson($"{Api}/content/{page}/copy", new
        {
            destination = new { type = "parent_page", value = page }, pageTitle = "The copy",
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        Assert.True(await Watching(other.Client, ContentWatch(copy)));
        Assert.False(await Watching(author.Client, ContentWatch(copy)));
        // A hierarchy copy's pages are its owner's too, whoever made the originals.
        var destination = (string)(await author.Client.CreatePageAsync(key, "Destination"))["id"]!;
        var hierarchy = (await author.Client.PostJson($"{Api}/content/{copy}/pagehierarchy/copy", new
        {
            destinationPageId = destination, titleOptions = new { prefix = "Copied " },
        })).Expect(HttpStatusCode.Accepted).Json!;
        Assert.True((bool?)(await author.Client.WaitForTaskAsync((string)hierarchy["id"]!))["successful"]);
        var copiedPage = (string)(await author.Client.Get($"{Api}/content/{destination}/child/page")).Expect(HttpStatusCode.OK).Json!["results"]![0]!["id"]!;
        Assert.True(await Watching(author.Client, ContentWatch(copiedPage)));
        Assert.False(await Watching(other.Client, ContentWatch(copiedPage)));
        var comment = (string)(await other.Client.PostJson($"{Api}/content", new
        {
            type = "comment", container = new { id = page, type = "page" }, body = StorageBody("<p>Nice</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        Assert.False(await Watching(other.Client, ContentWatch(comment)));
        Assert.False(await Watching(other.Client, ContentWatch(page)));

        // The creator may stop watching like anyone else.
        (await Unwatch(author.Client, ContentWatch(page))).Expect(HttpStatusCode.NoContent);
        Assert.False(await Watching(author.Client, ContentWatch(page)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentWatchesApiTestsOnSqlite(SqliteServerFixture fixture) : ContentWatchesApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentWatchesApiTestsOnPostgres(PostgresServerFixture fixture) : ContentWatchesApiTests(fixture);
