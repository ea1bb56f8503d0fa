using System.Net;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.ApiV2.Label;

public abstract class LabelApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static async Task LabelAsync(HttpClient client, string contentId, string prefix, string name) =>
        (await client.PostJson($"{ContentUrl}/{contentId}/label", new[] { new { prefix, name } })).Expect(HttpStatusCode.OK);

    [SkippableFact]
    public async Task Labels_put_on_in_v1_are_listed_per_content_kind_in_every_order()
    {
        var (key, _) = await Admin.NewSpaceAsync();
        var page = (string)(await Admin.CreatePageAsync(key, "Labelled"))["id"]!;
        var tag = Unique();
        string[] names = [$"b-{tag}", $"a-{tag}", $"c-{tag}"];
        await LabelAsync(Admin, page, "global", names[0]);
        await LabelAsync(Admin, page, "global", names[1]);
        await LabelAsync(Admin, page, "team", names[2]);
        await LabelAsync(Admin, page, "my", $"mine-{tag}");

        var byId = (await Admin.Get($"{V2}/pages/{page}/labels")).Results();
        Assert.Equal([names[0], names[1], names[2], $"mine-{tag}"], byId.Each("name"));
        Assert.Equal(["global", "global", "team", "my"], byId.Each("prefix"));
        Assert.All(byId, l => Assert.Matches("^[0-9]+$", (string)l["id"]!));
        var ids = byId.Select(l => long.Parse((string)l["id"]!)).ToList();
        Assert.Equal(ids.Order().ToList(), ids);
        Assert.Equal([names[1], names[0], names[2], $"mine-{tag}"], (await Admin.Get($"{V2}/pages/{page}/labels?sort=name")).Results().Each("name"));
        Assert.Equal([$"mine-{tag}", names[2], names[0], names[1]], (await Admin.Get($"{V2}/pages/{page}/labels?sort=-name")).Results().Each("name"));
        Assert.Equal([names[2]], (await Admin.Get($"{V2}/pages/{page}/labels?prefix=team")).Results().Each("name"));
        Assert.Empty((await Admin.Get($"{V2}/pages/{page}/labels?prefix=system")).Results());

        // A my label is its owner's alone.
        var reader = await NewUserAsync();
        Assert.Equal([names[0], names[1], names[2]], (await reader.Client.Get($"{V2}/pages/{page}/labels")).Results().Each("name"));

        // A walk by name meets every label once, and one added ahead of it during the walk too.
        var walked = await Admin.WalkAsync($"{V2}/pages/{page}/labels?limit=1&sort=name", async n =>
        {
            if (n == 0) await LabelAsync(Admin, page, "global", $"z-{tag}");
        });
        Assert.Equal([names[1], names[0], names[2], $"mine-{tag}", $"z-{tag}"], walked.Each("name"));
        Assert.Equal(5, (await Admin.WalkAsync($"{V2}/pages/{page}/labels?limit=2&sort=-created-date")).Count);

        var blog = (string)(await Admin.CreatePageAsync(key, "Labelled post", type: "blogpost"))["id"]!;
        await LabelAsync(Admin, blog, "global", names[0]);
        var blogLabels = (await Admin.Get($"{V2}/blogposts/{blog}/labels")).Results();
        Assert.Equal([names[0]], blogLabels.Each("name"));
        // The same label is one row wherever it is put.
        Assert.Equal(byId[0]["id"]!.ToString(), blogLabels[0]["id"]!.ToString());
        (await Admin.Get($"{V2}/pages/{blog}/labels")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Get($"{V2}/blogposts/{page}/labels")).ExpectV2Error(HttpStatusCode.NotFound);

        var attachment = (string)(await Admin.AttachAsync(page, new UploadFile("l.txt", AttachmentTestSupport.Bytes("x"))))[0]!["id"]!;
        await LabelAsync(Admin, attachment, "global", names[1]);
        Assert.Equal([names[1]], (await Admin.Get($"{V2}/attachments/{attachment}/labels")).Results().Each("name"));
        (await Admin.Get($"{V2}/attachments/{page}/labels")).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Space_and_space_content_labels_and_all_labels_follow_what_the_caller_may_read()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var tag = Unique();
        (await Admin.PostJson($"/wiki/rest/api/space/{key}/label", new[] { new { prefix = "global", name = $"space-{tag}" } })).Expect(HttpStatusCode.OK);
        Assert.Equal([$"space-{tag}"], (await Admin.Get($"{V2}/spaces/{spaceId}/labels")).Results().Each("name"));

        var a = (string)(await Admin.CreatePageAsync(key, "A"))["id"]!;
        var b = (string)(await Admin.CreatePageAsync(key, "B"))["id"]!;
        var secret = (string)(await Admin.CreatePageAsync(key, "Secret"))["id"]!;
        await LabelAsync(Admin, a, "global", $"shared-{tag}");
        await LabelAsync(Admin, b, "global", $"shared-{tag}");
        await LabelAsync(Admin, b, "team", $"team-{tag}");
        await LabelAsync(Admin, secret, "global", $"secret-{tag}");
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        await Admin.RestrictAsync(secret, RestrictionTestSupport.Entry("read", [me]));

        // Each label once, however many pages carry it; the restricted page's label only for who may read it.
        Assert.Equal([$"secret-{tag}", $"shared-{tag}", $"team-{tag}"],
            (await Admin.Get($"{V2}/spaces/{spaceId}/content/labels?sort=name")).Results().Each("name"));
        var reader = await NewUserAsync();
        Assert.Equal([$"shared-{tag}", $"team-{tag}"],
            (await reader.Client.Get($"{V2}/spaces/{spaceId}/content/labels?sort=name")).Results().Each("name"));
        Assert.Equal([$"team-{tag}"], (await reader.Client.Get($"{V2}/spaces/{spaceId}/content/labels?prefix=team")).Results().Each("name"));

        // All labels: filtered by id and prefix; a my label only for its owner.
        await LabelAsync(Admin, a, "my", $"own-{tag}");
        var all = await Admin.WalkAsync($"{V2}/labels?limit=100&prefix=my");
        var own = Assert.Single(all, l => (string?)l["name"] == $"own-{tag}");
        Assert.DoesNotContain((await reader.Client.WalkAsync($"{V2}/labels?limit=250&prefix=my")), l => (string?)l["name"] == $"own-{tag}");
        var shared = (await Admin.Get($"{V2}/pages/{a}/labels?prefix=global")).Results()[0];
        var picked = (await reader.Client.Get($"{V2}/labels?label-id={shared["id"]},{own["id"]}")).Results();
        Assert.Equal([$"shared-{tag}"], picked.Each("name"));

        var privateSpace = await Admin.CreateSpaceAsync(isPrivate: true);
        var hiddenId = ((long)privateSpace["id"]!).ToString();
        (await reader.Client.Get($"{V2}/spaces/{hiddenId}/labels")).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{V2}/spaces/{hiddenId}/content/labels")).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{V2}/pages/{secret}/labels")).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Bad_label_queries_answer_a_v2_error()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var page = (string)(await Admin.CreatePageAsync(key, "Checked"))["id"]!;
        await LabelAsync(Admin, page, "global", $"kept-{Unique()}");

        (await Admin.Get($"{V2}/pages/{page}/labels?prefix=other")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/{page}/labels?sort=title")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/{page}/labels?limit=300")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/{page}/labels?cursor=%%%")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/x1/labels")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/labels?label-id=abc")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/spaces/{spaceId}/labels?prefix=global,team")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/spaces/999999999/labels")).ExpectV2Error(HttpStatusCode.NotFound);
        Assert.Single((await Admin.Get($"{V2}/pages/{page}/labels")).Results());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LabelApiTestsOnSqlite(SqliteServerFixture fixture) : LabelApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class LabelApiTestsOnPostgres(PostgresServerFixture fixture) : LabelApiTests(fixture);
