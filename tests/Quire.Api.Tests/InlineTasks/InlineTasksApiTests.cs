using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.InlineTasks;

public abstract class InlineTasksApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string Tasks = "/wiki/rest/api/inlinetasks";

    private static string TaskList(string assignee, string tag) =>
        $"""<p>Plan {tag}</p><ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>Write the report {tag} <ac:link><ri:user ri:account-id="{assignee}" /></ac:link> <time datetime="2030-05-01" /></ac:task-body></ac:task>""" +
        $"""<ac:task><ac:task-id>2</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>Book the room {tag}</ac:task-body></ac:task></ac:task-list>""";

    private async Task<List<JsonNode>> SearchAsync(HttpClient client, string query) =>
        (await client.Get($"{Tasks}/search?{query}")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray().Select(t => t!).ToList();

    [SkippableFact]
    public async Task Tasks_in_bodies_are_found_read_and_completed()
    {
        var writer = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([], [writer]);
        var tag = Unique();
        var page = (string)(await writer.Client.CreatePageAsync(key, "Tasks " + tag, TaskList(writer.AccountId, tag)))["id"]!;

        var all = await SearchAsync(writer.Client, $"pageId={page}");
        Assert.Equal(2, all.Count);
        var report = all.Single(t => (long)t["id"]! == 1);
        Assert.Equal("incomplete", (string?)report["status"]);
        Assert.Equal(writer.AccountId, (string?)report["assignee"]);
        Assert.Equal(writer.AccountId, (string?)report["creator"]);
        Assert.Equal(DateTimeOffset.Parse("2030-05-01T00:00:00Z").ToUnixTimeMilliseconds(), (long)report["dueDate"]!);
        Assert.Equal(long.Parse(page), (long)report["contentId"]!);
        Assert.Equal("Tasks " + tag, (string?)report["title"]);
        Assert.Contains("Write the report", (string)report["description"]!);
        var booked = all.Single(t => (long)t["id"]! == 2);
        Assert.Equal("complete", (string?)booked["status"]);
        Assert.Equal(writer.AccountId, (string?)booked["completeUser"]);

        // Filters.
        Assert.Single(await SearchAsync(writer.Client, $"pageId={page}&status=incomplete"));
        Assert.Single(await SearchAsync(writer.Client, $"spaceKey={key}&assignee={writer.AccountId}"));
        Assert.Equal(2, (await SearchAsync(writer.Client, $"spaceKey={key}&creator={writer.AccountId}")).Count);
        Assert.Single(await SearchAsync(writer.Client, $"spaceKey={key}&completedUser={writer.AccountId}"));
        Assert.Single(await SearchAsync(writer.Client, $"spaceKey={key}&duedateFrom={DateTimeOffset.Parse("2030-01-01T00:00:00Z").ToUnixTimeMilliseconds()}"));
        Assert.Equal(1, (int)(await writer.Client.Get($"{Tasks}/search?pageId={page}&limit=1")).Json!["size"]!);

        // Read one, complete it: the page gets a new version with the task ticked, and the task records who.
        var globalId = (long)report["globalId"]!;
        (await writer.Client.Get($"{Tasks}/{globalId}")).Expect(HttpStatusCode.OK);
        var done = (await writer.Client.PutJson($"{Tasks}/{globalId}", new { status = "complete" })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("complete", (string?)done["status"]);
        Assert.Equal(writer.AccountId, (string?)done["completeUser"]);
        Assert.NotNull(done["completeDate"]);
        var content = await writer.Client.GetContentAsync(page, "?expand=body.storage,version");
        Assert.Equal(2, (int)content["version"]!["number"]!);
        Assert.Contains("<ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status>", (string)content["body"]!["storage"]!["value"]!);
        Assert.Equal(2, (await SearchAsync(writer.Client, $"pageId={page}&status=complete")).Count);

        // Editing the page away from a task removes it.
        await writer.Client.UpdateAsync(page, 3, "Tasks " + tag, "<p>No more tasks</p>");
        Assert.Empty(await SearchAsync(writer.Client, $"pageId={page}"));
        (await writer.Client.Get($"{Tasks}/{globalId}")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task The_one_time_backfill_indexes_tasks_of_bodies_saved_before_tasks_were_kept()
    {
        var key = await Admin.SharedSpaceAsync([]);
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        var page = (string)(await Admin.CreatePageAsync(key, "Old tasks", TaskList(me, Unique())))["id"]!;
        using (var scope = Server.Services.CreateScope())
        {
            // As a site from before migration 0017: the body holds tasks, the table none, the backfill not yet run.
            var db = scope.ServiceProvider.GetRequiredService<Quire.Storage.DbSession>();
            await db.ExecuteAsync("DELETE FROM inline_tasks WHERE content_id = @id", new { id = long.Parse(page) });
            await db.ExecuteAsync("DELETE FROM site_settings WHERE name = 'inline_tasks_backfilled'");
        }
        Assert.Empty(await SearchAsync(Admin, $"pageId={page}"));
        using (var scope = Server.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Quire.Core.InlineTasks.InlineTaskIndexer>().BackfillAsync();
        Assert.Equal(2, (await SearchAsync(Admin, $"pageId={page}")).Count);
        // Done once: a later run (as at every start) does not scan again.
        using (var scope = Server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Quire.Storage.DbSession>();
            await db.ExecuteAsync("DELETE FROM inline_tasks WHERE content_id = @id", new { id = long.Parse(page) });
            await scope.ServiceProvider.GetRequiredService<Quire.Core.InlineTasks.InlineTaskIndexer>().BackfillAsync();
        }
        Assert.Empty(await SearchAsync(Admin, $"pageId={page}"));
    }

    [SkippableFact]
    public async Task Tasks_of_content_one_may_not_see_or_change_are_refused()
    {
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var tag = Unique();
        var open = (string)(await Admin.CreatePageAsync(key, "Open " + tag, TaskList(reader.AccountId, tag)))["id"]!;
        var secret = (string)(await Admin.CreatePageAsync(key, "Secret " + tag, TaskList(reader.AccountId, tag + "x")))["id"]!;
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        await Admin.RestrictAsync(secret, Entry("read", [me]));

        var seen = await SearchAsync(reader.Client, $"spaceKey={key}");
        Assert.All(seen, t => Assert.Equal(long.Parse(open), (long)t["contentId"]!));
        Assert.DoesNotContain(tag + "x", string.Join(",", seen.Select(t => t.ToJsonString())));
        var hidden = (long)(await SearchAsync(Admin, $"pageId={secret}"))[0]["globalId"]!;
        (await reader.Client.Get($"{Tasks}/{hidden}")).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.PutJson($"{Tasks}/{hidden}", new { status = "complete" })).ExpectError(HttpStatusCode.Forbidden);
        var visible = (long)seen[0]["globalId"]!;
        (await reader.Client.PutJson($"{Tasks}/{visible}", new { status = "complete" })).ExpectError(HttpStatusCode.Forbidden); // may not edit
        (await Admin.PutJson($"{Tasks}/{visible}", new { status = "done" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{Tasks}/abc")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"{Tasks}/999999999")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"{Tasks}/search?status=someday")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{Tasks}/search?pageId=abc")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{Tasks}/search?duedateFrom=tomorrow")).ExpectError(HttpStatusCode.BadRequest);
        (await Server.Anonymous().Get($"{Tasks}/search")).ExpectError(HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// A creation derives its body's search text and tasks before its transaction (DerivedBody) and writes them inside it:
    /// pages created at once, each with its own word (in the body only) and tasks, are each found by that word and keep their own tasks.
    /// </summary>
    [SkippableFact]
    public async Task Pages_created_at_once_keep_their_own_tasks_and_search_text()
    {
        var writer = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([], [writer]);
        var tags = Enumerable.Range(0, 12).Select(_ => "w" + Unique()).ToList();
        var pages = await Task.WhenAll(tags.Select(async tag =>
            (tag, id: (string)(await writer.Client.CreatePageAsync(key, "Concurrent " + Unique(), TaskList(writer.AccountId, tag)))["id"]!)));

        foreach (var (tag, id) in pages)
        {
            var tasks = await SearchAsync(writer.Client, $"pageId={id}");
            Assert.Equal(2, tasks.Count);
            Assert.Contains(tag, (string)tasks.Single(t => (long)t["id"]! == 1)["description"]!);
            Assert.Equal(writer.AccountId, (string?)tasks.Single(t => (long)t["id"]! == 1)["assignee"]);
            var found = (await writer.Client.Get($"/wiki/rest/api/content/search?cql={Uri.EscapeDataString($"space = \"{key}\" and text ~ \"{tag}\"")}"))
                .Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
            Assert.Equal(id, (string?)Assert.Single(found)!["id"]);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class InlineTasksApiTestsOnSqlite(SqliteServerFixture fixture) : InlineTasksApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class InlineTasksApiTestsOnPostgres(PostgresServerFixture fixture) : InlineTasksApiTests(fixture);
