using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Content;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ContentAttachments.AttachmentTestSupport;

namespace Quire.Api.Tests.ContentAttachments;

/// <summary>
/// Uploads name no version, so simultaneous ones take turns: each makes the next version of
/// the attachment, and only a stale version a client did name is a conflict (issue 12).
/// </summary>
public abstract class AttachmentWriteConcurrencyTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const int Writers = 20;

    private async Task<string> PageAsync()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        return (string)(await Admin.CreatePageAsync(key, "Contended " + Unique()))["id"]!;
    }

    /// <summary>Different bytes for every writer, so each version shows whose upload it holds.</summary>
    private static List<byte[]> Contents(int seed) => Enumerable.Range(0, Writers).Select(i => Pattern(700 + i, seed + i)).ToList();

    /// <summary>Each answered version of the attachment holds the bytes of the upload that answered it.</summary>
    private async Task AssertEachVersionHoldsItsUploadAsync(string page, string id, IEnumerable<(JsonNode Answer, byte[] Bytes)> answered)
    {
        foreach (var (answer, bytes) in answered)
        {
            var (response, stored) = await Admin.DownloadAsync($"{Attachments(page)}/{id}/download?version={(int)answer["version"]!["number"]!}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(bytes, stored);
        }
    }

    [SkippableFact]
    public async Task Simultaneous_puts_of_one_file_name_create_it_once_and_then_each_make_the_next_version()
    {
        var page = await PageAsync();
        var contents = Contents(seed: 100);
        var responses = await Task.WhenAll(contents.Select(bytes =>
            Admin.UploadAsync(HttpMethod.Put, Attachments(page), Form([new UploadFile("shared.bin", bytes, "application/pdf")]))));

        foreach (var response in responses) response.Expect(HttpStatusCode.OK);
        var answers = responses.Select(r => r.Json!["results"]![0]!).ToList();
        var id = Assert.Single(answers.Select(a => (string)a["id"]!).Distinct());
        // One create (version 1) and nineteen new versions, each answered with the version it made.
        Assert.Equal(Enumerable.Range(1, Writers), answers.Select(a => (int)a["version"]!["number"]!).Order());
        await AssertEachVersionHoldsItsUploadAsync(page, id, answers.Zip(contents));

        var listing = (await Admin.Get($"{Attachments(page)}?expand=version")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        var only = Assert.Single(listing);
        Assert.Equal(Writers, (int)only!["version"]!["number"]!);
        Assert.Equal(Writers, (await Admin.Get($"/wiki/rest/api/content/{id}/version")).Expect(HttpStatusCode.OK).Json!["size"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Simultaneous_new_data_for_one_attachment_each_make_the_next_version_and_a_stale_named_version_is_a_conflict()
    {
        var page = await PageAsync();
        var id = (string)(await Admin.AttachAsync(page, new UploadFile("report.bin", Bytes("first"))))[0]!["id"]!;
        var contents = Contents(seed: 200);
        // New data and a create-or-update of the same name, interleaved: all of them write the same attachment.
        var responses = await Task.WhenAll(contents.Select((bytes, i) => i % 2 == 0
            ? Admin.UploadAsync(HttpMethod.Post, $"{Attachments(page)}/{id}/data", Form([new UploadFile("report.bin", bytes)]))
            : Admin.UploadAsync(HttpMethod.Put, Attachments(page), Form([new UploadFile("report.bin", bytes)]))));

        foreach (var response in responses) response.Expect(HttpStatusCode.OK);
        var answers = responses.Select((r, i) => i % 2 == 0 ? r.Json! : r.Json!["results"]![0]!).ToList();
        Assert.All(answers, a => Assert.Equal(id, (string?)a["id"]));
        Assert.Equal(Enumerable.Range(2, Writers), answers.Select(a => (int)a["version"]!["number"]!).Order());
        await AssertEachVersionHoldsItsUploadAsync(page, id, answers.Zip(contents));

        // A client that names a version still gets 409 when someone else got there first.
        (await Admin.PutJson($"{Attachments(page)}/{id}", new { id, type = "attachment", version = new { number = 2 }, title = "renamed.bin" }))
            .ExpectError(HttpStatusCode.Conflict);
        var renamed = (await Admin.PutJson($"{Attachments(page)}/{id}", new { id, type = "attachment", version = new { number = Writers + 2 }, title = "renamed.bin" }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(Writers + 2, (int)renamed["version"]!["number"]!);
    }

    [SkippableFact]
    public async Task Simultaneous_posts_of_one_new_name_create_one_attachment_and_refuse_the_rest()
    {
        var page = await PageAsync();
        var responses = await Task.WhenAll(Contents(seed: 300).Select(bytes =>
            Admin.UploadAsync(HttpMethod.Post, Attachments(page), Form([new UploadFile("once.bin", bytes)]))));

        // POST adds new attachments only (PUT is the call that versions): the name is taken after the first.
        Assert.Single(responses, r => r.Status == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.Status != HttpStatusCode.OK))
        {
            refused.ExpectError(HttpStatusCode.BadRequest);
            Assert.Contains("same file name", refused.ErrorMessage);
        }
        var only = Assert.Single((await Admin.Get(Attachments(page))).Json!["results"]!.AsArray());
        Assert.Equal("once.bin", (string?)only!["title"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AttachmentWriteConcurrencyTestsOnSqlite(SqliteServerFixture fixture) : AttachmentWriteConcurrencyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AttachmentWriteConcurrencyTestsOnPostgres(PostgresServerFixture fixture) : AttachmentWriteConcurrencyTests(fixture);

[Collection(PostgresDatabaseBlobsCollection.Name)]
public sealed class AttachmentWriteConcurrencyTestsOnPostgresDatabaseBlobs(PostgresDatabaseBlobsFixture fixture)
    : AttachmentWriteConcurrencyTests(fixture);
