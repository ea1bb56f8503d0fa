using System.Net;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Users;

public abstract class UsersApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Current_user_has_the_spec_shape_and_own_email()
    {
        var user = await NewUserAsync("Ada Lovelace");
        var me = (await user.Client.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK).Json!;

        Assert.Equal("known", (string?)me["type"]);
        Assert.Equal(user.AccountId, (string?)me["accountId"]);
        Assert.Equal("atlassian", (string?)me["accountType"]);
        Assert.Equal(user.Email, (string?)me["email"]);
        Assert.Equal("Ada Lovelace", (string?)me["displayName"]);
        Assert.Equal("Ada Lovelace", (string?)me["publicName"]);
        Assert.NotNull(me["profilePicture"]?["path"]);
        Assert.NotNull(me["timeZone"]);
        Assert.Equal($"http://quire.test/wiki/rest/api/user?accountId={user.AccountId}", (string?)me["_links"]?["self"]);
        Assert.Equal("http://quire.test/wiki", (string?)me["_links"]?["base"]);
        Assert.Equal("/wiki", (string?)me["_links"]?["context"]);
        Assert.NotNull(me["_expandable"]?["operations"]);
        Assert.NotNull(me["_expandable"]?["personalSpace"]);
        Assert.Null(me["operations"]);
    }

    [SkippableFact]
    public async Task Expandable_always_present_and_holds_only_what_the_spec_names()
    {
        var user = await NewUserAsync();
        var group = "exp-" + Unique();
        (await Admin.PostJson("/wiki/rest/api/group", new { name = group })).Expect(HttpStatusCode.Created);
        (await Admin.PostJson($"/wiki/rest/api/group/user?name={group}", new { accountId = user.AccountId })).Expect(HttpStatusCode.Created);

        // The spec's User._expandable holds operations, details and personalSpace, never isExternalCollaborator.
        string[] expandable = ["operations", "personalSpace"];
        foreach (var url in new[]
                 {
                     "/wiki/rest/api/user/current", $"/wiki/rest/api/user?accountId={user.AccountId}",
                     $"/wiki/rest/api/user/bulk?accountId={user.AccountId}", $"/wiki/rest/api/group/member?name={group}",
                 })
        {
            foreach (var (expand, left) in new (string, string[])[]
                     {
                         ("", expandable), ("isExternalCollaborator", expandable), ("operations", ["personalSpace"]),
                         ("personalSpace", ["operations"]), ("operations,personalSpace,isExternalCollaborator", []),
                     })
            {
                var json = (await user.Client.Get(url + (url.Contains('?') ? "&" : "?") + "expand=" + expand)).Expect(HttpStatusCode.OK).Json!;
                var shown = json["results"]?[0] ?? json;
                var names = shown["_expandable"]!.AsObject().Select(p => p.Key).Order().ToList();
                Assert.Equal(left, names);
                Assert.False((bool?)shown["isExternalCollaborator"]);
            }
        }

        var anonymous = (await Server.Anonymous().Get("/wiki/rest/api/user/anonymous?expand=operations")).Expect(HttpStatusCode.OK).Json!;
        Assert.Empty(anonymous["_expandable"]!.AsObject());
    }

    [SkippableFact]
    public async Task Get_user_by_account_id_hides_email_from_other_users()
    {
        var alice = await NewUserAsync();
        var bob = await NewUserAsync();

        var seenByBob = (await bob.Client.Get($"/wiki/rest/api/user?accountId={alice.AccountId}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(alice.AccountId, (string?)seenByBob["accountId"]);
        Assert.Equal("", (string?)seenByBob["email"]);

        var seenByAdmin = (await Admin.Get($"/wiki/rest/api/user?accountId={alice.AccountId}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(alice.Email, (string?)seenByAdmin["email"]);
    }

    [SkippableFact]
    public async Task Get_user_errors()
    {
        (await Admin.Get("/wiki/rest/api/user?accountId=doesnotexist")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get("/wiki/rest/api/user")).ExpectError(HttpStatusCode.BadRequest);
        (await Server.Anonymous().Get($"/wiki/rest/api/user?accountId=x")).ExpectError(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task Expand_operations_lists_site_operations()
    {
        var user = await NewUserAsync();
        var me = (await user.Client.Get("/wiki/rest/api/user/current?expand=operations")).Expect(HttpStatusCode.OK).Json!;
        var operations = me["operations"]!.AsArray().Select(o => $"{o!["operation"]}/{o["targetType"]}").ToList();
        Assert.Contains("use/application", operations);
        Assert.DoesNotContain("administer/application", operations);
        Assert.Null(me["_expandable"]?["operations"]);

        var admin = (await Admin.Get("/wiki/rest/api/user/current?expand=operations")).Json!;
        Assert.Contains(admin["operations"]!.AsArray(), o => (string?)o!["operation"] == "administer");
    }

    [SkippableFact]
    public async Task Anonymous_user_is_answered_without_credentials()
    {
        var anonymous = (await Server.Anonymous().Get("/wiki/rest/api/user/anonymous")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("anonymous", (string?)anonymous["type"]);
        Assert.NotNull(anonymous["profilePicture"]);
        Assert.Null(anonymous["accountId"]);
    }

    [SkippableFact]
    public async Task Memberof_lists_the_users_groups_with_paging()
    {
        var user = await NewUserAsync();
        var groups = (await user.Client.Get($"/wiki/rest/api/user/memberof?accountId={user.AccountId}"))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Contains(groups["results"]!.AsArray(), g => (string?)g!["name"] == "confluence-users");
        Assert.Equal(0, (int?)groups["start"]);
        Assert.Equal(200, (int?)groups["limit"]);

        var admin = (await Admin.Get("/wiki/rest/api/user/current")).Json!;
        var adminGroups = (await Admin.Get($"/wiki/rest/api/user/memberof?accountId={admin["accountId"]}&limit=1")).Json!;
        Assert.Equal(1, (int?)adminGroups["size"]);
        Assert.Equal($"/rest/api/user/memberof?accountId={admin["accountId"]}&limit=1&start=1", (string?)adminGroups["_links"]?["next"]);
        Assert.Null(adminGroups["_links"]?["prev"]);

        (await Admin.Get("/wiki/rest/api/user/memberof?accountId=nobody")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"/wiki/rest/api/user/memberof?accountId={user.AccountId}&limit=-1")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"/wiki/rest/api/user/memberof?accountId={user.AccountId}&start=abc")).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Bulk_lookup_returns_known_users_in_order()
    {
        var a = await NewUserAsync();
        var b = await NewUserAsync();
        var bulk = (await Admin.Get($"/wiki/rest/api/user/bulk?accountId={b.AccountId},{a.AccountId}&accountId=unknown"))
            .Expect(HttpStatusCode.OK).Json!;
        var ids = bulk["results"]!.AsArray().Select(u => (string?)u!["accountId"]).ToList();
        Assert.Equal([b.AccountId, a.AccountId], ids);
        Assert.Equal(2, (int?)bulk["size"]);

        var limited = (await Admin.Get($"/wiki/rest/api/user/bulk?accountId={a.AccountId},{b.AccountId}&limit=1")).Json!;
        Assert.Single(limited["results"]!.AsArray());

        (await Admin.Get("/wiki/rest/api/user/bulk")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"/wiki/rest/api/user/bulk?accountId={a.AccountId}&limit=500")).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Email_lookups_are_for_admins_and_self()
    {
        var a = await NewUserAsync();
        var b = await NewUserAsync();

        var email = (await Admin.Get($"/wiki/rest/api/user/email?accountId={a.AccountId}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(a.AccountId, (string?)email["accountId"]);
        Assert.Equal(a.Email, (string?)email["email"]);

        (await a.Client.Get($"/wiki/rest/api/user/email?accountId={a.AccountId}")).Expect(HttpStatusCode.OK);
        // The spec answers 400 to a caller that is not approved for these calls; in Quire, anyone but a site admin.
        (await b.Client.Get($"/wiki/rest/api/user/email?accountId={a.AccountId}")).ExpectError(HttpStatusCode.BadRequest);
        (await b.Client.Get("/wiki/rest/api/user/email?accountId=nobody")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get("/wiki/rest/api/user/email?accountId=nobody")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get("/wiki/rest/api/user/email")).ExpectError(HttpStatusCode.BadRequest);

        var bulk = (await Admin.Get($"/wiki/rest/api/user/email/bulk?accountId={a.AccountId}&accountId={b.AccountId}"))
            .Expect(HttpStatusCode.OK).Json!.AsArray();
        Assert.Equal(2, bulk.Count);
        Assert.Contains(bulk, r => (string?)r!["email"] == b.Email);
        (await Admin.Get("/wiki/rest/api/user/email/bulk")).ExpectError(HttpStatusCode.BadRequest);

        // A non-admin: its own address only; asking for anyone else (existing or not) is refused as a whole.
        var own = (await a.Client.Get($"/wiki/rest/api/user/email/bulk?accountId={a.AccountId}")).Expect(HttpStatusCode.OK).Json!.AsArray();
        Assert.Equal(a.Email, (string?)Assert.Single(own)!["email"]);
        foreach (var ids in new[] { b.AccountId, $"{a.AccountId}&accountId={b.AccountId}", "nobody" })
        {
            var refused = (await a.Client.Get($"/wiki/rest/api/user/email/bulk?accountId={ids}")).ExpectError(HttpStatusCode.BadRequest);
            Assert.DoesNotContain(b.Email, refused.Body);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UsersApiTestsOnSqlite(SqliteServerFixture fixture) : UsersApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class UsersApiTestsOnPostgres(PostgresServerFixture fixture) : UsersApiTests(fixture);
