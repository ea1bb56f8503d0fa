using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentAttachments.AttachmentTestSupport;

namespace Quire.Api.Tests.ContentBody;

/// <summary>
/// Bodies written and read in every representation Confluence takes and gives (issue 13): ADF
/// (atlas_doc_format, sent as a JSON string in <c>value</c>) and wiki markup on create and
/// update, converted to storage (what is stored); every readable representation on
/// <c>expand=body.X</c>, in single reads and listings; ADF media naming the page's attachments
/// by Cloud's fileId; bad bodies refused with nothing stored.
/// </summary>
public abstract class BodyRepresentationsApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static readonly string[] Rendered = ["view", "export_view", "styled_view", "anonymous_export_view", "editor", "editor2", "dynamic"];

    private static string Adf(params JsonNode[] content) =>
        new JsonObject { ["type"] = "doc", ["version"] = 1, ["content"] = new JsonArray(content) }.ToJsonString();

    private static JsonObject Paragraph(string text, params JsonObject[] marks)
    {
        var node = new JsonObject { ["type"] = "text", ["text"] = text };
        if (marks.Length > 0) node["marks"] = new JsonArray(marks);
        return new JsonObject { ["type"] = "paragraph", ["content"] = new JsonArray(node) };
    }

    private static JsonObject Body(string representation, string value) =>
        new() { [representation] = new JsonObject { ["value"] = value, ["representation"] = representation } };

    private async Task<JsonNode> CreateAsync(string key, string title, JsonObject body) =>
        (await Admin.PostJson(ContentUrl, new JsonObject
        {
            ["type"] = "page", ["title"] = title, ["space"] = new JsonObject { ["key"] = key }, ["body"] = body,
        })).Expect(HttpStatusCode.OK).Json!;

    [SkippableFact]
    public async Task A_page_written_in_adf_is_stored_as_storage_and_read_back_in_adf()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var adf = Adf(
            new JsonObject
            {
                ["type"] = "heading", ["attrs"] = new JsonObject { ["level"] = 2 },
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "Plan" }),
            },
            Paragraph("bold words", new JsonObject { ["type"] = "strong" }),
            new JsonObject
            {
                ["type"] = "codeBlock", ["attrs"] = new JsonObject { ["language"] = "python" },
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "print(1 < 2)" }),
            });
        var created = await CreateAsync(key, "Written in ADF", Body("atlas_doc_format", adf));
        var id = (string)created["id"]!;

        var read = await Admin.GetContentAsync(id, "?expand=body.storage,body.atlas_doc_format");
        var storage = (string)read["body"]!["storage"]!["value"]!;
        Assert.Contains("<h2>Plan</h2>", storage);
        Assert.Contains("<strong>bold words</strong>", storage);
        Assert.Contains("ac:name=\"code\"", storage);
        Assert.Contains("print(1 < 2)", storage);
        var back = read["body"]!["atlas_doc_format"]!;
        Assert.Equal("atlas_doc_format", (string?)back["representation"]);
        var document = JsonNode.Parse((string)back["value"]!)!;
        Assert.Equal("doc", (string?)document["type"]);
        var nodes = document["content"]!.AsArray();
        Assert.Equal(["heading", "paragraph", "codeBlock"], nodes.Select(n => (string)n!["type"]!));
        Assert.Equal(2, (int?)nodes[0]!["attrs"]!["level"]);
        Assert.Equal("strong", (string?)nodes[1]!["content"]![0]!["marks"]![0]!["type"]);
        Assert.Equal("python", (string?)nodes[2]!["attrs"]!["language"]);
        Assert.Equal("print(1 < 2)", (string?)nodes[2]!["content"]![0]!["text"]);
        Assert.DoesNotContain("atlas_doc_format", read["body"]!["_expandable"]!.AsObject().Select(p => p.Key));
    }

    [SkippableFact]
    public async Task Wiki_markup_is_taken_under_its_own_key_and_under_storage_with_its_representation()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        const string wiki = "h1. Title\n\nSome *bold* text.\n\n||Name||Value||\n|a|1|\n\n{code:java}\nint x = 1 < 2;\n{code}";
        var underWiki = await CreateAsync(key, "Under wiki", Body("wiki", wiki));
        // confluence-api's postContent(..., 'wiki') sends {"storage": {"value": ..., "representation": "wiki"}}.
        var underStorage = await CreateAsync(key, "Under storage",
            new JsonObject { ["storage"] = new JsonObject { ["value"] = wiki, ["representation"] = "wiki" } });
        foreach (var page in new[] { underWiki, underStorage })
        {
            var read = await Admin.GetContentAsync((string)page["id"]!, "?expand=body.storage,body.view");
            var storage = (string)read["body"]!["storage"]!["value"]!;
            Assert.Contains("<h1>Title</h1>", storage);
            Assert.Contains("<strong>bold</strong>", storage);
            Assert.Contains("<th>Name</th>", storage);
            Assert.Contains("ac:name=\"code\"", storage);
            Assert.Contains("int x = 1 < 2;", storage);
            var view = (string)read["body"]!["view"]!["value"]!;
            Assert.Contains("Title</h1>", view);
            Assert.Contains("int x = 1 &lt; 2;", view);
        }
    }

    [SkippableFact]
    public async Task Every_readable_representation_expands_on_a_page_and_in_a_listing()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var parent = (string)(await Admin.CreatePageAsync(key, "Parent"))["id"]!;
        await Admin.CreatePageAsync(key, "Child one", "<p>first <em>child</em></p>", parentId: parent);
        await Admin.CreatePageAsync(key, "Child two", "<p>second child</p>", parentId: parent);
        var expand = string.Join(',', Rendered.Append("storage").Append("atlas_doc_format").Select(r => "body." + r));

        var listing = (await Admin.Get($"{ContentUrl}/{parent}/child/page?expand={expand}")).Expect(HttpStatusCode.OK).Json!;
        var results = listing["results"]!.AsArray();
        Assert.Equal(2, results.Count);
        foreach (var page in results)
        {
            var body = page!["body"]!;
            foreach (var representation in Rendered.Append("storage").Append("atlas_doc_format"))
            {
                // dynamic is the view rendered live; the spec's representations have no "dynamic", so it says view.
                Assert.Equal(representation == "dynamic" ? "view" : representation, (string?)body[representation]?["representation"]);
                Assert.NotNull(body[representation]!["embeddedContent"]);
            }
            Assert.DoesNotContain(body["_expandable"]!.AsObject(), p => Rendered.Contains(p.Key) || p.Key is "storage" or "atlas_doc_format");
        }
        var first = results.Single(p => (string?)p!["title"] == "Child one")!["body"]!;
        Assert.Contains("<em>child</em>", (string)first["view"]!["value"]!);
        Assert.StartsWith("<!DOCTYPE html>", (string)first["styled_view"]!["value"]!);
        Assert.Equal("em", (string?)JsonNode.Parse((string)first["atlas_doc_format"]!["value"]!)!["content"]![0]!["content"]![1]!["marks"]![0]!["type"]);
    }

    [SkippableFact]
    public async Task Adf_media_names_the_page_attachments_by_file_id_both_ways()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var page = (string)(await Admin.CreatePageAsync(key, "With an image"))["id"]!;
        var attachment = (await Admin.AttachAsync(page, new UploadFile("diagram.png", Pattern(2000, 3), "image/png")))[0]!;
        var fileId = (string)attachment["extensions"]!["fileId"]!;
        var collection = (string)attachment["extensions"]!["collectionName"]!;

        var adf = Adf(new JsonObject
        {
            ["type"] = "mediaSingle", ["attrs"] = new JsonObject { ["layout"] = "center" },
            ["content"] = new JsonArray(new JsonObject
            {
                ["type"] = "media",
                ["attrs"] = new JsonObject { ["id"] = fileId, ["collection"] = collection, ["type"] = "file", ["width"] = 200, ["height"] = 100 },
            }),
        });
        (await Admin.PutJson($"{ContentUrl}/{page}", new JsonObject
        {
            ["version"] = new JsonObject { ["number"] = 2 }, ["type"] = "page", ["title"] = "With an image",
            ["body"] = Body("atlas_doc_format", adf),
        })).Expect(HttpStatusCode.OK);

        var read = await Admin.GetContentAsync(page, "?expand=body.storage,body.atlas_doc_format,body.view");
        Assert.Contains("<ri:attachment ri:filename=\"diagram.png\"", (string)read["body"]!["storage"]!["value"]!);
        var media = JsonNode.Parse((string)read["body"]!["atlas_doc_format"]!["value"]!)!["content"]![0]!["content"]![0]!;
        Assert.Equal("media", (string?)media["type"]);
        Assert.Equal(fileId, (string?)media["attrs"]!["id"]);
        Assert.Equal(collection, (string?)media["attrs"]!["collection"]);
        Assert.Contains("diagram.png", (string)read["body"]!["view"]!["value"]!);

        // An image of a file not uploaded yet names no fileId; once it is uploaded, the same body reads with it (nothing stale kept).
        var later = (string)(await Admin.CreatePageAsync(key, "Image first",
            "<p><ac:image><ri:attachment ri:filename=\"later.png\" /></ac:image></p>"))["id"]!;
        var before = (string)(await Admin.GetContentAsync(later, "?expand=body.atlas_doc_format"))["body"]!["atlas_doc_format"]!["value"]!;
        var uploaded = (await Admin.AttachAsync(later, new UploadFile("later.png", Pattern(100, 4), "image/png")))[0]!;
        var laterFileId = (string)uploaded["extensions"]!["fileId"]!;
        Assert.DoesNotContain(laterFileId, before);
        var after = (string)(await Admin.GetContentAsync(later, "?expand=body.atlas_doc_format"))["body"]!["atlas_doc_format"]!["value"]!;
        Assert.Contains(laterFileId, after);
    }

    [SkippableFact]
    public async Task Bad_bodies_are_refused_with_what_is_wrong_and_nothing_is_stored()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var page = (string)(await Admin.CreatePageAsync(key, "Kept", "<p>kept</p>"))["id"]!;

        async Task<string> RefusedAsync(JsonObject body)
        {
            var create = (await Admin.PostJson(ContentUrl, new JsonObject
            {
                ["type"] = "page", ["title"] = "Refused " + Unique(), ["space"] = new JsonObject { ["key"] = key }, ["body"] = body.DeepClone(),
            })).ExpectError(HttpStatusCode.BadRequest);
            (await Admin.PutJson($"{ContentUrl}/{page}", new JsonObject
            {
                ["version"] = new JsonObject { ["number"] = 2 }, ["type"] = "page", ["title"] = "Kept", ["body"] = body.DeepClone(),
            })).ExpectError(HttpStatusCode.BadRequest);
            return create.ErrorMessage ?? "";
        }

        Assert.NotEmpty(await RefusedAsync(Body("atlas_doc_format", "{not json")));
        Assert.NotEmpty(await RefusedAsync(Body("atlas_doc_format", "{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"bogus\"}]}]}")));
        Assert.NotEmpty(await RefusedAsync(Body("atlas_doc_format", "[1,2,3]")));
        Assert.NotEmpty(await RefusedAsync(Body("wiki", "{code}\nnever closed")));
        Assert.NotEmpty(await RefusedAsync(Body("storage", "<p>unclosed")));
        Assert.Contains("cannot be written", await RefusedAsync(Body("view", "<p>rendered</p>")));
        // Lists nested 199 deep are within ADF's depth, but with a paragraph and three marks they become
        // more levels of storage than a body may have: refused, not stored to fail every later read.
        JsonNode deep = Paragraph("deep", new JsonObject { ["type"] = "strong" }, new JsonObject { ["type"] = "em" }, new JsonObject { ["type"] = "underline" });
        for (var level = 0; level < 199; level++)
            deep = new JsonObject
            {
                ["type"] = "bulletList",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "listItem", ["content"] = new JsonArray(deep) }),
            };
        Assert.NotEmpty(await RefusedAsync(Body("atlas_doc_format", Adf(deep))));

        var pages = (await Admin.Get($"/wiki/rest/api/space/{key}/content/page?limit=50")).Expect(HttpStatusCode.OK).Json!;
        Assert.DoesNotContain(pages["results"]!.AsArray(), p => ((string)p!["title"]!).StartsWith("Refused"));
        var kept = await Admin.GetContentAsync(page, "?expand=body.storage,version");
        Assert.Equal(1, (int?)kept["version"]!["number"]);
        Assert.Equal("<p>kept</p>", (string?)kept["body"]!["storage"]!["value"]);
    }

    [SkippableFact]
    public async Task An_old_version_renders_its_heading_ids_from_its_own_title()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Old title", "<h2>Intro</h2>"))["id"]!;
        await Admin.UpdateAsync(id, 2, "New title", "<h2>Intro</h2>");
        var current = (string)(await Admin.GetContentAsync(id, "?expand=body.view"))["body"]!["view"]!["value"]!;
        var old = (await Admin.Get($"{ContentUrl}/{id}/version/1?expand=content.body.view")).Expect(HttpStatusCode.OK).Json!;
        Assert.Contains("id=\"Newtitle-Intro\"", current);
        Assert.Contains("id=\"Oldtitle-Intro\"", (string)old["content"]!["body"]!["view"]!["value"]!);
    }

    [SkippableFact]
    public async Task Terse_markup_that_would_convert_to_too_much_storage_is_refused()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        // 1.2 MB of ":) " is 400,000 emoticons, each some 30 characters of storage: over the 10 M kept.
        var smiles = string.Concat(Enumerable.Repeat(":) ", 400_000));
        var refused = (await Admin.PostJson(ContentUrl, new JsonObject
        {
            ["type"] = "page", ["title"] = "Smiles", ["space"] = new JsonObject { ["key"] = key }, ["body"] = Body("wiki", smiles),
        })).ExpectError(HttpStatusCode.BadRequest);
        Assert.Contains("characters of storage format", refused.ErrorMessage);
        var pages = (await Admin.Get($"/wiki/rest/api/space/{key}/content/page?limit=50")).Expect(HttpStatusCode.OK).Json!;
        Assert.DoesNotContain(pages["results"]!.AsArray(), p => (string?)p!["title"] == "Smiles");
    }

    [SkippableFact]
    public async Task Conversions_go_between_every_writable_and_readable_representation()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        const string convert = "/wiki/rest/api/contentbody/convert";
        var adf = (string)(await Admin.PostJson($"{convert}/atlas_doc_format?spaceKeyContext={key}",
            new { value = "<p>Hello <strong>world</strong></p>", representation = "storage" })).Expect(HttpStatusCode.OK).Json!["value"]!;
        Assert.Equal("paragraph", (string?)JsonNode.Parse(adf)!["content"]![0]!["type"]);
        var storage = (string)(await Admin.PostJson($"{convert}/storage", new { value = adf, representation = "atlas_doc_format" }))
            .Expect(HttpStatusCode.OK).Json!["value"]!;
        Assert.Equal("<p>Hello <strong>world</strong></p>", storage);
        var view = (string)(await Admin.PostJson($"{convert}/view?spaceKeyContext={key}", new { value = "Some *bold*", representation = "wiki" }))
            .Expect(HttpStatusCode.OK).Json!["value"]!;
        Assert.Contains("<strong>bold</strong>", view);
        (await Admin.PostJson($"{convert}/wiki", new { value = "<p>x</p>", representation = "storage" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{convert}/storage", new { value = "{\"type\":\"doc\"}", representation = "atlas_doc_format" }))
            .ExpectError(HttpStatusCode.BadRequest);

        // Cloud's bulk pair: up to ten conversions started at once, their results read together.
        var started = (await Admin.PostJson($"{convert}/async/bulk/tasks", new
        {
            conversionInputs = new object[]
            {
                new { to = "view", spaceKeyContext = key, body = new { value = "<p>one</p>", representation = "storage" } },
                new { to = "storage", body = new { value = adf, representation = "atlas_doc_format" } },
            },
        })).Expect(HttpStatusCode.OK).Json!.AsArray();
        var ids = started.Select(s => (string)s!["asyncId"]!).ToList();
        Assert.Equal(2, ids.Count);
        var unknown = Guid.NewGuid().ToString();
        var results = (await Admin.Get($"{convert}/async/bulk/tasks?ids={ids[0]}&ids={ids[1]}&ids={unknown}")).Expect(HttpStatusCode.OK).Json!.AsArray();
        Assert.Equal(["COMPLETED", "COMPLETED", "FAILED"], results.Select(r => (string)r!["status"]!));
        Assert.Contains("one", (string)results[0]!["value"]!);
        Assert.Equal("<p>Hello <strong>world</strong></p>", (string?)results[1]!["value"]);
        Assert.Equal(ids, results.Take(2).Select(r => (string)r!["renderTaskId"]!));
        var commaSeparated = (await Admin.Get($"{convert}/async/bulk/tasks?ids={ids[0]},{ids[1]}")).Expect(HttpStatusCode.OK).Json!.AsArray();
        Assert.Equal(2, commaSeparated.Count);

        var eleven = Enumerable.Range(0, 11).Select(_ => new { to = "view", body = new { value = "<p>x</p>", representation = "storage" } }).ToArray();
        (await Admin.PostJson($"{convert}/async/bulk/tasks", new { conversionInputs = eleven })).ExpectError(HttpStatusCode.BadRequest);
        var oneBad = (await Admin.PostJson($"{convert}/async/bulk/tasks", new
        {
            conversionInputs = new object[]
            {
                new { to = "view", body = new { value = "<p>fine</p>", representation = "storage" } },
                new { to = "view", body = new { value = "<p>broken", representation = "storage" } },
            },
        })).ExpectError(HttpStatusCode.BadRequest);
        Assert.Contains("conversionInputs[1]", oneBad.ErrorMessage);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BodyRepresentationsApiTestsOnSqlite(SqliteServerFixture fixture) : BodyRepresentationsApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class BodyRepresentationsApiTestsOnPostgres(PostgresServerFixture fixture) : BodyRepresentationsApiTests(fixture);
