using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentAttachments.AttachmentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.ApiV2.Attachment;

/// <summary>v2's Attachment group over the attachments v1 uploads: shapes, filters, cursor walks, trash and purge, visibility.</summary>
public abstract class AttachmentApiV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    private static async Task<List<string>> Ids(HttpClient client, string url) =>
        (await client.WalkAsync(url)).Select(r => (string)r["id"]!).ToList();

    [SkippableFact]
    public async Task A_page_s_attachments_are_listed_and_read_in_v2_shapes()
    {
        var owner = await NewUserAsync();
        var (key, spaceId) = await owner.Client.NewSpaceAsync();
        var page = (string)(await owner.Client.CreatePageAsync(key))["id"]!;
        var uploaded = await owner.Client.AttachAsync(page, new UploadFile("notes.txt", Bytes("hello v2")), new UploadFile("photo.png", Bytes("png!"), "image/png"));
        var notes = (string)uploaded[0]!["id"]!;
        Assert.StartsWith("att", notes);

        var listing = (await owner.Client.Get($"{V2}/pages/{page}/attachments")).Expect(HttpStatusCode.OK).Json!;
        var results = listing["results"]!.AsArray();
        Assert.Equal(2, results.Count);
        var first = results[0]!.AsObject();
        Assert.Equal(notes, (string?)first["id"]);
        Assert.Equal("notes.txt", (string?)first["title"]);
        Assert.Equal("current", (string?)first["status"]);
        Assert.Equal(page, (string?)first["pageId"]);
        Assert.False(first.ContainsKey("blogPostId"));
        Assert.Equal("text/plain", (string?)first["mediaType"]);
        Assert.Equal(8, (long)first["fileSize"]!);
        Assert.Matches("^[0-9a-f-]{36}$", (string)first["fileId"]!);
        Assert.Contains($"/download/attachments/{page}/notes.txt", (string)first["downloadLink"]!);
        Assert.Equal((string?)first["downloadLink"], (string?)first["_links"]!["download"]);
        Assert.Equal(1, (int)first["version"]!["number"]!);
        Assert.Equal(owner.AccountId, (string?)first["version"]!["authorId"]);
        Assert.False(first["_links"]!.AsObject().ContainsKey("base")); // the envelope has it
        Assert.NotNull(listing["_links"]!["base"]);

        // By id, with or without the prefix; operations on request; the v1 read agrees.
        foreach (var id in new[] { notes, notes[3..] })
        {
            var single = (await owner.Client.Get($"{V2}/attachments/{id}?include-operations=true")).Expect(HttpStatusCode.OK).Json!;
            Assert.Equal(notes, (string?)single["id"]);
            Assert.NotNull(single["_links"]!["base"]);
            var operations = single["operations"]!["results"]!.AsArray().Select(o => $"{o!["operation"]}/{o["targetType"]}").ToList();
            Assert.Equal(["read/attachment", "update/attachment", "delete/attachment"], operations);
        }
        Assert.False((await owner.Client.Get($"{V2}/attachments/{notes}?include-version=false")).Json!.AsObject().ContainsKey("version"));
        var versions = (await owner.Client.Get($"{V2}/attachments/{notes}?include-versions=true")).Expect(HttpStatusCode.OK).Json!["versions"]!;
        Assert.Equal([1], versions["results"]!.AsArray().Select(v => (int)v!["number"]!));
        Assert.Equal(owner.AccountId, (string?)versions["results"]![0]!["authorId"]);
        (await owner.Client.PostJson($"{ContentUrl}/{notes}/label", new[] { new { prefix = "global", name = "v2-attached" } })).Expect(HttpStatusCode.OK);
        var labels = (await owner.Client.Get($"{V2}/attachments/{notes}?include-labels=true")).Expect(HttpStatusCode.OK).Json!["labels"]!;
        Assert.Equal(["v2-attached"], labels["results"]!.AsArray().Select(l => (string)l!["name"]!));
        Assert.Equal($"{V2}/attachments/{notes}/labels", (string?)labels["_links"]!["self"]);

        // Filters: media type, file name (case-insensitive); and every attachment the caller sees.
        Assert.Equal(["photo.png"], (await owner.Client.Get($"{V2}/pages/{page}/attachments?mediaType=image/png")).Json!["results"]!.AsArray().Select(r => (string)r!["title"]!));
        Assert.Equal([notes], (await owner.Client.Get($"{V2}/pages/{page}/attachments?filename=NOTES.txt")).Json!["results"]!.AsArray().Select(r => (string)r!["id"]!));
        var all = await Ids(owner.Client, $"{V2}/attachments?limit=1");
        Assert.Contains(notes, all);
        Assert.Equal(all.Count, all.Distinct().Count());
        _ = spaceId;
    }

    [SkippableFact]
    public async Task A_cursor_walk_visits_every_attachment_once_while_attachments_are_added_and_removed()
    {
        var owner = await NewUserAsync();
        var (key, _) = await owner.Client.NewSpaceAsync();
        var page = (string)(await owner.Client.CreatePageAsync(key))["id"]!;
        var ids = new List<string>();
        for (var i = 0; i < 7; i++) ids.Add((string)(await owner.Client.AttachAsync(page, new UploadFile($"f{i}.txt", Bytes($"file {i}"))))[0]!["id"]!);

        var seen = (await owner.Client.WalkAsync($"{V2}/pages/{page}/attachments?limit=2", async pageNumber =>
        {
            if (pageNumber != 0) return;
            // Behind the walk: the first one goes; ahead of it: a new one comes.
            (await owner.Client.Delete($"{V2}/attachments/{ids[0]}")).Expect(HttpStatusCode.NoContent);
            ids.Add((string)(await owner.Client.AttachAsync(page, new UploadFile("late.txt", Bytes("late"))))[0]!["id"]!);
        })).Select(r => (string)r["id"]!).ToList();
        Assert.Equal(ids, seen);

        // Newest first, and a cursor made for one order is refused for another.
        var newest = (await owner.Client.Get($"{V2}/pages/{page}/attachments?sort=-created-date&limit=2")).Expect(HttpStatusCode.OK);
        Assert.Equal(ids[^1], (string?)newest.Json!["results"]![0]!["id"]);
        var next = (string)newest.Json!["_links"]!["next"]!;
        (await owner.Client.Get(next.Replace("sort=-created-date", "sort=modified-date"))).ExpectV2Error(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Deleting_trashes_then_purges_and_v1_sees_the_same_attachment()
    {
        var owner = await NewUserAsync();
        var (key, _) = await owner.Client.NewSpaceAsync();
        var page = (string)(await owner.Client.CreatePageAsync(key))["id"]!;
        var id = (string)(await owner.Client.AttachAsync(page, new UploadFile("gone.txt", Bytes("bye"))))[0]!["id"]!;

        (await owner.Client.Delete($"{V2}/attachments/{id}?purge=true")).ExpectV2Error(HttpStatusCode.BadRequest); // not in the trash yet
        (await owner.Client.Delete($"{V2}/attachments/{id}")).Expect(HttpStatusCode.NoContent);
        Assert.Equal("trashed", (string?)(await owner.Client.GetContentAsync(id, "?status=trashed"))["status"]);
        Assert.Empty((await owner.Client.Get($"{V2}/pages/{page}/attachments")).Json!["results"]!.AsArray());
        Assert.Equal([id], (await owner.Client.Get($"{V2}/pages/{page}/attachments?status=trashed")).Json!["results"]!.AsArray().Select(r => (string)r!["id"]!));
        Assert.Equal("trashed", (string?)(await owner.Client.Get($"{V2}/attachments/{id}")).Expect(HttpStatusCode.OK).Json!["status"]);

        (await owner.Client.Delete($"{V2}/attachments/{id}?purge=true")).Expect(HttpStatusCode.NoContent);
        (await owner.Client.Get($"{V2}/attachments/{id}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Get($"{ContentUrl}/{id}?status=trashed")).Expect(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Hidden_attachments_and_bad_input_answer_v2_errors_and_change_nothing()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var key = await owner.Client.SharedSpaceAsync([reader]);
        var page = (string)(await owner.Client.CreatePageAsync(key))["id"]!;
        var id = (string)(await owner.Client.AttachAsync(page, new UploadFile("secret.txt", Bytes("secret"))))[0]!["id"]!;
        var blog = (string)(await owner.Client.CreatePageAsync(key, type: "blogpost"))["id"]!;

        // The reader sees it until the page is restricted; then it is as missing, everywhere.
        Assert.Equal(id, (string?)(await reader.Client.Get($"{V2}/attachments/{id}")).Expect(HttpStatusCode.OK).Json!["id"]);
        (await reader.Client.Delete($"{V2}/attachments/{id}")).ExpectV2Error(HttpStatusCode.NotFound); // may read, may not delete: 404 as the spec says
        await owner.Client.RestrictAsync(page, Entry("read", [owner.AccountId]));
        (await reader.Client.Get($"{V2}/attachments/{id}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{V2}/pages/{page}/attachments")).ExpectV2Error(HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, await Ids(reader.Client, $"{V2}/attachments"));

        // Kinds, ids and parameters.
        (await owner.Client.Get($"{V2}/blogposts/{page}/attachments")).ExpectV2Error(HttpStatusCode.NotFound);
        Assert.Empty((await owner.Client.Get($"{V2}/blogposts/{blog}/attachments")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray());
        (await owner.Client.Get($"{V2}/attachments/{page}")).ExpectV2Error(HttpStatusCode.NotFound); // a page is no attachment
        (await owner.Client.Get($"{V2}/attachments/attx")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/pages/{page}/attachments?limit=0")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/pages/{page}/attachments?limit=251")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/pages/{page}/attachments?sort=title")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/pages/{page}/attachments?status=draft")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/attachments?cursor=garbage")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/labels/999999999/attachments")).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Delete($"{V2}/attachments/{id}?purge=maybe")).ExpectV2Error(HttpStatusCode.BadRequest);
        Assert.Equal("current", (string?)(await owner.Client.Get($"{V2}/attachments/{id}")).Json!["status"]); // nothing changed
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AttachmentApiV2TestsOnSqlite(SqliteServerFixture fixture) : AttachmentApiV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AttachmentApiV2TestsOnPostgres(PostgresServerFixture fixture) : AttachmentApiV2Tests(fixture);
