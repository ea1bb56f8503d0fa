using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.ContentStates;

public abstract class ContentStatesApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static string State(string id, string query = "") => $"{ContentUrl}/{id}/state{query}";

    [SkippableFact]
    public async Task States_are_placed_on_published_content_and_drafts_with_new_versions()
    {
        var writer = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([], [writer]);
        var page = (string)(await writer.Client.CreatePageAsync(key, "Stateful"))["id"]!;

        var none = (await writer.Client.Get(State(page))).Expect(HttpStatusCode.OK).Json!;
        Assert.Null(none["contentState"]);

        var set = (await writer.Client.PutJson(State(page, "?status=current"), new { id = 1 })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal((1L, "In progress", "#2684ff"), ((long)set["contentState"]!["id"]!, (string?)set["contentState"]!["name"], (string?)set["contentState"]!["color"]));
        Assert.True(DateTimeOffset.TryParse((string?)set["lastUpdated"], out _));
        Assert.Equal(2, (int)(await writer.Client.GetContentAsync(page, "?expand=version"))["version"]!["number"]!); // a new version, same body

        // A custom state by name and colour, reused when asked again, listed as the caller's.
        var custom = (await writer.Client.PutJson(State(page, "?status=current"), new { name = "Legal review", color = "#8777D9" })).Expect(HttpStatusCode.OK).Json!;
        var customId = (long)custom["contentState"]!["id"]!;
        Assert.True(customId >= 3);
        Assert.Equal(customId, (long)(await writer.Client.PutJson(State(page), new { name = "Legal review", color = "#8777d9" })).Json!["contentState"]!["id"]!);
        var mine = (await writer.Client.Get("/wiki/rest/api/content-states")).Expect(HttpStatusCode.OK).Json!.AsArray();
        Assert.Equal(["Legal review"], mine.Select(s => (string?)s!["name"]));
        var available = (await writer.Client.Get(State(page, "/available"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(3, available["spaceContentStates"]!.AsArray().Count);
        Assert.Equal(customId, (long)available["customContentStates"]![0]!["id"]!);

        // Listed by state in the space; removed again.
        var listed = (await writer.Client.Get($"/wiki/rest/api/space/{key}/state/content?state-id={customId}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([page], listed["results"]!.AsArray().Select(c => (string?)c!["id"]));
        var removed = (await writer.Client.Delete(State(page, "?status=current"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Null(removed["contentState"]);
        Assert.Null((await writer.Client.Get(State(page))).Json!["contentState"]);

        // A draft's state changes only the draft.
        var draft = (string)(await writer.Client.CreatePageAsync(key, "Draft state", status: "draft"))["id"]!;
        (await writer.Client.PutJson(State(draft, "?status=draft"), new { id = 0 })).Expect(HttpStatusCode.OK);
        Assert.Equal("Rough draft", (string?)(await writer.Client.Get(State(draft, "?status=draft"))).Json!["contentState"]!["name"]);
        (await writer.Client.PutJson(State(draft, "?status=current"), new { id = 0 })).ExpectError(HttpStatusCode.BadRequest);

        Assert.Equal(3, (await writer.Client.Get($"/wiki/rest/api/space/{key}/state")).Expect(HttpStatusCode.OK).Json!.AsArray().Count);
        (await writer.Client.Get($"/wiki/rest/api/space/{key}/state/settings")).ExpectError(HttpStatusCode.Forbidden);
        var settings = (await Admin.Get($"/wiki/rest/api/space/{key}/state/settings")).Expect(HttpStatusCode.OK).Json!;
        Assert.True((bool)settings["contentStatesAllowed"]!);
    }

    [SkippableFact]
    public async Task Bulk_changes_report_each_failure_and_hidden_content_stays_hidden()
    {
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var a = (string)(await Admin.CreatePageAsync(key, "A"))["id"]!;
        var b = (string)(await Admin.CreatePageAsync(key, "B"))["id"]!;
        var secret = (string)(await Admin.CreatePageAsync(key, "Secret"))["id"]!;
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        await Admin.RestrictAsync(secret, Entry("read", [me]));

        var task = (string)(await Admin.PutJson("/wiki/rest/api/content-states?status=current", new { ids = new[] { a, b, "99999999" }, contentState = new { id = 2 } }))
            .Expect(HttpStatusCode.OK).Json!["asyncId"]!;
        var update = (await Admin.Get($"/wiki/rest/api/content-states/task/{task}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([a, b], update["set"]!.AsArray().Select(i => (string?)i).Order());
        Assert.Equal("99999999", (string?)update["failed"]![0]!["contentId"]);
        Assert.False((bool)update["success"]!);
        Assert.Equal(100, (int)update["percentage"]!);
        (await reader.Client.Get($"/wiki/rest/api/content-states/task/{task}")).ExpectError(HttpStatusCode.NotFound); // the admin's task

        (await Admin.PutJson(State(secret), new { id = 2 })).Expect(HttpStatusCode.OK);
        var ready = (await reader.Client.Get($"/wiki/rest/api/space/{key}/state/content?state-id=2")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(new[] { a, b }.Order(), ready["results"]!.AsArray().Select(c => (string?)c!["id"]).Order());
        (await reader.Client.Get(State(secret))).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.PutJson(State(a), new { id = 1 })).ExpectError(HttpStatusCode.Forbidden); // a reader may not edit

        var removal = (string)(await Admin.PostJson("/wiki/rest/api/content-states/delete?status=current", new { ids = new[] { a } })).Expect(HttpStatusCode.OK).Json!["asyncId"]!;
        Assert.Equal([a], (await Admin.Get($"/wiki/rest/api/content-states/task/{removal}")).Json!["set"]!.AsArray().Select(i => (string?)i));
        Assert.Null((await Admin.Get(State(a))).Json!["contentState"]);

        // Bad input.
        (await Admin.PutJson(State(b), new { name = "Far too long a state name", color = "#ffffff" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson(State(b), new { name = "Odd", color = "red" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson(State(b), new { id = 424242 })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson(State(b), new { })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get(State(b, "?status=historical"))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson("/wiki/rest/api/content-states", new { ids = new[] { a }, contentState = new { id = 1 } })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson("/wiki/rest/api/content-states?status=current", new { ids = Array.Empty<string>(), contentState = new { id = 1 } })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson("/wiki/rest/api/content-states?status=current", new { ids = Enumerable.Range(1, 301).Select(i => i.ToString()), contentState = new { id = 1 } })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"/wiki/rest/api/space/{key}/state/content")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"/wiki/rest/api/space/{key}/state/content?state-id=1&limit=101")).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Simultaneous_sets_name_no_version_so_each_makes_the_next_version_with_its_own_new_state()
    {
        const int writers = 20;
        var writer = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([], [writer]);
        var page = (string)(await writer.Client.CreatePageAsync(key, "Contended state"))["id"]!;

        // Every set also creates a custom state, so both the versions and the state ids are contended.
        var responses = await Task.WhenAll(Enumerable.Range(0, writers).Select(i =>
            writer.Client.PutJson(State(page, "?status=current"), new { name = $"Parallel {i}", color = $"#00aa{i:x2}" })));

        foreach (var response in responses) response.Expect(HttpStatusCode.OK);
        // Each answer is the state that call placed.
        Assert.Equal(Enumerable.Range(0, writers).Select(i => $"Parallel {i}"), responses.Select(r => (string?)r.Json!["contentState"]!["name"]));
        var ids = responses.Select(r => (long)r.Json!["contentState"]!["id"]!).ToList();
        Assert.Equal(writers, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(id >= 3, $"custom state id {id} is one of the default states' ids"));
        Assert.Equal(writers + 1, (int)(await writer.Client.GetContentAsync(page, "?expand=version"))["version"]!["number"]!);
        var versions = (await writer.Client.Get($"{ContentUrl}/{page}/version")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, writers + 1).Reverse(), versions.Select(v => (int)v!["number"]!));
        Assert.Equal(writers, (await writer.Client.Get("/wiki/rest/api/content-states")).Json!.AsArray().Count);
    }

    [SkippableFact]
    public async Task A_custom_state_id_is_never_given_again()
    {
        var writer = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([], [writer]);
        var page = (string)(await writer.Client.CreatePageAsync(key, "Reused ids"))["id"]!;
        var first = (long)(await writer.Client.PutJson(State(page), new { name = "Newest " + Unique()[..6], color = "#123456" }))
            .Expect(HttpStatusCode.OK).Json!["contentState"]!["id"]!;

        // The newest state goes (its owner's account removed by an operator, say), while a client still holds its id.
        Assert.Equal(1, await Server.CountAsync(
            "SELECT COUNT(*) FROM custom_content_states WHERE id = @first AND id = (SELECT MAX(id) FROM custom_content_states)", new { first }));
        await using (var scope = Server.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Quire.Storage.DbSession>()
                .ExecuteAsync("DELETE FROM custom_content_states WHERE id = @first", new { first });

        var next = (long)(await writer.Client.PutJson(State(page), new { name = "Next " + Unique()[..6], color = "#654321" }))
            .Expect(HttpStatusCode.OK).Json!["contentState"]!["id"]!;
        Assert.True(next > first, $"state id {first} was given again ({next})");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentStatesApiTestsOnSqlite(SqliteServerFixture fixture) : ContentStatesApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentStatesApiTestsOnPostgres(PostgresServerFixture fixture) : ContentStatesApiTests(fixture);
