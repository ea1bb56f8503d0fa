using System.Net;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.Spaces.SpaceTestSupport;

namespace Quire.Api.Tests.Security;

/// <summary>
/// What hangs off a trashed page (its attachments, the comments on them) is hidden with it from a
/// reader of the space in the listings that name content by a label or a relation, which the leak
/// matrix reaches only for pages.
/// </summary>
public abstract class ContainerVisibilityTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Label_and_relation_listings_hide_what_hangs_off_a_trashed_page()
    {
        var reader = await NewUserAsync();
        var key = (string)(await Admin.CreateSpaceAsync(permissions:
            [Permission("read", "space", accountIds: [reader.AccountId])]))["key"]!;
        var open = (string)(await Admin.CreatePageAsync(key, "Open " + Unique()))["id"]!;
        var trashedTitle = "Trashed " + Unique();
        var trashed = (string)(await Admin.CreatePageAsync(key, trashedTitle))["id"]!;
        var fileName = $"hidden{Unique()}.txt";
        var attachment = ((string)(await Admin.AttachAsync(trashed, new UploadFile(fileName, AttachmentTestSupport.Bytes("x"))))[0]!["id"]!)[3..];
        var comment = (string)(await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = trashed, type = "page" }, body = StorageBody("<p>c</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var label = "hang" + Unique();
        (await Admin.PostJson($"{ContentUrl}/{attachment}/label", new[] { new { prefix = "global", name = label } })).Expect(HttpStatusCode.OK);
        (await Admin.Call(HttpMethod.Put, $"/wiki/rest/api/relation/hangs/from/content/{open}/to/content/{comment}")).Expect(HttpStatusCode.OK);

        var labelled = $"/wiki/rest/api/label?name={label}&type=attachment";
        var related = $"/wiki/rest/api/relation/hangs/from/content/{open}/to/content?expand=target";
        // Named by their titles: the file's name, and the comment's "Re: " and its page's title.
        Assert.Contains(fileName, (await reader.Client.Get(labelled)).Expect(HttpStatusCode.OK).Body);
        Assert.Contains(trashedTitle, (await reader.Client.Get(related)).Expect(HttpStatusCode.OK).Body);

        (await Admin.Delete($"{ContentUrl}/{trashed}")).Expect(HttpStatusCode.NoContent);
        Assert.DoesNotContain(fileName, (await reader.Client.Get(labelled)).Expect(HttpStatusCode.OK).Body);
        Assert.DoesNotContain(trashedTitle, (await reader.Client.Get(related)).Expect(HttpStatusCode.OK).Body);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContainerVisibilityTestsOnSqlite(SqliteServerFixture fixture) : ContainerVisibilityTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContainerVisibilityTestsOnPostgres(PostgresServerFixture fixture) : ContainerVisibilityTests(fixture);
