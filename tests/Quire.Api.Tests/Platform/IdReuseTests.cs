using System.Net;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentAttachments.AttachmentTestSupport;

namespace Quire.Api.Tests.Platform;

/// <summary>
/// Confluence never hands out an id twice, and clients keep ids (publishers store page ids in their files): after the
/// newest of something is deleted, the next one still gets a larger id. SQLite's plain INTEGER PRIMARY KEY reused the
/// largest id once its row was gone; the migration guard tests check the same rule for every table, this the API.
/// </summary>
public abstract class IdReuseTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static long Number(string id) => long.Parse(id.StartsWith("att", StringComparison.Ordinal) ? id[3..] : id);

    [SkippableFact]
    public async Task Purged_content_and_attachments_leave_their_ids_unused()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var page = (string)(await Admin.CreatePageAsync(key, "Kept"))["id"]!;

        var purged = (string)(await Admin.CreatePageAsync(key, "Purged"))["id"]!;
        (await Admin.Delete($"{ContentUrl}/{purged}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete($"{ContentUrl}/{purged}?status=trashed")).Expect(HttpStatusCode.NoContent);
        var next = (string)(await Admin.CreatePageAsync(key, "Next"))["id"]!;
        Assert.True(Number(next) > Number(purged), $"page {next} after purged {purged}");

        var attachment = (string)(await Admin.AttachAsync(page, new UploadFile("a.txt", Bytes("a"))))[0]!["id"]!;
        (await Admin.Delete($"{ContentUrl}/{attachment}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete($"{ContentUrl}/{attachment}?status=trashed")).Expect(HttpStatusCode.NoContent);
        var again = (string)(await Admin.AttachAsync(page, new UploadFile("a.txt", Bytes("a"))))[0]!["id"]!;
        Assert.True(Number(again) > Number(attachment), $"attachment {again} after purged {attachment}");

        var property = $"{ContentUrl}/{page}/property";
        var first = (string)(await Admin.PostJson(property, new { key = "k", value = "1" })).Expect(HttpStatusCode.OK).Json!["id"]!;
        (await Admin.Delete($"{property}/k")).Expect(HttpStatusCode.NoContent);
        var second = (string)(await Admin.PostJson(property, new { key = "k", value = "2" })).Expect(HttpStatusCode.OK).Json!["id"]!;
        Assert.True(Number(second) > Number(first), $"property {second} after deleted {first}");
    }

    [SkippableFact]
    public async Task Deleted_spaces_and_templates_leave_their_ids_unused()
    {
        var key = SpaceTestSupport.NewKey();
        var deleted = (long)(await Admin.CreateSpaceAsync(key))["id"]!;
        var task = (string)(await Admin.Delete($"/wiki/rest/api/space/{key}")).Expect(HttpStatusCode.Accepted).Json!["id"]!;
        Assert.Equal("SUCCEEDED", (string?)(await Admin.WaitForTaskAsync(task))["status"]);
        var next = (long)(await Admin.CreateSpaceAsync(SpaceTestSupport.NewKey()))["id"]!;
        Assert.True(next > deleted, $"space {next} after deleted {deleted}");

        object Template(string name) => new
        {
            name, templateType = "page", body = new { storage = new { value = "<p>t</p>", representation = "storage" } },
        };
        var removed = (string)(await Admin.PostJson("/wiki/rest/api/template", Template("T " + Unique()))).Expect(HttpStatusCode.OK).Json!["templateId"]!;
        (await Admin.Delete($"/wiki/rest/api/template/{removed}")).Expect(HttpStatusCode.NoContent);
        var after = (string)(await Admin.PostJson("/wiki/rest/api/template", Template("T " + Unique()))).Expect(HttpStatusCode.OK).Json!["templateId"]!;
        Assert.True(Number(after) > Number(removed), $"template {after} after removed {removed}");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class IdReuseTestsOnSqlite(SqliteServerFixture fixture) : IdReuseTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class IdReuseTestsOnPostgres(PostgresServerFixture fixture) : IdReuseTests(fixture);
