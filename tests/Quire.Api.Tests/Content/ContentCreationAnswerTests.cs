using System.Net;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

/// <summary>
/// A creation answers the content it created without reading it back: the record it inserted is the answer
/// (ContentService.CreateOfTypeAsync). So that answer must be, byte for byte, what a read of the new content answers with
/// the same expansions: every column the read selects has to be the one the insert wrote or its default.
/// </summary>
public abstract class ContentCreationAnswerTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task A_creations_answer_is_what_a_read_of_the_new_content_answers()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);

        var page = await SameAsReadAsync(ContentUrl, new
        {
            type = "page", title = "Answered page", space = new { key }, body = StorageBody("<p>Some <strong>text</strong> &amp; more</p>"),
        });
        await SameAsReadAsync(ContentUrl, new
        {
            type = "page", title = "Answered child", space = new { key }, ancestors = new[] { new { id = page } }, body = StorageBody(""),
        });
        await SameAsReadAsync(ContentUrl, new
        {
            type = "blogpost", title = "Answered post", space = new { key }, body = StorageBody("<p>Posted</p>"),
        });
        await SameAsReadAsync(ContentUrl, new
        {
            type = "comment", container = new { id = page, type = "page" }, body = StorageBody("<p>Nice</p>"),
        });
        await SameAsReadAsync(ContentUrl, new
        {
            type = "comment", container = new { id = long.Parse(page), type = "page" }, body = StorageBody("<p>Here</p>"),
            extensions = new { location = "inline", inlineProperties = new { originalSelection = "Hello", markerRef = "abc" } },
        });
        await SameAsReadAsync(ContentUrl, new
        {
            type = "page", status = "draft", title = "Answered draft", space = new { key }, body = StorageBody("<p>Not yet</p>"),
        }, readQuery: "status=draft");
        await SameAsReadAsync($"{ContentUrl}?expand=body.storage,version,space,history,ancestors,container", new
        {
            type = "page", title = "Answered with expansions", space = new { key }, ancestors = new[] { new { id = page } },
            body = StorageBody("<p>Expanded</p>"),
        }, readQuery: "expand=body.storage,version,space,history,ancestors,container");
    }

    /// <summary>Creates through <paramref name="url"/> and compares the answer's bytes with a read's; answers the new id.</summary>
    private async Task<string> SameAsReadAsync(string url, object request, string? readQuery = null)
    {
        var created = (await Admin.PostJson(url, request)).Expect(HttpStatusCode.OK);
        var id = (string)created.Json!["id"]!;
        var read = (await Admin.Get($"{ContentUrl}/{id}{(readQuery is null ? "" : "?" + readQuery)}")).Expect(HttpStatusCode.OK);
        Assert.Equal(read.Body, created.Body);
        return id;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentCreationAnswerTestsOnSqlite(SqliteServerFixture fixture) : ContentCreationAnswerTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentCreationAnswerTestsOnPostgres(PostgresServerFixture fixture) : ContentCreationAnswerTests(fixture);
