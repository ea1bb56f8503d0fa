using System.Net;
using Quire.Api.Tests.Cli;
using Quire.Api.Tests.Infrastructure;
using Quire.Core.OAuth;

namespace Quire.Api.Tests.OAuth;

/// <summary>
/// <c>/wiki/rest/api/admin/oauth-apps</c> and <c>quire oauth-app</c>: site admins register apps with callback URLs
/// and scopes the specs declare; the client secret is shown once; bad input is refused with nothing stored.
/// </summary>
public abstract class OAuthAppAdminTests(ServerFixture fixture) : OAuthTest(fixture)
{
    [SkippableFact]
    public async Task Only_site_admins_manage_apps()
    {
        var app = await RegisterAppAsync(["read:confluence-content.all"]);
        var user = await NewUserAsync();
        (await Server.Anonymous().Get("/wiki/rest/api/admin/oauth-apps")).ExpectError(HttpStatusCode.Unauthorized);
        (await user.Client.Get("/wiki/rest/api/admin/oauth-apps")).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.Get($"/wiki/rest/api/admin/oauth-apps/{app.ClientId}")).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.PostJson("/wiki/rest/api/admin/oauth-apps", new { name = "x", callbackUrls = new[] { Callback }, scopes = new[] { "read:me" } }))
            .ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.Delete($"/wiki/rest/api/admin/oauth-apps/{app.ClientId}")).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.PostJson($"/wiki/rest/api/admin/oauth-apps/{app.ClientId}/secret", new { })).ExpectError(HttpStatusCode.Forbidden);
        (await Admin.Get($"/wiki/rest/api/admin/oauth-apps/{app.ClientId}")).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Create_read_update_rotate_and_delete()
    {
        var name = "Crud " + Unique();
        var created = (await Admin.PostJson("/wiki/rest/api/admin/oauth-apps", new
        {
            name, callbackUrls = new[] { Callback, "http://localhost:3000/cb", Callback }, scopes = new[] { "read:page:confluence", "offline_access", "read:page:confluence" },
        })).Expect(HttpStatusCode.Created);
        var json = created.Json!;
        var clientId = (string)json["clientId"]!;
        var secret = (string)json["clientSecret"]!;
        Assert.Matches("^[A-Za-z0-9]{32}$", clientId);
        Assert.StartsWith("qos_", secret);
        Assert.EndsWith($"/wiki/rest/api/admin/oauth-apps/{clientId}", created.Message.Headers.Location!.ToString());
        Assert.Equal([Callback, "http://localhost:3000/cb"], json["callbackUrls"]!.AsArray().Select(u => (string)u!));
        Assert.Equal(["read:page:confluence", "offline_access"], json["scopes"]!.AsArray().Select(u => (string)u!));

        var read = (await Admin.Get($"/wiki/rest/api/admin/oauth-apps/{clientId}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(name, (string?)read["name"]);
        Assert.Null(read["clientSecret"]);
        Assert.DoesNotContain(secret, (await Admin.Get("/wiki/rest/api/admin/oauth-apps?limit=100")).Expect(HttpStatusCode.OK).Body);

        var updated = (await Admin.PutJson($"/wiki/rest/api/admin/oauth-apps/{clientId}", new { name = name + "!", scopes = new[] { "read:me" } }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(name + "!", (string?)updated["name"]);
        Assert.Equal(["read:me"], updated["scopes"]!.AsArray().Select(u => (string)u!));
        Assert.Equal(2, updated["callbackUrls"]!.AsArray().Count);

        // A rotated secret replaces the old one at once.
        var rotated = (await Admin.PostJson($"/wiki/rest/api/admin/oauth-apps/{clientId}/secret", new { })).Expect(HttpStatusCode.OK).Json!;
        var newSecret = (string)rotated["clientSecret"]!;
        Assert.NotEqual(secret, newSecret);
        ExpectOAuthError(await Server.Anonymous().PostJson("/oauth/revoke", new { client_id = clientId, client_secret = secret, token = "x" }),
            HttpStatusCode.Unauthorized, "access_denied");
        (await Server.Anonymous().PostJson("/oauth/revoke", new { client_id = clientId, client_secret = newSecret, token = "x" })).Expect(HttpStatusCode.OK);

        (await Admin.Delete($"/wiki/rest/api/admin/oauth-apps/{clientId}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"/wiki/rest/api/admin/oauth-apps/{clientId}")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Delete($"/wiki/rest/api/admin/oauth-apps/{clientId}")).ExpectError(HttpStatusCode.NotFound);

        // Each change is in the audit log, under Apps, never with the secret.
        var audit = (await Admin.Get($"/wiki/rest/api/audit?searchString={Uri.EscapeDataString(clientId)}&limit=20")).Expect(HttpStatusCode.OK);
        var summaries = audit.Json!["results"]!.AsArray().Select(r => (string?)r!["summary"]).ToList();
        Assert.Equal(new[] { "OAuth app registered", "OAuth app updated", "OAuth app client secret rotated", "OAuth app deleted" }.Order(), summaries.Order());
        Assert.All(audit.Json["results"]!.AsArray(), r => Assert.Equal("Apps", (string?)r!["category"]));
        Assert.DoesNotContain(secret, audit.Body);
        Assert.DoesNotContain(newSecret, audit.Body);
    }

    [SkippableFact]
    public async Task Bad_registrations_are_refused_and_nothing_is_stored()
    {
        var before = await CountAsync();
        foreach (var body in new object[]
                 {
                     new { name = "x", callbackUrls = new[] { Callback }, scopes = new[] { "read:everything" } },
                     new { name = "x", callbackUrls = new[] { Callback }, scopes = Array.Empty<string>() },
                     new { name = "x", callbackUrls = new[] { Callback } },
                     new { name = "x", callbackUrls = new[] { "not a url" }, scopes = new[] { "read:me" } },
                     new { name = "x", callbackUrls = new[] { "https://app.example.test/cb#frag" }, scopes = new[] { "read:me" } },
                     new { name = "x", callbackUrls = new[] { "javascript:alert(1)" }, scopes = new[] { "read:me" } },
                     new { name = "x", callbackUrls = Array.Empty<string>(), scopes = new[] { "read:me" } },
                     new { name = "", callbackUrls = new[] { Callback }, scopes = new[] { "read:me" } },
                     new { name = new string('n', 256), callbackUrls = new[] { Callback }, scopes = new[] { "read:me" } },
                     new { name = "tab\there", callbackUrls = new[] { Callback }, scopes = new[] { "read:me" } },
                 })
            (await Admin.PostJson("/wiki/rest/api/admin/oauth-apps", body)).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, "/wiki/rest/api/admin/oauth-apps", "{\"name\":")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, "/wiki/rest/api/admin/oauth-apps", "{\"name\":\"x\",\"callbackUrls\":\"one\",\"scopes\":[\"read:me\"]}"))
            .ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountAsync());
        (await Admin.PutJson("/wiki/rest/api/admin/oauth-apps/no-such-app", new { name = "x" })).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task The_command_line_adds_lists_and_removes_apps()
    {
        var options = CommandLineTests.Options(Server.Settings.ToDictionary());
        var name = "cli " + Unique();
        var (exit, output) = await CommandLineTests.RunAsync(
            ["oauth-app", "add", "--name", name, "--callback-url", Callback, "--scope", "read:confluence-content.all offline_access", .. options]);
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var clientId = lines.Single(l => l.StartsWith("client_id: ")).Split(": ")[1];
        var secret = lines.Single(l => l.StartsWith("client_secret: ")).Split(": ")[1];

        // What the command line registered, the server serves: the consent page opens for it.
        var app = new RegisteredApp(clientId, secret);
        var user = await NewUserAsync();
        (await TokensAsync(app, "read:confluence-content.all", user))["access_token"]!.ToString();

        (exit, output) = await CommandLineTests.RunAsync(["oauth-app", "list", .. options]);
        Assert.Equal(0, exit);
        Assert.Contains($"{clientId}\t{name}\t{Callback}\tread:confluence-content.all offline_access", output);
        Assert.DoesNotContain(secret, output);

        (exit, _) = await CommandLineTests.RunAsync(["oauth-app", "remove", "--client-id", clientId, .. options]);
        Assert.Equal(0, exit);
        (await Admin.Get($"/wiki/rest/api/admin/oauth-apps/{clientId}")).ExpectError(HttpStatusCode.NotFound);
        (exit, _) = await CommandLineTests.RunAsync(["oauth-app", "add", "--name", "bad", "--callback-url", Callback, "--scope", "nope", .. options]);
        Assert.NotEqual(0, exit);
    }

    [Fact]
    public void The_scope_catalog_is_every_scope_the_specs_declare_or_name()
    {
        var expected = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var spec in new[] { SpecDocument.V1.Value, SpecDocument.V2.Value })
        {
            foreach (var (scope, description) in spec.Root["components"]!["securitySchemes"]!["oAuthDefinitions"]!["flows"]!["authorizationCode"]!["scopes"]!.AsObject())
                expected.TryAdd(scope, (string?)description);
            foreach (var operation in spec.Operations)
            foreach (var entry in operation.Node["x-atlassian-oauth2-scopes"]?.AsArray() ?? [])
            foreach (var scope in entry!["scopes"]!.AsArray())
                expected.TryAdd((string)scope!, null);
        }
        Assert.Equal(expected, new SortedDictionary<string, string?>(OAuthScopeCatalog.FromSpecs().ToDictionary(), StringComparer.Ordinal));
        Assert.True(OAuthScopeCatalog.IsKnown("offline_access") && OAuthScopeCatalog.IsKnown("read:me") && OAuthScopeCatalog.IsKnown("read:account"));
    }

    private async Task<int> CountAsync() =>
        (int)(await Admin.Get("/wiki/rest/api/admin/oauth-apps?limit=100")).Expect(HttpStatusCode.OK).Json!["size"]!;
}

[Collection(SqliteCollection.Name)]
public sealed class OAuthAppAdminTestsOnSqlite(SqliteServerFixture fixture) : OAuthAppAdminTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class OAuthAppAdminTestsOnPostgres(PostgresServerFixture fixture) : OAuthAppAdminTests(fixture);
