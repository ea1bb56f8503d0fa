using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;

using Quire.Api.Tests.Content;

namespace Quire.Api.Tests.ContentMeta;

public abstract class ContentLabelsApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static string Labels(string id) => $"/wiki/rest/api/content/{id}/label";

    private static List<string> Names(JsonNode array) =>
        array["results"]!.AsArray().Select(l => $"{l!["prefix"]}:{l["name"]}").ToList();

    [SkippableFact]
    public async Task Add_list_filter_and_remove_labels()
    {
        var owner = await NewUserAsync();
        var (_, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();

        var added = (await owner.Client.PostJson(Labels(page), new[]
        {
            new { prefix = "global", name = "Docs" }, new { prefix = "team", name = "platform" }, new { prefix = "my", name = "favourite" },
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["global:docs", "my:favourite", "team:platform"], Names(added));
        Assert.Equal("docs", (string?)added["results"]?[0]?["label"]);
        Assert.NotNull(added["results"]?[0]?["id"]);

        // A single LabelCreate instead of an array is accepted too; adding again is harmless.
        var single = (await owner.Client.PostJson(Labels(page), new { prefix = "global", name = "howto" })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(4, (int?)single["size"]);
        (await owner.Client.PostJson(Labels(page), new[] { new { prefix = "global", name = "docs" } })).Expect(HttpStatusCode.OK);

        var all = (await owner.Client.Get(Labels(page))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["global:docs", "global:howto", "my:favourite", "team:platform"], Names(all));
        Assert.Equal(200, (int?)all["limit"]);
        Assert.Equal(["global:docs", "global:howto"], Names((await owner.Client.Get($"{Labels(page)}?prefix=global")).Expect(HttpStatusCode.OK).Json!));
        var paged = (await owner.Client.Get($"{Labels(page)}?start=1&limit=2")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["global:howto", "my:favourite"], Names(paged));
        Assert.NotNull(paged["_links"]?["next"]);

        (await owner.Client.Delete($"{Labels(page)}?name=docs")).Expect(HttpStatusCode.NoContent);
        (await owner.Client.Delete($"{Labels(page)}/HowTo")).Expect(HttpStatusCode.NoContent);
        (await owner.Client.Delete($"{Labels(page)}/team:platform")).Expect(HttpStatusCode.NoContent);
        (await owner.Client.Delete($"{Labels(page)}?name=my:favourite")).Expect(HttpStatusCode.NoContent);
        (await owner.Client.Delete($"{Labels(page)}?name=docs")).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Delete($"{Labels(page)}/docs")).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal(0, (int?)(await owner.Client.Get(Labels(page))).Json!["size"]);
    }

    [SkippableFact]
    public async Task My_labels_belong_to_their_owner_and_need_only_view()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var (_, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();

        (await reader.Client.PostJson(Labels(page), new[] { new { prefix = "my", name = "favourite" } })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson(Labels(page), new[] { new { prefix = "global", name = "shared" } })).Expect(HttpStatusCode.OK);

        Assert.Equal(["global:shared", "my:favourite"], Names((await reader.Client.Get(Labels(page))).Json!));
        Assert.Equal(["global:shared"], Names((await owner.Client.Get(Labels(page))).Json!));
        // The owner has no my:favourite of its own to remove; the reader's stays.
        (await owner.Client.Delete($"{Labels(page)}?name=my:favourite")).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.Delete($"{Labels(page)}/my:favourite")).Expect(HttpStatusCode.NoContent);
        Assert.Equal(["global:shared"], Names((await reader.Client.Get(Labels(page))).Json!));
    }

    [SkippableFact]
    public async Task Labels_cannot_be_removed_from_archived_content()
    {
        var owner = await NewUserAsync();
        var (key, spaceId, _) = await owner.Client.CreateSpaceWithHomepageAsync();
        var archived = await owner.Client.CreateContentInStatusAsync(key, "Archived " + Unique(), status: "archived");
        (await owner.Client.PostJson(Labels(archived), new { prefix = "global", name = "old" })).Expect(HttpStatusCode.OK);

        (await owner.Client.Delete($"{Labels(archived)}?name=old")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.Delete($"{Labels(archived)}/old")).ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal(["global:old"], Names((await owner.Client.Get(Labels(archived))).Expect(HttpStatusCode.OK).Json!));
    }

    [SkippableFact]
    public async Task Bad_labels_and_forbidden_callers_change_nothing()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var (_, _, page) = await owner.Client.CreateSpaceWithHomepageAsync(readers: [reader.AccountId]);
        var (_, _, hidden) = await owner.Client.CreateSpaceWithHomepageAsync(isPrivate: true);
        (await owner.Client.PostJson(Labels(page), new[] { new { prefix = "global", name = "keep" } })).Expect(HttpStatusCode.OK);

        (await owner.Client.PostJson(Labels(page), new[] { new { prefix = "global", name = "has space" } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Labels(page), new[] { new { prefix = "global", name = new string('l', 256) } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Labels(page), new[] { new { prefix = "global", name = "<script>" } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Labels(page), new[] { new { prefix = "global", name = "" } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Labels(page), new[] { new { prefix = "secret", name = "ok" } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Labels(page), new[] { new { prefix = "global", name = "fine" }, new { prefix = "global", name = "not fine" } }))
            .ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Post, Labels(page), "[{\"prefix\":\"global\",\"name\":5}]")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Post, Labels(page), "{\"prefix\":\"global\",\"name\":[]}")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Post, Labels(page), "[{")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Post, Labels(page), "[null]")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Post, Labels(page), "[\"docs\"]")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Post, Labels(page), "\"docs\"")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Post, Labels(page), "null")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{Labels(page)}?prefix=secret")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{Labels(page)}?limit=-1")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.Delete(Labels(page))).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.Delete($"{Labels(page)}/a%2Fb")).ExpectError(HttpStatusCode.BadRequest);

        // Unknown, malformed and invisible content all answer 404; a viewer who cannot edit, 403.
        foreach (var missing in new[] { "999999999", "abc", "-5", "0", "99999999999999999999999" })
        {
            (await owner.Client.Get(Labels(missing))).ExpectError(HttpStatusCode.NotFound);
            (await owner.Client.PostJson(Labels(missing), new[] { new { prefix = "global", name = "x" } })).ExpectError(HttpStatusCode.NotFound);
            (await owner.Client.Delete($"{Labels(missing)}?name=keep")).ExpectError(HttpStatusCode.NotFound);
        }
        (await reader.Client.Get(Labels(hidden))).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.PostJson(Labels(hidden), new[] { new { prefix = "my", name = "favourite" } })).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.Delete($"{Labels(hidden)}?name=keep")).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.PostJson(Labels(page), new[] { new { prefix = "global", name = "mine" } })).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.PostJson(Labels(page), new[] { new { prefix = "my", name = "ok" }, new { prefix = "team", name = "no" } }))
            .ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.Delete($"{Labels(page)}?name=keep")).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.Delete($"{Labels(page)}/keep")).ExpectError(HttpStatusCode.Forbidden);

        Assert.Equal(["global:keep"], Names((await owner.Client.Get(Labels(page))).Json!));
        Assert.Equal(["global:keep"], Names((await reader.Client.Get(Labels(page))).Json!));
        Assert.Equal(0, (int?)(await owner.Client.Get(Labels(hidden))).Json!["size"]);
    }

    /// <summary>
    /// A label's last use removed while another request puts it to use: the new use always keeps a
    /// label that exists (never a 500 from a label deleted under it, never a use silently cascaded
    /// away), and a label exists exactly while something carries it.
    /// </summary>
    [SkippableFact]
    public async Task Removing_a_labels_last_use_while_it_is_added_elsewhere_keeps_every_new_use()
    {
        var owner = await NewUserAsync();
        var (key, _, first) = await owner.Client.CreateSpaceWithHomepageAsync();
        var second = (string)(await owner.Client.PostJson("/wiki/rest/api/content", new
        {
            type = "page", title = "Second", space = new { key },
            body = new { storage = new { value = "<p>2</p>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK).Json!["id"]!;

        for (var round = 0; round < 25; round++)
        {
            var name = $"race{round}x{Unique()}";
            (await owner.Client.PostJson(Labels(first), new[] { new { prefix = "global", name } })).Expect(HttpStatusCode.OK);
            var removal = owner.Client.Delete($"{Labels(first)}/{name}");
            var elsewhere = owner.Client.PostJson(Labels(second), new[] { new { prefix = "global", name } });
            var back = owner.Client.PostJson(Labels(first), new[] { new { prefix = "global", name } });
            await Task.WhenAll(removal, elsewhere, back);
            (await removal).Expect(HttpStatusCode.NoContent);
            (await elsewhere).Expect(HttpStatusCode.OK);
            (await back).Expect(HttpStatusCode.OK);

            Assert.Contains($"global:{name}", Names((await owner.Client.Get(Labels(second))).Expect(HttpStatusCode.OK).Json!));
            (await owner.Client.Get($"/wiki/rest/api/label?name={name}")).Expect(HttpStatusCode.OK);

            // Then the other uses go: the label goes with the last of them.
            if (Names((await owner.Client.Get(Labels(first))).Json!).Contains($"global:{name}"))
                (await owner.Client.Delete($"{Labels(first)}/{name}")).Expect(HttpStatusCode.NoContent);
            (await owner.Client.Delete($"{Labels(second)}/{name}")).Expect(HttpStatusCode.NoContent);
            (await owner.Client.Get($"/wiki/rest/api/label?name={name}")).ExpectError(HttpStatusCode.NotFound);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentLabelsApiTestsOnSqlite(SqliteServerFixture fixture) : ContentLabelsApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentLabelsApiTestsOnPostgres(PostgresServerFixture fixture) : ContentLabelsApiTests(fixture);
