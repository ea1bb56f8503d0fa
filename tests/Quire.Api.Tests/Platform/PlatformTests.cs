using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Server.Hosting;

namespace Quire.Api.Tests.Platform;

/// <summary>Start-up, /status, sign-in, error bodies and limits: what every endpoint stands on.</summary>
public abstract class PlatformTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Status_answers_running_without_authentication()
    {
        var status = (await Server.Anonymous().Get("/status")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("RUNNING", (string?)status["state"]);
    }

    [SkippableFact]
    public async Task Missing_or_wrong_credentials_answer_401_with_a_challenge()
    {
        var anonymous = Server.Anonymous();
        var missing = (await anonymous.Get("/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.Unauthorized);
        Assert.Equal("Basic realm=\"Quire\"", missing.Message.Headers.WwwAuthenticate.ToString());
        Assert.False((bool?)missing.Json!["data"]?["authorized"]);

        (await Server.SignedIn(QuireServer.AdminEmail, "wrong-token").Get("/wiki/rest/api/user/current"))
            .ExpectError(HttpStatusCode.Unauthorized);
        (await Server.SignedIn("nobody@example.test", QuireServer.AdminToken).Get("/wiki/rest/api/user/current"))
            .ExpectError(HttpStatusCode.Unauthorized);

        foreach (var header in new[] { "Basic !!!notbase64", "Bearer abc", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("no-colon")) })
        {
            var client = Server.Anonymous();
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
            (await client.Get("/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.Unauthorized);
        }
    }

    [SkippableFact]
    public async Task Users_sign_in_with_email_or_user_name_and_password()
    {
        var user = await NewUserAsync();
        var password = "pw-" + user.UserName["user".Length..];
        (await Server.SignedIn(user.UserName, password).Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);
        (await Server.SignedIn(user.Email.ToUpperInvariant(), password).Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);
        (await Server.SignedIn(user.Email, password + "x").Get("/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task Api_tokens_are_created_listed_and_revoked_by_their_owner()
    {
        var user = await NewUserAsync();
        var created = (await user.Client.PostJson("/wiki/rest/quire/1/api-token", new { label = "ci" })).Expect(HttpStatusCode.Created).Json!;
        var token = (string)created["token"]!;
        var tokenId = (string)created["id"]!;
        Assert.StartsWith("qt_", token);

        var viaToken = Server.SignedIn(user.Email, token);
        Assert.Equal(user.AccountId, (string?)(await viaToken.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK).Json!["accountId"]);

        var list = (await user.Client.Get("/wiki/rest/quire/1/api-token")).Expect(HttpStatusCode.OK).Json!;
        var listed = Assert.Single(list["results"]!.AsArray());
        Assert.Equal("ci", (string?)listed!["label"]);
        Assert.Null(listed["token"]);

        var other = await NewUserAsync();
        (await other.Client.Delete($"/wiki/rest/quire/1/api-token/{tokenId}")).ExpectError(HttpStatusCode.NotFound);
        (await viaToken.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);

        (await user.Client.Delete($"/wiki/rest/quire/1/api-token/{tokenId}")).Expect(HttpStatusCode.NoContent);
        // The sign-in cache must not outlive the token.
        (await viaToken.Get("/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.Unauthorized);
        (await user.Client.PostJson("/wiki/rest/quire/1/api-token", new { label = new string('l', 300) })).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Admin_user_endpoint_creates_users_in_the_default_group()
    {
        var id = Unique();
        var created = (await Admin.PostJson("/wiki/rest/api/admin/user", new
        {
            userName = "new" + id, email = $"new{id}@example.test", displayName = "New Person", password = "secret-" + id,
        })).Expect(HttpStatusCode.Created).Json!;
        var accountId = (string)created["accountId"]!;
        Assert.Equal("New Person", (string?)created["displayName"]);
        Assert.Equal($"new{id}@example.test", (string?)created["email"]);

        var groups = (await Admin.Get($"/wiki/rest/api/user/memberof?accountId={accountId}")).Json!["results"]!.AsArray();
        Assert.Equal(["confluence-users"], groups.Select(g => (string?)g!["name"]).ToList());

        var admin = (await Admin.Get("/wiki/rest/api/user/current")).Json!;
        var adminGroups = (await Admin.Get($"/wiki/rest/api/user/memberof?accountId={admin["accountId"]}")).Json!["results"]!.AsArray();
        Assert.Equal(["confluence-administrators", "confluence-users"], adminGroups.Select(g => (string?)g!["name"]).ToList());
    }

    [SkippableFact]
    public async Task Admin_user_endpoint_validates_and_stores_nothing_on_error()
    {
        var user = await NewUserAsync();
        var id = Unique();
        object Body(string? userName = null, string? email = null, string? displayName = "Someone", string? password = "pw") =>
            new { userName = userName ?? "v" + id, email = email ?? $"v{id}@example.test", displayName, password };

        (await user.Client.PostJson("/wiki/rest/api/admin/user", Body())).ExpectError(HttpStatusCode.Forbidden);
        (await Admin.PostJson("/wiki/rest/api/admin/user", Body(email: user.Email))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson("/wiki/rest/api/admin/user", Body(userName: user.UserName.ToUpperInvariant()))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson("/wiki/rest/api/admin/user", Body(email: "not-an-email"))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson("/wiki/rest/api/admin/user", Body(email: "a@b@c.test"))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson("/wiki/rest/api/admin/user", Body(displayName: null))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson("/wiki/rest/api/admin/user", Body(displayName: new string('d', 300)))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson("/wiki/rest/api/admin/user", Body(userName: "has space"))).ExpectError(HttpStatusCode.BadRequest);
        // A user name that looks like an address could stand in for another user's e-mail at sign-in.
        (await Admin.PostJson("/wiki/rest/api/admin/user", Body(userName: user.Email))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson("/wiki/rest/api/admin/user", Body(password: null))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, "/wiki/rest/api/admin/user", "{\"userName\": [1], \"email\": 5}")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, "/wiki/rest/api/admin/user", "{\"userName\":")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, "/wiki/rest/api/admin/user", "")).ExpectError(HttpStatusCode.BadRequest);

        // None of the refused calls stored the user: the same name and address are still free.
        (await Admin.PostJson("/wiki/rest/api/admin/user", Body())).Expect(HttpStatusCode.Created);
    }

    [SkippableFact]
    public async Task Concurrent_creates_of_one_user_or_group_make_one_and_refuse_the_rest()
    {
        for (var round = 0; round < 5; round++)
        {
            var id = Unique();
            var users = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Admin.PostJson("/wiki/rest/api/admin/user",
                new { userName = $"race{id}{i}", email = $"race{id}@example.test", displayName = "Racer", password = "pw" })));
            Assert.Single(users, r => r.Status == HttpStatusCode.Created);
            Assert.All(users.Where(r => r.Status != HttpStatusCode.Created), r => r.ExpectError(HttpStatusCode.BadRequest));

            var groups = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
                Admin.PostJson("/wiki/rest/api/group", new { name = $"racers-{id}" })));
            Assert.Single(groups, r => r.Status == HttpStatusCode.Created);
            Assert.All(groups.Where(r => r.Status != HttpStatusCode.Created), r => r.ExpectError(HttpStatusCode.BadRequest));
        }
    }

    /// <summary>One endpoint that takes a body in each delivered group that has one; {account} and {space} are filled in.</summary>
    [SkippableTheory]
    [InlineData("Users (admin)", "POST", "/wiki/rest/api/admin/user", "userName")]
    [InlineData("User properties", "POST", "/wiki/rest/api/user/{account}/property/big", "value")]
    [InlineData("Group", "POST", "/wiki/rest/api/group", "name")]
    [InlineData("Space", "POST", "/wiki/rest/api/space", "name")]
    [InlineData("Space properties", "POST", "/wiki/rest/api/space/{space}/property", "key")]
    [InlineData("Space settings", "PUT", "/wiki/rest/api/space/{space}/settings", "routeOverrideEnabled")]
    public async Task Oversize_bodies_answer_413_in_every_group_that_takes_a_body(string group, string method, string path, string field)
    {
        var user = await NewUserAsync();
        var space = "K" + Unique().ToUpperInvariant();
        (await user.Client.PostJson("/wiki/rest/api/space", new { key = space, name = "Space " + space })).Expect(HttpStatusCode.OK);
        var url = path.Replace("{account}", user.AccountId).Replace("{space}", space);

        // Over the default Quire:MaxRequestBodyBytes (5 MiB), refused before anything reads it.
        var body = $"{{\"{field}\": \"" + new string('x', 6 * 1024 * 1024) + "\"}";
        var client = path.StartsWith("/wiki/rest/api/admin/", StringComparison.Ordinal) ? Admin : user.Client;
        var response = (await client.SendRaw(new HttpMethod(method), url, body)).ExpectError(HttpStatusCode.RequestEntityTooLarge);
        Assert.True(response.ErrorMessage!.Contains("limit"), $"{group}: {response.ErrorMessage}");
    }

    [SkippableFact]
    public async Task A_page_of_limit_0_is_empty_and_links_to_no_next_or_previous_page()
    {
        var user = await NewUserAsync();
        (await user.Client.PostJson($"/wiki/rest/api/user/{user.AccountId}/property/one", new { value = new { v = 1 } })).Expect(HttpStatusCode.Created);
        var space = "K" + Unique().ToUpperInvariant();
        (await user.Client.PostJson("/wiki/rest/api/space", new { key = space, name = "Space " + space })).Expect(HttpStatusCode.OK);
        (await user.Client.PostJson($"/wiki/rest/api/space/{space}/property/one", new { value = "v" })).Expect(HttpStatusCode.OK);

        foreach (var listing in new[]
                 {
                     "/wiki/rest/api/group", "/wiki/rest/api/group/member?name=confluence-users", "/wiki/rest/api/space",
                     $"/wiki/rest/api/space/{space}/property", $"/wiki/rest/api/user/{user.AccountId}/property",
                 })
        {
            var separator = listing.Contains('?') ? '&' : '?';
            // Every one of these listings has at least one item, so a next page would be offered if limit 0 were not special.
            Assert.NotEmpty((await user.Client.Get(listing)).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray());
            foreach (var start in new[] { 0, 1 })
            {
                var page = (await user.Client.Get($"{listing}{separator}limit=0&start={start}")).Expect(HttpStatusCode.OK).Json!;
                Assert.Equal(0, (int?)page["limit"]);
                Assert.Empty(page["results"]!.AsArray());
                Assert.Null(page["_links"]?["next"]);
                Assert.Null(page["_links"]?["prev"]);
            }
        }
    }

    [SkippableFact]
    public async Task Unknown_routes_and_methods_answer_confluence_errors()
    {
        (await Admin.Get("/wiki/rest/api/no-such-thing")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Call(HttpMethod.Patch, "/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.MethodNotAllowed);
    }

    [SkippableFact]
    public async Task A_fresh_site_gets_one_generated_admin_and_restarts_change_nothing()
    {
        var settings = await Fixture.FreshDatabaseAsync();
        string token;
        await using (var first = new QuireServer(Server.Engine, settings, bootstrapAdmin: false))
        {
            _ = first.Server;
            var result = first.Services.GetRequiredService<BootstrapReport>().Result!;
            Assert.Equal("admin@quire.local", result.CreatedAdminEmail);
            token = result.GeneratedToken!;
            var me = (await first.SignedIn("admin@quire.local", token).Get("/wiki/rest/api/user/current?expand=operations"))
                .Expect(HttpStatusCode.OK).Json!;
            Assert.Contains(me["operations"]!.AsArray(), o => (string?)o!["operation"] == "administer");
        }

        await using var second = new QuireServer(Server.Engine, settings, bootstrapAdmin: false);
        _ = second.Server;
        var again = second.Services.GetRequiredService<BootstrapReport>().Result!;
        Assert.Null(again.CreatedAdminEmail);
        Assert.Null(again.GeneratedToken);
        var admins = (await second.SignedIn("admin@quire.local", token).Get("/wiki/rest/api/group/confluence-administrators/member"))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Single(admins["results"]!.AsArray());
    }

    [SkippableFact]
    public async Task A_configured_admin_whose_user_name_is_taken_gets_a_free_one()
    {
        var settings = await Fixture.FreshDatabaseAsync();
        await using (var first = new QuireServer(Server.Engine, settings, bootstrapAdmin: false))
            Assert.Equal("admin@quire.local", first.Services.GetRequiredService<BootstrapReport>().Result!.CreatedAdminEmail);

        // The configured admin's address (admin@quire.test) suggests the user name "admin", which the first start took.
        await using var second = new QuireServer(Server.Engine, settings);
        Assert.Equal(QuireServer.AdminEmail, second.Services.GetRequiredService<BootstrapReport>().Result!.CreatedAdminEmail);
        var me = (await second.Admin().Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("Administrator", (string?)me["displayName"]);
        (await second.SignedIn("admin2", QuireServer.AdminToken).Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task A_configured_admin_is_created_once_with_its_token()
    {
        var settings = await Fixture.FreshDatabaseAsync();
        for (var start = 0; start < 2; start++)
        {
            await using var server = new QuireServer(Server.Engine, settings);
            _ = server.Server;
            var report = server.Services.GetRequiredService<BootstrapReport>().Result!;
            Assert.Equal(start == 0 ? QuireServer.AdminEmail : null, report.CreatedAdminEmail);
            Assert.Null(report.GeneratedToken);
            var users = (await server.Admin().Get("/wiki/rest/api/group/confluence-users/member")).Expect(HttpStatusCode.OK).Json!;
            Assert.Single(users["results"]!.AsArray());
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PlatformTestsOnSqlite(SqliteServerFixture fixture) : PlatformTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PlatformTestsOnPostgres(PostgresServerFixture fixture) : PlatformTests(fixture);
