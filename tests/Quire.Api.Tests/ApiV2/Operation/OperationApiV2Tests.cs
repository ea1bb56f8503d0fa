using System.Net;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentAttachments.AttachmentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.ApiV2.Operation;

/// <summary>v2's Operation group: the same operations v1's <c>expand=operations</c> shows, per kind of content and per space.</summary>
public abstract class OperationApiV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    private static async Task<List<string>> Operations(HttpClient client, string url) =>
        (await client.Get(url)).Expect(HttpStatusCode.OK).Json!["operations"]!.AsArray()
        .Select(o => $"{o!["operation"]}/{o["targetType"]}").ToList();

    [SkippableFact]
    public async Task Content_operations_follow_space_permissions_and_update_restrictions_as_v1_does()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var writer = await NewUserAsync();
        var key = await owner.Client.SharedSpaceAsync([reader], [writer]);
        var page = (string)(await owner.Client.CreatePageAsync(key))["id"]!;
        var blog = (string)(await owner.Client.CreatePageAsync(key, type: "blogpost"))["id"]!;
        var attachment = (string)(await owner.Client.AttachAsync(page, new UploadFile("a.txt", Bytes("a"))))[0]!["id"]!;
        var comment = (string)(await owner.Client.PostJson($"{V2}/footer-comments", new
        {
            pageId = page, body = new { representation = "storage", value = "<p>c</p>" },
        })).Expect(HttpStatusCode.Created).Json!["id"]!;

        Assert.Equal(["read/page", "update/page", "delete/page"], await Operations(owner.Client, $"{V2}/pages/{page}/operations"));
        Assert.Equal(["read/page"], await Operations(reader.Client, $"{V2}/pages/{page}/operations"));
        Assert.Equal(["read/page", "update/page", "delete/page"], await Operations(writer.Client, $"{V2}/pages/{page}/operations"));
        Assert.Equal(["read/blogpost", "update/blogpost", "delete/blogpost"], await Operations(owner.Client, $"{V2}/blogposts/{blog}/operations"));
        Assert.Equal(["read/attachment", "update/attachment"], await Operations(writer.Client, $"{V2}/attachments/{attachment}/operations"));
        Assert.Equal(["read/comment", "update/comment"], await Operations(writer.Client, $"{V2}/footer-comments/{comment}/operations"));

        // v1's expansion answers the same; an update restriction takes update and delete from those it leaves out.
        var v1 = (await writer.Client.GetContentAsync(page, "?expand=operations"))["operations"]!.AsArray()
            .Select(o => $"{o!["operation"]}/{o["targetType"]}").ToList();
        Assert.Equal(await Operations(writer.Client, $"{V2}/pages/{page}/operations"), v1);
        await owner.Client.RestrictAsync(page, Entry("update", [owner.AccountId]));
        Assert.Equal(["read/page"], await Operations(writer.Client, $"{V2}/pages/{page}/operations"));
        Assert.Equal(["read/attachment"], await Operations(writer.Client, $"{V2}/attachments/{attachment}/operations"));
    }

    [SkippableFact]
    public async Task Space_operations_are_the_caller_s_grants_and_hidden_or_mismatched_ids_answer_v2_errors()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var outsider = await NewUserAsync();
        var key = await owner.Client.SharedSpaceAsync([reader]);
        var spaceId = ((long)(await owner.Client.Get($"/wiki/rest/api/space/{key}")).Json!["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var page = (string)(await owner.Client.CreatePageAsync(key))["id"]!;

        Assert.Equal(["read/space"], await Operations(reader.Client, $"{V2}/spaces/{spaceId}/operations"));
        var mine = await Operations(owner.Client, $"{V2}/spaces/{spaceId}/operations");
        Assert.Contains("administer/space", mine);
        Assert.Contains("create/page", mine);

        var outsiderAnswer = (await outsider.Client.Get($"{V2}/spaces/{spaceId}/operations")).ExpectV2Error(HttpStatusCode.NotFound);
        Assert.DoesNotContain(key, outsiderAnswer.Body); // the key of a space one cannot read is not told
        (await outsider.Client.Get($"{V2}/pages/{page}/operations")).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Get($"{V2}/blogposts/{page}/operations")).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Get($"{V2}/inline-comments/{page}/operations")).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Get($"{V2}/pages/abc/operations")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/spaces/-1/operations")).ExpectV2Error(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OperationApiV2TestsOnSqlite(SqliteServerFixture fixture) : OperationApiV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class OperationApiV2TestsOnPostgres(PostgresServerFixture fixture) : OperationApiV2Tests(fixture);
