using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

/// <summary>
/// A space's trash is seen by its space admins only (Confluence: trashed pages "can be restored by
/// a space admin", and purging needs a space administrator): trashed content, and what hangs off
/// it, is read, listed, searched, restored and purged by them, directly or through a group, and is
/// as missing as content that does not exist to anyone else, a user who may delete pages included.
/// </summary>
public abstract class TrashVisibilityTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string Api = "/wiki/rest/api";

    private static List<string> Ids(JsonNode listing) => listing["results"]!.AsArray().Select(r => (string)r!["id"]!).ToList();

    private static string Q(string text) => Uri.EscapeDataString(text);

    [SkippableFact]
    public async Task Only_space_admins_see_the_trash_in_every_read_and_listing()
    {
        var reader = await NewUserAsync();
        var writer = await NewUserAsync();
        var deputy = await NewUserAsync();
        var (_, admins) = await Admin.NewGroupAsync(deputy);
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, permissions:
        [
            SpaceTestSupport.Permission("read", "space", [reader.AccountId, writer.AccountId], [admins]),
            SpaceTestSupport.Permission("create", "page", [writer.AccountId]),
            SpaceTestSupport.Permission("delete", "page", [writer.AccountId]),
            SpaceTestSupport.Permission("create", "comment", [writer.AccountId]),
            SpaceTestSupport.Permission("administer", "space", groups: [admins]),
        ]);
        var u = Unique();
        var open = (string)(await Admin.CreatePageAsync(key, $"Open {u}"))["id"]!;
        var binned = (string)(await Admin.CreatePageAsync(key, $"Binned {u}", "<p>binned words</p>", parentId: open))["id"]!;
        var comment = (string)(await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = binned, type = "page" }, body = StorageBody("<p>binned remark</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var attachment = (string)(await Admin.AttachAsync(binned, new UploadFile($"binned{u}.txt", AttachmentTestSupport.Bytes("x"))))[0]!["id"]!;
        var relation = "trashrel" + u;
        (await Admin.Call(HttpMethod.Put, $"{Api}/relation/{relation}/from/content/{open}/to/content/{binned}")).Expect(HttpStatusCode.OK);
        // The writer may delete pages, and does: it trashes the page, and from then on cannot see it.
        (await writer.Client.Delete($"{ContentUrl}/{binned}")).Expect(HttpStatusCode.NoContent);

        var cqlTrash = $"&cqlcontext={Q("{\"contentStatuses\":[\"trashed\",\"current\"]}")}";
        var reads = new[]
        {
            $"{ContentUrl}/{binned}?status=trashed", $"{ContentUrl}/{binned}?status=any", $"{ContentUrl}/{binned}/version",
            $"{ContentUrl}/{binned}/history", $"{ContentUrl}/{binned}/child/comment", $"{ContentUrl}/{binned}/label",
            $"{ContentUrl}/{binned}/property", $"{ContentUrl}/{binned}/restriction", $"{ContentUrl}/{comment}",
            $"{ContentUrl}/{attachment}",
        };
        // Every listing that can show trashed content (or a comment on it), by what it is asked for.
        async Task<Dictionary<string, List<string>>> Listed(HttpClient client) => new()
        {
            ["status=trashed"] = Ids((await client.Get($"{ContentUrl}?spaceKey={key}&status=trashed")).Expect(HttpStatusCode.OK).Json!),
            ["status=any"] = Ids((await client.Get($"{ContentUrl}?spaceKey={key}&status=any")).Expect(HttpStatusCode.OK).Json!),
            ["comments"] = Ids((await client.Get($"{ContentUrl}?spaceKey={key}&type=comment")).Expect(HttpStatusCode.OK).Json!),
            ["content search"] = Ids((await client.Get($"{ContentUrl}/search?cql={Q($"space = {key} AND text ~ binned")}{cqlTrash}"))
                .Expect(HttpStatusCode.OK).Json!),
            ["search"] = (await client.Get($"{Api}/search?cql={Q($"space = {key} AND text ~ binned")}{cqlTrash}")).Expect(HttpStatusCode.OK)
                .Json!["results"]!.AsArray().Select(r => (string)r!["content"]!["id"]!).ToList(),
            ["relation"] = (await client.Get($"{Api}/relation/{relation}/from/content/{open}/to/content?targetStatus=trashed&expand=target"))
                .Expect(HttpStatusCode.OK).Json!["results"]!.AsArray().Select(r => (string)r!["target"]!["id"]!).ToList(),
        };

        // The space's admins, by a grant of their own or through a group, see all of it.
        foreach (var admin in new[] { Admin, deputy.Client })
        {
            var read = (await admin.Get($"{ContentUrl}/{binned}?status=trashed")).Expect(HttpStatusCode.OK).Json!;
            Assert.Equal("trashed", (string?)read["status"]);
            foreach (var url in reads) (await admin.Get(url)).Expect(HttpStatusCode.OK);
            var listed = await Listed(admin);
            Assert.Equal([binned], listed["status=trashed"]);
            Assert.Contains(binned, listed["status=any"]);
            Assert.Equal([comment], listed["comments"]);
            Assert.Equal([binned, comment], listed["content search"].Order());
            Assert.Equal([binned, comment], listed["search"].Order());
            Assert.Equal([binned], listed["relation"]);
        }

        // Everyone else, the writer who trashed it included, finds nothing: 404, as for missing content.
        foreach (var other in new[] { reader, writer })
        {
            foreach (var url in reads) (await other.Client.Get(url)).ExpectError(HttpStatusCode.NotFound);
            var listed = await Listed(other.Client);
            Assert.All(listed.Where(l => l.Key != "status=any"), l => Assert.Empty(l.Value));
            // Any status: the open page is still theirs, so the listing did look.
            Assert.Contains(open, listed["status=any"]);
            Assert.DoesNotContain(binned, listed["status=any"]);
        }
        // Nor can it restore or purge what it cannot see.
        (await writer.Client.PutJson($"{ContentUrl}/{binned}", new { version = new { number = 2 }, type = "page", title = $"Binned {u}", status = "current" }))
            .ExpectError(HttpStatusCode.NotFound);
        (await writer.Client.Delete($"{ContentUrl}/{binned}?status=trashed")).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal(1, await Server.CountAsync("SELECT COUNT(*) FROM content WHERE id = @id", new { id = long.Parse(binned) }));

        // A space admin restores it, and it is everyone's again.
        (await Admin.PutJson($"{ContentUrl}/{binned}", new { version = new { number = 2 }, type = "page", title = $"Binned {u}", status = "current" }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("current", (string?)(await reader.Client.GetContentAsync(binned))["status"]);
        (await reader.Client.Get($"{ContentUrl}/{comment}")).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task A_trashed_homepage_is_not_named_to_readers()
    {
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var homepage = (string)(await Admin.Get($"{Api}/space/{key}?expand=homepage")).Expect(HttpStatusCode.OK).Json!["homepage"]!["id"]!;
        (await Admin.Delete($"{ContentUrl}/{homepage}")).Expect(HttpStatusCode.NoContent);

        Assert.Equal(homepage, (string?)(await Admin.Get($"{Api}/space/{key}?expand=homepage")).Expect(HttpStatusCode.OK).Json!["homepage"]!["id"]);
        var seen = (await reader.Client.Get($"{Api}/space/{key}?expand=homepage")).Expect(HttpStatusCode.OK);
        Assert.Null(seen.Json!["homepage"]);
        Assert.DoesNotMatch($"/content/{homepage}(?![0-9])", seen.Body);
    }

    /// <summary>Purging stays the space admins' too: the trash of a space is theirs to empty.</summary>
    [SkippableFact]
    public async Task A_space_admin_purges_what_a_deleter_trashed()
    {
        var writer = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([], writers: [writer]);
        var page = (string)(await writer.Client.CreatePageAsync(key, "Short-lived"))["id"]!;
        (await writer.Client.Delete($"{ContentUrl}/{page}")).Expect(HttpStatusCode.NoContent);
        (await writer.Client.Delete($"{ContentUrl}/{page}?status=trashed")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Delete($"{ContentUrl}/{page}?status=trashed")).Expect(HttpStatusCode.NoContent);
        Assert.Equal(0, await Server.CountAsync("SELECT COUNT(*) FROM content WHERE id = @id", new { id = long.Parse(page) }));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TrashVisibilityTestsOnSqlite(SqliteServerFixture fixture) : TrashVisibilityTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TrashVisibilityTestsOnPostgres(PostgresServerFixture fixture) : TrashVisibilityTests(fixture);
