using System.Net;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Spaces;

public abstract class SpaceLabelsApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static string Labels(string key) => $"/wiki/rest/api/space/{key}/label";

    [SkippableFact]
    public async Task Add_list_filter_and_remove_labels()
    {
        var owner = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key);

        var added = (await owner.Client.PostJson(Labels(key), new[]
        {
            new { prefix = "global", name = "Docs" }, new { prefix = "team", name = "platform" }, new { prefix = "my", name = "favourite" },
        })).Expect(HttpStatusCode.OK).Json!;
        var names = added["results"]!.AsArray().Select(l => $"{l!["prefix"]}:{l["name"]}").ToList();
        Assert.Equal(["global:docs", "my:favourite", "team:platform"], names);
        Assert.Equal("docs", (string?)added["results"]?[0]?["label"]);
        Assert.NotNull(added["results"]?[0]?["id"]);

        var global = (await owner.Client.Get($"{Labels(key)}?prefix=global")).Expect(HttpStatusCode.OK).Json!;
        Assert.Single(global["results"]!.AsArray());
        Assert.Equal(200, (int?)global["limit"]);

        // Adding again is harmless.
        (await owner.Client.PostJson(Labels(key), new[] { new { prefix = "global", name = "docs" } })).Expect(HttpStatusCode.OK);
        Assert.Equal(3, (int?)(await owner.Client.Get(Labels(key))).Json!["size"]);

        (await owner.Client.Delete($"{Labels(key)}?name=docs")).Expect(HttpStatusCode.NoContent);
        (await owner.Client.Delete($"{Labels(key)}?name=platform&prefix=team")).Expect(HttpStatusCode.NoContent);
        (await owner.Client.Delete($"{Labels(key)}?name=docs")).ExpectError(HttpStatusCode.NotFound);
        var left = (await owner.Client.Get(Labels(key))).Json!;
        Assert.Equal("favourite", (string?)left["results"]?[0]?["name"]);
        Assert.Equal(1, (int?)left["size"]);
    }

    [SkippableFact]
    public async Task Favourite_and_label_filters_of_the_space_list()
    {
        var owner = await NewUserAsync();
        var fan = await NewUserAsync();
        var keyA = SpaceTestSupport.NewKey();
        var keyB = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(keyA);
        await owner.Client.CreateSpaceAsync(keyB);
        var label = "lbl" + Unique();

        // Any viewer may favourite a space; the my: label is theirs alone.
        (await fan.Client.PostJson(Labels(keyB), new[] { new { prefix = "my", name = "favourite" } })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson(Labels(keyA), new[] { new { prefix = "global", name = label } })).Expect(HttpStatusCode.OK);

        var favourites = (await fan.Client.Get($"/wiki/rest/api/space?favourite=true&spaceKey={keyA},{keyB}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([keyB], favourites["results"]!.AsArray().Select(s => (string?)s!["key"]).ToList());
        var ownersFavourites = (await owner.Client.Get($"/wiki/rest/api/space?favourite=true&spaceKey={keyA},{keyB}")).Json!;
        Assert.Equal(0, (int?)ownersFavourites["size"]);
        var byKey = (await owner.Client.Get($"/wiki/rest/api/space?favourite=true&favouriteUserKey={fan.AccountId}&spaceKey={keyA},{keyB}")).Json!;
        Assert.Equal(keyB, (string?)byKey["results"]?[0]?["key"]);
        Assert.Equal(2, (int?)(await fan.Client.Get($"/wiki/rest/api/space?favourite=false&spaceKey={keyA},{keyB}")).Json!["size"]);
        Assert.Empty((await fan.Client.Get($"/wiki/rest/api/space?favourite=true&favouriteUserKey=nobody")).Json!["results"]!.AsArray());

        var labelled = (await fan.Client.Get($"/wiki/rest/api/space?label={label}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([keyA], labelled["results"]!.AsArray().Select(s => (string?)s!["key"]).ToList());
        // my: labels are not global labels.
        Assert.Empty((await fan.Client.Get($"/wiki/rest/api/space?label=favourite&spaceKey={keyB}")).Json!["results"]!.AsArray());

        // The owner does not see the fan's my: label.
        Assert.Equal(0, (int?)(await owner.Client.Get($"{Labels(keyB)}?prefix=my")).Json!["size"]);
        Assert.Equal(1, (int?)(await fan.Client.Get($"{Labels(keyB)}?prefix=my")).Json!["size"]);
    }

    [SkippableFact]
    public async Task Bad_labels_and_forbidden_callers_change_nothing()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        var privateKey = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key);
        await owner.Client.CreateSpaceAsync(privateKey, isPrivate: true);

        (await owner.Client.PostJson(Labels(key), new[] { new { prefix = "global", name = "has space" } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Labels(key), new[] { new { prefix = "global", name = new string('l', 256) } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Labels(key), new[] { new { prefix = "global", name = "<script>" } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Labels(key), new[] { new { prefix = "global", name = "" } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Labels(key), new[] { new { prefix = "secret", name = "ok" } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Labels(key), new[] { new { prefix = "global", name = "fine" }, new { prefix = "global", name = "not fine" } }))
            .ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Labels(key), new { prefix = "global", name = "notarray" })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Post, Labels(key), "[{\"prefix\":\"global\",\"name\":5}]")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Post, Labels(key), "[{")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Post, Labels(key), "[null]")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{Labels(key)}?prefix=secret")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.Delete(Labels(key))).ExpectError(HttpStatusCode.BadRequest);

        (await reader.Client.PostJson(Labels(key), new[] { new { prefix = "global", name = "mine" } })).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.PostJson(Labels(privateKey), new[] { new { prefix = "my", name = "favourite" } })).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.Get(Labels(privateKey))).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Get(Labels("NONE" + Unique()))).ExpectError(HttpStatusCode.NotFound);

        Assert.Equal(0, (int?)(await owner.Client.Get(Labels(key))).Json!["size"]);
        Assert.Equal(0, (int?)(await owner.Client.Get(Labels(privateKey))).Json!["size"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SpaceLabelsApiTestsOnSqlite(SqliteServerFixture fixture) : SpaceLabelsApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SpaceLabelsApiTestsOnPostgres(PostgresServerFixture fixture) : SpaceLabelsApiTests(fixture);
