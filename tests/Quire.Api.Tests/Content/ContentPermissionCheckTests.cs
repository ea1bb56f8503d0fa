using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

/// <summary>POST /content/{id}/permission/check for users and groups, by the caller or a site admin.</summary>
public abstract class ContentPermissionCheckTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static object Check(string type, string identifier, string operation) => new { subject = new { type, identifier }, operation };

    /// <summary>The answer, with its error messages joined by "; ".</summary>
    private static async Task<(bool Has, string Errors)> AskAsync(HttpClient client, string id, object body)
    {
        var answer = (await client.PostJson($"{ContentUrl}/{id}/permission/check", body)).Expect(HttpStatusCode.OK).Json!;
        return ((bool)answer["hasPermission"]!, string.Join("; ", answer["errors"]!.AsArray().Select(e => (string)e!["translation"]!)));
    }

    [SkippableFact]
    public async Task Users_and_groups_are_checked_against_the_spaces_permissions()
    {
        var reader = await NewUserAsync();
        var writer = await NewUserAsync();
        var outsider = await NewUserAsync();
        var groupName = "checkers-" + Unique();
        var group = (await Admin.PostJson("/wiki/rest/api/group", new { name = groupName })).Expect(HttpStatusCode.Created).Json!;
        var groupId = (string)group["id"]!;
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, permissions:
        [
            SpaceTestSupport.Permission("read", "space", [reader.AccountId, writer.AccountId], [groupName]),
            SpaceTestSupport.Permission("create", "page", [writer.AccountId]),
        ]);
        var page = (string)(await Admin.CreatePageAsync(key, "Checked"))["id"]!;

        Assert.Equal((true, ""), await AskAsync(Admin, page, Check("user", reader.AccountId, "read")));
        Assert.Equal((false, "User does not have permission to the space"), await AskAsync(Admin, page, Check("user", reader.AccountId, "update")));
        Assert.True((await AskAsync(Admin, page, Check("user", writer.AccountId, "update"))).Has);
        Assert.False((await AskAsync(Admin, page, Check("user", writer.AccountId, "delete"))).Has);
        Assert.Equal((false, "User does not have permission to the space"), await AskAsync(Admin, page, Check("user", outsider.AccountId, "read")));
        Assert.True((await AskAsync(Admin, page, Check("group", groupId, "read"))).Has);
        Assert.Equal((false, "Group does not have permission to the space"), await AskAsync(Admin, page, Check("group", groupId, "delete")));
        Assert.Equal((false, "Anonymous users are not allowed to use Confluence"), await AskAsync(Admin, page, Check("user", "anonymous", "read")));

        // Anyone may ask about themselves; only site admins about others.
        Assert.True((await AskAsync(reader.Client, page, Check("user", reader.AccountId, "read"))).Has);
        (await reader.Client.PostJson($"{ContentUrl}/{page}/permission/check", Check("user", writer.AccountId, "read"))).ExpectError(HttpStatusCode.Forbidden);
        (await outsider.Client.PostJson($"{ContentUrl}/{page}/permission/check", Check("user", outsider.AccountId, "read"))).ExpectError(HttpStatusCode.NotFound);

        // A draft is its author's alone.
        var draft = (string)(await Admin.CreatePageAsync(key, "Draft " + Unique(), status: "draft"))["id"]!;
        Assert.Equal((false, "User does not have permission to the content"), await AskAsync(Admin, draft, Check("user", writer.AccountId, "read")));
    }

    [SkippableFact]
    public async Task Bad_checks_answer_4xx()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var page = (string)(await Admin.CreatePageAsync(key, "Checked"))["id"]!;
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        foreach (var body in new object[]
                 {
                     Check("user", me, "administer"), Check("robot", me, "read"), Check("user", "no-such-account", "read"),
                     Check("group", "no-such-group", "read"), Check("user", "", "read"), new { operation = "read" },
                     new { subject = new { type = "user", identifier = me } },
                 })
            (await Admin.PostJson($"{ContentUrl}/{page}/permission/check", body)).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/999999999/permission/check", Check("user", me, "read"))).ExpectError(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentPermissionCheckTestsOnSqlite(SqliteServerFixture fixture) : ContentPermissionCheckTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentPermissionCheckTestsOnPostgres(PostgresServerFixture fixture) : ContentPermissionCheckTests(fixture);
