using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Permissions.GlobalPermissionTestSupport;

namespace Quire.Api.Tests.Permissions;

/// <summary>/wiki/rest/api/admin/permissions: listing, granting and revoking global permissions, and what they decide.</summary>
public abstract class GlobalPermissionsApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static IEnumerable<string> Grants(JsonNode list) =>
        list["results"]!.AsArray().Select(r => $"{r!["permission"]} {r["subject"]!["type"]} {r["subject"]!["displayName"]}");

    [SkippableFact]
    public async Task A_new_site_lets_confluence_users_use_it_and_create_spaces_and_admins_change_that()
    {
        await using var server = await Fixture.OwnServerAsync(Server.Engine);
        var admin = server.Admin();

        var list = (await admin.Get(PermissionsUrl)).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["create_space group confluence-users", "use group confluence-users"], Grants(list).Order());
        Assert.Equal(2, (int?)list["size"]);
        Assert.False((bool?)list["anonymousAccess"]);
        var seeded = list["results"]![0]!;
        Assert.False(string.IsNullOrEmpty((string?)seeded["subject"]!["identifier"]));
        Assert.StartsWith("http://quire.test/wiki/rest/api/admin/permissions/", (string?)seeded["_links"]!["self"]);

        var user = await server.NewUserAsync();
        var granted = (await admin.Put($"{PermissionsUrl}/create_space/user/{user.AccountId}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("create_space", (string?)granted["permission"]);
        Assert.Equal("user", (string?)granted["subject"]!["type"]);
        Assert.Equal(user.AccountId, (string?)granted["subject"]!["identifier"]);
        (await admin.Put($"{PermissionsUrl}/create_space/user/{user.AccountId}")).Expect(HttpStatusCode.OK); // idempotent
        Assert.Contains($"create_space user User {user.UserName[4..]}", Grants((await admin.Get(PermissionsUrl)).Json!));

        (await admin.Delete($"{PermissionsUrl}/create_space/user/{user.AccountId}")).Expect(HttpStatusCode.NoContent);
        (await admin.Delete($"{PermissionsUrl}/create_space/user/{user.AccountId}")).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal(2, (int?)(await admin.Get(PermissionsUrl)).Json!["size"]);
    }

    [SkippableFact]
    public async Task Only_site_admins_manage_them_and_bad_input_is_a_4xx()
    {
        await using var server = await Fixture.OwnServerAsync(Server.Engine);
        var admin = server.Admin();
        var user = await server.NewUserAsync();

        (await user.Client.Get(PermissionsUrl)).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.Put($"{PermissionsUrl}/create_space/user/{user.AccountId}")).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.Delete($"{PermissionsUrl}/use/group/confluence-users")).ExpectError(HttpStatusCode.Forbidden);
        (await server.Anonymous().Get(PermissionsUrl)).ExpectError(HttpStatusCode.Unauthorized);

        var unknown = (await admin.Put($"{PermissionsUrl}/fly/group/confluence-users")).ExpectError(HttpStatusCode.BadRequest);
        Assert.Contains("create_space", unknown.ErrorMessage);
        (await admin.Put($"{PermissionsUrl}/create_space/group/no-such-group")).ExpectError(HttpStatusCode.NotFound);
        (await admin.Put($"{PermissionsUrl}/use/user/no-such-account")).ExpectError(HttpStatusCode.NotFound);
        (await admin.Delete($"{PermissionsUrl}/use/user/no-such-account")).ExpectError(HttpStatusCode.NotFound);
        var anonymousCreate = (await admin.Put($"{PermissionsUrl}/create_space/anonymous")).ExpectError(HttpStatusCode.BadRequest);
        Assert.Contains("anonymous", anonymousCreate.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        (await admin.Delete($"{PermissionsUrl}/use/anonymous")).ExpectError(HttpStatusCode.NotFound);
        (await admin.Put($"{PermissionsUrl}/use/robot/x")).ExpectError(HttpStatusCode.NotFound); // no such route
        Assert.Equal(2, (int?)(await admin.Get(PermissionsUrl)).Json!["size"]);
    }

    [SkippableFact]
    public async Task Creating_a_space_needs_create_space_directly_through_a_group_or_as_site_admin()
    {
        await using var server = await Fixture.OwnServerAsync(Server.Engine);
        var admin = server.Admin();
        var user = await server.NewUserAsync();
        await user.Client.CreateSpaceAsync();
        Assert.Equal(["create_space", "use"], await OperationsAsync(admin, user.AccountId));

        (await admin.Delete($"{PermissionsUrl}/create_space/group/confluence-users")).Expect(HttpStatusCode.NoContent);
        var refused = (await user.Client.PostJson("/wiki/rest/api/space", new { key = SpaceTestSupport.NewKey(), name = "No" }))
            .ExpectError(HttpStatusCode.Forbidden);
        Assert.Contains("create_space", refused.ErrorMessage);
        (await user.Client.PostJson("/wiki/rest/api/space/_private", new { key = SpaceTestSupport.NewKey(), name = "No" }))
            .ExpectError(HttpStatusCode.Forbidden);
        Assert.Equal(["use"], await OperationsAsync(admin, user.AccountId));
        await admin.CreateSpaceAsync(); // a site admin always may
        Assert.Equal(["administer", "create_space", "use"], await OperationsAsync(admin, (string)(await admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!));

        (await admin.Put($"{PermissionsUrl}/create_space/user/{user.AccountId}")).Expect(HttpStatusCode.OK);
        await user.Client.CreateSpaceAsync();
        (await admin.Delete($"{PermissionsUrl}/create_space/user/{user.AccountId}")).Expect(HttpStatusCode.NoContent);

        var group = (await admin.PostJson("/wiki/rest/api/group", new { name = "creators-" + Unique() })).Expect(HttpStatusCode.Created).Json!;
        (await admin.PostJson($"/wiki/rest/api/group/userByGroupId?groupId={(string)group["id"]!}", new { accountId = user.AccountId })).Expect(HttpStatusCode.Created);
        (await admin.Put($"{PermissionsUrl}/create_space/group/{(string)group["name"]!}")).Expect(HttpStatusCode.OK);
        await user.Client.CreateSpaceAsync();
        Assert.Equal(["create_space", "use"], await OperationsAsync(admin, user.AccountId));
    }

    [SkippableFact]
    public async Task A_user_without_use_is_refused_everywhere_until_it_is_granted_again()
    {
        await using var server = await Fixture.OwnServerAsync(Server.Engine);
        var admin = server.Admin();
        var user = await server.NewUserAsync();
        (await user.Client.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);

        (await admin.Delete($"{PermissionsUrl}/use/group/confluence-users")).Expect(HttpStatusCode.NoContent);
        var refused = (await user.Client.Get("/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.Forbidden);
        Assert.Contains("'use'", refused.ErrorMessage);
        (await user.Client.Get("/wiki/rest/api/space")).ExpectError(HttpStatusCode.Forbidden);
        (await admin.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK); // site admins always use the site

        (await admin.Put($"{PermissionsUrl}/use/user/{user.AccountId}")).Expect(HttpStatusCode.OK);
        (await user.Client.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);
    }

    private static async Task<List<string>> OperationsAsync(HttpClient admin, string accountId) =>
        (await admin.Get($"/wiki/rest/api/user?accountId={accountId}&expand=operations")).Expect(HttpStatusCode.OK).Json!["operations"]!
        .AsArray().Select(o => (string)o!["operation"]!).Order().ToList();
}

[Collection(SqliteCollection.Name)]
public sealed class GlobalPermissionsApiTestsOnSqlite(SqliteServerFixture fixture) : GlobalPermissionsApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class GlobalPermissionsApiTestsOnPostgres(PostgresServerFixture fixture) : GlobalPermissionsApiTests(fixture);
