using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Core.Security;
using Quire.Server.Api.ContentLabels;
using Quire.Server.Api.ContentProperties;
using Quire.Server.Http;
using Quire.Storage.Users;

namespace Quire.Api.Tests.ContentMeta;

/// <summary>
/// The <c>metadata.labels</c> and <c>metadata.properties.&lt;key&gt;</c> loaders, called as the
/// content renderer will call them, over data written through the label and property endpoints.
/// </summary>
public abstract class ContentMetadataExpansionTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Labels_and_properties_load_for_a_page_of_content()
    {
        var owner = await NewUserAsync();
        var fan = await NewUserAsync();
        var (_, spaceId, home) = await owner.Client.CreateSpaceWithHomepageAsync();
        var second = await Server.InsertPageAsync(spaceId, "Second " + Unique());
        var third = await Server.InsertPageAsync(spaceId, "Third " + Unique());
        (await owner.Client.PostJson($"/wiki/rest/api/content/{home}/label", new[] { new { prefix = "global", name = "alpha" }, new { prefix = "team", name = "beta" } }))
            .Expect(HttpStatusCode.OK);
        (await fan.Client.PostJson($"/wiki/rest/api/content/{home}/label", new { prefix = "my", name = "starred" })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson($"/wiki/rest/api/content/{second}/label", new { prefix = "global", name = "alpha" })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson($"/wiki/rest/api/content/{second}/property", new { key = "k1", value = new { n = "one" } })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson($"/wiki/rest/api/content/{second}/property", new { key = "k2", value = "two" })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson($"/wiki/rest/api/content/{home}/property", new { key = "k2", value = true })).Expect(HttpStatusCode.OK);
        var ids = new[] { home, second, third }.Select(long.Parse).ToList();

        await using var scope = Server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserStore>();
        Caller CallerOf(UserRecord user) => new(user, new HashSet<string>(), false);
        var ownerCaller = CallerOf((await users.FindByAccountIdAsync(owner.AccountId))!);
        var fanCaller = CallerOf((await users.FindByAccountIdAsync(fan.AccountId))!);

        var labels = scope.ServiceProvider.GetRequiredService<ContentLabelExpansion>();
        var ownerLabels = await labels.LoadAsync(ids, ownerCaller);
        Assert.Equal(["alpha", "beta"], ownerLabels[ids[0]].Results.Select(l => l.Name).ToList());
        Assert.Equal(["alpha"], ownerLabels[ids[1]].Results.Select(l => l.Name).ToList());
        Assert.Empty(ownerLabels[ids[2]].Results);
        Assert.Equal(200, ownerLabels[ids[2]].Limit);
        var fanLabels = await labels.LoadAsync(ids, fanCaller);
        Assert.Equal(["global:alpha", "my:starred", "team:beta"], fanLabels[ids[0]].Results.Select(l => $"{l.Prefix}:{l.Name}").ToList());
        Assert.Empty(await labels.LoadAsync([], ownerCaller));

        var properties = scope.ServiceProvider.GetRequiredService<ContentPropertyExpansion>();
        var loaded = await properties.LoadAsync(ids, ["k1", "k2", "absent"], ownerCaller, Expansion.None);
        Assert.Equal(["k2"], loaded[ids[0]].Keys.ToList());
        Assert.True(loaded[ids[0]]["k2"].Value.GetBoolean());
        Assert.Equal(["k1", "k2"], loaded[ids[1]].Keys.Order().ToList());
        Assert.Equal("one", loaded[ids[1]]["k1"].Value.GetProperty("n").GetString());
        Assert.Null(loaded[ids[1]]["k1"].Version);
        Assert.Empty(loaded[ids[2]]);
        var withVersion = await properties.LoadAsync([ids[1]], ["k1"], ownerCaller, Expansion.Parse("version"));
        Assert.Equal(1, withVersion[ids[1]]["k1"].Version?.Number);
        Assert.Empty((await properties.LoadAsync(ids, [], ownerCaller, Expansion.None))[ids[0]]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentMetadataExpansionTestsOnSqlite(SqliteServerFixture fixture) : ContentMetadataExpansionTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentMetadataExpansionTestsOnPostgres(PostgresServerFixture fixture) : ContentMetadataExpansionTests(fixture);
