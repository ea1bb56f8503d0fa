using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.ApiV2;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ApiV2.CustomContent.CustomContentTestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.Web;

/// <summary>
/// Reading in the web interface over HTTP: every <c>webui</c> and <c>tinyui</c> link the API emits opens the
/// content it belongs to; a page shows its body (macros, tasks, images, links), breadcrumbs, labels,
/// attachments and comments; the space home and its page tree; what the API hides stays hidden.
/// </summary>
public abstract class WebReadingTests(ServerFixture fixture) : WebTest(fixture)
{
    /// <summary>A 1x1 PNG, for an image attachment.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [SkippableFact]
    public async Task Every_webui_and_tinyui_link_the_API_emits_opens_its_content()
    {
        var (key, spaceId, home) = await Admin.CreateSpaceWithHomepageAsync();
        var page = await Admin.CreatePageAsync(key, "Parent page", parentId: home);
        var pageId = (string)page["id"]!;
        var child = await Admin.CreatePageAsync(key, "Child page & more", parentId: pageId);
        var blog = await Admin.CreatePageAsync(key, "A blog post", type: "blogpost");
        var comment = (await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = pageId, type = "page" }, body = StorageBody("<p>A comment</p>"),
        })).Expect(HttpStatusCode.OK).Json!;
        var attachment = (await Admin.AttachAsync(pageId, new UploadFile("notes.txt", AttachmentTestSupport.Bytes("hello"))))[0]!;
        var space = spaceId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var folder = (await Admin.PostJson($"{ApiV2TestSupport.V2}/folders", new { spaceId = space, title = "A folder" })).Expect(HttpStatusCode.OK).Json!;
        var board = (await Admin.PostJson($"{ApiV2TestSupport.V2}/whiteboards", new { spaceId = space, title = "A board" })).Expect(HttpStatusCode.OK).Json!;
        var database = (await Admin.PostJson($"{ApiV2TestSupport.V2}/databases", new { spaceId = space, title = "A database" })).Expect(HttpStatusCode.OK).Json!;
        var embed = (await Admin.PostJson($"{ApiV2TestSupport.V2}/embeds", new { spaceId = space, title = "A link", embedUrl = "https://example.com/" }))
            .Expect(HttpStatusCode.OK).Json!;
        var customType = await Admin.DeclareTypeAsync(containers: ["space"]);
        var custom = await Admin.CreateCustomContentAsync(customType, "spaceId", space, "Custom thing");

        var browser = await AdminBrowserAsync();
        async Task<WebPage> Opens(string webui, string selector)
        {
            var opened = await FollowAsync(browser, "/wiki" + webui);
            Assert.True(opened.Status == HttpStatusCode.OK, $"{webui} answered {(int)opened.Status}: {opened.Html}");
            Assert.True(opened.Document.QuerySelector(selector) is not null, $"{webui} does not show '{selector}': {opened.Html}");
            return opened;
        }

        var spaceJson = (await Admin.Get($"/wiki/rest/api/space/{key}")).Expect(HttpStatusCode.OK).Json!;
        await Opens((string)spaceJson["_links"]!["webui"]!, $"article[data-content-id='{home}']");
        await Opens($"/spaces/{key}/overview", $"article[data-content-id='{home}']");
        foreach (var content in new[] { page, child, blog })
        {
            var id = (string)content["id"]!;
            var fetched = await Admin.GetContentAsync(id);
            var shown = await Opens((string)fetched["_links"]!["webui"]!, $"article[data-content-id='{id}']");
            Assert.Equal((string)content["title"]!, shown.Text("main h1"));
            await Opens((string)fetched["_links"]!["tinyui"]!, $"article[data-content-id='{id}']");
            await Opens($"/pages/viewpage.action?pageId={id}", $"article[data-content-id='{id}']");
        }
        var commentId = (string)comment["id"]!;
        await Opens((string)comment["_links"]!["webui"]!, $"article[data-content-id='{pageId}'] li#comment-{commentId}.focused");
        await Opens((string)attachment["_links"]!["webui"]!, $"tr#attachment-{((string)attachment["id"]!).Replace("att", "")}.focused");
        foreach (var item in new[] { folder, board, database, embed, custom })
            await Opens((string)item["_links"]!["webui"]!, $"article[data-content-id='{(string)item["id"]!}']");

        // A page's editui leads to the editor; a comment's tinyui to its page.
        var editui = (string)(await Admin.GetContentAsync(pageId))["_links"]!["edit"]!;
        var toEditor = await OpenAsync(browser, "/wiki" + editui);
        Assert.Equal(HttpStatusCode.Redirect, toEditor.Status);
        Assert.Equal($"/wiki/pages/editpage.action?pageId={pageId}", toEditor.Location);
        await Opens((string)(await Admin.GetContentAsync(commentId))["_links"]!["tinyui"]!, $"li#comment-{commentId}");
    }

    [SkippableFact]
    public async Task A_draft_opens_for_its_author_only()
    {
        var (key, _, _) = await Admin.CreateSpaceWithHomepageAsync();
        var (other, otherBrowser) = await NewSignedInUserAsync();
        var draft = await Admin.CreatePageAsync(key, "Unfinished", status: "draft");
        var editui = (string)draft["_links"]!["edit"]!; // v1's name for editui
        Assert.StartsWith("/pages/resumedraft.action?draftId=", editui);

        // The editui is the draft's editor (WebContentEditingTests saves and publishes through it).
        var shown = (await OpenAsync(await AdminBrowserAsync(), "/wiki" + editui)).Expect(HttpStatusCode.OK);
        Assert.Equal("Edit draft page", shown.Text("main h1"));
        Assert.Equal("Unfinished", shown.Document.QuerySelector("#editor-title")!.GetAttribute("value"));
        Assert.Contains("draft", shown.Text("main .message"));
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(otherBrowser, "/wiki" + editui)).Status);
        // Its webui too: the author sees the draft, nobody else does.
        var webui = "/wiki" + (string)draft["_links"]!["webui"]!;
        Assert.Equal("Unfinished", (await OpenAsync(await AdminBrowserAsync(), webui)).Expect(HttpStatusCode.OK).Text("main h1"));
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(otherBrowser, webui)).Status);
        _ = other;
    }

    [SkippableFact]
    public async Task A_page_shows_its_rendered_body_breadcrumbs_labels_attachments_and_comments()
    {
        var (key, _, home) = await Admin.CreateSpaceWithHomepageAsync();
        var parent = (string)(await Admin.CreatePageAsync(key, "Guide", parentId: home))["id"]!;
        await Admin.CreatePageAsync(key, "Glossary", parentId: parent);
        const string body =
            "<ac:structured-macro ac:name=\"info\"><ac:rich-text-body><p>Read this first.</p></ac:rich-text-body></ac:structured-macro>" +
            "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>Done thing</ac:task-body></ac:task></ac:task-list>" +
            "<p><ac:image ac:width=\"40\"><ri:attachment ri:filename=\"dot.png\" /></ac:image></p>" +
            "<p><ac:link><ri:page ri:content-title=\"Glossary\" /></ac:link></p>";
        var id = (string)(await Admin.CreatePageAsync(key, "Setup", body, parentId: parent))["id"]!;
        await Admin.AttachAsync(id, new UploadFile("dot.png", Png, "image/png"));
        (await Admin.PostJson($"{ContentUrl}/{id}/label", new[] { new { prefix = "global", name = "howto" } })).Expect(HttpStatusCode.OK);
        (await Admin.PostJson(ContentUrl, new { type = "comment", container = new { id, type = "page" }, body = StorageBody("<p>Thanks <strong>a lot</strong></p>") }))
            .Expect(HttpStatusCode.OK);

        var browser = await AdminBrowserAsync();
        var page = (await FollowAsync(browser, $"/wiki/pages/viewpage.action?pageId={id}")).Expect(HttpStatusCode.OK);
        var crumbs = page.Document.QuerySelectorAll(".breadcrumbs li a").Select(a => a.TextContent).ToList();
        Assert.Equal("Guide", crumbs[^1]);
        Assert.Equal(3, crumbs.Count); // space, home page, Guide (the page itself is the heading)
        var content = page.Document.QuerySelector(".page-body")!;
        Assert.Contains("Read this first.", content.TextContent);
        Assert.Equal("Read this first.", content.QuerySelector(".confluence-information-macro .confluence-information-macro-body")!.TextContent.Trim());
        Assert.Contains("Done thing", content.TextContent);
        Assert.Equal("Done thing", content.QuerySelector("ul.inline-task-list li.checked")!.TextContent.Trim());
        var image = content.QuerySelector("img")!;
        Assert.Contains("/wiki/download/attachments/", image.GetAttribute("src"));
        var glossaryLink = content.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Glossary"));
        Assert.Contains("/wiki/spaces/", glossaryLink.GetAttribute("href"));
        Assert.Equal("howto", page.Text(".labels a"));
        var download = page.Document.QuerySelector(".attachments a[download]")!.GetAttribute("href")!;
        Assert.Contains("Thanks", page.Text(".comment-body"));
        Assert.Equal("a lot", page.Text(".comment-body strong"));

        // The image and the attachment download with the session cookie alone, as a browser fetches them.
        var imageBytes = await browser.GetAsync(image.GetAttribute("src"));
        Assert.Equal(HttpStatusCode.OK, imageBytes.StatusCode);
        Assert.Equal(Png, await imageBytes.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(download)).StatusCode);
        // ...and never without it, and the cookie still signs nothing in on the REST API.
        Assert.Equal(HttpStatusCode.Unauthorized, (await NewBrowser().GetAsync(download)).StatusCode);
    }

    [SkippableFact]
    public async Task The_space_home_shows_the_page_tree_and_a_node_s_children_come_as_a_fragment_in_tree_order()
    {
        var (key, _, home) = await Admin.CreateSpaceWithHomepageAsync();
        var parent = (string)(await Admin.CreatePageAsync(key, "Handbook", parentId: home))["id"]!;
        foreach (var title in new[] { "Zeta", "Alpha", "Mid" }) await Admin.CreatePageAsync(key, title, parentId: parent);
        var browser = await AdminBrowserAsync();

        var spaceHome = (await OpenAsync(browser, $"/wiki/spaces/{key}")).Expect(HttpStatusCode.OK);
        var roots = spaceHome.Document.QuerySelectorAll(".page-tree > .tree-level > .tree-node > details");
        var homeNode = Assert.Single(roots);
        Assert.Equal($"/wiki/spaces/{key}/pagetree/{home}?fragment=1", homeNode.GetAttribute("data-children"));
        // Without script the node's link opens its children as a page.
        Assert.Equal($"/wiki/spaces/{key}/pagetree/{home}", homeNode.QuerySelector(".tree-children a")!.GetAttribute("href"));

        var level = (await OpenAsync(browser, $"/wiki/spaces/{key}/pagetree/{home}?fragment=1")).Expect(HttpStatusCode.OK);
        Assert.Null(level.Document.QuerySelector("header"));
        Assert.Equal(["Handbook"], level.Document.QuerySelectorAll(".tree-node .tree-link").Select(a => a.TextContent));
        var children = (await OpenAsync(browser, $"/wiki/spaces/{key}/pagetree/{parent}")).Expect(HttpStatusCode.OK);
        Assert.NotNull(children.Document.QuerySelector("header"));
        Assert.Equal(["Zeta", "Alpha", "Mid"], children.Document.QuerySelectorAll(".tree-node .tree-link").Select(a => a.TextContent));
    }

    [SkippableFact]
    public async Task The_tree_s_top_level_holds_every_page_tree_kind_and_only_nodes_with_children_the_reader_may_see_expand()
    {
        var (reader, readerBrowser) = await NewSignedInUserAsync();
        var (key, spaceId, home) = await Admin.CreateSpaceWithHomepageAsync();
        var space = spaceId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Admin.CreatePageAsync(key, "Under home", parentId: home);
        var folder = (string)(await Admin.PostJson($"{ApiV2TestSupport.V2}/folders", new { spaceId = space, title = "Top folder" }))
            .Expect(HttpStatusCode.OK).Json!["id"]!;
        await Admin.CreateV2PageAsync(space, "In the folder", parentId: folder);
        var board = (string)(await Admin.PostJson($"{ApiV2TestSupport.V2}/whiteboards", new { spaceId = space, title = "Top board" }))
            .Expect(HttpStatusCode.OK).Json!["id"]!;
        var database = (string)(await Admin.PostJson($"{ApiV2TestSupport.V2}/databases", new { spaceId = space, title = "Top database" }))
            .Expect(HttpStatusCode.OK).Json!["id"]!;
        var embed = (string)(await Admin.PostJson($"{ApiV2TestSupport.V2}/embeds", new { spaceId = space, title = "Top link", embedUrl = "https://example.com/" }))
            .Expect(HttpStatusCode.OK).Json!["id"]!;
        var lonely = (string)(await Admin.CreateV2PageAsync(space, "Lonely <b>top</b>", query: "?root-level=true"))["id"]!;
        // Lonely's one child is restricted to the admin: for the reader, Lonely is a leaf (its control would betray the child).
        var hidden = (string)(await Admin.CreateV2PageAsync(space, "Hidden child", parentId: lonely))["id"]!;
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        await Admin.RestrictAsync(hidden, Entry("read", [me]));
        // A page restricted at the top is no root for the reader at all.
        var secretTop = (string)(await Admin.CreateV2PageAsync(space, "Secret top", query: "?root-level=true"))["id"]!;
        await Admin.RestrictAsync(secretTop, Entry("read", [me]));
        var homeTitle = (string)(await Admin.GetContentAsync(home))["title"]!;
        _ = reader;

        string[] Titles(WebPage page) => page.Document.QuerySelectorAll(".page-tree > .tree-level > .tree-node > .tree-link, .page-tree > .tree-level > .tree-node > details > summary > .tree-link")
            .Select(a => a.TextContent).ToArray();
        string[] Expandable(WebPage page) => page.Document.QuerySelectorAll(".page-tree > .tree-level > .tree-node > details > summary > .tree-link")
            .Select(a => a.TextContent).ToArray();

        var seen = (await OpenAsync(readerBrowser, $"/wiki/spaces/{key}")).Expect(HttpStatusCode.OK);
        var rootsInOrder = seen.Document.QuerySelectorAll(".page-tree > .tree-level > .tree-node").Select(li => li.QuerySelector(".tree-link")!.TextContent).ToArray();
        Assert.Equal([homeTitle, "Top folder", "Top board", "Top database", "Top link", "Lonely <b>top</b>"], rootsInOrder);
        Assert.Equal(rootsInOrder.Length, Titles(seen).Length);
        Assert.Equal(2, Expandable(seen).Length); // the home page and the folder
        Assert.DoesNotContain(Expandable(seen), t => t.Contains("Lonely", StringComparison.Ordinal));
        Assert.Contains("Top folder", Expandable(seen));
        Assert.DoesNotContain("Secret top", seen.Html);
        Assert.DoesNotContain("Hidden child", seen.Html);
        // Each kind links to its own view, and the folder's children come as a level.
        foreach (var id in new[] { folder, board, database, embed })
            Assert.NotNull(seen.Document.QuerySelector($".page-tree .tree-node a.tree-link[href*='{id}']"));
        var inFolder = (await OpenAsync(readerBrowser, $"/wiki/spaces/{key}/pagetree/{folder}?fragment=1")).Expect(HttpStatusCode.OK);
        Assert.Equal(["In the folder"], inFolder.Document.QuerySelectorAll(".tree-node.tree-leaf > .tree-link").Select(a => a.TextContent));

        // The admin, who may read the child, gets Lonely's control, and sees the restricted top page.
        var admin = (await OpenAsync(await AdminBrowserAsync(), $"/wiki/spaces/{key}")).Expect(HttpStatusCode.OK);
        Assert.Contains("Lonely <b>top</b>", Expandable(admin));
        Assert.Contains("Secret top", Titles(admin));
    }

    [SkippableFact]
    public async Task A_tree_level_is_capped_and_the_rest_is_one_link_away()
    {
        var (key, _, home) = await Admin.CreateSpaceWithHomepageAsync();
        for (var i = 0; i < 52; i++) await Admin.CreatePageAsync(key, $"Leaf {i:00}", parentId: home);
        var browser = await AdminBrowserAsync();
        var first = (await OpenAsync(browser, $"/wiki/spaces/{key}/pagetree/{home}?fragment=1")).Expect(HttpStatusCode.OK);
        Assert.Equal(50, first.Document.QuerySelectorAll(".tree-node").Length);
        var more = first.Document.QuerySelector(".tree-more a")!.GetAttribute("href")!;
        var rest = (await OpenAsync(browser, more)).Expect(HttpStatusCode.OK);
        Assert.Equal(["Leaf 50", "Leaf 51"], rest.Document.QuerySelectorAll(".tree-node .tree-link").Select(a => a.TextContent));
        Assert.Null(rest.Document.QuerySelector(".tree-more"));
    }

    [SkippableFact]
    public async Task A_restricted_page_its_attachments_and_comments_are_invisible_to_another_user_as_in_the_API()
    {
        var (reader, browser) = await NewSignedInUserAsync();
        var (key, _, home) = await Admin.CreateSpaceWithHomepageAsync();
        var secret = (string)(await Admin.CreatePageAsync(key, "Secret plans", "<p>classified words</p>", parentId: home))["id"]!;
        var attachment = (await Admin.AttachAsync(secret, new UploadFile("plan.txt", AttachmentTestSupport.Bytes("plan"))))[0]!;
        var comment = (string)(await Admin.PostJson(ContentUrl, new { type = "comment", container = new { id = secret, type = "page" }, body = StorageBody("<p>c</p>") }))
            .Expect(HttpStatusCode.OK).Json!["id"]!;
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        await Admin.RestrictAsync(secret, Entry("read", [me]));
        var tiny = (string)(await Admin.GetContentAsync(secret))["_links"]!["tinyui"]!;
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Client.Get($"{ContentUrl}/{secret}")).Status);

        foreach (var path in new[]
                 {
                     $"/wiki/spaces/{key}/pages/{secret}/Secret+plans", $"/wiki/pages/viewpage.action?pageId={secret}", "/wiki" + tiny,
                     $"/wiki/spaces/{key}/pages/{secret}?focusedCommentId={comment}", $"/wiki/pages/viewpageattachments.action?pageId={secret}",
                     $"/wiki/spaces/{key}/pagetree/{secret}", "/wiki" + (string)attachment["_links"]!["webui"]!,
                 })
        {
            var refused = await OpenAsync(browser, path);
            Assert.True(refused.Status == HttpStatusCode.NotFound, $"{path} answered {(int)refused.Status}");
            Assert.DoesNotContain("Secret plans", refused.Html);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/wiki/download/attachments/{secret}/plan.txt")).StatusCode);
        var tree = await OpenAsync(browser, $"/wiki/spaces/{key}/pagetree/{home}?fragment=1");
        Assert.DoesNotContain("Secret plans", tree.Html);
        var search = await OpenAsync(browser, "/wiki/search?text=classified");
        Assert.Empty(search.Document.QuerySelectorAll(".search-result"));

        // The owner sees all of it.
        var admin = await AdminBrowserAsync();
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(admin, $"/wiki/pages/viewpageattachments.action?pageId={secret}")).Status);
        Assert.Single((await OpenAsync(admin, "/wiki/search?text=classified")).Document.QuerySelectorAll(".search-result"));
    }

    [SkippableFact]
    public async Task Unknown_ids_and_malformed_addresses_are_4xx_pages_never_500()
    {
        var browser = await AdminBrowserAsync();
        foreach (var (path, status) in new[]
                 {
                     ("/wiki/spaces/NOPE_NOT_A_SPACE", HttpStatusCode.NotFound),
                     ("/wiki/spaces/X/pages/999999999999/Nothing", HttpStatusCode.NotFound),
                     ("/wiki/pages/viewpage.action?pageId=abc", HttpStatusCode.BadRequest),
                     ("/wiki/pages/viewpage.action", HttpStatusCode.BadRequest),
                     ("/wiki/pages/viewpageattachments.action?pageId=-1", HttpStatusCode.BadRequest),
                     ("/wiki/pages/resumedraft.action?draftId=%00", HttpStatusCode.BadRequest),
                     ("/wiki/x/!!!", HttpStatusCode.NotFound),
                     ("/wiki/x/AAAAAAAAAAAAAAAAAAAAAAAA", HttpStatusCode.NotFound),
                     ("/wiki/spaces/X/pagetree/1?after=zz_yy", HttpStatusCode.NotFound),
                     ("/wiki/spaces?start=-5&type=%3Cscript%3E", HttpStatusCode.OK),
                 })
        {
            var page = await OpenAsync(browser, path);
            Assert.True(page.Status == status, $"{path}: expected {(int)status}, got {(int)page.Status}: {page.Html}");
            Assert.True(page.Message.Content.Headers.ContentType?.MediaType == "text/html", $"{path} answered {page.Message.Content.Headers.ContentType}");
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WebReadingTestsOnSqlite(SqliteServerFixture fixture) : WebReadingTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class WebReadingTestsOnPostgres(PostgresServerFixture fixture) : WebReadingTests(fixture);
