using System.Net;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Group;

public abstract class GroupApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private async Task<(string Id, string Name)> NewGroupAsync(string? prefix = null)
    {
        var name = (prefix ?? "team-") + Unique();
        var created = (await Admin.PostJson("/wiki/rest/api/group", new { name })).Expect(HttpStatusCode.Created).Json!;
        Assert.Equal("group", (string?)created["type"]);
        Assert.Equal(name, (string?)created["name"]);
        Assert.True(Guid.TryParse((string?)created["id"], out _));
        return ((string)created["id"]!, name);
    }

    [SkippableFact]
    public async Task Create_then_read_by_id_by_name_and_deprecated_path()
    {
        var (id, name) = await NewGroupAsync();
        var byId = (await Admin.Get($"/wiki/rest/api/group/by-id?id={id}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(name, (string?)byId["name"]);
        Assert.Equal($"http://quire.test/wiki/rest/api/group/by-id?id={id}", (string?)byId["_links"]?["self"]);

        var byName = (await Admin.Get($"/wiki/rest/api/group/by-name?name={name}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(id, (string?)byName["id"]);
        var byPath = (await Admin.Get($"/wiki/rest/api/group/{name}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(id, (string?)byPath["id"]);

        (await Admin.Get("/wiki/rest/api/group/by-id?id=00000000-0000-0000-0000-000000000000")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get("/wiki/rest/api/group/by-name?name=no-such-group")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get("/wiki/rest/api/group/no-such-group")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get("/wiki/rest/api/group/by-id")).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task List_and_picker_page_through_groups()
    {
        var prefix = "pick-" + Unique() + "-";
        for (var i = 0; i < 3; i++) await NewGroupAsync(prefix);

        var all = (await Admin.Get("/wiki/rest/api/group")).Expect(HttpStatusCode.OK).Json!;
        Assert.Contains(all["results"]!.AsArray(), g => (string?)g!["name"] == "confluence-users");
        Assert.Equal(200, (int?)all["limit"]);

        var picked = (await Admin.Get($"/wiki/rest/api/group/picker?query={prefix.ToUpperInvariant()}&limit=2&shouldReturnTotalSize=true"))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(2, (int?)picked["size"]);
        Assert.Equal(3, (int?)picked["totalSize"]);
        Assert.StartsWith("/rest/api/group/picker?", (string?)picked["_links"]?["next"]);

        var second = (await Admin.Get($"/wiki/rest/api/group/picker?query={prefix}&limit=2&start=2")).Json!;
        Assert.Single(second["results"]!.AsArray());
        Assert.Null(second["_links"]?["next"]);
        Assert.NotNull(second["_links"]?["prev"]);

        var user = await NewUserAsync();
        (await user.Client.Get("/wiki/rest/api/group")).Expect(HttpStatusCode.OK);
        (await Admin.Get("/wiki/rest/api/group?accessType=bogus")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get("/wiki/rest/api/group/picker?query=%25_")).Expect(HttpStatusCode.OK);

        // query is required.
        foreach (var url in new[] { "/wiki/rest/api/group/picker", "/wiki/rest/api/group/picker?query=", "/wiki/rest/api/group/picker?query=%20&limit=5" })
            Assert.Contains("query", (await user.Client.Get(url)).ExpectError(HttpStatusCode.BadRequest).ErrorMessage);
    }

    [SkippableFact]
    public async Task Access_type_lists_the_groups_that_grant_that_permission_level()
    {
        await NewGroupAsync();
        var user = await NewUserAsync();
        async Task<List<string?>> NamesAsync(string accessType) =>
            (await user.Client.Get($"/wiki/rest/api/group?accessType={accessType}")).Expect(HttpStatusCode.OK).Json!["results"]!
                .AsArray().Select(g => (string?)g!["name"]).ToList();

        // 'Can use' comes from confluence-users; administration (site administration too, in Quire) from confluence-administrators.
        Assert.Equal(["confluence-users"], await NamesAsync("user"));
        Assert.Equal(["confluence-administrators"], await NamesAsync("admin"));
        Assert.Equal(["confluence-administrators"], await NamesAsync("site-admin"));

        var paged = (await user.Client.Get("/wiki/rest/api/group?accessType=user&start=1")).Expect(HttpStatusCode.OK).Json!;
        Assert.Empty(paged["results"]!.AsArray());
        Assert.Null(paged["_links"]?["next"]);
        (await user.Client.Get("/wiki/rest/api/group?accessType=bogus")).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.Get("/wiki/rest/api/group?accessType=USER")).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Member_listings_and_the_picker_hold_limit_to_the_spec_maximum_of_200()
    {
        var (id, name) = await NewGroupAsync();

        // getMembersByQueryParam and searchGroups return at most 200 per page, whatever is asked for.
        Assert.Equal(200, (int?)(await Admin.Get($"/wiki/rest/api/group/member?name={name}&limit=500")).Expect(HttpStatusCode.OK).Json!["limit"]);
        Assert.Equal(200, (int?)(await Admin.Get($"/wiki/rest/api/group/picker?query={name}&limit=201")).Expect(HttpStatusCode.OK).Json!["limit"]);
        Assert.Equal(200, (int?)(await Admin.Get("/wiki/rest/api/group/member?name=confluence-users&limit=1000")).Json!["limit"]);

        // getGroupMembers and getGroupMembersByGroupId answer 400 for a limit over 200.
        (await Admin.Get($"/wiki/rest/api/group/{name}/member?limit=201")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"/wiki/rest/api/group/{id}/membersByGroupId?limit=201")).ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal(200, (int?)(await Admin.Get($"/wiki/rest/api/group/{name}/member?limit=200")).Expect(HttpStatusCode.OK).Json!["limit"]);
        Assert.Equal(200, (int?)(await Admin.Get($"/wiki/rest/api/group/{id}/membersByGroupId?limit=200")).Expect(HttpStatusCode.OK).Json!["limit"]);
    }

    [SkippableFact]
    public async Task Membership_by_group_id_takes_effect_on_the_next_request()
    {
        var (id, name) = await NewGroupAsync();
        var user = await NewUserAsync();

        (await Admin.PostJson($"/wiki/rest/api/group/userByGroupId?groupId={id}", new { accountId = user.AccountId }))
            .Expect(HttpStatusCode.Created);
        var memberOf = (await user.Client.Get($"/wiki/rest/api/user/memberof?accountId={user.AccountId}")).Json!;
        Assert.Contains(memberOf["results"]!.AsArray(), g => (string?)g!["id"] == id);

        var members = (await Admin.Get($"/wiki/rest/api/group/{id}/membersByGroupId?shouldReturnTotalSize=true")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(user.AccountId, (string?)members["results"]![0]!["accountId"]);
        Assert.Equal(1, (int?)members["totalSize"]);

        (await Admin.Delete($"/wiki/rest/api/group/userByGroupId?groupId={id}&accountId={user.AccountId}")).Expect(HttpStatusCode.NoContent);
        // Removing a non-member answers 204 as well (the spec says so).
        (await Admin.Delete($"/wiki/rest/api/group/userByGroupId?groupId={id}&accountId={user.AccountId}")).Expect(HttpStatusCode.NoContent);
        var after = (await Admin.Get($"/wiki/rest/api/group/{id}/membersByGroupId")).Json!;
        Assert.Empty(after["results"]!.AsArray());
        _ = name;
    }

    [SkippableFact]
    public async Task Joining_the_administrators_group_grants_admin_rights_on_the_next_request()
    {
        var user = await NewUserAsync();
        (await user.Client.PostJson("/wiki/rest/api/group", new { name = "x-" + Unique() })).ExpectError(HttpStatusCode.Forbidden);

        (await Admin.PostJson("/wiki/rest/api/group/user?name=confluence-administrators", new { accountId = user.AccountId }))
            .Expect(HttpStatusCode.Created);
        (await user.Client.PostJson("/wiki/rest/api/group", new { name = "y-" + Unique() })).Expect(HttpStatusCode.Created);

        (await Admin.Delete($"/wiki/rest/api/group/user?name=confluence-administrators&accountId={user.AccountId}"))
            .Expect(HttpStatusCode.NoContent);
        (await user.Client.PostJson("/wiki/rest/api/group", new { name = "z-" + Unique() })).ExpectError(HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task Membership_by_name_with_the_deprecated_calls()
    {
        var (_, name) = await NewGroupAsync();
        var a = await NewUserAsync("Alpha Person");
        var b = await NewUserAsync("Beta Person");

        (await Admin.PostJson($"/wiki/rest/api/group/user?name={name}", new { accountId = a.AccountId })).Expect(HttpStatusCode.Created);
        (await Admin.PostJson($"/wiki/rest/api/group/user?name={name}", new { accountId = b.AccountId })).Expect(HttpStatusCode.Created);
        // Adding twice is harmless.
        (await Admin.PostJson($"/wiki/rest/api/group/user?name={name}", new { accountId = b.AccountId })).Expect(HttpStatusCode.Created);

        var members = (await Admin.Get($"/wiki/rest/api/group/member?name={name}&limit=1&expand=operations")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(a.AccountId, (string?)members["results"]![0]!["accountId"]);
        Assert.NotNull(members["results"]![0]!["operations"]);
        Assert.NotNull(members["_links"]?["next"]);

        var byPath = (await Admin.Get($"/wiki/rest/api/group/{name}/member")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(2, (int?)byPath["size"]);

        (await Admin.Delete($"/wiki/rest/api/group/user?name={name}&username={a.UserName}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete($"/wiki/rest/api/group/user?name={name}&key={b.AccountId}")).Expect(HttpStatusCode.NoContent);
        Assert.Empty((await Admin.Get($"/wiki/rest/api/group/{name}/member")).Json!["results"]!.AsArray());

        (await Admin.Delete($"/wiki/rest/api/group/user?name={name}")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Delete($"/wiki/rest/api/group/user?name={name}&accountId=nobody")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.PostJson($"/wiki/rest/api/group/user?name={name}", new { accountId = "nobody" })).ExpectError(HttpStatusCode.NotFound);
        (await Admin.PostJson("/wiki/rest/api/group/user?name=no-such-group", new { accountId = a.AccountId })).ExpectError(HttpStatusCode.NotFound);
        (await Admin.PostJson($"/wiki/rest/api/group/user?name={name}", new { })).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Remove_group_by_id_and_by_name()
    {
        var (id, _) = await NewGroupAsync();
        var (_, name) = await NewGroupAsync();
        (await Admin.Delete($"/wiki/rest/api/group/by-id?id={id}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"/wiki/rest/api/group/by-id?id={id}")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Delete($"/wiki/rest/api/group/by-id?id={id}")).ExpectError(HttpStatusCode.NotFound);

        (await Admin.Delete($"/wiki/rest/api/group?name={name}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"/wiki/rest/api/group/by-name?name={name}")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Delete("/wiki/rest/api/group?name=confluence-users")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Delete("/wiki/rest/api/group")).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Only_site_admins_change_groups()
    {
        var (id, name) = await NewGroupAsync();
        var user = await NewUserAsync();
        (await user.Client.PostJson("/wiki/rest/api/group", new { name = "mine-" + Unique() })).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.Delete($"/wiki/rest/api/group/by-id?id={id}")).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.Delete($"/wiki/rest/api/group?name={name}")).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.PostJson($"/wiki/rest/api/group/userByGroupId?groupId={id}", new { accountId = user.AccountId }))
            .ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.PostJson($"/wiki/rest/api/group/user?name={name}", new { accountId = user.AccountId }))
            .ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.Delete($"/wiki/rest/api/group/userByGroupId?groupId={id}&accountId={user.AccountId}"))
            .ExpectError(HttpStatusCode.Forbidden);
        (await Admin.Get($"/wiki/rest/api/group/by-id?id={id}")).Expect(HttpStatusCode.OK);
        Assert.Empty((await Admin.Get($"/wiki/rest/api/group/{id}/membersByGroupId")).Json!["results"]!.AsArray());
    }

    [SkippableFact]
    public async Task Bad_group_input_is_refused()
    {
        var (_, name) = await NewGroupAsync();
        (await Admin.PostJson("/wiki/rest/api/group", new { name })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson("/wiki/rest/api/group", new { name = name.ToUpperInvariant() })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson("/wiki/rest/api/group", new { })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson("/wiki/rest/api/group", new { name = new string('g', 300) })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, "/wiki/rest/api/group", "{\"name\": 42}")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, "/wiki/rest/api/group", "{\"name\": \"x\"")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, "/wiki/rest/api/group", "not json")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson("/wiki/rest/api/group", new { name = "tab\tname" })).ExpectError(HttpStatusCode.BadRequest);

        var hostile = "<script>alert(1)</script>'; DROP TABLE groups; --" + Unique();
        var created = (await Admin.PostJson("/wiki/rest/api/group", new { name = hostile })).Expect(HttpStatusCode.Created).Json!;
        Assert.Equal(hostile, (string?)created["name"]);
        var found = (await Admin.Get($"/wiki/rest/api/group/by-name?name={Uri.EscapeDataString(hostile)}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(hostile, (string?)found["name"]);

        // An id no group has lists no members (Cloud answers 200 with an empty page; the spec lists no 404).
        foreach (var unknown in new[] { name, Guid.NewGuid().ToString() })
        {
            var none = (await Admin.Get($"/wiki/rest/api/group/{unknown}/membersByGroupId?shouldReturnTotalSize=true")).Expect(HttpStatusCode.OK).Json!;
            Assert.Empty(none["results"]!.AsArray());
            Assert.Equal(0, (int)none["size"]!);
            Assert.Equal(0, (int)none["start"]!);
            Assert.Equal(200, (int)none["limit"]!);
            Assert.Equal(0, (long)none["totalSize"]!);
            Assert.Null(none["_links"]!["next"]);
        }
        (await Admin.Get($"/wiki/rest/api/group/{Guid.NewGuid()}/membersByGroupId?limit=201")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get("/wiki/rest/api/group/member?name=nope")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get("/wiki/rest/api/group/member")).ExpectError(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class GroupApiTestsOnSqlite(SqliteServerFixture fixture) : GroupApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class GroupApiTestsOnPostgres(PostgresServerFixture fixture) : GroupApiTests(fixture);
