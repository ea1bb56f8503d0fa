using System.Net;
using Quire.Api.Tests.Content;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;

namespace Quire.Api.Tests.ApiV2.Tasks;

public abstract class TaskV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    private static string Body(string assignee, string tag) =>
        $"""<p>Plan {tag}</p><ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>Write {tag} <ac:link><ri:user ri:account-id="{assignee}" /></ac:link> <time datetime="2030-05-01" /></ac:task-body></ac:task>""" +
        $"""<ac:task><ac:task-id>2</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>Book {tag}</ac:task-body></ac:task>""" +
        """<ac:task><ac:task-id>3</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body></ac:task-body></ac:task></ac:task-list>""";

    [SkippableFact]
    public async Task Tasks_in_a_comment_are_hidden_with_its_trashed_page()
    {
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var spaceId = ((long)(await Admin.Get($"/wiki/rest/api/space/{key}")).Json!["id"]!).ToString();
        var page = (string)(await Admin.CreatePageAsync(key, "Task holder " + Unique()))["id"]!;
        var tag = "c" + Unique();
        (await Admin.PostJson(ContentTestSupport.ContentUrl, new
        {
            type = "comment", container = new { id = page, type = "page" },
            body = ContentTestSupport.StorageBody(Body(reader.AccountId, tag)),
        })).Expect(HttpStatusCode.OK);
        var before = await reader.Client.WalkAsync($"{V2}/tasks?space-id={spaceId}&body-format=storage");
        Assert.Contains(before, t => ((string?)t["body"]?["storage"]?["value"] ?? "").Contains(tag));

        (await Admin.Delete($"{ContentTestSupport.ContentUrl}/{page}")).Expect(HttpStatusCode.NoContent);
        var after = await reader.Client.WalkAsync($"{V2}/tasks?space-id={spaceId}&body-format=storage");
        Assert.DoesNotContain(after, t => ((string?)t["body"]?["storage"]?["value"] ?? "").Contains(tag));
        // v1's task search hides them too.
        var v1 = (await reader.Client.Get($"/wiki/rest/api/inlinetasks/search?spaceKey={key}")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(tag, v1.Body);
    }

    [SkippableFact]
    public async Task Tasks_of_v1_pages_list_read_and_complete_through_v2()
    {
        var owner = await NewUserAsync();
        var assignee = await NewUserAsync();
        var (key, spaceId, _) = await owner.Client.CreateSpaceWithHomepageAsync();
        var page = (string)(await owner.Client.CreatePageAsync(key, body: Body(assignee.AccountId, "alpha")))["id"]!;
        var blog = (string)(await owner.Client.CreatePageAsync(key, type: "blogpost", body: Body(assignee.AccountId, "beta")))["id"]!;

        var all = await owner.Client.WalkAsync($"{V2}/tasks?space-id={spaceId}&limit=2&body-format=storage");
        Assert.Equal(6, all.Count);
        Assert.Equal(all.Select(t => long.Parse((string)t["id"]!)).Order(), all.Select(t => long.Parse((string)t["id"]!)));
        var first = all.Single(t => (string?)t["pageId"] == page && (string?)t["localId"] == "1");
        Assert.Equal(spaceId.ToString(), (string?)first["spaceId"]);
        Assert.Null(first["blogPostId"]);
        Assert.Equal("incomplete", (string?)first["status"]);
        Assert.Equal(owner.AccountId, (string?)first["createdBy"]);
        Assert.Equal(assignee.AccountId, (string?)first["assignedTo"]);
        Assert.StartsWith("2030-05-01T", (string?)first["dueAt"]);
        Assert.Contains("Write alpha", (string?)first["body"]?["storage"]?["value"]);
        Assert.Equal(3, all.Count(t => (string?)t["blogPostId"] == blog));

        Assert.Equal(2, (await owner.Client.WalkAsync($"{V2}/tasks?space-id={spaceId}&include-blank-tasks=false&page-id={page}")).Count);
        // Pages and blog posts named together keep the tasks of either: tasks 1 and 3 of each are incomplete.
        Assert.Equal(4, (await owner.Client.WalkAsync($"{V2}/tasks?page-id={page}&blogpost-id={blog}&status=incomplete")).Count);
        // A page id given as a blog post id names no blog post.
        Assert.Empty(await owner.Client.WalkAsync($"{V2}/tasks?blogpost-id={page}"));
        Assert.Equal(2, (await owner.Client.WalkAsync($"{V2}/tasks?space-id={spaceId}&assigned-to={assignee.AccountId}")).Count);
        Assert.Equal(2, (await owner.Client.WalkAsync($"{V2}/tasks?space-id={spaceId}&status=complete")).Count);
        Assert.Empty(await owner.Client.WalkAsync($"{V2}/tasks?space-id={spaceId}&due-at-from=1999999999999999"));

        var id = (string)first["id"]!;
        var adf = (await owner.Client.Get($"{V2}/tasks/{id}?body-format=atlas_doc_format")).Expect(HttpStatusCode.OK).Json!;
        Assert.Contains("\"type\":\"doc\"", (string?)adf["body"]?["atlas_doc_format"]?["value"]);

        var done = (await owner.Client.PutJson($"{V2}/tasks/{id}", new { status = "complete" })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("complete", (string?)done["status"]);
        Assert.Equal(owner.AccountId, (string?)done["completedBy"]);
        Assert.NotNull(done["completedAt"]);
        // The same task in v1, and the page's body records it.
        Assert.Equal("complete", (string?)(await owner.Client.Get($"/wiki/rest/api/inlinetasks/{id}")).Expect(HttpStatusCode.OK).Json!["status"]);
        var content = await owner.Client.GetContentAsync(page, "?expand=body.storage");
        Assert.Contains("<ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status>", (string)content["body"]!["storage"]!["value"]!);
    }

    [SkippableFact]
    public async Task Hidden_tasks_are_not_found_and_bad_input_changes_nothing()
    {
        var owner = await NewUserAsync();
        var stranger = await NewUserAsync();
        var (key, spaceId, _) = await owner.Client.CreateSpaceWithHomepageAsync(isPrivate: true);
        var page = (string)(await owner.Client.CreatePageAsync(key, body: Body(owner.AccountId, "gamma")))["id"]!;
        var id = (string)(await owner.Client.WalkAsync($"{V2}/tasks?page-id={page}"))[0]["id"]!;

        Assert.Empty(await stranger.Client.WalkAsync($"{V2}/tasks?space-id={spaceId}"));
        (await stranger.Client.Get($"{V2}/tasks/{id}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await stranger.Client.PutJson($"{V2}/tasks/{id}", new { status = "complete" })).ExpectV2Error(HttpStatusCode.NotFound);

        (await owner.Client.PutJson($"{V2}/tasks/{id}", new { status = "done" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{V2}/tasks/{id}", new { })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/tasks?status=open")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/tasks?body-format=view")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/tasks?page-id=x")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/tasks?created-at-from=yesterday")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/tasks?include-blank-tasks=perhaps")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/tasks/abc")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/tasks/999999999")).ExpectV2Error(HttpStatusCode.NotFound);

        var task = (await owner.Client.Get($"{V2}/tasks/{id}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("incomplete", (string?)task["status"]);
        Assert.Equal(1, (int?)(await owner.Client.GetContentAsync(page))["version"]?["number"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TaskV2TestsOnSqlite(SqliteServerFixture fixture) : TaskV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TaskV2TestsOnPostgres(PostgresServerFixture fixture) : TaskV2Tests(fixture);
