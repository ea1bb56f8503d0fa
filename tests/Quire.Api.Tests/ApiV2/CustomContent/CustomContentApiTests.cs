using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.ApiV2.CustomContent.CustomContentTestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.ApiV2.CustomContent;

/// <summary>
/// The v2 <c>Custom Content</c> group and everything under <c>/custom-content/{id}</c>: content of an admin-declared type,
/// stored as content (versions, body, properties, labels, attachments, comments, children), seen by v1 and CQL too.
/// </summary>
public abstract class CustomContentApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static string Cql(string cql) => $"/wiki/rest/api/content/search?cql={Uri.EscapeDataString(cql)}";

    [SkippableFact]
    public async Task Custom_content_is_created_read_listed_updated_trashed_and_purged_and_v1_and_CQL_see_it()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var type = await Admin.DeclareTypeAsync(["space", "page", "{self}"], ["attachment", "comment", "{self}"]);
        var word = "wombat" + Unique();
        var created = await Admin.CreateCustomContentAsync(type, "spaceId", spaceId, "Note " + word, $"<p>{word}</p>");
        var id = (string)created["id"]!;
        Assert.Equal(type, (string)created["type"]!);
        Assert.Equal(spaceId, (string)created["spaceId"]!);
        Assert.Null(created["pageId"]);
        Assert.Equal("current", (string)created["status"]!);
        Assert.Equal(1, (int)created["version"]!["number"]!);
        Assert.Equal($"<p>{word}</p>", (string)created["body"]!["storage"]!["value"]!);
        Assert.Equal($"/display/{key}/customcontent/{id}", (string)created["_links"]!["webui"]!);

        var read = (await Admin.Get($"{V2}/custom-content/{id}?body-format=atlas_doc_format")).Expect(HttpStatusCode.OK).Json!;
        Assert.Contains(word, (string)read["body"]!["atlas_doc_format"]!["value"]!);
        Assert.StartsWith("http", (string)read["_links"]!["base"]!);
        Assert.Null((await Admin.Get($"{V2}/custom-content/{id}?body-format=raw")).Expect(HttpStatusCode.OK).Json!["body"]!["storage"]);

        // v1 sees the same content under its type key, lists it by type, and CQL finds it by type and text.
        var v1 = await Admin.GetContentAsync(id, "?expand=body.storage,space");
        Assert.Equal(type, (string)v1["type"]!);
        Assert.Equal(key, (string)v1["space"]!["key"]!);
        Assert.Contains((await Admin.Get($"{ContentUrl}?type={type}&spaceKey={key}")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray(),
            r => (string)r!["id"]! == id);
        var found = (await Admin.Get(Cql($"type = \"{type}\" AND text ~ \"{word}\""))).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        Assert.Equal([id], found.Select(r => (string)r!["id"]!));

        // In a page, and in other custom content (its children).
        var page = (string)(await Admin.CreateV2PageAsync(spaceId))["id"]!;
        var inPage = await Admin.CreateCustomContentAsync(type, "pageId", page, "In the page");
        Assert.Equal(page, (string)inPage["pageId"]!);
        var child = await Admin.CreateCustomContentAsync(type, "customContentId", id, "A child");
        Assert.Equal(id, (string)child["customContentId"]!);
        Assert.Equal(spaceId, (string)child["spaceId"]!);
        Assert.Equal([(string)inPage["id"]!], (await Admin.WalkAsync($"{V2}/pages/{page}/custom-content?type={type}")).Select(r => (string)r["id"]!));
        var children = await Admin.WalkAsync($"{V2}/custom-content/{id}/children");
        Assert.Equal([(string)child["id"]!], children.Select(c => (string)c["id"]!));
        Assert.Equal(type, (string)children[0]["type"]!);
        Assert.Null(children[0]["body"]);
        var inSpace = await Admin.WalkAsync($"{V2}/spaces/{spaceId}/custom-content?type={type}&limit=1");
        Assert.Equal(new[] { id, (string)inPage["id"]!, (string)child["id"]! }.Order(), inSpace.Select(r => (string)r["id"]!).Order());
        var site = await Admin.WalkAsync($"{V2}/custom-content?type={type}&space-id={spaceId}&sort=-title&body-format=storage");
        Assert.Equal(["Note " + word, "In the page", "A child"], site.Select(r => (string)r["title"]!));
        Assert.Equal("<p>custom</p>", (string)site[1]["body"]!["storage"]!["value"]!);
        Assert.Empty(await Admin.WalkAsync($"{V2}/custom-content?type=ac:quire-test:never-declared"));

        // A new version, its history, and v1's view of it.
        var updated = (await Admin.PutJson($"{V2}/custom-content/{id}", new
        {
            id, type, status = "current", spaceId, title = "Renamed " + word,
            body = new { storage = new { representation = "storage", value = "<p>two</p>" } }, version = new { number = 2, message = "second" },
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(2, (int)updated["version"]!["number"]!);
        Assert.Equal("second", (string)updated["version"]!["message"]!);
        Assert.Equal("<p>two</p>", (string)updated["body"]!["storage"]!["value"]!);
        var versions = await Admin.WalkAsync($"{V2}/custom-content/{id}/versions?body-format=storage");
        Assert.Equal([2, 1], versions.Select(v => (int)v["number"]!));
        Assert.Equal($"<p>{word}</p>", (string)versions[1]["custom"]!["body"]!["storage"]!["value"]!);
        var detail = (await Admin.Get($"{V2}/custom-content/{id}/versions/1")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(2, (int)detail["nextVersion"]!);
        Assert.Equal("Note " + word, (string)(await Admin.Get($"{V2}/custom-content/{id}?version=1")).Expect(HttpStatusCode.OK).Json!["title"]!);
        Assert.Equal("Renamed " + word, (string)(await Admin.GetContentAsync(id))["title"]!);

        // Delete trashes (v1 sees the trash), purge removes; a page id is no custom content.
        (await Admin.Delete($"{V2}/custom-content/{id}")).Expect(HttpStatusCode.NoContent);
        Assert.Equal("trashed", (string)(await Admin.Get($"{V2}/custom-content/{id}")).Expect(HttpStatusCode.OK).Json!["status"]!);
        Assert.DoesNotContain(await Admin.WalkAsync($"{V2}/custom-content?type={type}"), r => (string)r["id"]! == id);
        (await Admin.Delete($"{V2}/custom-content/{id}?purge=true")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"{V2}/custom-content/{id}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Get($"{ContentUrl}/{id}")).Expect(HttpStatusCode.NotFound);
        (await Admin.Get($"{V2}/custom-content/{page}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Get($"{V2}/pages/{inPage["id"]}")).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Properties_labels_attachments_comments_and_operations_hang_off_custom_content()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var type = await Admin.DeclareTypeAsync(["space"], ["attachment", "comment"]);
        var id = (string)(await Admin.CreateCustomContentAsync(type, "spaceId", spaceId))["id"]!;

        var property = (await Admin.PostJson($"{V2}/custom-content/{id}/properties", new { key = "colour", value = new { hue = "teal" } }))
            .Expect(HttpStatusCode.OK).Json!;
        var propertyId = (string)property["id"]!;
        Assert.Equal("teal", (string)(await Admin.Get($"{V2}/custom-content/{id}/properties/{propertyId}")).Expect(HttpStatusCode.OK).Json!["value"]!["hue"]!);
        (await Admin.PutJson($"{V2}/custom-content/{id}/properties/{propertyId}", new { key = "colour", value = "red", version = new { number = 2 } }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("red", (string)(await Admin.GetContentAsync(id, "?expand=metadata.properties.colour"))["metadata"]!["properties"]!["colour"]!["value"]!);
        Assert.Equal(["colour"], (await Admin.WalkAsync($"{V2}/custom-content/{id}/properties")).Select(p => (string)p["key"]!));

        (await Admin.PostJson($"{ContentUrl}/{id}/label", new[] { new { prefix = "global", name = "custom-label" } })).Expect(HttpStatusCode.OK);
        Assert.Equal(["custom-label"], (await Admin.WalkAsync($"{V2}/custom-content/{id}/labels")).Select(l => (string)l["name"]!));

        var attached = await Admin.AttachAsync(id, new UploadFile("notes.txt", AttachmentTestSupport.Bytes("custom bytes")));
        var attachments = await Admin.WalkAsync($"{V2}/custom-content/{id}/attachments");
        Assert.Equal([(string)attached[0]!["id"]!], attachments.Select(a => (string)a["id"]!));
        Assert.Equal(id, (string)attachments[0]["customContentId"]!);

        var comment = (await Admin.PostJson($"{V2}/footer-comments", new
        {
            customContentId = id, body = new { representation = "storage", value = "<p>well said</p>" },
        })).Expect(HttpStatusCode.Created).Json!;
        Assert.Equal(id, (string)comment["customContentId"]!);
        Assert.Equal([(string)comment["id"]!], (await Admin.WalkAsync($"{V2}/custom-content/{id}/footer-comments")).Select(c => (string)c["id"]!));
        Assert.Contains((await Admin.Get($"{ContentUrl}/{id}/child/comment")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray(),
            c => (string)c!["id"]! == (string)comment["id"]!);

        var operations = (await Admin.Get($"{V2}/custom-content/{id}/operations")).Expect(HttpStatusCode.OK).Json!["operations"]!.AsArray();
        Assert.Equal(["delete", "read", "update"], operations.Select(o => (string)o!["operation"]!).Order());

        var included = (await Admin.Get($"{V2}/custom-content/{id}?include-labels=true&include-properties=true&include-versions=true&include-operations=true"))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["custom-label"], included["labels"]!["results"]!.AsArray().Select(l => (string)l!["name"]!));
        Assert.Equal(["colour"], included["properties"]!["results"]!.AsArray().Select(p => (string)p!["key"]!));
        Assert.Equal($"/wiki/api/v2/custom-content/{id}/properties", (string)included["properties"]!["_links"]!["self"]!);
        Assert.Single(included["versions"]!["results"]!.AsArray());
        Assert.NotEmpty(included["operations"]!["results"]!.AsArray());

        // A page's sub-routes do not find custom content, nor custom content's a page.
        var page = (string)(await Admin.CreatePageAsync(key))["id"]!;
        (await Admin.Get($"{V2}/pages/{id}/properties")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Get($"{V2}/custom-content/{page}/properties")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Get($"{V2}/custom-content/{page}/labels")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Get($"{V2}/custom-content/{page}/footer-comments")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Get($"{V2}/custom-content/{page}/versions")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Get($"{V2}/custom-content/{page}/operations")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Get($"{V2}/custom-content/{page}/children")).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task The_declaration_decides_containers_and_children_and_bad_input_stores_nothing()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var spaceOnly = await Admin.DeclareTypeAsync(["space"], []);
        var pageOnly = await Admin.DeclareTypeAsync(["page"], ["attachment", "comment"]);
        var page = (string)(await Admin.CreateV2PageAsync(spaceId))["id"]!;
        var host = (string)(await Admin.CreateCustomContentAsync(spaceOnly, "spaceId", spaceId, "Host"))["id"]!;
        var body = new { representation = "storage", value = "<p>x</p>" };

        // Undeclared or built-in types, places the declaration does not allow, children and comments it does not take.
        (await Admin.PostJson($"{V2}/custom-content", new { type = "ac:quire-test:undeclared", spaceId, title = "t", body })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/custom-content", new { type = "page", spaceId, title = "t", body })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/custom-content", new { spaceId, title = "t", body })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/custom-content", new { type = spaceOnly, pageId = page, title = "t", body })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/custom-content", new { type = pageOnly, spaceId, title = "t", body })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/custom-content", new { type = pageOnly, customContentId = host, title = "t", body })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/custom-content", new { type = pageOnly, pageId = host, title = "t", body })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/custom-content", new { type = pageOnly, pageId = page, blogPostId = page, title = "t", body })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/custom-content", new { type = pageOnly, pageId = page, title = "", body })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/custom-content", new { type = pageOnly, pageId = page, title = "t", body = new { representation = "storage", value = "<p>open" } }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/custom-content", new { type = pageOnly, pageId = "999999999", title = "t", body })).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.PostJson($"{V2}/footer-comments", new { customContentId = host, body })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.UploadAsync(HttpMethod.Post, AttachmentTestSupport.Attachments(host), AttachmentTestSupport.Form([new UploadFile("no.txt", AttachmentTestSupport.Bytes("no"))])))
            .Expect(HttpStatusCode.BadRequest);
        (await Admin.PostJson(ContentUrl, new { type = "ac:quire-test:undeclared", title = "t", space = new { key }, body = StorageBody("<p>x</p>") }))
            .Expect(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/custom-content")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/custom-content?type=page")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/{page}/custom-content")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/custom-content?type={pageOnly}&sort=size")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/custom-content/{host}/children?sort=title")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/custom-content/{host}?body-format=wiki")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/custom-content/x")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{V2}/custom-content/{host}", new { id = host, type = spaceOnly, status = "current", title = "No version", body })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{V2}/custom-content/{host}", new { id = host, type = pageOnly, status = "current", title = "Other type", body, version = new { number = 2 } }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{V2}/custom-content/{host}", new { id = host, type = spaceOnly, status = "current", pageId = page, title = "Moved", body, version = new { number = 2 } }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{V2}/custom-content/{host}", new { id = host, type = spaceOnly, status = "current", title = "Late", body, version = new { number = 5 } }))
            .ExpectV2Error(HttpStatusCode.Conflict);
        (await Admin.Delete($"{V2}/custom-content/{host}?purge=true")).ExpectV2Error(HttpStatusCode.BadRequest);

        // Nothing of it was stored: the host is as it was, and no other custom content exists of either type.
        var now = (await Admin.Get($"{V2}/custom-content/{host}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(("Host", 1), ((string)now["title"]!, (int)now["version"]!["number"]!));
        Assert.Single(await Admin.WalkAsync($"{V2}/custom-content?type={spaceOnly}"));
        Assert.Empty(await Admin.WalkAsync($"{V2}/custom-content?type={pageOnly}"));
        Assert.Empty(await Admin.WalkAsync($"{V2}/custom-content/{host}/footer-comments"));
        Assert.Empty(await Admin.WalkAsync($"{V2}/custom-content/{host}/attachments"));

        // v1 creates custom content of a declared type in a page, and lists it as its container's.
        var v1 = (await Admin.PostJson(ContentUrl, new
        {
            type = pageOnly, title = "From v1", space = new { key }, container = new { id = page, type = "page" }, body = StorageBody("<p>v1</p>"),
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(pageOnly, (string)v1["type"]!);
        Assert.Equal([(string)v1["id"]!], (await Admin.WalkAsync($"{V2}/pages/{page}/custom-content?type={pageOnly}")).Select(r => (string)r["id"]!));
    }

    [SkippableFact]
    public async Task Custom_content_in_a_restricted_or_trashed_page_is_hidden_through_every_route()
    {
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var spaceId = ((long)(await Admin.Get($"/wiki/rest/api/space/{key}")).Expect(HttpStatusCode.OK).Json!["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        var type = await Admin.DeclareTypeAsync(["space", "page", "{self}"], ["attachment", "comment", "{self}"]);
        var restricted = (string)(await Admin.CreatePageAsync(key, "Restricted " + Unique()))["id"]!;
        var trashed = (string)(await Admin.CreatePageAsync(key, "Trashed " + Unique()))["id"]!;
        var open = (string)(await Admin.CreateCustomContentAsync(type, "spaceId", spaceId, "Open one"))["id"]!;
        var hidden = (string)(await Admin.CreateCustomContentAsync(type, "pageId", restricted, "Hidden one"))["id"]!;
        var nested = (string)(await Admin.CreateCustomContentAsync(type, "customContentId", hidden, "Nested one"))["id"]!;
        var binned = (string)(await Admin.CreateCustomContentAsync(type, "pageId", trashed, "Binned one"))["id"]!;
        await Admin.RestrictAsync(restricted, Entry("read", [me]));
        (await Admin.Delete($"{ContentUrl}/{trashed}")).Expect(HttpStatusCode.NoContent);

        var client = reader.Client;
        foreach (var id in new[] { hidden, nested, binned })
        {
            foreach (var path in new[] { "", "/properties", "/labels", "/attachments", "/footer-comments", "/versions", "/versions/1", "/operations", "/children" })
                (await client.Get($"{V2}/custom-content/{id}{path}")).ExpectV2Error(HttpStatusCode.NotFound);
            (await client.Get($"{ContentUrl}/{id}")).Expect(HttpStatusCode.NotFound);
            (await client.PostJson($"{V2}/custom-content", new
            {
                type, customContentId = id, title = "Sneaky", body = new { representation = "storage", value = "<p>x</p>" },
            })).ExpectV2Error(HttpStatusCode.NotFound);
        }
        (await client.Get($"{V2}/pages/{restricted}/custom-content?type={type}")).ExpectV2Error(HttpStatusCode.NotFound);
        Assert.Equal([open], (await client.WalkAsync($"{V2}/custom-content?type={type}")).Select(r => (string)r["id"]!));
        Assert.Equal([open], (await client.WalkAsync($"{V2}/spaces/{spaceId}/custom-content?type={type}")).Select(r => (string)r["id"]!));
        Assert.Equal([open], (await client.Get(Cql($"type = \"{type}\""))).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray().Select(r => (string)r!["id"]!));
        Assert.Equal([open], (await client.Get($"{ContentUrl}?type={type}&spaceKey={key}")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray().Select(r => (string)r!["id"]!));
        // The admin, who may, still sees all four.
        Assert.Equal(4, (await Admin.WalkAsync($"{V2}/spaces/{spaceId}/custom-content?type={type}")).Count);
    }

    [SkippableFact]
    public async Task What_hangs_deep_below_a_trashed_page_is_hidden_with_it_and_nothing_nests_deeper()
    {
        // A page holds custom content, which holds custom content, which holds an attachment: three containers up from the
        // attachment to the page. Trashing the page hides all of it from a reader, at every depth.
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var type = await Admin.DeclareTypeAsync(["space", "page", "{self}"], ["attachment", "comment", "{self}"]);
        var page = (string)(await Admin.CreatePageAsync(key, "Deep " + Unique()))["id"]!;
        var outer = (string)(await Admin.CreateCustomContentAsync(type, "pageId", page, "Outer"))["id"]!;
        var inner = (string)(await Admin.CreateCustomContentAsync(type, "customContentId", outer, "Inner"))["id"]!;
        var file = "deep-" + Unique() + ".txt";
        var attachment = (string)(await Admin.AttachAsync(inner, new UploadFile(file, AttachmentTestSupport.Bytes("deep"))))[0]!["id"]!;
        var comment = (string)(await Admin.PostJson($"{V2}/footer-comments", new
        {
            customContentId = inner, body = new { representation = "storage", value = "<p>deep comment</p>" },
        })).Expect(HttpStatusCode.Created).Json!["id"]!;
        (await reader.Client.Get($"{V2}/attachments/{attachment}")).Expect(HttpStatusCode.OK);

        // One level more would put what hangs off it beyond what the read rule checks: refused, nothing stored.
        (await Admin.PostJson($"{V2}/custom-content", new
        {
            type, customContentId = inner, title = "Too deep", body = new { representation = "storage", value = "<p>x</p>" },
        })).ExpectV2Error(HttpStatusCode.BadRequest);
        Assert.Empty(await Admin.WalkAsync($"{V2}/custom-content/{inner}/children"));

        (await Admin.Delete($"{ContentUrl}/{page}")).Expect(HttpStatusCode.NoContent);
        (await reader.Client.Get($"{V2}/attachments/{attachment}")).ExpectV2Error(HttpStatusCode.NotFound);
        var attachmentNumber = attachment.Replace("att", "", StringComparison.Ordinal);
        (await reader.Client.Get($"{ContentUrl}/{attachmentNumber}")).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{V2}/footer-comments/{comment}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{V2}/custom-content/{inner}")).ExpectV2Error(HttpStatusCode.NotFound);
        var found = (await reader.Client.Get(Cql($"space = {key} AND (title = \"{file}\" OR type = comment)"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Empty(found["results"]!.AsArray());
        Assert.DoesNotContain(file, (await reader.Client.Get($"{ContentUrl}?type=attachment&spaceKey={key}")).Body);
        // The space's admin, who may see the trash, still reaches it.
        (await Admin.Get($"{ContentUrl}/{attachmentNumber}")).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task A_pages_update_restriction_governs_the_custom_content_nested_in_it_and_its_attachments()
    {
        var editor = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([], [editor]);
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        var type = await Admin.DeclareTypeAsync(["space", "page", "{self}"], ["attachment", "comment", "{self}"]);
        var page = (string)(await Admin.CreatePageAsync(key, "Guarded " + Unique()))["id"]!;
        var outer = (string)(await Admin.CreateCustomContentAsync(type, "pageId", page, "Outer"))["id"]!;
        var inner = (string)(await Admin.CreateCustomContentAsync(type, "customContentId", outer, "Inner"))["id"]!;
        var attachment = (string)(await Admin.AttachAsync(outer, new UploadFile("guarded.txt", AttachmentTestSupport.Bytes("g"))))[0]!["id"]!;
        // Everyone reads the page; only the admin may change it.
        await Admin.RestrictAsync(page, Entry("update", [me]));

        (await editor.Client.PutJson($"{V2}/custom-content/{inner}", new
        {
            id = inner, type, status = "current", title = "Changed anyway",
            body = new { storage = new { representation = "storage", value = "<p>no</p>" } }, version = new { number = 2 },
        })).ExpectV2Error(HttpStatusCode.Forbidden);
        (await editor.Client.Delete($"{V2}/custom-content/{inner}")).ExpectV2Error(HttpStatusCode.Forbidden);
        // v2's delete answers 404 to a caller without permission, as the spec says.
        (await editor.Client.Delete($"{V2}/attachments/{attachment}")).ExpectV2Error(HttpStatusCode.NotFound);
        var operations = (await editor.Client.Get($"{V2}/custom-content/{inner}/operations")).Expect(HttpStatusCode.OK).Json!["operations"]!.AsArray();
        Assert.DoesNotContain(operations, o => (string?)o!["operation"] is "update" or "delete");
        Assert.Equal("Inner", (string?)(await Admin.Get($"{V2}/custom-content/{inner}")).Expect(HttpStatusCode.OK).Json!["title"]);
        (await Admin.Get($"{V2}/attachments/{attachment}")).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Only_site_admins_declare_types_and_a_type_with_content_stays()
    {
        var user = await NewUserAsync();
        (await user.Client.Get(TypesUrl)).Expect(HttpStatusCode.Forbidden);
        (await user.Client.PostJson(TypesUrl, new { key = "ac:quire-test:nope" })).Expect(HttpStatusCode.Forbidden);
        foreach (var bad in new[] { "page", "ac:only-two", "ac:Upper:Case", "forge:a:b", "x:y:z", "" })
            (await Admin.PostJson(TypesUrl, new { key = bad })).Expect(HttpStatusCode.BadRequest);
        (await Admin.PostJson(TypesUrl, new { key = "ac:quire-test:bad-container" + Unique(), apiSupport = new { supportedContainerTypes = new[] { "attachment" } } }))
            .Expect(HttpStatusCode.BadRequest);
        (await Admin.PostJson(TypesUrl, new { key = "ac:quire-test:bad-body" + Unique(), apiSupport = new { bodyType = "raw" } })).Expect(HttpStatusCode.BadRequest);

        var type = await Admin.DeclareTypeAsync();
        (await Admin.PostJson(TypesUrl, new { key = type })).Expect(HttpStatusCode.Conflict);
        var read = (await Admin.Get($"{TypesUrl}/{type}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["space"], read["apiSupport"]!["supportedContainerTypes"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(["attachment", "comment"], read["apiSupport"]!["supportedChildTypes"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("storage", (string)read["apiSupport"]!["bodyType"]!);
        Assert.Contains((await Admin.Get(TypesUrl)).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray(), t => (string)t!["key"]! == type);

        var (_, spaceId) = await Admin.NewSpaceAsync();
        var id = (string)(await Admin.CreateCustomContentAsync(type, "spaceId", spaceId))["id"]!;
        (await Admin.Delete($"{TypesUrl}/{type}")).Expect(HttpStatusCode.Conflict);
        (await Admin.Delete($"{V2}/custom-content/{id}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete($"{V2}/custom-content/{id}?purge=true")).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete($"{TypesUrl}/{type}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"{TypesUrl}/{type}")).Expect(HttpStatusCode.NotFound);
        (await Admin.PostJson($"{V2}/custom-content", new { type, spaceId, title = "Gone", body = new { representation = "storage", value = "<p>x</p>" } }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CustomContentApiTestsOnSqlite(SqliteServerFixture fixture) : CustomContentApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class CustomContentApiTestsOnPostgres(PostgresServerFixture fixture) : CustomContentApiTests(fixture);
