using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.ContentRestrictions;

/// <summary>The Content restrictions group and what restrictions do to every other call.</summary>
public abstract class ContentRestrictionsApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private async Task<string> AdminAccountIdAsync() => (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;

    private static async Task<IReadOnlyList<string>> IdsAsync(HttpClient client, string url) =>
        (await client.Get(url)).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray().Select(r => (string)r!["id"]!).ToList();

    [SkippableFact]
    public async Task Read_restrictions_hide_a_page_and_everything_below_it_from_who_is_not_named()
    {
        var alice = await NewUserAsync();
        var bob = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([alice, bob]);
        var parent = (string)(await Admin.CreatePageAsync(key, "Secret parent"))["id"]!;
        var child = (string)(await Admin.CreatePageAsync(key, "Open-looking child", parentId: parent))["id"]!;
        var grandchild = (string)(await Admin.CreatePageAsync(key, "Grandchild", parentId: child))["id"]!;
        var comment = (string)(await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = child, type = "page" }, body = StorageBody("<p>A comment</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var attachment = (string)(await Admin.AttachAsync(child, new UploadFile("notes.txt", AttachmentTestSupport.Bytes("hi"))))[0]!["id"]!;
        var hidden = new[] { parent, child, grandchild, comment, attachment };
        foreach (var id in hidden) (await bob.Client.Get($"{ContentUrl}/{id}")).Expect(HttpStatusCode.OK);

        await Admin.RestrictAsync(parent, Entry("read", [alice.AccountId, await AdminAccountIdAsync()]));

        foreach (var id in hidden)
        {
            (await alice.Client.Get($"{ContentUrl}/{id}")).Expect(HttpStatusCode.OK);
            var refused = (await bob.Client.Get($"{ContentUrl}/{id}")).ExpectError(HttpStatusCode.NotFound);
            Assert.Equal((await bob.Client.Get($"{ContentUrl}/99999999")).ExpectError(HttpStatusCode.NotFound).Json!["statusCode"]!.ToJsonString(),
                refused.Json!["statusCode"]!.ToJsonString());
        }
        // Listings leave them out for bob, in the query: the space's pages, content by space, a child listing of the parent.
        foreach (var url in new[] { $"/wiki/rest/api/space/{key}/content/page?limit=100", $"{ContentUrl}?spaceKey={key}&limit=100" })
        {
            Assert.Empty((await IdsAsync(bob.Client, url)).Intersect(hidden));
            Assert.Contains(grandchild, await IdsAsync(alice.Client, url));
        }
        (await bob.Client.Get($"{ContentUrl}/{parent}/child/page")).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal([child], await IdsAsync(alice.Client, $"{ContentUrl}/{parent}/child/page"));

        // A group the restriction names lets its members in.
        var (groupId, _) = await Admin.NewGroupAsync(bob);
        (await Admin.PutJson($"{Restriction(parent)}/byOperation/read/byGroupId/{groupId}", new { })).Expect(HttpStatusCode.OK);
        foreach (var id in hidden) (await bob.Client.Get($"{ContentUrl}/{id}")).Expect(HttpStatusCode.OK);

        // Lifting the restriction opens everything again.
        (await Admin.Delete($"{Restriction(parent)}/byOperation/read/byGroupId/{groupId}")).Expect(HttpStatusCode.OK);
        (await bob.Client.Get($"{ContentUrl}/{grandchild}")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Delete(Restriction(parent))).Expect(HttpStatusCode.OK);
        foreach (var id in hidden) (await bob.Client.Get($"{ContentUrl}/{id}")).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Inherited_read_restrictions_follow_moves_reparenting_and_the_trash()
    {
        var alice = await NewUserAsync();
        var bob = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([alice, bob]);
        var me = await AdminAccountIdAsync();
        var secret = (string)(await Admin.CreatePageAsync(key, "Secret"))["id"]!;
        var open = (string)(await Admin.CreatePageAsync(key, "Open"))["id"]!;
        var other = (string)(await Admin.CreatePageAsync(key, "Other"))["id"]!;
        await Admin.RestrictAsync(secret, Entry("read", [alice.AccountId, me]));

        // New content under the restricted page is hidden from its first moment.
        var born = (string)(await Admin.CreatePageAsync(key, "Born hidden", parentId: secret))["id"]!;
        (await bob.Client.Get($"{ContentUrl}/{born}")).ExpectError(HttpStatusCode.NotFound);

        // Moving a page (with what hangs off it) under the restricted page hides it; moving it out shows it again.
        var attachment = (string)(await Admin.AttachAsync(open, new UploadFile("a.txt", AttachmentTestSupport.Bytes("a"))))[0]!["id"]!;
        (await Admin.PutJson($"{ContentUrl}/{open}/move/append/{secret}", new { })).Expect(HttpStatusCode.OK);
        (await bob.Client.Get($"{ContentUrl}/{open}")).ExpectError(HttpStatusCode.NotFound);
        (await bob.Client.Get($"{ContentUrl}/{attachment}")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.PutJson($"{ContentUrl}/{open}/move/after/{other}", new { })).Expect(HttpStatusCode.OK);
        (await bob.Client.Get($"{ContentUrl}/{open}")).Expect(HttpStatusCode.OK);
        (await bob.Client.Get($"{ContentUrl}/{attachment}")).Expect(HttpStatusCode.OK);

        // So does a new parent given by an update's ancestors.
        var page = await Admin.GetContentAsync(other, "?expand=version");
        (await Admin.PutJson($"{ContentUrl}/{other}", new
        {
            version = new { number = (int)page["version"]!["number"]! + 1 }, type = "page", title = "Other",
            ancestors = new[] { new { id = secret } }, body = StorageBody("<p>moved</p>"),
        })).Expect(HttpStatusCode.OK);
        (await bob.Client.Get($"{ContentUrl}/{other}")).ExpectError(HttpStatusCode.NotFound);

        // An attachment moved onto the restricted page is hidden with it.
        var loose = (string)(await Admin.CreatePageAsync(key, "Loose"))["id"]!;
        var file = (await Admin.AttachAsync(loose, new UploadFile("b.txt", AttachmentTestSupport.Bytes("b"))))[0]!;
        (await Admin.PutJson($"{ContentUrl}/{loose}/child/attachment/{(string)file["id"]!}", new
        {
            id = (string)file["id"]!, type = "attachment", title = "b.txt", version = new { number = 2 }, container = new { id = secret, type = "page" },
        })).Expect(HttpStatusCode.OK);
        (await bob.Client.Get($"{ContentUrl}/{(string)file["id"]!}")).ExpectError(HttpStatusCode.NotFound);

        // Trashing the restricted page moves its children up, out from under its restriction.
        (await Admin.Delete($"{ContentUrl}/{secret}")).Expect(HttpStatusCode.NoContent);
        (await bob.Client.Get($"{ContentUrl}/{born}")).Expect(HttpStatusCode.OK);
        (await bob.Client.Get($"{ContentUrl}/{other}")).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Update_restrictions_keep_others_from_changing_the_page_and_show_in_operations()
    {
        var alice = await NewUserAsync();
        var bob = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([], writers: [alice, bob]);
        var page = (string)(await alice.Client.CreatePageAsync(key, "Alice's"))["id"]!;
        var child = (string)(await alice.Client.CreatePageAsync(key, "Child of Alice's", parentId: page))["id"]!;
        await alice.Client.RestrictAsync(page, Entry("update", [alice.AccountId]));

        (await bob.Client.Get($"{ContentUrl}/{page}")).Expect(HttpStatusCode.OK);
        var edit = new { version = new { number = 2 }, type = "page", title = "Bob was here", body = StorageBody("<p>x</p>") };
        Assert.Contains("update restriction", (await bob.Client.PutJson($"{ContentUrl}/{page}", edit)).ExpectError(HttpStatusCode.Forbidden).ErrorMessage);
        (await bob.Client.Delete($"{ContentUrl}/{page}")).ExpectError(HttpStatusCode.Forbidden);
        (await bob.Client.UploadAsync(HttpMethod.Post, AttachmentTestSupport.Attachments(page),
            AttachmentTestSupport.Form([new UploadFile("x.txt", AttachmentTestSupport.Bytes("x"))]))).ExpectError(HttpStatusCode.Forbidden);
        (await bob.Client.PostJson(Restriction(page), new[] { Entry("update", [bob.AccountId]) })).ExpectError(HttpStatusCode.Forbidden);
        // Update restrictions are not inherited.
        await bob.Client.UpdateAsync(child, 2, "Child, edited by Bob", "<p>y</p>");

        static IEnumerable<string> Operations(JsonNode content) => content["operations"]!.AsArray().Select(o => (string)o!["operation"]!);
        Assert.Equal(["read"], Operations(await bob.Client.GetContentAsync(page, "?expand=operations")));
        Assert.Equal(["read", "update", "delete"], Operations(await alice.Client.GetContentAsync(page, "?expand=operations")));
        Assert.Contains("update", Operations(await bob.Client.GetContentAsync(child, "?expand=operations")));

        object Check(TestUser user, string operation) => new { subject = new { type = "user", identifier = user.AccountId }, operation };
        var refused = (await Admin.PostJson($"{ContentUrl}/{page}/permission/check", Check(bob, "update"))).Expect(HttpStatusCode.OK).Json!;
        Assert.False((bool)refused["hasPermission"]!);
        Assert.Contains("restrictions", (string)refused["errors"]![0]!["translation"]!);
        Assert.True((bool)(await Admin.PostJson($"{ContentUrl}/{page}/permission/check", Check(alice, "update"))).Json!["hasPermission"]!);
        Assert.True((bool)(await Admin.PostJson($"{ContentUrl}/{page}/permission/check", Check(bob, "read"))).Json!["hasPermission"]!);

        // Alice edits; then lifts the restriction and Bob may edit too.
        await alice.Client.UpdateAsync(page, 2, "Alice's, edited", "<p>a</p>");
        (await alice.Client.Delete($"{Restriction(page)}/byOperation/update/user?accountId={alice.AccountId}")).Expect(HttpStatusCode.OK);
        await bob.Client.UpdateAsync(page, 3, "Bob's turn", "<p>b</p>");
    }

    [SkippableFact]
    public async Task The_restriction_operations_read_and_write_one_model_with_the_specs_shapes()
    {
        var alice = await NewUserAsync("Alice Restricted");
        var bob = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([alice, bob]);
        var me = await AdminAccountIdAsync();
        var page = (string)(await Admin.CreatePageAsync(key, "Shapes"))["id"]!;
        var (g1, g1Name) = await Admin.NewGroupAsync();
        var (g2, g2Name) = await Admin.NewGroupAsync();

        // POST adds, answering a ContentRestrictionArray with users and groups expanded.
        var added = await Admin.RestrictAsync(page, Entry("read", [alice.AccountId, me], [g1]));
        Assert.Equal(2, (int)added["size"]!);
        Assert.False(string.IsNullOrEmpty((string?)added["restrictionsHash"]));
        var read = added["results"]!.AsArray().Single(r => (string)r!["operation"]! == "read")!;
        Assert.Equal([alice.AccountId, me], read["restrictions"]!["user"]!["results"]!.AsArray().Select(u => (string)u!["accountId"]!).Order().SequenceEqual(new[] { alice.AccountId, me }.Order()) ? [alice.AccountId, me] : []);
        Assert.Equal(g1, (string)read["restrictions"]!["group"]!["results"]![0]!["id"]!);
        Assert.Equal(g1Name, (string)read["restrictions"]!["group"]!["results"]![0]!["name"]!);
        Assert.EndsWith($"/rest/api/content/{page}/restriction/byOperation/read", (string)read["_links"]!["self"]!);
        var update = added["results"]!.AsArray().Single(r => (string)r!["operation"]! == "update")!;
        Assert.Equal(0, (int)update["restrictions"]!["user"]!["size"]!);

        // GET: the same by default; expand narrows and adds content.
        var got = (await Admin.Get(Restriction(page))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal((string)added["restrictionsHash"]!, (string)got["restrictionsHash"]!);
        var narrowed = (await Admin.Get($"{Restriction(page)}?expand=read.restrictions.user,content")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        Assert.Equal(2, (int)narrowed.Single(r => (string)r!["operation"]! == "read")!["restrictions"]!["user"]!["size"]!);
        Assert.Null(narrowed.Single(r => (string)r!["operation"]! == "read")!["restrictions"]!["group"]);
        Assert.Null(narrowed.Single(r => (string)r!["operation"]! == "update")!["restrictions"]);
        Assert.Equal(page, (string)narrowed[0]!["content"]!["id"]!);
        var paged = (await Admin.Get($"{Restriction(page)}/byOperation/read?limit=1")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(1, (int)paged["restrictions"]!["user"]!["size"]!);
        Assert.Equal(1, (int)paged["restrictions"]!["user"]!["limit"]!);

        // byOperation: a map of operation to restriction.
        var map = (await alice.Client.Get($"{Restriction(page)}/byOperation")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(2, (int)map["read"]!["restrictions"]!["user"]!["size"]!);
        Assert.Equal(0, (int)map["update"]!["restrictions"]!["group"]!["size"]!);
        Assert.NotNull(map["_links"]!["base"]);

        // Single users and groups: status (200 or 404), add, remove.
        (await Admin.Get($"{Restriction(page)}/byOperation/read/user?accountId={alice.AccountId}")).Expect(HttpStatusCode.OK);
        (await Admin.Get($"{Restriction(page)}/byOperation/read/user?accountId={bob.AccountId}")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.PutJson($"{Restriction(page)}/byOperation/read/user?accountId={bob.AccountId}", new { })).Expect(HttpStatusCode.OK);
        (await Admin.Get($"{Restriction(page)}/byOperation/read/user?accountId={bob.AccountId}")).Expect(HttpStatusCode.OK);
        (await bob.Client.Get($"{ContentUrl}/{page}")).Expect(HttpStatusCode.OK);
        (await Admin.Delete($"{Restriction(page)}/byOperation/read/user?accountId={bob.AccountId}")).Expect(HttpStatusCode.OK);
        (await Admin.Delete($"{Restriction(page)}/byOperation/read/user?accountId={bob.AccountId}")).ExpectError(HttpStatusCode.NotFound);
        (await bob.Client.Get($"{ContentUrl}/{page}")).ExpectError(HttpStatusCode.NotFound);

        (await Admin.Get($"{Restriction(page)}/byOperation/read/group/{g1Name}")).Expect(HttpStatusCode.OK);
        (await Admin.Get($"{Restriction(page)}/byOperation/read/byGroupId/{g1}")).Expect(HttpStatusCode.OK);
        // A change that would lock the caller out is refused; naming oneself first makes room for others.
        Assert.Contains("unable to view or edit",
            (await Admin.PutJson($"{Restriction(page)}/byOperation/update/group/{g2Name}", new { })).ExpectError(HttpStatusCode.BadRequest).ErrorMessage);
        (await Admin.PostJson(Restriction(page), new[] { Entry("read", [bob.AccountId]) }.Concat(new[] { Entry("update", [bob.AccountId]) }).ToArray()))
            .ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{Restriction(page)}/byOperation/update/user?accountId={me}", new { })).Expect(HttpStatusCode.OK);
        (await Admin.PutJson($"{Restriction(page)}/byOperation/update/group/{g2Name}", new { })).Expect(HttpStatusCode.OK);
        (await Admin.Get($"{Restriction(page)}/byOperation/update/byGroupId/{g2}")).Expect(HttpStatusCode.OK);
        (await Admin.Delete($"{Restriction(page)}/byOperation/update/byGroupId/{g2}")).Expect(HttpStatusCode.OK);
        (await Admin.Get($"{Restriction(page)}/byOperation/update/group/{g2Name}")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.PutJson($"{Restriction(page)}/byOperation/update/byGroupId/{g2}", new { })).Expect(HttpStatusCode.OK);
        (await Admin.Delete($"{Restriction(page)}/byOperation/update/group/{g2Name}")).Expect(HttpStatusCode.OK);
        (await Admin.Delete($"{Restriction(page)}/byOperation/update/group/{g2Name}")).ExpectError(HttpStatusCode.NotFound);

        (await Admin.Delete($"{Restriction(page)}/byOperation/update/user?accountId={me}")).Expect(HttpStatusCode.OK);

        // The content's restrictions expansion shows the same model.
        var expanded = await Admin.GetContentAsync(page, "?expand=restrictions.read.restrictions.user,restrictions.read.restrictions.group");
        Assert.Equal(2, (int)expanded["restrictions"]!["read"]!["restrictions"]!["user"]!["size"]!);
        Assert.Equal(g1, (string)expanded["restrictions"]!["read"]!["restrictions"]!["group"]!["results"]![0]!["id"]!);

        // PUT replaces everything; the object form with results is accepted too.
        var replaced = (await Admin.PutJson(Restriction(page), new { results = new[] { Entry("update", [me]) } })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(0, (int)replaced["results"]!.AsArray().Single(r => (string)r!["operation"]! == "read")!["restrictions"]!["user"]!["size"]!);
        Assert.Equal(me, (string)replaced["results"]!.AsArray().Single(r => (string)r!["operation"]! == "update")!["restrictions"]!["user"]!["results"]![0]!["accountId"]!);
        Assert.NotEqual((string)added["restrictionsHash"]!, (string)replaced["restrictionsHash"]!);
        (await bob.Client.Get($"{ContentUrl}/{page}")).Expect(HttpStatusCode.OK);

        // DELETE lifts them all.
        var cleared = (await Admin.Delete(Restriction(page))).Expect(HttpStatusCode.OK).Json!;
        Assert.All(cleared["results"]!.AsArray(), r => Assert.Equal(0, (int)r!["restrictions"]!["user"]!["size"]!));
    }

    [SkippableFact]
    public async Task Copies_and_tree_tasks_take_only_what_their_caller_may_see()
    {
        var alice = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([], writers: [alice]);
        var me = await AdminAccountIdAsync();
        var root = (string)(await alice.Client.CreatePageAsync(key, "Root"))["id"]!;
        var seen = (string)(await alice.Client.CreatePageAsync(key, "Seen", parentId: root))["id"]!;
        var hidden = (string)(await Admin.CreatePageAsync(key, "Hidden from Alice", parentId: root))["id"]!;
        var below = (string)(await Admin.CreatePageAsync(key, "Below hidden", parentId: hidden))["id"]!;
        await Admin.RestrictAsync(hidden, Entry("read", [me]));
        var target = (string)(await alice.Client.CreatePageAsync(key, "Target"))["id"]!;

        // Alice's hierarchy copy takes the pages she sees and nothing below a page she does not.
        var task = (await alice.Client.PostJson($"{ContentUrl}/{root}/pagehierarchy/copy", new
        {
            destinationPageId = target, copyDescendants = true, titleOptions = new { prefix = "Copy of " },
        })).Expect(HttpStatusCode.Accepted).Json!;
        Assert.True((bool?)(await alice.Client.WaitForTaskAsync((string)task["id"]!))["successful"]);
        var titles = (await Admin.Get($"{ContentUrl}/{target}/descendant/page?limit=50")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray()
            .Select(p => (string)p!["title"]!).Order().ToList();
        Assert.Equal(["Copy of Root", "Copy of Seen"], titles);

        // copyPermissions carries restrictions over to the copy; without it the copy is open.
        await alice.Client.RestrictAsync(seen, Entry("read", [alice.AccountId]));
        var withRestrictions = (string)(await alice.Client.PostJson($"{ContentUrl}/{seen}/copy", new
        {
            destination = new { type = "parent_page", value = target }, pageTitle = "Seen, restricted copy", copyPermissions = true,
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var open = (string)(await alice.Client.PostJson($"{ContentUrl}/{seen}/copy", new
        {
            destination = new { type = "parent_page", value = target }, pageTitle = "Seen, open copy",
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        (await Admin.Get($"{ContentUrl}/{withRestrictions}")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"{ContentUrl}/{open}")).Expect(HttpStatusCode.OK);

        // Deleting the tree trashes what Alice sees; the hidden page and its subtree stay current.
        var delete = (await alice.Client.Delete($"{ContentUrl}/{root}/pageTree")).Expect(HttpStatusCode.Accepted).Json!;
        Assert.True((bool?)(await alice.Client.WaitForTaskAsync((string)delete["id"]!))["successful"]);
        Assert.Equal("trashed", (string)(await Admin.GetContentAsync(root, "?status=any"))["status"]!);
        Assert.Equal("current", (string)(await Admin.GetContentAsync(hidden))["status"]!);
        Assert.Equal("current", (string)(await Admin.GetContentAsync(below))["status"]!);
    }

    [SkippableFact]
    public async Task Bad_restriction_requests_answer_4xx_and_change_nothing()
    {
        var alice = await NewUserAsync();
        var bob = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([bob], writers: [alice]);
        var me = await AdminAccountIdAsync();
        var page = (string)(await Admin.CreatePageAsync(key, "Guarded"))["id"]!;
        var secret = (string)(await Admin.CreatePageAsync(key, "Hidden from Bob"))["id"]!;
        await Admin.RestrictAsync(page, Entry("update", [me]));
        await Admin.RestrictAsync(secret, Entry("read", [me]));
        var before = (string)(await Admin.Get(Restriction(page))).Json!["restrictionsHash"]!;
        var comment = (string)(await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = page, type = "page" }, body = StorageBody("<p>c</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;

        foreach (var body in new object[]
                 {
                     new[] { Entry("administer", [me]) }, new[] { Entry("read", ["no-such-account"]) }, new[] { Entry("read", groupIds: ["no-such-group"]) },
                     new { operation = "read" }, new[] { new { operation = "read" } }, new[] { new { operation = 5, restrictions = new { } } },
                     new[] { new { operation = "read", restrictions = new { user = new[] { new { type = "known" } } } } },
                     new[] { new { operation = "read", restrictions = new { group = new[] { new { type = "group" } } } } },
                     new[] { new { operation = "read", restrictions = new { user = "everyone" } } }, "not an array",
                 })
        {
            (await Admin.PostJson(Restriction(page), body)).ExpectError(HttpStatusCode.BadRequest);
            (await Admin.PutJson(Restriction(page), body)).ExpectError(HttpStatusCode.BadRequest);
        }
        (await Admin.SendRaw(HttpMethod.Post, Restriction(page), "{not json")).ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal(before, (string)(await Admin.Get(Restriction(page))).Json!["restrictionsHash"]!);

        // Only pages and blog posts are restricted.
        (await Admin.PostJson(Restriction(comment), new[] { Entry("read", [me]) })).ExpectError(HttpStatusCode.BadRequest);
        // Who may not edit may not restrict; who may not see gets 404 everywhere.
        (await bob.Client.PostJson(Restriction(page), new[] { Entry("read", [bob.AccountId]) })).ExpectError(HttpStatusCode.Forbidden);
        (await bob.Client.PutJson($"{Restriction(page)}/byOperation/read/user?accountId={bob.AccountId}", new { })).ExpectError(HttpStatusCode.Forbidden);
        (await alice.Client.Delete(Restriction(page))).ExpectError(HttpStatusCode.Forbidden);
        foreach (var url in new[] { Restriction(secret), $"{Restriction(secret)}/byOperation", $"{Restriction(secret)}/byOperation/read",
                     $"{Restriction(secret)}/byOperation/read/user?accountId={me}" })
            (await bob.Client.Get(url)).ExpectError(HttpStatusCode.NotFound);
        (await bob.Client.Delete(Restriction(secret))).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get(Restriction("99999999"))).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get(Restriction("abc"))).ExpectError(HttpStatusCode.NotFound);
        // Unknown operations, users and groups in the path are 404; a missing accountId is 400.
        (await Admin.Get($"{Restriction(page)}/byOperation/delete")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.PutJson($"{Restriction(page)}/byOperation/delete/user?accountId={me}", new { })).ExpectError(HttpStatusCode.NotFound);
        (await Admin.PutJson($"{Restriction(page)}/byOperation/read/user?accountId=nobody", new { })).ExpectError(HttpStatusCode.NotFound);
        (await Admin.PutJson($"{Restriction(page)}/byOperation/read/group/no-such-group", new { })).ExpectError(HttpStatusCode.NotFound);
        (await Admin.PutJson($"{Restriction(page)}/byOperation/read/byGroupId/no-such-group", new { })).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"{Restriction(page)}/byOperation/read/user")).ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal(before, (string)(await Admin.Get(Restriction(page))).Json!["restrictionsHash"]!);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentRestrictionsApiTestsOnSqlite(SqliteServerFixture fixture) : ContentRestrictionsApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentRestrictionsApiTestsOnPostgres(PostgresServerFixture fixture) : ContentRestrictionsApiTests(fixture);
