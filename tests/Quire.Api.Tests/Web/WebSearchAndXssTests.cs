using System.Net;
using AngleSharp.Dom;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Web;

/// <summary>
/// The search page (text and CQL, filters, excerpts with highlighting, paging) and hostile strings: titles,
/// labels, file names, bodies and excerpts are shown as text everywhere, never as markup that runs.
/// </summary>
public abstract class WebSearchAndXssTests(ServerFixture fixture) : WebTest(fixture)
{
    /// <summary>Markup that would run or inject an element if any page used it unencoded.</summary>
    public const string Hostile = "<script>window.__quireInjected=true</script><img src=x onerror=\"window.__quireInjected=true\" class=\"injected\">";

    [SkippableFact]
    public async Task A_body_cannot_carry_the_page_trees_script_hook_and_its_page_has_a_Content_Security_Policy()
    {
        var (key, _, home) = await Admin.CreateSpaceWithHomepageAsync();
        var id = (string)(await Admin.CreatePageAsync(key, "Hooked",
            "<ul><li class=\"tree-node\"><details data-children=\"data:text/html,x\" data-loaded=\"\" data-kept=\"yes\"><summary>Open me</summary>" +
            "<div class=\"tree-children\">inside</div></details></li></ul>", parentId: home))["id"]!;
        var browser = await AdminBrowserAsync();
        var page = (await OpenAsync(browser, $"/wiki/spaces/{key}/pages/{id}")).Expect(HttpStatusCode.OK);
        var details = page.Document.QuerySelector(".page-body details")!;
        Assert.Equal("Open me", details.QuerySelector("summary")!.TextContent);
        Assert.False(details.HasAttribute("data-children"));
        Assert.False(details.HasAttribute("data-loaded"));
        Assert.Equal("yes", details.GetAttribute("data-kept"));
        Assert.Empty(page.Document.QuerySelectorAll(".page-body [data-children]"));
        Assert.Contains("script-src 'self'", page.Message.Headers.GetValues("Content-Security-Policy").Single());
    }

    [SkippableFact]
    public async Task Text_search_finds_pages_with_highlighted_excerpts_and_the_filters_narrow_it()
    {
        var word = "zebra" + Unique();
        var (key, _, home) = await Admin.CreateSpaceWithHomepageAsync();
        var (otherKey, _, _) = await Admin.CreateSpaceWithHomepageAsync();
        var labelled = (string)(await Admin.CreatePageAsync(key, "Stripes", $"<p>All about the {word} and its stripes.</p>", parentId: home))["id"]!;
        (await Admin.PostJson($"{ContentUrl}/{labelled}/label", new[] { new { prefix = "global", name = "animals" } })).Expect(HttpStatusCode.OK);
        await Admin.CreatePageAsync(otherKey, "Elsewhere", $"<p>Another {word} here.</p>");
        await Admin.CreatePageAsync(key, "A post", $"<p>The {word} blog.</p>", type: "blogpost");
        var browser = await AdminBrowserAsync();

        var all = (await OpenAsync(browser, $"/wiki/search?text={word}")).Expect(HttpStatusCode.OK);
        Assert.Equal(3, all.Document.QuerySelectorAll(".search-result").Length);
        var stripes = all.Document.QuerySelectorAll(".search-result").Single(r => r.QuerySelector("h2")!.TextContent == "Stripes");
        Assert.Equal(word, stripes.QuerySelector(".excerpt mark")!.TextContent);
        Assert.Equal($"/wiki/spaces/{key}/pages/{labelled}/Stripes", stripes.QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.Equal(word, all.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#site-search-text")!.Value);

        Titles(await OpenAsync(browser, $"/wiki/search?text={word}&space={key}"), "A post", "Stripes");
        Titles(await OpenAsync(browser, $"/wiki/search?text={word}&type=blogpost"), "A post");
        Titles(await OpenAsync(browser, $"/wiki/search?text={word}&label=animals"), "Stripes");
        Titles(await OpenAsync(browser, $"/wiki/search?cql={Uri.EscapeDataString($"title = \"Elsewhere\" and text ~ \"{word}\"")}"), "Elsewhere");
        // A filter value is quoted into the CQL: it cannot widen the query.
        Titles(await OpenAsync(browser, $"/wiki/search?text={word}&space={Uri.EscapeDataString($"{key}\" or space = \"{otherKey}")}"));
    }

    [SkippableFact]
    public async Task CQL_with_ORDER_BY_is_ordered_and_still_narrowed_by_the_filters()
    {
        var word = "gnu" + Unique();
        var (key, _, _) = await Admin.CreateSpaceWithHomepageAsync();
        var (otherKey, _, _) = await Admin.CreateSpaceWithHomepageAsync();
        foreach (var title in new[] { "Beta", "Alpha", "Gamma" }) await Admin.CreatePageAsync(key, title, $"<p>{word}</p>");
        await Admin.CreatePageAsync(key, "Delta post", $"<p>{word}</p>", type: "blogpost");
        await Admin.CreatePageAsync(otherKey, "Elsewhere", $"<p>{word}</p>");
        var browser = await AdminBrowserAsync();

        string[] Ordered(WebPage page) =>
            page.Expect(HttpStatusCode.OK).Document.QuerySelectorAll(".search-result h2").Select(h => h.TextContent).ToArray();
        var cql = Uri.EscapeDataString($"text ~ \"{word}\" order by title desc");
        Assert.Equal(["Gamma", "Elsewhere", "Delta post", "Beta", "Alpha"], Ordered(await OpenAsync(browser, $"/wiki/search?cql={cql}")));
        Assert.Equal(["Gamma", "Beta", "Alpha"], Ordered(await OpenAsync(browser, $"/wiki/search?cql={cql}&space={key}&type=page")));
        var either = Uri.EscapeDataString($"text ~ \"{word}\" and type = page or title = \"Delta post\" ORDER BY title ASC");
        Assert.Equal(["Alpha", "Beta", "Gamma"], Ordered(await OpenAsync(browser, $"/wiki/search?cql={either}&space={key}&type=page")));
        // Only an order, the filters are the condition.
        Assert.Equal(["Delta post"], Ordered(await OpenAsync(browser, $"/wiki/search?cql={Uri.EscapeDataString("order by title")}&space={key}&type=blogpost")));
    }

    [SkippableFact]
    public async Task A_CQL_mistake_is_a_400_page_with_the_form_and_results_page_by_twenty()
    {
        var browser = await AdminBrowserAsync();
        var wrong = await OpenAsync(browser, "/wiki/search?cql=title%20%3D%3D%3D");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.NotEmpty(wrong.Text("[role=alert]"));
        Assert.NotNull(wrong.Document.QuerySelector("form.search-form"));

        var word = "okapi" + Unique();
        var (key, _, _) = await Admin.CreateSpaceWithHomepageAsync();
        for (var i = 0; i < 21; i++) await Admin.CreatePageAsync(key, $"Okapi {i:00}", $"<p>{word}</p>");
        var first = (await OpenAsync(browser, $"/wiki/search?text={word}")).Expect(HttpStatusCode.OK);
        Assert.Equal(20, first.Document.QuerySelectorAll(".search-result").Length);
        Assert.Null(first.Document.QuerySelector(".pager a[rel=prev]"));
        var next = first.Document.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        var second = (await OpenAsync(browser, next)).Expect(HttpStatusCode.OK);
        Assert.Single(second.Document.QuerySelectorAll(".search-result"));
        Assert.NotNull(second.Document.QuerySelector(".pager a[rel=prev]"));
    }

    [SkippableFact]
    public async Task Hostile_titles_labels_file_names_bodies_and_excerpts_are_shown_as_text()
    {
        var (key, _, home) = await Admin.CreateSpaceWithHomepageAsync();
        var word = "quagga" + Unique();
        var body = $"<p>{System.Net.WebUtility.HtmlEncode(Hostile)} {word}</p>";
        var id = (string)(await Admin.CreatePageAsync(key, Hostile, body, parentId: home))["id"]!;
        (await Admin.PostJson($"{ContentUrl}/{id}/label", new[] { new { prefix = "global", name = "x\"><b>label" } })).Status.ToString();
        await Admin.AttachAsync(id, new UploadFile("<img src=x onerror=alert(1)>.txt", AttachmentTestSupport.Bytes("x")));
        (await Admin.PostJson(ContentUrl, new { type = "comment", container = new { id, type = "page" }, body = StorageBody(body) })).Expect(HttpStatusCode.OK);
        var browser = await AdminBrowserAsync();

        var page = (await FollowAsync(browser, $"/wiki/pages/viewpage.action?pageId={id}")).Expect(HttpStatusCode.OK);
        NothingInjected(page);
        Assert.Equal(Hostile, page.Text("main h1"));
        Assert.Equal(Hostile + " - Quire", page.Document.Title);
        Assert.Contains("<img src=x onerror=alert(1)>.txt", page.Text(".attachments td a"));
        Assert.Contains(Hostile, page.Text(".page-body"));
        Assert.Contains(Hostile, page.Text(".comment-body"));

        foreach (var path in new[]
                 {
                     $"/wiki/spaces/{key}", $"/wiki/spaces/{key}/pagetree/{home}", $"/wiki/pages/viewpageattachments.action?pageId={id}",
                     $"/wiki/search?text={word}", $"/wiki/search?text={Uri.EscapeDataString(Hostile)}", "/wiki/spaces",
                 })
            NothingInjected((await OpenAsync(browser, path)).Expect(HttpStatusCode.OK));
        NothingInjected((await OpenAsync(NewBrowser(),
            $"/wiki/login.action?os_destination={Uri.EscapeDataString("/wiki/\"><script>window.__quireInjected=true</script>")}")).Expect(HttpStatusCode.OK));
        var search = await OpenAsync(browser, $"/wiki/search?text={word}");
        Assert.Contains("window.__quireInjected", search.Text(".search-result .excerpt"));
    }

    /// <summary>No script, no injected element, no event-handler attribute anywhere in the page.</summary>
    private static void NothingInjected(WebPage page)
    {
        Assert.DoesNotContain(page.Document.QuerySelectorAll("script"), s => s.GetAttribute("src") != "/wiki/s/quire.js");
        Assert.Empty(page.Document.QuerySelectorAll("img.injected, img[src=x], main b, svg"));
        Assert.DoesNotContain(page.Document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
    }

    private static void Titles(WebPage page, params string[] titles) =>
        Assert.Equal(titles.Order(), page.Expect(HttpStatusCode.OK).Document.QuerySelectorAll(".search-result h2").Select(h => h.TextContent).Order());
}

[Collection(SqliteCollection.Name)]
public sealed class WebSearchAndXssTestsOnSqlite(SqliteServerFixture fixture) : WebSearchAndXssTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class WebSearchAndXssTestsOnPostgres(PostgresServerFixture fixture) : WebSearchAndXssTests(fixture);
