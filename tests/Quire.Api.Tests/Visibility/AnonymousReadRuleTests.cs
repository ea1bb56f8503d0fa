using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using Quire.Storage;
using Quire.Storage.Content;
using Quire.Storage.Restrictions;
using Quire.Storage.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.Permissions.GlobalPermissionTestSupport;

namespace Quire.Api.Tests.Visibility;

/// <summary>
/// The visibility rule (<c>ReadRule</c>) as the stores run it on each engine, for the anonymous
/// viewer: a grant to anonymous counts only while anonymous grants apply to the viewer (the site
/// allows anonymous use), and nothing else is readable to it.
/// </summary>
public abstract class AnonymousReadRuleTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task An_anonymous_viewer_reads_only_the_spaces_and_content_granted_to_anonymous()
    {
        await using var server = await Fixture.OwnServerAsync(Server.Engine);
        var admin = server.Admin();
        (await admin.Put($"{PermissionsUrl}/use/anonymous")).Expect(HttpStatusCode.OK);
        var (open, _, openHome) = await admin.CreateSpaceWithHomepageAsync(isPrivate: true);
        var (closed, _, closedHome) = await admin.CreateSpaceWithHomepageAsync();
        (await admin.PostJson($"/wiki/rest/api/space/{open}/permission", new
        {
            subject = new { type = "user", identifier = "anonymous" }, operation = new { key = "read", target = "space" },
        })).Expect(HttpStatusCode.OK);

        await using var db = new DbSession(server.Services.GetRequiredService<Database>());
        var spaces = new SpaceStore(db);
        var content = new ContentStore(db, new ReadGuardStore(db), new Quire.Storage.Search.SearchIndexStore(db));
        var both = new SpaceFilter(KeysLower: [open.ToLowerInvariant(), closed.ToLowerInvariant()]);

        var anonymous = Viewer.Of(0, [], anonymousGrantsApply: true);
        Assert.Equal([open], (await spaces.ListAsync(both, anonymous, 0, 10)).Select(s => s.Key));
        Assert.NotNull(await spaces.FindReadableByKeyAsync(open, anonymous));
        Assert.Null(await spaces.FindReadableByKeyAsync(closed, anonymous));
        Assert.NotNull(await content.FindReadableAsync(long.Parse(openHome), anonymous));
        Assert.Null(await content.FindReadableAsync(long.Parse(closedHome), anonymous));

        // The same viewer once the site no longer allows anonymous use: the grant's row stays but counts for nobody.
        var anonymousUseOff = Viewer.Of(0, [], anonymousGrantsApply: false);
        Assert.Empty(await spaces.ListAsync(both, anonymousUseOff, 0, 10));
        Assert.Null(await spaces.FindReadableByKeyAsync(open, anonymousUseOff));
        Assert.Null(await content.FindReadableAsync(long.Parse(openHome), anonymousUseOff));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AnonymousReadRuleTestsOnSqlite(SqliteServerFixture fixture) : AnonymousReadRuleTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AnonymousReadRuleTestsOnPostgres(PostgresServerFixture fixture) : AnonymousReadRuleTests(fixture);
