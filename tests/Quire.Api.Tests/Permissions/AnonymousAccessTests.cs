using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.Permissions.GlobalPermissionTestSupport;

namespace Quire.Api.Tests.Permissions;

/// <summary>
/// Anonymous access: the site's 'use' grant to anonymous, space grants of read/space to
/// anonymous, and what a request without credentials may then read (and only read).
/// </summary>
public abstract class AnonymousAccessTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static object AnonymousRead => new { subject = new { type = "user", identifier = "anonymous" }, operation = new { key = "read", target = "space" } };

    [SkippableFact]
    public async Task Without_anonymous_access_requests_without_credentials_answer_401_and_anonymous_grants_are_refused()
    {
        await using var server = await Fixture.OwnServerAsync(Server.Engine);
        var admin = server.Admin();
        var anonymous = server.Anonymous();
        var key = SpaceTestSupport.NewKey();
        await admin.CreateSpaceAsync(key);

        var refused = (await anonymous.Get("/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.Unauthorized);
        Assert.Equal("Basic realm=\"Quire\"", refused.Message.Headers.WwwAuthenticate.ToString());
        (await anonymous.Get($"/wiki/rest/api/space/{key}")).ExpectError(HttpStatusCode.Unauthorized);

        var grant = (await admin.PostJson($"/wiki/rest/api/space/{key}/permission", AnonymousRead)).ExpectError(HttpStatusCode.BadRequest);
        Assert.Contains("does not allow anonymous use", grant.ErrorMessage);
        (await admin.PostJson("/wiki/rest/api/space", new
        {
            key = SpaceTestSupport.NewKey(), name = "Open", permissions = new[] { SpaceTestSupport.Permission("read", "space", anonymous: true) },
        })).ExpectError(HttpStatusCode.BadRequest);
        Assert.DoesNotContain((await admin.Get($"/wiki/rest/api/space/{key}?expand=permissions")).Json!["permissions"]!.AsArray(),
            p => (bool?)p!["anonymousAccess"] == true);
    }

    [SkippableFact]
    public async Task With_anonymous_access_an_anonymous_reader_reads_the_granted_space_and_nothing_else()
    {
        await using var server = await Fixture.OwnServerAsync(Server.Engine);
        var admin = server.Admin();
        var anonymous = server.Anonymous();
        var member = await server.NewUserAsync();
        (await admin.Put($"{PermissionsUrl}/use/anonymous")).Expect(HttpStatusCode.OK);
        Assert.True((bool?)(await admin.Get(PermissionsUrl)).Json!["anonymousAccess"]);

        // OPEN: private (only its creator), plus read for anonymous. CLOSED: a global space without it.
        var (open, _, openHome) = await admin.CreateSpaceWithHomepageAsync(isPrivate: true);
        var (closed, _, closedHome) = await admin.CreateSpaceWithHomepageAsync();
        var openPage = (string)(await admin.CreatePageAsync(open, "Open page", parentId: openHome))["id"]!;
        var closedPage = (string)(await admin.CreatePageAsync(closed, "Closed page", parentId: closedHome))["id"]!;
        (await member.Client.Get($"/wiki/rest/api/space/{open}")).ExpectError(HttpStatusCode.NotFound);

        var grant = (await admin.PostJson($"/wiki/rest/api/space/{open}/permission", AnonymousRead)).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("user", (string?)grant["subject"]!["type"]);
        Assert.Equal("anonymous", (string?)grant["subject"]!["identifier"]);
        Assert.Equal("read", (string?)grant["operation"]!["key"]);
        var listed = (await admin.Get($"/wiki/rest/api/space/{open}?expand=permissions")).Expect(HttpStatusCode.OK).Json!["permissions"]!.AsArray()
            .Single(p => (bool?)p!["anonymousAccess"] == true)!;
        Assert.Equal((long?)grant["id"], (long?)listed["id"]);
        Assert.Equal("read", (string?)listed["operation"]!["operation"]);
        Assert.Equal("space", (string?)listed["operation"]!["targetType"]);
        Assert.Null(listed["subjects"]);

        var me = (await anonymous.Get("/wiki/rest/api/user/current?expand=operations")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("anonymous", (string?)me["type"]);
        Assert.Null(me["accountId"]);
        Assert.Equal("use", (string?)me["operations"]![0]!["operation"]);

        // The granted space: the space, its pages, listings and children.
        Assert.Equal(open, (string?)(await anonymous.Get($"/wiki/rest/api/space/{open}")).Expect(HttpStatusCode.OK).Json!["key"]);
        var page = (await anonymous.Get($"{ContentUrl}/{openPage}?expand=body.storage,space")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("Open page", (string?)page["title"]);
        Assert.Equal(open, (string?)page["space"]!["key"]);
        Assert.Equal("<p>Hello</p>", (string?)page["body"]!["storage"]!["value"]);
        var children = (await anonymous.Get($"{ContentUrl}/{openHome}/child/page")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([openPage], children["results"]!.AsArray().Select(c => (string)c!["id"]!));
        var spaceContent = (await anonymous.Get($"/wiki/rest/api/space/{open}/content/page")).Expect(HttpStatusCode.OK).Json!;
        Assert.Contains(spaceContent["results"]!.AsArray(), c => (string?)c!["id"] == openPage);

        // ... and nothing else: other spaces are missing, in listings too.
        (await anonymous.Get($"/wiki/rest/api/space/{closed}")).ExpectError(HttpStatusCode.NotFound);
        (await anonymous.Get($"{ContentUrl}/{closedPage}")).ExpectError(HttpStatusCode.NotFound);
        (await anonymous.Get($"{ContentUrl}/{closedHome}/child/page")).ExpectError(HttpStatusCode.NotFound);
        var spaces = (await anonymous.Get("/wiki/rest/api/space?limit=100")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray()
            .Select(s => (string)s!["key"]!).ToList();
        Assert.Equal([open], spaces);
        var pages = (await anonymous.Get($"{ContentUrl}?type=page&limit=100")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray()
            .Select(c => (string)c!["id"]!).ToList();
        Assert.Contains(openPage, pages);
        Assert.DoesNotContain(closedPage, pages);
        Assert.DoesNotContain(closedHome, pages);
        Assert.Empty((await anonymous.Get($"{ContentUrl}?type=page&spaceKey={closed}")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray());

        // A grant to anonymous counts for signed-in users too.
        (await member.Client.Get($"/wiki/rest/api/space/{open}")).Expect(HttpStatusCode.OK);
        Assert.Contains(open, (await member.Client.Get("/wiki/rest/api/space?limit=100")).Json!["results"]!.AsArray().Select(s => (string?)s!["key"]));

        // permission/check answers for anonymous by the same rules: read where granted, nothing more.
        async Task<bool> AnonymousMay(string id, string operation) =>
            (bool)(await admin.PostJson($"{ContentUrl}/{id}/permission/check",
                new { subject = new { type = "user", identifier = "anonymous" }, operation })).Expect(HttpStatusCode.OK).Json!["hasPermission"]!;
        Assert.True(await AnonymousMay(openPage, "read"));
        Assert.False(await AnonymousMay(openPage, "update"));
        Assert.False(await AnonymousMay(closedPage, "read"));
    }

    [SkippableFact]
    public async Task The_anonymous_reader_only_reads()
    {
        await using var server = await Fixture.OwnServerAsync(Server.Engine);
        var admin = server.Admin();
        var anonymous = server.Anonymous();
        (await admin.Put($"{PermissionsUrl}/use/anonymous")).Expect(HttpStatusCode.OK);
        var (open, _, openHome) = await admin.CreateSpaceWithHomepageAsync(isPrivate: true);
        (await admin.PostJson($"/wiki/rest/api/space/{open}/permission", AnonymousRead)).Expect(HttpStatusCode.OK);
        var home = await admin.GetContentAsync(openHome);

        // Writes ask for a sign-in (401), as Confluence does for anonymous users.
        foreach (var response in new[]
                 {
                     await anonymous.PostJson(ContentUrl, new { type = "page", title = "Anon", space = new { key = open }, body = StorageBody("<p>x</p>") }),
                     await anonymous.PutJson($"{ContentUrl}/{openHome}", new { version = new { number = 2 }, type = "page", title = "Changed" }),
                     await anonymous.Delete($"{ContentUrl}/{openHome}"),
                     await anonymous.PostJson("/wiki/rest/api/space", new { key = SpaceTestSupport.NewKey(), name = "Anon" }),
                     await anonymous.PostJson($"/wiki/rest/api/space/{open}/permission", AnonymousRead),
                     await anonymous.PostJson($"{ContentUrl}/{openHome}/label", new[] { new { prefix = "global", name = "x" } }),
                 })
        {
            response.ExpectError(HttpStatusCode.Unauthorized);
            Assert.True(response.ErrorMessage!.Contains("sign", StringComparison.OrdinalIgnoreCase), response.Body);
        }
        // Reads of people, groups, one's own data and administration need a sign-in too.
        foreach (var url in new[] { "/wiki/rest/api/group", "/wiki/rest/api/longtask", "/wiki/rest/quire/1/api-token", PermissionsUrl,
                                    $"/wiki/rest/api/user?accountId=x", "/wiki/rest/api/user/bulk?accountId=x" })
            (await anonymous.Get(url)).ExpectError(HttpStatusCode.Unauthorized);
        // Wrong credentials are never taken for anonymous.
        (await server.SignedIn(QuireServer.AdminEmail, "wrong").Get($"/wiki/rest/api/space/{open}")).ExpectError(HttpStatusCode.Unauthorized);
        Assert.Equal((int?)home["version"]!["number"], (int?)(await admin.GetContentAsync(openHome))["version"]!["number"]);

        // Quire grants anonymous users only read/space.
        var createPage = new { subject = new { type = "user", identifier = "anonymous" }, operation = new { key = "create", target = "page" } };
        Assert.Contains("read space", (await admin.PostJson($"/wiki/rest/api/space/{open}/permission", createPage)).ExpectError(HttpStatusCode.BadRequest).ErrorMessage);
        (await admin.PostJson("/wiki/rest/api/space", new
        {
            key = SpaceTestSupport.NewKey(), name = "Open2", permissions = new[] { SpaceTestSupport.Permission("create", "page", anonymous: true) },
        })).ExpectError(HttpStatusCode.BadRequest);

        // A space created with anonymousAccess in its permissions is readable at once.
        var created = await admin.CreateSpaceAsync(permissions: [SpaceTestSupport.Permission("read", "space", anonymous: true)]);
        (await anonymous.Get($"/wiki/rest/api/space/{(string)created["key"]!}")).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Revoking_the_site_setting_or_the_space_grant_cuts_anonymous_readers_off_at_once()
    {
        await using var server = await Fixture.OwnServerAsync(Server.Engine);
        var admin = server.Admin();
        var anonymous = server.Anonymous();
        var member = await server.NewUserAsync();
        (await admin.Put($"{PermissionsUrl}/use/anonymous")).Expect(HttpStatusCode.OK);
        var (open, _, openHome) = await admin.CreateSpaceWithHomepageAsync(isPrivate: true);
        var grant = (await admin.PostJson($"/wiki/rest/api/space/{open}/permission", AnonymousRead)).Expect(HttpStatusCode.OK).Json!;
        (await anonymous.Get($"{ContentUrl}/{openHome}")).Expect(HttpStatusCode.OK);

        (await admin.Delete($"{PermissionsUrl}/use/anonymous")).Expect(HttpStatusCode.NoContent);
        (await anonymous.Get($"{ContentUrl}/{openHome}")).ExpectError(HttpStatusCode.Unauthorized);
        // The space's grant stays, but counts for nobody while the site does not allow anonymous use.
        (await member.Client.Get($"/wiki/rest/api/space/{open}")).ExpectError(HttpStatusCode.NotFound);
        Assert.Contains((await admin.Get($"/wiki/rest/api/space/{open}?expand=permissions")).Json!["permissions"]!.AsArray(),
            p => (bool?)p!["anonymousAccess"] == true);

        (await admin.Put($"{PermissionsUrl}/use/anonymous")).Expect(HttpStatusCode.OK);
        (await anonymous.Get($"{ContentUrl}/{openHome}")).Expect(HttpStatusCode.OK);
        (await admin.Delete($"/wiki/rest/api/space/{open}/permission/{(long)grant["id"]!}")).Expect(HttpStatusCode.NoContent);
        (await anonymous.Get($"{ContentUrl}/{openHome}")).ExpectError(HttpStatusCode.NotFound);
        (await anonymous.Get($"/wiki/rest/api/space/{open}")).ExpectError(HttpStatusCode.NotFound);
        Assert.Empty((await anonymous.Get("/wiki/rest/api/space")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AnonymousAccessTestsOnSqlite(SqliteServerFixture fixture) : AnonymousAccessTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AnonymousAccessTestsOnPostgres(PostgresServerFixture fixture) : AnonymousAccessTests(fixture);
