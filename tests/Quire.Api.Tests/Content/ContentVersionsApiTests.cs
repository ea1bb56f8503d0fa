using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using Quire.Storage;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

public abstract class ContentVersionsApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task List_get_restore_and_delete_versions()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Versioned", "<p>one</p>"))["id"]!;
        await Admin.UpdateAsync(id, 2, "Versioned two", "<p>two</p>");
        await Admin.UpdateAsync(id, 3, "Versioned three", "<p>three</p>");

        var list = (await Admin.Get($"{ContentUrl}/{id}/version")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([3, 2, 1], list["results"]!.AsArray().Select(v => (int?)v!["number"]).ToList());
        Assert.Equal(200, (int?)list["limit"]);
        Assert.Equal("Versioned", (string?)list["results"]?[2]?["content"]?["title"]);
        Assert.NotNull(list["results"]?[0]?["by"]?["accountId"]);
        var paged = (await Admin.Get($"{ContentUrl}/{id}/version?limit=1&start=1")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(2, (int?)paged["results"]?[0]?["number"]);
        Assert.NotNull(paged["_links"]?["next"]);

        var one = (await Admin.Get($"{ContentUrl}/{id}/version/1?expand=content.body.storage,collaborators")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(1, (int?)one["number"]);
        Assert.Equal("<p>one</p>", (string?)one["content"]?["body"]?["storage"]?["value"]);
        Assert.Single(one["collaborators"]!["userAccountIds"]!.AsArray());
        (await Admin.Get($"{ContentUrl}/{id}/version/9")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"{ContentUrl}/{id}/version/abc")).ExpectError(HttpStatusCode.BadRequest);

        var restored = (await Admin.PostJson($"{ContentUrl}/{id}/version", new { operationKey = "restore", @params = new { versionNumber = 1, message = "back" } }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(4, (int?)restored["number"]);
        Assert.Equal("back", (string?)restored["message"]);
        var now = await Admin.GetContentAsync(id, "?expand=body.storage");
        Assert.Equal("<p>one</p>", (string?)now["body"]?["storage"]?["value"]);
        Assert.Equal("Versioned three", (string?)now["title"]);
        (await Admin.PostJson($"{ContentUrl}/{id}/version", new { operationKey = "restore", @params = new { versionNumber = 2, message = "title too", restoreTitle = true } }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("Versioned two", (string?)(await Admin.GetContentAsync(id))["title"]);

        (await Admin.PostJson($"{ContentUrl}/{id}/version", new { operationKey = "undo", @params = new { versionNumber = 1, message = "x" } })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/{id}/version", new { operationKey = "restore", @params = new { message = "x" } })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/{id}/version", new { operationKey = "restore", @params = new { versionNumber = 77, message = "x" } })).ExpectError(HttpStatusCode.NotFound);
        (await Admin.SendRaw(HttpMethod.Post, $"{ContentUrl}/{id}/version", "{\"operationKey\":")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/999999999/version", new { operationKey = "restore", @params = new { versionNumber = 1, message = "x" } })).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal(5, (int?)(await Admin.GetContentAsync(id))["version"]?["number"]);

        (await Admin.Delete($"{ContentUrl}/{id}/version/5")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Delete($"{ContentUrl}/{id}/version/2")).Expect(HttpStatusCode.NoContent);
        // The later versions move down, as in Cloud: 5 is now the current version 4.
        var after = (await Admin.Get($"{ContentUrl}/{id}/version")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([4, 3, 2, 1], after["results"]!.AsArray().Select(v => (int?)v!["number"]).ToList());
        (await Admin.Delete($"{ContentUrl}/{id}/version/4")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Delete($"{ContentUrl}/{id}/version/5")).ExpectError(HttpStatusCode.NotFound);

        var reader = await NewUserAsync();
        (await reader.Client.Get($"{ContentUrl}/{id}/version")).Expect(HttpStatusCode.OK);
        var privateKey = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(privateKey, isPrivate: true);
        var hidden = (string)(await Admin.CreatePageAsync(privateKey, "Hidden"))["id"]!;
        await Admin.UpdateAsync(hidden, 2, "Hidden", "<p>2</p>");
        (await reader.Client.Get($"{ContentUrl}/{hidden}/version")).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.Delete($"{ContentUrl}/{hidden}/version/1")).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal(2, (await Admin.Get($"{ContentUrl}/{hidden}/version")).Json!["size"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Deleting_a_version_numbers_the_later_ones_down_everywhere_they_are_read()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Renumbered", "<p>one</p>"))["id"]!;
        await Admin.UpdateAsync(id, 2, "Renumbered", "<p>two</p>");
        await Admin.UpdateAsync(id, 3, "Renumbered", "<p>three</p>");
        await Admin.UpdateAsync(id, 4, "Renumbered", "<p>four</p>");

        (await Admin.Delete($"{ContentUrl}/{id}/version/3")).Expect(HttpStatusCode.NoContent);

        var list = (await Admin.Get($"{ContentUrl}/{id}/version?expand=content.body.storage")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        Assert.Equal([3, 2, 1], list.Select(v => (int)v!["number"]!));
        Assert.Equal(["<p>four</p>", "<p>two</p>", "<p>one</p>"], list.Select(v => (string?)v!["content"]!["body"]!["storage"]!["value"]));
        var current = await Admin.GetContentAsync(id, "?expand=version,body.storage,history.lastUpdated,history.previousVersion");
        Assert.Equal(3, (int)current["version"]!["number"]!);
        Assert.Equal("<p>four</p>", (string?)current["body"]!["storage"]!["value"]);
        Assert.Equal(3, (int)current["history"]!["lastUpdated"]!["number"]!);
        Assert.Equal(2, (int)current["history"]!["previousVersion"]!["number"]!);
        Assert.Equal("<p>two</p>", (string?)(await Admin.GetContentAsync(id, "?status=historical&version=2&expand=body.storage"))["body"]!["storage"]!["value"]);
        Assert.Equal("<p>four</p>", (string?)(await Admin.Get($"{ContentUrl}/{id}/version/3?expand=content.body.storage")).Expect(HttpStatusCode.OK)
            .Json!["content"]!["body"]!["storage"]!["value"]);
        (await Admin.Get($"{ContentUrl}/{id}/version/4")).ExpectError(HttpStatusCode.NotFound);

        // The next edit names the new current version plus one; the old numbering is stale.
        (await Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = 5 }, type = "page", title = "Renumbered", body = StorageBody("<p>x</p>") }))
            .ExpectError(HttpStatusCode.Conflict);
        Assert.Equal(4, (int)(await Admin.UpdateAsync(id, 4, "Renumbered", "<p>five</p>"))["version"]!["number"]!);
        Assert.Equal([4, 3, 2, 1], (await Admin.Get($"{ContentUrl}/{id}/version")).Json!["results"]!.AsArray().Select(v => (int)v!["number"]!));
    }

    [SkippableFact]
    public async Task Deleting_an_attachment_version_numbers_the_later_files_down_with_it()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var page = (string)(await Admin.CreatePageAsync(key, "Files"))["id"]!;
        var attachments = $"{ContentUrl}/{page}/child/attachment";
        var versions = new[] { "v1", "v2", "v3" }.Select(System.Text.Encoding.UTF8.GetBytes).ToList();
        string? id = null;
        foreach (var bytes in versions)
        {
            var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
            form.Add(part, "file", "notes.txt");
            id = (string)(await Admin.Call(HttpMethod.Put, attachments, form, xsrfHeader: true)).Expect(HttpStatusCode.OK).Json!["results"]![0]!["id"]!;
        }

        (await Admin.Delete($"{ContentUrl}/{id}/version/1")).Expect(HttpStatusCode.NoContent);

        Assert.Equal([2, 1], (await Admin.Get($"{ContentUrl}/{id}/version")).Json!["results"]!.AsArray().Select(v => (int)v!["number"]!));
        var current = await Admin.GetContentAsync(id!, "?expand=version");
        Assert.Equal(2, (int)current["version"]!["number"]!);
        Assert.Equal(versions[2].Length, (long)current["extensions"]!["fileSize"]!);
        foreach (var (number, bytes) in new[] { (1, versions[1]), (2, versions[2]) })
            Assert.Equal(bytes, await (await Admin.GetAsync($"{attachments}/{id}/download?version={number}")).Content.ReadAsByteArrayAsync());
        Assert.Equal(versions[2], await (await Admin.GetAsync($"{attachments}/{id}/download")).Content.ReadAsByteArrayAsync());
        (await Admin.Get($"{attachments}/{id}/download?version=3")).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Friendly_dates_are_written_as_Cloud_writes_them_in_the_viewers_time_zone()
    {
        var user = await NewUserAsync();
        // Before the user's first request, so the time zone is read with the account.
        await ExecuteSqlAsync("UPDATE users SET time_zone = @zone WHERE account_id = @account",
            new { zone = "America/Los_Angeles", account = user.AccountId });
        var key = SpaceTestSupport.NewKey();
        await user.Client.CreateSpaceAsync(key);
        var id = (string)(await user.Client.CreatePageAsync(key, "Friendly " + Unique()))["id"]!;
        const string expand = "?expand=version,history.lastUpdated,metadata.currentuser";

        string[] recent = ["just a moment ago", "less than a minute ago"];
        var fresh = await user.Client.GetContentAsync(id, expand);
        Assert.Contains((string?)fresh["version"]!["friendlyWhen"], recent);
        Assert.Contains((string?)fresh["history"]!["lastUpdated"]!["friendlyWhen"], recent);
        Assert.Contains((string?)fresh["metadata"]!["currentuser"]!["lastmodified"]!["friendlyLastModified"], recent);

        var fiveMinutesAgo = DateTimeOffset.UtcNow.AddMinutes(-5).AddSeconds(-10).ToUnixTimeMilliseconds();
        await ExecuteSqlAsync("UPDATE content SET updated_at = @at WHERE id = @id", new { at = fiveMinutesAgo, id = long.Parse(id) });
        Assert.Matches("^[56] minutes ago$", (string?)(await user.Client.GetContentAsync(id, expand))["version"]!["friendlyWhen"]);

        // 04:28 UTC on Jan 14 is still Jan 13 in Los Angeles: the date is the viewer's.
        var longAgo = DateTimeOffset.Parse("2021-01-14T04:28:36.969Z").ToUnixTimeMilliseconds();
        await ExecuteSqlAsync("UPDATE content SET updated_at = @at WHERE id = @id", new { at = longAgo, id = long.Parse(id) });
        var old = await user.Client.GetContentAsync(id, expand);
        Assert.Equal("Jan 13, 2021", (string?)old["version"]!["friendlyWhen"]);
        Assert.Equal("2021-01-14T04:28:36.969+00:00", (string?)old["version"]!["when"]);
        Assert.Equal("Jan 13, 2021", (string?)old["history"]!["lastUpdated"]!["friendlyWhen"]);
        Assert.Equal("Jan 13, 2021", (string?)old["metadata"]!["currentuser"]!["lastmodified"]!["friendlyLastModified"]);
        Assert.Equal("Jan 14, 2021", (string?)(await Admin.GetContentAsync(id, "?expand=version"))["version"]!["friendlyWhen"]);
        var listed = (await user.Client.Get($"{ContentUrl}/{id}/version")).Expect(HttpStatusCode.OK).Json!["results"]![0]!;
        Assert.Equal("Jan 13, 2021", (string?)listed["friendlyWhen"]);
        var found = (await user.Client.Get($"/wiki/rest/api/search?cql=id={id}")).Expect(HttpStatusCode.OK).Json!["results"]![0]!;
        Assert.Equal("Jan 13, 2021", (string?)found["friendlyLastModified"]);
    }

    private async Task ExecuteSqlAsync(string sql, object param)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DbSession>().ExecuteAsync(sql, param);
    }

    [SkippableFact]
    public async Task Of_two_concurrent_updates_with_the_same_version_exactly_one_wins()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Contended"))["id"]!;
        var second = Server.Admin();
        for (var round = 0; round < 15; round++)
        {
            var next = round + 2;
            var results = await Task.WhenAll(
                Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = next }, type = "page", title = "Contended", body = StorageBody($"<p>a{round}</p>") }),
                second.PutJson($"{ContentUrl}/{id}", new { version = new { number = next }, type = "page", title = "Contended", body = StorageBody($"<p>b{round}</p>") }));
            Assert.Equal(
                [HttpStatusCode.OK, HttpStatusCode.Conflict],
                results.Select(r => r.Status).OrderBy(s => (int)s).ToList());
        }
        Assert.Equal(16, (int?)(await Admin.GetContentAsync(id))["version"]?["number"]);
        Assert.Equal(15, await Server.CountAsync("SELECT COUNT(*) FROM content_versions WHERE content_id = @id", new { id = long.Parse(id) }));
    }

    [SkippableFact]
    public async Task A_listing_runs_as_many_commands_for_30_pages_as_for_5()
    {
        const string expand = "body.storage,body.view,version,space,history.lastUpdated,history.previousVersion,history.contributors.publishers,ancestors,container,operations,metadata.currentuser";
        var small = SpaceTestSupport.NewKey();
        var large = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(small);
        await Admin.CreateSpaceAsync(large);
        foreach (var (key, count) in new[] { (small, 5), (large, 30) })
        {
            var parent = (string)(await Admin.CreatePageAsync(key, "Parent"))["id"]!;
            for (var i = 1; i < count; i++)
            {
                var page = (string)(await Admin.CreatePageAsync(key, $"Page {i}", parentId: parent))["id"]!;
                if (i % 3 == 0) await Admin.UpdateAsync(page, 2, $"Page {i}", "<p>again</p>");
            }
        }

        async Task<long> CommandsFor(string key, int expected)
        {
            var database = Server.Services.GetRequiredService<Database>();
            var fewest = long.MaxValue;
            // Background work (a space deletion of another test) may run commands too; the fewest of a few tries is the listing's own.
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var before = database.CommandCount;
                var page = (await Admin.Get($"{ContentUrl}?spaceKey={key}&limit=50&expand={expand}")).Expect(HttpStatusCode.OK).Json!;
                fewest = Math.Min(fewest, database.CommandCount - before);
                Assert.Equal(expected, page["results"]!.AsArray().Count);
            }
            return fewest;
        }

        // Each space also holds its homepage.
        var forSmall = await CommandsFor(small, 6);
        var forLarge = await CommandsFor(large, 31);
        Assert.Equal(forSmall, forLarge);
        Assert.InRange(forSmall, 1, 15);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentVersionsApiTestsOnSqlite(SqliteServerFixture fixture) : ContentVersionsApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentVersionsApiTestsOnPostgres(PostgresServerFixture fixture) : ContentVersionsApiTests(fixture);
