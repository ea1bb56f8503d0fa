using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Content;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;

namespace Quire.Api.Tests.ApiV2.ContentProperties;

public abstract class ContentPropertiesV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Page_properties_create_read_list_update_delete_by_id_and_are_v1s_properties()
    {
        var owner = await NewUserAsync();
        var (_, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();
        var url = $"{V2}/pages/{page}/properties";

        var created = (await owner.Client.PostJson(url, new { key = "config", value = new { n = 1.5, list = new[] { "a" } } }))
            .Expect(HttpStatusCode.OK).Json!;
        var id = (string)created["id"]!;
        Assert.Equal("config", (string?)created["key"]);
        Assert.Equal(1.5, (double?)created["value"]?["n"]);
        Assert.Equal(1, (int?)created["version"]?["number"]);
        Assert.Equal(owner.AccountId, (string?)created["version"]?["authorId"]);
        Assert.EndsWith("Z", (string?)created["version"]?["createdAt"]);

        // The same property through v1, and a v1 write read through v2.
        var v1 = (await owner.Client.Get($"/wiki/rest/api/content/{page}/property/config")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(id, (string?)v1["id"]);
        var fromV1 = (await owner.Client.PostJson($"/wiki/rest/api/content/{page}/property", new { key = "alpha", value = true }))
            .Expect(HttpStatusCode.OK).Json!;
        var read = (await owner.Client.Get($"{url}/{(string)fromV1["id"]!}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("alpha", (string?)read["key"]);
        Assert.True((bool?)read["value"]);

        (await owner.Client.PostJson(url, new { key = "zeta", value = "z" })).Expect(HttpStatusCode.OK);
        var keys = (await owner.Client.WalkAsync($"{url}?limit=1")).Select(p => (string?)p["key"]).ToList();
        Assert.Equal(["alpha", "config", "zeta"], keys);
        var descending = (await owner.Client.WalkAsync($"{url}?limit=2&sort=-key")).Select(p => (string?)p["key"]).ToList();
        Assert.Equal(["zeta", "config", "alpha"], descending);
        var one = (await owner.Client.Get($"{url}?key=config")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["config"], one["results"]!.AsArray().Select(p => (string?)p!["key"]));

        var updated = (await owner.Client.PutJson($"{url}/{id}", new { key = "config", value = "two", version = new { number = 2, message = "why" } }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("two", (string?)updated["value"]);
        Assert.Equal(2, (int?)updated["version"]?["number"]);
        Assert.Equal("why", (string?)updated["version"]?["message"]);
        // A stale version is a conflict and changes nothing.
        (await owner.Client.PutJson($"{url}/{id}", new { value = "stale", version = new { number = 2 } })).ExpectV2Error(HttpStatusCode.Conflict);
        Assert.Equal("two", (string?)(await owner.Client.Get($"{url}/{id}")).Json!["value"]);

        (await owner.Client.Delete($"{url}/{id}")).Expect(HttpStatusCode.NoContent);
        (await owner.Client.Get($"{url}/{id}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Get($"/wiki/rest/api/content/{page}/property/config")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Blog_posts_attachments_and_comments_have_properties_and_a_type_path_finds_only_its_type()
    {
        var owner = await NewUserAsync();
        var (key, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();
        var blog = (string)(await owner.Client.CreatePageAsync(key, type: "blogpost"))["id"]!;
        var attachment = (string)(await owner.Client.AttachAsync(page, new UploadFile("a.txt", AttachmentTestSupport.Bytes("x"))))[0]!["id"]!;
        var comment = (string)(await owner.Client.PostJson("/wiki/rest/api/content", new
        {
            type = "comment", container = new { id = page, type = "page" }, body = ContentTestSupport.StorageBody("<p>c</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;

        foreach (var (path, id) in new[] { ("blogposts", blog), ("attachments", attachment), ("comments", comment) })
        {
            var url = $"{V2}/{path}/{id}/properties";
            var created = (await owner.Client.PostJson(url, new { key = "k", value = new[] { "1", "2" } })).Expect(HttpStatusCode.OK).Json!;
            var propertyId = (string)created["id"]!;
            Assert.Equal("2", (string?)(await owner.Client.Get($"{url}/{propertyId}")).Expect(HttpStatusCode.OK).Json!["value"]?[1]);
            Assert.Single((await owner.Client.Get(url)).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray());
            (await owner.Client.PutJson($"{url}/{propertyId}", new { value = "3", version = new { number = 2 } })).Expect(HttpStatusCode.OK);
            (await owner.Client.Delete($"{url}/{propertyId}")).Expect(HttpStatusCode.NoContent);
        }

        // A page is not a blog post: its properties are not found under /blogposts, nor a blog post's under /pages.
        (await owner.Client.Get($"{V2}/blogposts/{page}/properties")).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.PostJson($"{V2}/pages/{blog}/properties", new { key = "x", value = 1 })).ExpectV2Error(HttpStatusCode.NotFound);
        Assert.Empty((await owner.Client.Get($"/wiki/rest/api/content/{blog}/property")).Json!["results"]!.AsArray());
    }

    [SkippableFact]
    public async Task Bad_input_and_hidden_content_answer_v2_errors_and_change_nothing()
    {
        var owner = await NewUserAsync();
        var stranger = await NewUserAsync();
        var (_, _, page) = await owner.Client.CreateSpaceWithHomepageAsync(isPrivate: true);
        var url = $"{V2}/pages/{page}/properties";
        var id = (string)(await owner.Client.PostJson(url, new { key = "k", value = "v" })).Expect(HttpStatusCode.OK).Json!["id"]!;

        (await owner.Client.PostJson(url, new { key = "k", value = "again" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(url, new { value = "no key" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{url}/{id}", new { value = "no version" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{url}/{id}", new { key = "renamed", value = "x", version = new { number = 2 } })).ExpectV2Error(HttpStatusCode.BadRequest);
        // Values are the ones v1 can answer too (the properties are shared): no bare numbers.
        (await owner.Client.PostJson(url, new { key = "n", value = 5 })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{url}?limit=0")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{url}?limit=251")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{url}?sort=value")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{url}?cursor=garbage")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/pages/abc/properties")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{url}/abc")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{url}/999999999")).ExpectV2Error(HttpStatusCode.NotFound);

        // Someone who cannot see the page learns nothing and changes nothing.
        (await stranger.Client.Get(url)).ExpectV2Error(HttpStatusCode.NotFound);
        (await stranger.Client.Get($"{url}/{id}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await stranger.Client.PutJson($"{url}/{id}", new { value = "x", version = new { number = 2 } })).ExpectV2Error(HttpStatusCode.NotFound);
        (await stranger.Client.Delete($"{url}/{id}")).ExpectV2Error(HttpStatusCode.NotFound);

        var still = (await owner.Client.Get(url)).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        var only = Assert.Single(still);
        Assert.Equal("v", (string?)only!["value"]);
        Assert.Equal(1, (int?)only["version"]?["number"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentPropertiesV2TestsOnSqlite(SqliteServerFixture fixture) : ContentPropertiesV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentPropertiesV2TestsOnPostgres(PostgresServerFixture fixture) : ContentPropertiesV2Tests(fixture);
