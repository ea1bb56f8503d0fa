using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Spaces;

/// <summary>POST /space/{key}/permission, .../custom-content and DELETE .../permission/{id}.</summary>
public abstract class SpacePermissionsApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static string Permissions(string key) => $"/wiki/rest/api/space/{key}/permission";

    private static object Grant(string type, string identifier, string key, string target) =>
        new { subject = new { type, identifier }, operation = new { key, target } };

    private async Task<JsonArray> GrantsAsync(string key) =>
        (await Admin.Get($"/wiki/rest/api/space/{key}?expand=permissions")).Expect(HttpStatusCode.OK).Json!["permissions"]!.AsArray();

    [SkippableFact]
    public async Task An_admin_grants_and_removes_permissions_that_take_effect_at_once()
    {
        var member = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, isPrivate: true);
        (await member.Client.Get($"/wiki/rest/api/space/{key}")).ExpectError(HttpStatusCode.NotFound);

        var read = (await Admin.PostJson(Permissions(key), Grant("user", member.AccountId, "read", "space"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("user", (string?)read["subject"]!["type"]);
        Assert.Equal(member.AccountId, (string?)read["subject"]!["identifier"]);
        Assert.Equal("read", (string?)read["operation"]!["key"]);
        Assert.Equal("space", (string?)read["operation"]!["target"]);
        (await member.Client.Get($"/wiki/rest/api/space/{key}")).Expect(HttpStatusCode.OK);
        (await member.Client.PostJson(ContentUrl, new { type = "page", title = "Not yet", space = new { key } })).ExpectError(HttpStatusCode.Forbidden);

        var create = (await Admin.PostJson(Permissions(key), Grant("user", member.AccountId, "create", "page"))).Expect(HttpStatusCode.OK).Json!;
        await member.Client.CreatePageAsync(key, "Now allowed");
        (await Admin.PostJson(Permissions(key), Grant("user", member.AccountId, "create", "page"))).ExpectError(HttpStatusCode.BadRequest);
        Assert.Contains(await GrantsAsync(key), g => (long?)g!["id"] == (long?)create["id"]);

        (await Admin.Delete($"{Permissions(key)}/{(long)create["id"]!}")).Expect(HttpStatusCode.NoContent);
        (await member.Client.PostJson(ContentUrl, new { type = "page", title = "Again", space = new { key } })).ExpectError(HttpStatusCode.Forbidden);
        (await Admin.Delete($"{Permissions(key)}/{(long)create["id"]!}")).ExpectError(HttpStatusCode.NotFound);

        // Losing read/space loses everything the subject had.
        await Admin.PostJson(Permissions(key), Grant("user", member.AccountId, "export", "space"));
        (await Admin.Delete($"{Permissions(key)}/{(long)read["id"]!}")).Expect(HttpStatusCode.NoContent);
        (await member.Client.Get($"/wiki/rest/api/space/{key}")).ExpectError(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await GrantsAsync(key), g => (string?)g!["subjects"]?["user"]?["results"]?[0]?["accountId"] == member.AccountId);
    }

    [SkippableFact]
    public async Task Groups_are_named_by_id_or_name()
    {
        var member = await NewUserAsync();
        var name = "perm-" + Unique();
        var group = (await Admin.PostJson("/wiki/rest/api/group", new { name })).Expect(HttpStatusCode.Created).Json!;
        (await Admin.PostJson($"/wiki/rest/api/group/userByGroupId?groupId={(string)group["id"]!}", new { accountId = member.AccountId })).Expect(HttpStatusCode.Created);
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, isPrivate: true);

        var byName = (await Admin.PostJson(Permissions(key), Grant("group", name, "read", "space"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal((string?)group["id"], (string?)byName["subject"]!["identifier"]);
        (await Admin.PostJson(Permissions(key), Grant("group", (string)group["id"]!, "create", "blogpost"))).Expect(HttpStatusCode.OK);
        var operations = (await member.Client.Get($"/wiki/rest/api/space/{key}?expand=operations")).Expect(HttpStatusCode.OK).Json!["operations"]!.AsArray()
            .Select(o => $"{o!["operation"]}/{o["targetType"]}").Order().ToList();
        Assert.Equal(["create/blogpost", "read/space"], operations);
    }

    [SkippableFact]
    public async Task Bad_requests_and_callers_change_nothing()
    {
        var reader = await NewUserAsync();
        var stranger = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, permissions: [SpaceTestSupport.Permission("read", "space", [reader.AccountId])]);
        var before = (await GrantsAsync(key)).Count;

        (await reader.Client.PostJson(Permissions(key), Grant("user", reader.AccountId, "administer", "space"))).ExpectError(HttpStatusCode.Forbidden);
        (await stranger.Client.PostJson(Permissions(key), Grant("user", stranger.AccountId, "read", "space"))).ExpectError(HttpStatusCode.NotFound);
        (await Admin.PostJson(Permissions("NOSUCHSPACE" + Unique().ToUpperInvariant()), Grant("user", reader.AccountId, "read", "space")))
            .ExpectError(HttpStatusCode.NotFound);
        foreach (var bad in new object[]
                 {
                     Grant("user", stranger.AccountId, "create", "page"),   // no read/space first
                     Grant("user", "no-such-account", "read", "space"),
                     Grant("group", "no-such-group-" + Unique(), "read", "space"),
                     Grant("robot", reader.AccountId, "read", "space"),
                     Grant("user", reader.AccountId, "read", "page"),
                     Grant("user", reader.AccountId, "fly", "space"),
                     Grant("user", "anonymous", "read", "space"),
                     Grant("user", "", "read", "space"),
                     new { subject = new { type = "user", identifier = reader.AccountId } },
                     new { operation = new { key = "read", target = "space" } },
                 })
            (await Admin.PostJson(Permissions(key), bad)).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, Permissions(key), "{\"subject\": 5}")).ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal(before, (await GrantsAsync(key)).Count);

        (await reader.Client.Delete($"{Permissions(key)}/1")).ExpectError(HttpStatusCode.Forbidden);
        (await Admin.Delete($"{Permissions(key)}/abc")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Delete($"{Permissions(key)}/999999999")).ExpectError(HttpStatusCode.NotFound);

        // The space's only administer grant (its creator's) cannot go, nor can the creator's read/space, which would take it along.
        var grants = await GrantsAsync(key);
        var adminGrant = grants.First(g => (string?)g!["operation"]!["operation"] == "administer")!;
        var creator = (string?)adminGrant["subjects"]!["user"]!["results"]![0]!["accountId"];
        var creatorRead = grants.First(g => (string?)g!["operation"]!["operation"] == "read"
                                            && (string?)g["subjects"]?["user"]?["results"]?[0]?["accountId"] == creator)!;
        (await Admin.Delete($"{Permissions(key)}/{(long)adminGrant["id"]!}")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Delete($"{Permissions(key)}/{(long)creatorRead["id"]!}")).ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal(before, (await GrantsAsync(key)).Count);
    }

    [SkippableFact]
    public async Task Custom_content_permissions_are_granted_and_taken_away()
    {
        var member = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, permissions: [SpaceTestSupport.Permission("read", "space", [member.AccountId])]);
        const string type = "ac:quire-test:note";
        object Body(bool access, string target = type, string operation = "create") => new
        {
            subject = new { type = "user", identifier = member.AccountId },
            operations = new[] { new { key = operation, target, access } },
        };

        (await Admin.PostJson($"{Permissions(key)}/custom-content", Body(true))).Expect(HttpStatusCode.OK);
        Assert.Contains(await GrantsAsync(key), g => (string?)g!["operation"]!["targetType"] == type);
        (await Admin.PostJson($"{Permissions(key)}/custom-content", Body(false))).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(await GrantsAsync(key), g => (string?)g!["operation"]!["targetType"] == type);

        (await Admin.PostJson($"{Permissions(key)}/custom-content", Body(true, target: "page"))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{Permissions(key)}/custom-content", Body(true, operation: "administer"))).ExpectError(HttpStatusCode.BadRequest);
        var outsider = await NewUserAsync();
        (await Admin.PostJson($"{Permissions(key)}/custom-content", new
        {
            subject = new { type = "user", identifier = outsider.AccountId },
            operations = new[] { new { key = "read", target = type, access = true } },
        })).ExpectError(HttpStatusCode.BadRequest);
        (await member.Client.PostJson($"{Permissions(key)}/custom-content", Body(true))).ExpectError(HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SpacePermissionsApiTestsOnSqlite(SqliteServerFixture fixture) : SpacePermissionsApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SpacePermissionsApiTestsOnPostgres(PostgresServerFixture fixture) : SpacePermissionsApiTests(fixture);
