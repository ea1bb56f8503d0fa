using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.ApiV2.Content;

public abstract class ContentApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private async Task<string> CommentAsync(string pageId, string location) =>
        (string)(await Admin.PostJson(ContentUrl, new JsonObject
        {
            ["type"] = "comment",
            ["container"] = new JsonObject { ["id"] = pageId, ["type"] = "page" },
            ["body"] = StorageBody("<p>c</p>"),
            ["extensions"] = new JsonObject { ["location"] = location },
        })).Expect(HttpStatusCode.OK).Json!["id"]!;

    [SkippableFact]
    public async Task Ids_convert_to_v2_kinds_and_hidden_or_missing_ones_to_null()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var page = (string)(await Admin.CreateV2PageAsync(spaceId, "Kinds"))["id"]!;
        var blog = (string)(await Admin.CreatePageAsync(key, "Kinds post", type: "blogpost"))["id"]!;
        var footer = await CommentAsync(page, "footer");
        var inline = await CommentAsync(page, "inline");
        var attachment = (string)(await Admin.AttachAsync(page, new UploadFile("k.txt", AttachmentTestSupport.Bytes("k"))))[0]!["id"]!;
        var hiddenSpace = await Admin.CreateSpaceAsync(isPrivate: true);
        var hidden = (string)(await Admin.CreatePageAsync((string)hiddenSpace["key"]!, "Hidden"))["id"]!;

        var body = new JsonObject
        {
            ["contentIds"] = new JsonArray(page, long.Parse(blog), footer, inline, attachment, hidden, "999999999", page),
        };
        var results = (await Admin.PostJson($"{V2}/content/convert-ids-to-types", body)).Expect(HttpStatusCode.OK).Json!["results"]!.AsObject();
        Assert.Equal("page", (string?)results[page]);
        Assert.Equal("blogpost", (string?)results[blog]);
        Assert.Equal("footer-comment", (string?)results[footer]);
        Assert.Equal("inline-comment", (string?)results[inline]);
        Assert.Equal("attachment", (string?)results[attachment]);
        Assert.Equal("page", (string?)results[hidden]);
        Assert.True(results.ContainsKey("999999999"));
        Assert.Null(results["999999999"]);
        // Duplicates answer once.
        Assert.Equal(7, results.Count);

        // What the caller may not read is null, exactly like what does not exist.
        var reader = await NewUserAsync();
        var seen = (await reader.Client.PostJson($"{V2}/content/convert-ids-to-types", new { contentIds = new[] { page, hidden } }))
            .Expect(HttpStatusCode.OK).Json!["results"]!.AsObject();
        Assert.Equal("page", (string?)seen[page]);
        Assert.True(seen.ContainsKey(hidden));
        Assert.Null(seen[hidden]);
    }

    [SkippableFact]
    public async Task Bad_conversion_requests_answer_a_v2_error()
    {
        var url = $"{V2}/content/convert-ids-to-types";
        (await Admin.PostJson(url, new { })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson(url, new { contentIds = "1" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson(url, new { contentIds = new object[] { true } })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson(url, new { contentIds = new[] { "page-1" } })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson(url, new { contentIds = Enumerable.Range(1, 101).Select(i => i.ToString()).ToArray() })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, url, "{\"contentIds\":")).ExpectV2Error(HttpStatusCode.BadRequest);
        Assert.Empty((await Admin.PostJson(url, new { contentIds = Array.Empty<string>() })).Expect(HttpStatusCode.OK).Json!["results"]!.AsObject());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentApiTestsOnSqlite(SqliteServerFixture fixture) : ContentApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentApiTestsOnPostgres(PostgresServerFixture fixture) : ContentApiTests(fixture);
