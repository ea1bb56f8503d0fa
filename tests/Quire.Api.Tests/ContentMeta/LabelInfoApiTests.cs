using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;

using Quire.Api.Tests.Content;

namespace Quire.Api.Tests.ContentMeta;

public abstract class LabelInfoApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static string Labels(string id) => $"/wiki/rest/api/content/{id}/label";

    private static List<long> ContentIds(JsonNode details) =>
        details["associatedContents"]!["results"]!.AsArray().Select(c => (long)c!["contentId"]!).ToList();

    [SkippableFact]
    public async Task Lists_labelled_content_the_caller_can_see()
    {
        var owner = await NewUserAsync();
        var stranger = await NewUserAsync();
        var (openKey, _, home) = await owner.Client.CreateSpaceWithHomepageAsync();
        var (_, _, hiddenHome) = await owner.Client.CreateSpaceWithHomepageAsync(isPrivate: true);
        var blog = await owner.Client.CreateContentInStatusAsync(openKey, "Blog " + Unique(), type: "blogpost");
        var unlabelled = await owner.Client.CreateContentInStatusAsync(openKey, "Plain " + Unique());
        var label = "lbl" + Unique();
        foreach (var id in new[] { home, blog, hiddenHome })
            (await owner.Client.PostJson(Labels(id), new[] { new { prefix = "global", name = label } })).Expect(HttpStatusCode.OK);

        var all = (await owner.Client.Get($"/wiki/rest/api/label?name={label}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(label, (string?)all["label"]?["name"]);
        Assert.Equal("global", (string?)all["label"]?["prefix"]);
        Assert.Equal(new[] { home, blog, hiddenHome }.Select(long.Parse).Order().ToList(), ContentIds(all));
        Assert.DoesNotContain(long.Parse(unlabelled), ContentIds(all));
        var first = all["associatedContents"]!["results"]![0]!;
        Assert.Equal("page", (string?)first["contentType"]);
        Assert.False(string.IsNullOrEmpty((string?)first["title"]));
        Assert.Equal(200, (int?)all["associatedContents"]?["limit"]);

        // A caller who cannot read the private space does not learn of its page.
        var visible = (await stranger.Client.Get($"/wiki/rest/api/label?name=GLOBAL:{label.ToUpperInvariant()}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(new[] { home, blog }.Select(long.Parse).Order().ToList(), ContentIds(visible));

        var blogs = (await owner.Client.Get($"/wiki/rest/api/label?name={label}&type=blogpost")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([long.Parse(blog)], ContentIds(blogs));
        Assert.Equal("blogpost", (string?)blogs["associatedContents"]?["results"]?[0]?["contentType"]);
        Assert.Empty(ContentIds((await owner.Client.Get($"/wiki/rest/api/label?name={label}&type=attachment")).Expect(HttpStatusCode.OK).Json!));

        var paged = (await owner.Client.Get($"/wiki/rest/api/label?name={label}&start=1&limit=1")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(ContentIds(all).Skip(1).Take(1).ToList(), ContentIds(paged));
        Assert.Equal(1, (int?)paged["associatedContents"]?["size"]);

        // After removal the content is no longer listed.
        (await owner.Client.Delete($"{Labels(home)}?name={label}")).Expect(HttpStatusCode.NoContent);
        Assert.DoesNotContain(long.Parse(home), ContentIds((await owner.Client.Get($"/wiki/rest/api/label?name={label}")).Json!));
    }

    [SkippableFact]
    public async Task My_labels_are_found_only_by_their_owner()
    {
        var owner = await NewUserAsync();
        var fan = await NewUserAsync();
        var (_, _, home) = await owner.Client.CreateSpaceWithHomepageAsync();
        var name = "fav" + Unique();
        (await fan.Client.PostJson(Labels(home), new { prefix = "my", name })).Expect(HttpStatusCode.OK);

        var mine = (await fan.Client.Get($"/wiki/rest/api/label?name=my:{name}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("my", (string?)mine["label"]?["prefix"]);
        Assert.Equal([long.Parse(home)], ContentIds(mine));
        (await owner.Client.Get($"/wiki/rest/api/label?name=my:{name}")).ExpectError(HttpStatusCode.NotFound);
        (await fan.Client.Get($"/wiki/rest/api/label?name={name}")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Bad_queries_are_refused()
    {
        var owner = await NewUserAsync();
        var spaceKey = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(spaceKey);
        var spaceOnly = "spc" + Unique();
        (await owner.Client.PostJson($"/wiki/rest/api/space/{spaceKey}/label", new[] { new { prefix = "global", name = spaceOnly } })).Expect(HttpStatusCode.OK);

        // A label used only on spaces exists, with no content.
        var details = (await owner.Client.Get($"/wiki/rest/api/label?name={spaceOnly}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Empty(ContentIds(details));

        (await owner.Client.Get("/wiki/rest/api/label")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.Get("/wiki/rest/api/label?name=")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"/wiki/rest/api/label?name={spaceOnly}&type=comment")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"/wiki/rest/api/label?name={spaceOnly}&limit=-1")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"/wiki/rest/api/label?name={spaceOnly}&start=x")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.Get("/wiki/rest/api/label?name=never" + Unique())).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Get("/wiki/rest/api/label?name=has%20space")).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Get("/wiki/rest/api/label?name=secret:x")).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Get($"/wiki/rest/api/label?name={Uri.EscapeDataString("'; DROP TABLE labels; --")}")).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Get($"/wiki/rest/api/label?name={spaceOnly}")).Expect(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LabelInfoApiTestsOnSqlite(SqliteServerFixture fixture) : LabelInfoApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class LabelInfoApiTestsOnPostgres(PostgresServerFixture fixture) : LabelInfoApiTests(fixture);
