using System.Net;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

public abstract class BlueprintDraftTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static string Instance(string draftId, string query = "") => $"{ContentUrl}/blueprint/instance/{draftId}{query}";

    private static object Publish(string title, int version = 1, string? spaceKey = null, string? parentId = null, string type = "page") => new
    {
        version = new { number = version },
        title,
        type,
        status = "current",
        space = spaceKey is null ? null : new { key = spaceKey },
        ancestors = parentId is null ? null : new[] { new { id = parentId } },
    };

    [SkippableFact]
    public async Task A_draft_is_published_with_the_spec_defaults_by_put_and_by_post()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var parent = (string)(await Admin.CreatePageAsync(key, "Parent"))["id"]!;
        var draft = (string)(await Admin.CreatePageAsync(key, "Draft from a blueprint", "<p>Filled in</p>", status: "draft"))["id"]!;

        var published = (await Admin.PutJson(Instance(draft), Publish("Published " + Unique(), spaceKey: key, parentId: parent)))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(draft, (string?)published["id"]);
        Assert.Equal("current", (string?)published["status"]);
        Assert.Equal(1, (int?)published["version"]!["number"]);
        Assert.Equal("<p>Filled in</p>", (string?)published["body"]!["storage"]!["value"]);
        Assert.Equal(key, (string?)published["space"]!["key"]);
        Assert.NotNull(published["history"]);
        Assert.Equal(parent, (string?)published["ancestors"]!.AsArray().Last()!["id"]);

        var legacy = (string)(await Admin.CreatePageAsync(key, "Legacy draft", status: "draft"))["id"]!;
        var viaPost = (await Admin.PostJson(Instance(legacy, "?status=draft"), Publish("Legacy " + Unique()))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("current", (string?)viaPost["status"]);
        // Once published it is no draft any more.
        (await Admin.PutJson(Instance(legacy), Publish("Again"))).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Bad_requests_and_other_users_drafts_are_refused()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var taken = "Taken " + Unique();
        await Admin.CreatePageAsync(key, taken);
        var draft = (string)(await Admin.CreatePageAsync(key, "Draft", status: "draft"))["id"]!;

        (await Admin.PutJson(Instance(draft), Publish("Title", version: 2))).ExpectError(HttpStatusCode.Conflict);
        (await Admin.PutJson(Instance(draft), Publish(""))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson(Instance(draft), Publish(taken))).ExpectError(HttpStatusCode.BadRequest); // a page with the title exists
        (await Admin.PutJson(Instance(draft), Publish("Title", type: "blogpost"))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson(Instance(draft), Publish("Title", spaceKey: "OTHER" + Unique()))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson(Instance(draft, "?status=current"), Publish("Title"))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Put, Instance(draft), "{\"title\": ")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson(Instance("99999999"), Publish("Title"))).ExpectError(HttpStatusCode.NotFound);
        // A draft is its author's alone: another user (who may write in the space) does not find it.
        var writer = await NewUserAsync();
        var shared = await Admin.SharedSpaceAsync([], [writer]);
        var theirs = (string)(await Admin.CreatePageAsync(shared, "Admin's draft", status: "draft"))["id"]!;
        (await writer.Client.PutJson(Instance(theirs), Publish("Mine now"))).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal("draft", (string?)(await Admin.GetContentAsync(draft, "?status=draft"))["status"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BlueprintDraftTestsOnSqlite(SqliteServerFixture fixture) : BlueprintDraftTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class BlueprintDraftTestsOnPostgres(PostgresServerFixture fixture) : BlueprintDraftTests(fixture);
