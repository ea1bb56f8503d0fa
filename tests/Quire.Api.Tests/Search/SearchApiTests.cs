using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using Quire.Api.Tests.ContentAttachments;
using static Quire.Api.Tests.ContentAttachments.AttachmentTestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.Search;

/// <summary>CQL search: GET /content/search (Content group) and GET /search (Search group).</summary>
public abstract class SearchApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string ContentSearch = "/wiki/rest/api/content/search";
    private const string Search = "/wiki/rest/api/search";

    private static string Q(string cql) => Uri.EscapeDataString(cql);

    private static async Task<List<string>> IdsAsync(HttpClient client, string cql, string extra = "")
    {
        var json = (await client.Get($"{ContentSearch}?cql={Q(cql)}&limit=250{extra}")).Expect(HttpStatusCode.OK).Json!;
        return json["results"]!.AsArray().Select(r => (string)r!["id"]!).ToList();
    }

    private async Task<string> PageAsync(string key, string title, string body = "<p>Hello</p>", string? parentId = null, string type = "page") =>
        (string)(await Admin.CreatePageAsync(key, title, body, parentId, type))["id"]!;

    [SkippableFact]
    public async Task Text_search_stems_matches_phrases_and_prefixes_and_finds_a_page_as_soon_as_it_is_created()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var run = await PageAsync(key, "Training log", "<p>We run every morning before the conference.</p>");
        var macro = await PageAsync(key, "Macro page",
            """<ac:structured-macro ac:name="info"><ac:parameter ac:name="title">zebraparam</ac:parameter><ac:rich-text-body><p>Quick brown fox</p></ac:rich-text-body></ac:structured-macro>""");
        // Findable immediately after the create call returned.
        Assert.Equal([run], await IdsAsync(Admin, $"space = {key} AND text ~ \"running\""));
        Assert.Equal([macro], await IdsAsync(Admin, $"space = {key} AND text ~ \"\\\"quick brown\\\"\""));
        Assert.Empty(await IdsAsync(Admin, $"space = {key} AND text ~ \"\\\"brown quick\\\"\""));
        Assert.Equal([run], await IdsAsync(Admin, $"space = {key} AND text ~ \"conf*\""));
        // Macro parameters are not prose; tags are not words.
        Assert.Empty(await IdsAsync(Admin, $"space = {key} AND text ~ zebraparam"));
        Assert.Empty(await IdsAsync(Admin, $"space = {key} AND text ~ structured"));
        // The title is indexed; title ~ looks only there.
        Assert.Equal([run], await IdsAsync(Admin, $"space = {key} AND text ~ training"));
        Assert.Empty(await IdsAsync(Admin, $"space = {key} AND title ~ morning"));
        Assert.Equal([macro], await IdsAsync(Admin, $"space = {key} AND title ~ macro"));
        // An edit is searchable at once, and the old words are gone.
        await Admin.UpdateAsync(run, 2, "Training log", "<p>Swimming now</p>");
        Assert.Empty(await IdsAsync(Admin, $"space = {key} AND text ~ morning"));
        Assert.Equal([run], await IdsAsync(Admin, $"space = {key} AND text ~ swim"));
        // Labels are indexed and searchable by the label field.
        (await Admin.PostJson($"{ContentUrl}/{macro}/label", new[] { new { prefix = "global", name = "wildlife" } })).Expect(HttpStatusCode.OK);
        Assert.Equal([macro], await IdsAsync(Admin, $"space = {key} AND text ~ wildlife"));
        Assert.Equal([macro], await IdsAsync(Admin, $"space = {key} AND label = wildlife"));
        Assert.Equal([run], await IdsAsync(Admin, $"id IN ({run}, {macro}) AND label != wildlife"));
        Assert.Empty(await IdsAsync(Admin, $"space = {key} AND text ~ \"!!!\""));
    }

    [SkippableFact]
    public async Task Ancestor_reaches_comments_on_the_attachments_of_the_tree()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var top = await PageAsync(key, "Top");
        var child = await PageAsync(key, "Child", parentId: top);
        var attachment = (string)(await Admin.AttachAsync(child, new UploadFile("plan.txt", Bytes("p"))))[0]!["id"]!;
        var attachmentNumber = attachment.Replace("att", "", StringComparison.Ordinal);
        var onAttachment = (string)(await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = attachmentNumber, type = "attachment" }, body = StorageBody("<p>On the file</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;

        Assert.Equal(new[] { child, attachment, onAttachment }.Order(), (await IdsAsync(Admin, $"ancestor = {top}")).Order());
        Assert.Equal(new[] { attachment, onAttachment }.Order(), (await IdsAsync(Admin, $"ancestor = {child}")).Order());
        Assert.Equal([onAttachment], await IdsAsync(Admin, $"ancestor = {attachmentNumber}"));
    }

    [SkippableFact]
    public async Task Fields_operators_precedence_and_order()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var other = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(other);
        var a = await PageAsync(key, "Alpha");
        var b = await PageAsync(key, "Bravo", parentId: a);
        var c = await PageAsync(key, "Charlie", parentId: b);
        var blog = await PageAsync(key, "Delta news", type: "blogpost");
        var elsewhere = await PageAsync(other, "Alpha");
        var comment = (string)(await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = b, type = "page" }, body = StorageBody("<p>Nice</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;

        Assert.Equal([blog], await IdsAsync(Admin, $"space = {key} AND type = blogpost"));
        Assert.Equal([a, elsewhere], await IdsAsync(Admin, $"space.key IN ({key}, {other}) AND title = alpha ORDER BY id"));
        Assert.Equal([a, b], await IdsAsync(Admin, $"space = {key} AND title IN (Alpha, \"Bravo\") ORDER BY title"));
        Assert.Equal([c, b], await IdsAsync(Admin, $"space = {key} AND title IN (Alpha, Bravo, Charlie) AND title != Alpha ORDER BY title DESC"));
        Assert.Equal([b], await IdsAsync(Admin, $"parent = {a}"));
        Assert.Equal([comment], await IdsAsync(Admin, $"container = {b}"));
        Assert.Equal([b, c, comment], await IdsAsync(Admin, $"ancestor = {a} ORDER BY id"));
        Assert.Equal([c], await IdsAsync(Admin, $"ancestor = {a} AND NOT parent = {a} AND type = page"));
        Assert.Equal([a], await IdsAsync(Admin, $"id = {a}"));
        Assert.Equal([a, c], await IdsAsync(Admin, $"id IN ({a}, {b}, {c}) AND id NOT IN ({b}) ORDER BY id"));
        // AND binds tighter than OR; parentheses change it.
        Assert.Equal([a, c], await IdsAsync(Admin, $"id = {a} OR id = {c} AND space = {key} ORDER BY id"));
        Assert.Equal([c], await IdsAsync(Admin, $"(id = {a} OR id = {c}) AND parent = {b}"));
        List<string> bySpaceDescending = string.Compare(key, other, StringComparison.OrdinalIgnoreCase) > 0 ? [a, elsewhere] : [elsewhere, a];
        Assert.Equal(bySpaceDescending, await IdsAsync(Admin, $"title = Alpha AND (space = {key} OR space = {other}) ORDER BY space DESC"));
        // Users and dates.
        Assert.Equal([a, b, c], await IdsAsync(Admin, $"creator = currentUser() AND id IN ({a}, {b}, {c}) ORDER BY created, id"));
        var alice = await NewUserAsync();
        Assert.Empty(await IdsAsync(Admin, $"space = {key} AND creator = {alice.AccountId}"));
        Assert.Contains(a, await IdsAsync(Admin, $"space = {key} AND contributor = currentUser()"));
        Assert.Contains(a, await IdsAsync(Admin, $"space = {key} AND created >= startOfDay() AND created < endOfDay(\"+1d\") AND lastmodified > now(\"-1h\")"));
        Assert.Empty(await IdsAsync(Admin, $"space = {key} AND created < startOfYear(\"-1y\")"));
        Assert.Empty(await IdsAsync(Admin, $"space = {key} AND lastmodified >= endOfDay(\"+1d\")"));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        Assert.Contains(a, await IdsAsync(Admin, $"space = {key} AND created = \"{today}\""));
        Assert.DoesNotContain(a, await IdsAsync(Admin, $"space = {key} AND created != \"{today}\""));
        Assert.Equal([a], await IdsAsync(Admin, $"space = {key} AND id = {a} ORDER BY lastmodified DESC, created, type, space.key"));
    }

    [SkippableFact]
    public async Task Trashed_drafts_and_other_statuses_are_found_only_when_asked_for()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, permissions: null);
        var trashed = await Admin.CreateContentInStatusAsync(key, "Gone zanzibar", status: "trashed");
        var draft = (string)(await Admin.CreatePageAsync(key, "Draft zanzibar", status: "draft"))["id"]!;
        var live = await PageAsync(key, "Live zanzibar");
        Assert.Equal([live], await IdsAsync(Admin, $"space = {key} AND text ~ zanzibar"));
        Assert.Equal([trashed], await IdsAsync(Admin, $"space = {key} AND text ~ zanzibar", "&cqlcontext=" + Q("{\"contentStatuses\":[\"trashed\"]}")));
        Assert.Equal([draft], await IdsAsync(Admin, $"space = {key} AND text ~ zanzibar", "&cqlcontext=" + Q("{\"contentStatuses\":[\"draft\"]}")));
        // Someone else's draft stays hidden even when drafts are asked for.
        var bob = await NewUserAsync();
        (await Admin.PostJson($"/wiki/rest/api/space/{key}/permission", new
        {
            subject = new { type = "user", identifier = bob.AccountId }, operation = new { key = "read", target = "space" },
        })).Expect(HttpStatusCode.OK);
        Assert.Equal([live], await IdsAsync(bob.Client, $"space = {key} AND text ~ zanzibar"));
        Assert.Empty(await IdsAsync(bob.Client, $"space = {key} AND text ~ zanzibar", "&cqlcontext=" + Q("{\"contentStatuses\":[\"draft\"]}")));
        // Restoring needs nothing of the index.
        (await Admin.Delete($"{ContentUrl}/{trashed}?status=trashed")).Expect(HttpStatusCode.NoContent);
        Assert.Empty(await IdsAsync(Admin, $"space = {key} AND text ~ gone", "&cqlcontext=" + Q("{\"contentStatuses\":[\"trashed\",\"current\"]}")));
        // A comment is found while its page is, not once the page is trashed.
        var comment = (string)(await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = live, type = "page" }, body = StorageBody("<p>A quokka remark</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        Assert.Equal([comment], await IdsAsync(bob.Client, $"space = {key} AND text ~ quokka"));
        (await Admin.Delete($"{ContentUrl}/{live}")).Expect(HttpStatusCode.NoContent);
        Assert.Empty(await IdsAsync(bob.Client, $"space = {key} AND text ~ quokka"));
        Assert.Empty(await IdsAsync(Admin, $"space = {key} AND text ~ quokka"));
    }

    [SkippableFact]
    public async Task Permissions_apply_inside_the_query_and_the_total()
    {
        var alice = await NewUserAsync();
        var bob = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([alice, bob]);
        var open = await PageAsync(key, "Open quokka");
        var secret = await PageAsync(key, "Secret quokka", "<p>quokka secret</p>");
        var below = await PageAsync(key, "Below quokka", parentId: secret);
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        await Admin.RestrictAsync(secret, Entry("read", [alice.AccountId, me]));
        var hiddenSpace = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(hiddenSpace, permissions: [SpaceTestSupport.Permission("read", "space", [alice.AccountId])]);
        var elsewhere = await PageAsync(hiddenSpace, "Hidden quokka");

        var cql = Q($"space IN ({key}, {hiddenSpace}) AND text ~ quokka");
        Assert.Equal([open], await IdsAsync(bob.Client, $"space IN ({key}, {hiddenSpace}) AND text ~ quokka"));
        var bobs = (await bob.Client.Get($"{Search}?cql={cql}")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, (int)bobs.Json!["totalSize"]!);
        Assert.DoesNotContain("Secret", bobs.Body);
        Assert.DoesNotContain("Hidden", bobs.Body);
        Assert.Equal(new[] { open, secret, below, elsewhere }.Order(), (await IdsAsync(alice.Client, $"space IN ({key}, {hiddenSpace}) AND text ~ quokka")).Order());
        Assert.Equal(4, (int)(await alice.Client.Get($"{Search}?cql={cql}")).Expect(HttpStatusCode.OK).Json!["totalSize"]!);
        Assert.Empty(await IdsAsync(bob.Client, $"id = {secret} OR ancestor = {secret}"));
    }

    [SkippableFact]
    public async Task Search_answers_results_with_excerpts_paging_and_totals()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, name: "Search <space>");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add(await PageAsync(key, $"Walrus {i}", $"<p>Intro words here. The walrus swims {i} laps &amp; more.</p>"));
        var response = (await Admin.Get($"{Search}?cql={Q($"space = {key} AND text ~ walrus")}&limit=2&expand=content.space")).Expect(HttpStatusCode.OK);
        var json = response.Json!;
        Assert.Equal(2, (int)json["size"]!);
        Assert.Equal(5, (int)json["totalSize"]!);
        Assert.Equal(0, (int)json["start"]!);
        Assert.Equal(2, (int)json["limit"]!);
        Assert.Contains("walrus", (string)json["cqlQuery"]!);
        var first = json["results"]![0]!;
        Assert.Equal("content", (string)first["entityType"]!);
        Assert.Equal(key, (string)first["content"]!["space"]!["key"]!);
        Assert.Contains("@@@hl@@@walrus@@@endhl@@@", (string)first["excerpt"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&amp;", (string)first["excerpt"]!);
        Assert.Equal("Search <space>", (string)first["resultGlobalContainer"]!["title"]!);
        Assert.Equal($"/spaces/{key}", (string)first["resultGlobalContainer"]!["displayUrl"]!);
        Assert.StartsWith($"/spaces/{key}/pages/", (string)first["url"]!);
        Assert.True((double)first["score"]! > 0);
        // Ordered by date, relevance no longer orders the hits but each still has its score.
        var byDate = (await Admin.Get($"{Search}?cql={Q($"space = {key} AND text ~ walrus ORDER BY lastmodified DESC")}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(ids.Order(), byDate["results"]!.AsArray().Select(r => (string)r!["content"]!["id"]!).Order());
        Assert.All(byDate["results"]!.AsArray(), r => Assert.True((double)r!["score"]! > 0));
        // Follow next to the end: every hit once.
        var seen = json["results"]!.AsArray().Select(r => (string)r!["content"]!["id"]!).ToList();
        var next = (string?)json["_links"]!["next"];
        while (next is not null)
        {
            var page = (await Admin.Get("/wiki" + next)).Expect(HttpStatusCode.OK).Json!;
            seen.AddRange(page["results"]!.AsArray().Select(r => (string)r!["content"]!["id"]!));
            Assert.NotNull(page["_links"]!["prev"]);
            next = (string?)page["_links"]!["next"];
        }
        Assert.Equal(ids.Order(), seen.Order());
        // Other excerpt strategies.
        var indexed = (await Admin.Get($"{Search}?cql={Q($"id = {ids[0]}")}&excerpt=indexed")).Expect(HttpStatusCode.OK).Json!;
        Assert.StartsWith("Intro words here.", (string)indexed["results"]![0]!["excerpt"]!);
        var none = (await Admin.Get($"{Search}?cql={Q($"id = {ids[0]}")}&excerpt=none")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("", (string)none["results"]![0]!["excerpt"]!);
        (await Admin.Get($"{Search}?cql={Q($"id = {ids[0]}")}&excerpt=everything")).ExpectError(HttpStatusCode.BadRequest);

        // Content search: a ContentArray with cursor links.
        var content = (await Admin.Get($"{ContentSearch}?cql={Q($"space = {key} AND type = page AND title ~ walrus ORDER BY title")}&limit=3&expand=version")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(3, (int)content["size"]!);
        Assert.Equal(1, (int)content["results"]![0]!["version"]!["number"]!);
        Assert.Equal("Walrus 0", (string)content["results"]![0]!["title"]!);
        var more = (await Admin.Get("/wiki" + (string)content["_links"]!["next"]!)).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["Walrus 3", "Walrus 4"], more["results"]!.AsArray().Select(r => (string)r!["title"]!).ToList());
        Assert.NotNull(more["_links"]!["prev"]);
        Assert.Null(more["_links"]!["next"]);
    }

    private async Task<List<string>> UserIdsAsync(string cql, string extra = "") =>
        (await Admin.Get($"{Search}/user?cql={Q(cql)}&limit=250{extra}")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray()
            .Select(r => (string)r!["user"]!["accountId"]!).ToList();

    [SkippableFact]
    public async Task User_search_finds_users_by_account_id_name_and_current_user()
    {
        var tag = Unique();
        var joanna = await NewUserAsync($"Joanna Zed {tag}");
        var bo = await NewUserAsync($"Bo Jonsson {tag}");
        var carl = await NewUserAsync($"Carl Other {tag}");
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;

        Assert.Equal([joanna.AccountId], await UserIdsAsync($"user = {joanna.AccountId}"));
        Assert.Equal([bo.AccountId, joanna.AccountId], await UserIdsAsync($"type = user AND user IN ({joanna.AccountId}, \"{bo.AccountId}\")"));
        Assert.Equal([joanna.AccountId], await UserIdsAsync($"user.accountid = {joanna.AccountId}"));
        Assert.Equal([me], await UserIdsAsync("user = currentUser()"));
        // user.fullname ~ x: a word of the name starts with x, case-insensitively.
        Assert.Equal([bo.AccountId, joanna.AccountId], await UserIdsAsync($"user.fullname ~ \"Jo\" AND user.fullname ~ {tag}"));
        Assert.Equal([joanna.AccountId], await UserIdsAsync($"user.fullname ~ \"ZED {tag.ToUpperInvariant()}\""));
        Assert.Equal([joanna.AccountId, bo.AccountId], await UserIdsAsync($"user.fullname ~ {tag} AND user.fullname ~ jo ORDER BY user.fullname DESC"));
        Assert.Equal([carl.AccountId], await UserIdsAsync($"user.fullname ~ {tag} AND NOT user.fullname ~ jo"));
        Assert.Equal([carl.AccountId], await UserIdsAsync($"user.fullname ~ {tag} AND user.fullname !~ jo"));
        Assert.Equal([bo.AccountId, carl.AccountId], await UserIdsAsync($"user.fullname ~ {tag} AND (user != {joanna.AccountId} OR user = {me})"));
        // Words are letters and digits: LIKE's wildcards are not words and match nothing.
        Assert.Empty(await UserIdsAsync("user.fullname ~ \"%\""));
        Assert.Empty(await UserIdsAsync("user.fullname ~ \"_\" OR user.fullname ~ \"% _\""));
        Assert.Equal([joanna.AccountId], await UserIdsAsync($"user.fullname ~ \"zed_{tag}%\""));

        // The result shape: a user result titled with the display name, a total and pages.
        var json = (await Admin.Get($"{Search}/user?cql={Q($"user.fullname ~ {tag}")}&limit=2&expand=operations")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(3, (int)json["totalSize"]!);
        Assert.Equal(2, (int)json["size"]!);
        var first = json["results"]![0]!;
        Assert.Equal("user", (string)first["entityType"]!);
        Assert.Equal($"Bo Jonsson {tag}", (string)first["title"]!);
        Assert.Equal($"/people/{bo.AccountId}", (string)first["url"]!);
        Assert.NotNull(first["user"]!["operations"]);
        Assert.Null(first["content"]);
        var next = (string)json["_links"]!["next"]!;
        var rest = (await Admin.Get("/wiki" + next)).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([joanna.AccountId], rest["results"]!.AsArray().Select(r => (string)r!["user"]!["accountId"]!).ToList());
        Assert.Contains(joanna.AccountId, await UserIdsAsync("type = user"));
        Assert.Empty(await UserIdsAsync($"user = {joanna.AccountId}", "&sitePermissionTypeFilter=externalCollaborator"));

        // Someone else may search too; anonymous callers may not read users at all.
        Assert.Equal(1, (int)(await carl.Client.Get($"{Search}/user?cql={Q($"user = {bo.AccountId}")}")).Expect(HttpStatusCode.OK).Json!["size"]!);
        (await Server.Anonymous().Get($"{Search}/user?cql={Q("type = user")}")).ExpectError(HttpStatusCode.Unauthorized);

        // Content fields and other types are not user fields; broken CQL is a 400 as elsewhere.
        foreach (var (cql, message) in new[]
                 {
                     ("type = page", "only type user"), ("title ~ x", "does not apply to users"), ("user = ", "at position"),
                     ("type = user ORDER BY created", "only by user.fullname"), ("", "required"),
                 })
            Assert.Contains(message, (await Admin.Get($"{Search}/user?cql={Q(cql)}")).ExpectError(HttpStatusCode.BadRequest).ErrorMessage);
        (await Admin.Get($"{Search}/user?cql=type%3Duser&sitePermissionTypeFilter=martians")).ExpectError(HttpStatusCode.BadRequest);
    }

    private static async Task<List<string>> KeysAsync(HttpClient client, string cql) =>
        (await client.Get($"{Search}?cql={Q(cql)}&limit=250")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray()
            .Select(r => (string)r!["space"]!["key"]!).ToList();

    [SkippableFact]
    public async Task Type_space_finds_the_spaces_the_viewer_may_read_and_type_user_finds_users()
    {
        var tag = Unique();
        var alice = await NewUserAsync();
        var bob = await NewUserAsync();
        var open = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(open, name: $"Aardvark {tag} Garden", description: "Plants & roses",
            permissions: [SpaceTestSupport.Permission("read", "space", [alice.AccountId, bob.AccountId])]);
        var closed = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(closed, name: $"Badger {tag}", permissions: [SpaceTestSupport.Permission("read", "space", [alice.AccountId])]);

        Assert.Equal([open], await KeysAsync(bob.Client, $"type = space AND space.title ~ {tag}"));
        Assert.Equal([open, closed], await KeysAsync(alice.Client, $"type = space AND space.title ~ {tag}"));
        Assert.Equal([closed, open], await KeysAsync(alice.Client, $"type = space AND title ~ {tag} ORDER BY title DESC"));
        Assert.Equal([open], await KeysAsync(alice.Client, $"type = space AND title ~ \"garden {tag}\""));
        Assert.Equal([open], await KeysAsync(alice.Client, $"type = space AND text ~ \"ROSES {tag}\""));
        Assert.Equal([closed], await KeysAsync(alice.Client, $"type = space AND space = {closed}"));
        Assert.Equal([closed], await KeysAsync(alice.Client, $"type IN (space) AND space.title ~ {tag} AND NOT space.key = {open}"));
        Assert.Equal([open], await KeysAsync(alice.Client, $"type = space AND title = \"aardvark {tag} garden\" AND space.type = global"));
        Assert.Empty(await KeysAsync(bob.Client, $"type = space AND space = {closed}"));
        // Favourites: the spaces a user labelled my:favourite, among those the viewer may read.
        (await alice.Client.PostJson($"/wiki/rest/api/space/{closed}/label", new[] { new { prefix = "my", name = "favourite" } })).Expect(HttpStatusCode.OK);
        Assert.Equal([closed], await KeysAsync(alice.Client, "type = space AND favourite = currentUser()"));
        Assert.Equal([closed], await KeysAsync(alice.Client, $"type = space AND favorite = {alice.AccountId}"));
        Assert.Empty(await KeysAsync(bob.Client, $"type = space AND favourite = {alice.AccountId}"));

        var json = (await bob.Client.Get($"{Search}?cql={Q($"type = space AND space.title ~ {tag}")}&expand=space.description.plain")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(1, (int)json["totalSize"]!);
        var first = json["results"]![0]!;
        Assert.Equal("space", (string)first["entityType"]!);
        Assert.Equal($"Aardvark {tag} Garden", (string)first["title"]!);
        Assert.Equal($"/spaces/{open}", (string)first["url"]!);
        Assert.Equal("Plants &amp; roses", (string)first["excerpt"]!);
        Assert.Equal("Plants & roses", (string)first["space"]!["description"]!["plain"]!["value"]!);
        Assert.Null(first["content"]);

        // type = user in /search: users, for signed-in callers only.
        var users = (await alice.Client.Get($"{Search}?cql={Q($"type = user AND user = {bob.AccountId}")}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("user", (string)users["results"]![0]!["entityType"]!);
        Assert.Equal(bob.AccountId, (string)users["results"]![0]!["user"]!["accountId"]!);
        (await Server.Anonymous().Get($"{Search}?cql={Q("type = user")}")).ExpectError(HttpStatusCode.Unauthorized);

        // Spaces, users and content are separate searches; content fields do not apply to spaces.
        foreach (var (cql, message) in new[]
                 {
                     ("type IN (page, space)", "cannot be mixed"), ("type = space OR type = user", "cannot be mixed"),
                     ("type = space AND label = x", "does not apply to spaces"), ("type = space ORDER BY type", "cannot be ordered"),
                     ("type = user AND title ~ x", "does not apply to users"),
                 })
            Assert.Contains(message, (await Admin.Get($"{Search}?cql={Q(cql)}")).ExpectError(HttpStatusCode.BadRequest).ErrorMessage);
        Assert.Contains("content search", (await Admin.Get($"{ContentSearch}?cql={Q("type = space")}")).ExpectError(HttpStatusCode.BadRequest).ErrorMessage);
    }

    [SkippableFact]
    public async Task Favourite_macro_mention_watcher_and_space_title_find_content()
    {
        var tag = Unique();
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, name: $"Zebra {tag} Space");
        var alice = await NewUserAsync();
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        var info = await PageAsync(key, "Info",
            """<ac:structured-macro ac:name="info" ac:schema-version="1"><ac:rich-text-body><p>Careful</p></ac:rich-text-body></ac:structured-macro>""");
        var mentionsAlice = await PageAsync(key, "Mentions alice",
            $"""<p>Hi <ac:link><ri:user ri:account-id="{alice.AccountId}" /></ac:link></p><ac:structured-macro ac:name="toc" />""");
        var mentionsMe = await PageAsync(key, "Mentions me", $"""<p><ac:link><ri:user ri:account-id="{me}" /></ac:link> see <ac:structured-macro ac:name="information" /></p>""");
        var scope = $"id IN ({info}, {mentionsAlice}, {mentionsMe})";

        Assert.Equal([info], await IdsAsync(Admin, $"{scope} AND macro = info"));
        Assert.Equal([info, mentionsAlice], await IdsAsync(Admin, $"{scope} AND macro IN (info, \"toc\") ORDER BY id"));
        Assert.Equal([mentionsAlice, mentionsMe], await IdsAsync(Admin, $"{scope} AND macro != info ORDER BY id"));
        Assert.Empty(await IdsAsync(Admin, $"{scope} AND macro = \"info\\\" ac:schema-version\""));
        Assert.Equal([mentionsAlice], await IdsAsync(Admin, $"{scope} AND mention = {alice.AccountId}"));
        Assert.Equal([mentionsAlice], await IdsAsync(Admin, $"{scope} AND mention = {alice.UserName}"));
        Assert.Equal([mentionsMe], await IdsAsync(Admin, $"{scope} AND mention = currentUser()"));
        Assert.Equal([info], await IdsAsync(Admin, $"{scope} AND NOT mention IN (currentUser(), {alice.AccountId})"));
        // An edit that removes the mention removes the match.
        await Admin.UpdateAsync(mentionsMe, 2, "Mentions me", "<p>Nobody</p>");
        Assert.Empty(await IdsAsync(Admin, $"{scope} AND mention = currentUser()"));

        (await Admin.PostJson($"{ContentUrl}/{info}/label", new[] { new { prefix = "my", name = "favourite" } })).Expect(HttpStatusCode.OK);
        Assert.Equal([info], await IdsAsync(Admin, $"{scope} AND favourite = currentUser()"));
        Assert.Equal([info], await IdsAsync(Admin, $"{scope} AND favorite = {me}"));
        Assert.Empty(await IdsAsync(Admin, $"{scope} AND favourite = {alice.AccountId}"));
        Assert.Equal([mentionsAlice, mentionsMe], await IdsAsync(Admin, $"{scope} AND favourite != currentUser() ORDER BY id"));

        // Watchers: alice (who may read the space) watches one page, the admin another.
        (await Admin.PostJson($"/wiki/rest/api/space/{key}/permission", new
        {
            subject = new { type = "user", identifier = alice.AccountId }, operation = new { key = "read", target = "space" },
        })).Expect(HttpStatusCode.OK);
        (await alice.Client.Call(HttpMethod.Post, $"/wiki/rest/api/user/watch/content/{info}", xsrfHeader: true)).Expect(HttpStatusCode.NoContent);
        // The admin created all three, so it watches them all; it stops watching two.
        foreach (var page in new[] { info, mentionsAlice })
            (await Admin.Call(HttpMethod.Delete, $"/wiki/rest/api/user/watch/content/{page}", xsrfHeader: true)).Expect(HttpStatusCode.NoContent);
        Assert.Equal([info], await IdsAsync(Admin, $"{scope} AND watcher = {alice.AccountId}"));
        Assert.Equal([info], await IdsAsync(alice.Client, $"{scope} AND watcher = currentUser()"));
        Assert.Equal([mentionsMe], await IdsAsync(Admin, $"{scope} AND watcher = currentUser()"));
        Assert.Equal([info, mentionsMe], await IdsAsync(Admin, $"{scope} AND watcher IN (currentUser(), {alice.UserName}) ORDER BY id"));
        Assert.Equal([info, mentionsAlice], await IdsAsync(Admin, $"{scope} AND watcher != currentUser() ORDER BY id"));
        Assert.Equal([mentionsAlice], await IdsAsync(Admin, $"{scope} AND watcher NOT IN (currentUser(), {alice.AccountId})"));

        Assert.Equal([info, mentionsAlice, mentionsMe], await IdsAsync(Admin, $"{scope} AND space.title ~ \"zebra {tag}\" ORDER BY id"));
        Assert.Empty(await IdsAsync(Admin, $"{scope} AND space.title ~ \"giraffe {tag}\""));
        Assert.Equal([info], await IdsAsync(Admin, $"{scope} AND space.title !~ giraffe AND title = info"));
    }

    [SkippableFact]
    public async Task Cqlcontext_narrows_to_its_space_and_content_and_results_carry_breadcrumbs()
    {
        var tag = Unique();
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var other = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(other);
        var root = await PageAsync(key, $"Root {tag}");
        var middle = await PageAsync(key, $"Middle {tag}", parentId: root);
        var leaf = await PageAsync(key, $"Leaf {tag}", parentId: middle);
        var sibling = await PageAsync(key, $"Sibling {tag}");
        var elsewhere = await PageAsync(other, $"Elsewhere {tag}");
        var comment = (string)(await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = leaf, type = "page" }, body = StorageBody($"<p>Comment {tag}</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        string Context(string json) => "&cqlcontext=" + Q(json);
        var cql = $"text ~ {tag} ORDER BY id";

        Assert.Equal([root, middle, leaf, sibling, elsewhere, comment], await IdsAsync(Admin, cql));
        Assert.Equal([root, middle, leaf, sibling, comment], await IdsAsync(Admin, cql, Context($"{{\"spaceKey\":\"{key.ToLowerInvariant()}\"}}")));
        Assert.Equal([middle, leaf, comment], await IdsAsync(Admin, cql, Context($"{{\"spaceKey\":\"{key}\",\"contentId\":\"{middle}\"}}")));
        Assert.Equal([leaf, comment], await IdsAsync(Admin, cql, Context($"{{\"contentId\":{leaf}}}")));
        // A content outside the named space, or a space nobody has, finds nothing.
        Assert.Empty(await IdsAsync(Admin, cql, Context($"{{\"spaceKey\":\"{other}\",\"contentId\":\"{middle}\"}}")));
        Assert.Empty(await IdsAsync(Admin, cql, Context("{\"spaceKey\":\"NOSUCHSPACE\"}")));
        // Space searches narrow to the context's space.
        var spaces = (await Admin.Get($"{Search}?cql={Q("type = space")}&limit=250{Context($"{{\"spaceKey\":\"{other}\"}}")}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([other], spaces["results"]!.AsArray().Select(r => (string)r!["space"]!["key"]!).ToList());

        // Breadcrumbs: the result's ancestors, root first; a comment's run through its page.
        var json = (await Admin.Get($"{Search}?cql={Q($"id IN ({leaf}, {comment}, {root}) ORDER BY id")}")).Expect(HttpStatusCode.OK).Json!;
        List<string> Labels(int i) => json["results"]![i]!["breadcrumbs"]!.AsArray().Select(b => (string)b!["label"]!).ToList();
        Assert.Empty(Labels(0));
        Assert.Equal([$"Root {tag}", $"Middle {tag}"], Labels(1));
        Assert.Equal([$"Root {tag}", $"Middle {tag}", $"Leaf {tag}"], Labels(2));
        var crumb = json["results"]![1]!["breadcrumbs"]![0]!;
        Assert.Equal($"/spaces/{key}/pages/{root}/Root+{tag}", (string)crumb["url"]!);
        Assert.Equal("/", (string)crumb["separator"]!);
        Assert.Equal($"Middle {tag}", (string)json["results"]![1]!["resultParentContainer"]!["title"]!);
        Assert.Null(json["results"]![0]!["resultParentContainer"]);
    }

    [SkippableFact]
    public async Task Startup_backfill_indexes_bodies_the_index_has_not_read()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var tag = Unique();
        var id = await PageAsync(key, "Old page", $"<p>Forgotten{tag} words</p>");
        Assert.Equal([id], await IdsAsync(Admin, $"text ~ forgotten{tag}"));
        using (var scope = Server.Services.CreateScope())
        {
            // As content that existed before the index: its row has the title but no body text.
            var db = scope.ServiceProvider.GetRequiredService<Quire.Storage.DbSession>();
            var column = db.Provider == Quire.Storage.DatabaseProvider.Postgres ? "content_id" : "rowid";
            await db.ExecuteAsync($"UPDATE content_search SET body = NULL WHERE {column} = @id", new { id = long.Parse(id) });
        }
        Assert.Empty(await IdsAsync(Admin, $"text ~ forgotten{tag}"));
        Assert.Equal([id], await IdsAsync(Admin, $"space = {key} AND title ~ old"));
        using (var scope = Server.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<Quire.Core.Search.SearchIndexer>().BackfillAsync() >= 1);
        Assert.Equal([id], await IdsAsync(Admin, $"text ~ forgotten{tag}"));
        // Once done, a second run finds nothing of this page to do, and the excerpt is its text.
        using (var scope = Server.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Quire.Core.Search.SearchIndexer>().BackfillAsync();
        var result = (await Admin.Get($"{Search}?cql={Q($"id = {id}")}&excerpt=indexed")).Expect(HttpStatusCode.OK).Json!;
        Assert.StartsWith($"Forgotten{tag} words", (string)result["results"]![0]!["excerpt"]!);
    }

    [SkippableFact]
    public async Task Broken_cql_is_a_400_with_the_parsers_message()
    {
        async Task Refused(string cql, string message, string url = ContentSearch)
        {
            var error = (await Admin.Get($"{url}?cql={Q(cql)}")).ExpectError(HttpStatusCode.BadRequest);
            Assert.Contains(message, error.ErrorMessage);
        }
        await Refused("title = ", "at position");                       // missing value
        await Refused("nosuchfield = x", "nosuchfield");                 // unknown field
        await Refused("text = x", "does not support");                   // wrong operator
        await Refused("(type = page", "at position", Search);            // unbalanced parentheses
        await Refused("created > \"soon\"", "at position");              // not a date
        await Refused("type = page ORDER BY text", "at position");       // not orderable
        await Refused("id = abc", "is not a content id");                // not an id
        await Refused("type = widget", "unknown type");                  // unknown type
        await Refused("user = x", "search/user", Search);                // user fields belong to user search
        await Refused("label = \"a b\"", "label");                       // not a label
        (await Admin.Get(ContentSearch)).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{Search}?cql=type%3Dpage&cqlcontext=%7Bnope")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{ContentSearch}?cql=type%3Dpage&cursor=forged")).ExpectError(HttpStatusCode.BadRequest);
        // Hostile text never reaches the engines' syntax.
        foreach (var text in new[] { "\"", "NEAR(a b)", "a:*", "title : x", "'; DROP TABLE content; --", "*", "a & | ! b", "\\\\" })
            (await Admin.Get($"{Search}?cql={Q($"text ~ \"{text.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"")}")).Expect(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SearchApiTestsOnSqlite(SqliteServerFixture fixture) : SearchApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SearchApiTestsOnPostgres(PostgresServerFixture fixture) : SearchApiTests(fixture);
