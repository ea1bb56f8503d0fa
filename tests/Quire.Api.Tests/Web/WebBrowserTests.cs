using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;
using static Quire.Api.Tests.Permissions.GlobalPermissionTestSupport;

namespace Quire.Api.Tests.Web;

/// <summary>
/// The flows in a real Chromium (few, since each costs seconds: the rest is checked over HTTP in the
/// other Web tests). Each test has its own server process on a fresh database, so site settings it changes
/// (anonymous access) touch no other test. Screenshots of the pages land in <c>screenshots/</c>.
/// </summary>
public abstract class WebBrowserTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task A_person_signs_in_with_the_form_sees_the_spaces_and_signs_out()
    {
        await using var site = await BrowserSite.StartAsync(Fixture);
        site.Open("/wiki/spaces");
        Assert.Contains("/wiki/login.action", site.Driver.Url);
        site.Screenshot($"sign-in-{Server.Engine}");

        site.SignInAsAdmin();
        Assert.EndsWith("/wiki/spaces", site.Driver.Url);
        Assert.Equal("Spaces", site.Driver.FindElement(By.CssSelector("main h1")).Text);
        site.Screenshot($"spaces-{Server.Engine}");

        // Keyboard: the skip link is the first thing Tab reaches, and it leads into main.
        site.Driver.FindElement(By.TagName("body")).SendKeys(Keys.Tab);
        Assert.Equal("skip-link", site.Driver.SwitchTo().ActiveElement().GetAttribute("class"));

        site.Driver.FindElement(By.CssSelector(".user-menu button")).Click();
        site.Wait(d => d.Url.Contains("/wiki/login.action", StringComparison.Ordinal));
        site.Open("/wiki/spaces");
        Assert.Contains("/wiki/login.action", site.Driver.Url);
    }

    [SkippableFact]
    public async Task Anonymous_access_off_asks_for_sign_in_and_on_lets_a_visitor_browse()
    {
        await using var site = await BrowserSite.StartAsync(Fixture);
        site.Open("/wiki/spaces");
        Assert.Contains("/wiki/login.action?os_destination=%2Fwiki%2Fspaces", site.Driver.Url);

        var granted = await site.Admin.PutAsync($"{PermissionsUrl}/use/anonymous", null);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        site.Open("/wiki/spaces");
        Assert.EndsWith("/wiki/spaces", site.Driver.Url);
        Assert.Equal("Sign in", site.Driver.FindElement(By.CssSelector(".user-menu a")).Text);
    }

    [SkippableFact]
    public async Task A_person_browses_a_space_expands_the_tree_opens_a_page_with_a_macro_and_an_image_and_searches()
    {
        await using var site = await BrowserSite.StartAsync(Fixture);
        var admin = site.Admin;
        (await admin.PostAsJsonAsync("/wiki/rest/api/space", new { key = "DOCS", name = "Documentation",
            description = new { plain = new { value = "How we work", representation = "plain" } } })).EnsureSuccessStatusCode();
        var home = (string)(await admin.GetFromJsonAsync<JsonObject>("/wiki/rest/api/space/DOCS?expand=homepage"))!["homepage"]!["id"]!;
        var guide = await CreateAsync(admin, "Getting started", "<p>Start here.</p>", home);
        await CreateAsync(admin, "Installing", "<p>apt-get install quire</p>", guide);
        await CreateAsync(admin, "Upgrading", "<p>Read the notes first.</p>", guide);
        var page = await CreateAsync(admin, "Architecture overview",
            "<ac:structured-macro ac:name=\"info\"><ac:rich-text-body><p>Quire keeps storage XHTML as the one stored form.</p></ac:rich-text-body></ac:structured-macro>" +
            "<p><ac:image ac:width=\"120\"><ri:attachment ri:filename=\"diagram.png\" /></ac:image></p>" +
            "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>Write the overview</ac:task-body></ac:task>" +
            "<ac:task><ac:task-id>2</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>Draw the diagram</ac:task-body></ac:task></ac:task-list>" +
            "<p>See <ac:link><ri:page ri:content-title=\"Installing\" /></ac:link>.</p>", guide);
        using (var form = AttachmentTestSupport.Form([new UploadFile("diagram.png", WebReadingTests.Png, "image/png")]))
        {
            form.Headers.Add("X-Atlassian-Token", "no-check");
            (await admin.PostAsync($"/wiki/rest/api/content/{page}/child/attachment", form)).EnsureSuccessStatusCode();
        }
        (await admin.PostAsJsonAsync($"/wiki/rest/api/content/{page}/label", new[] { new { prefix = "global", name = "architecture" } })).EnsureSuccessStatusCode();

        site.SignInAsAdmin();
        site.Screenshot($"directory-{Server.Engine}");
        site.Driver.FindElement(By.LinkText("Documentation")).Click();
        site.Wait(d => d.Url.EndsWith("/wiki/spaces/DOCS", StringComparison.Ordinal));

        // Expanding nodes fetches their children (quire.js); no page load happens.
        ClickMarker(site, site.Driver.FindElement(By.CssSelector(".page-tree details > summary")));
        ClickMarker(site, site.Wait(d => d.FindElements(By.XPath("//nav[contains(@class,'page-tree')]//summary[a[text()='Getting started']]")).FirstOrDefault())!);
        site.Wait(d => d.FindElements(By.XPath("//nav[contains(@class,'page-tree')]//a[text()='Upgrading']")).Count > 0);
        Assert.EndsWith("/wiki/spaces/DOCS", site.Driver.Url);
        site.Screenshot($"space-home-{Server.Engine}");

        site.Driver.FindElement(By.XPath("//nav[contains(@class,'page-tree')]//a[text()='Architecture overview']")).Click();
        site.Wait(d => d.FindElements(By.CssSelector("main h1")).FirstOrDefault()?.Text == "Architecture overview");
        Assert.Contains("one stored form", site.Driver.FindElement(By.CssSelector(".confluence-information-macro")).Text);
        var image = site.Driver.FindElement(By.CssSelector(".page-body img"));
        // The image loaded: the download route took the session cookie.
        site.Wait(d => Convert.ToInt64(site.Driver.ExecuteScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", image)) > 0);
        var crumbs = site.Driver.FindElements(By.CssSelector(".breadcrumbs a")).Select(a => a.Text).ToList();
        Assert.Equal("Documentation", crumbs[0]);
        Assert.Equal("Getting started", crumbs[^1]);
        site.Screenshot($"page-{Server.Engine}");

        var box = site.Driver.FindElement(By.Id("site-search-text"));
        box.SendKeys("stored form" + Keys.Enter);
        site.Wait(d => d.Url.Contains("/wiki/search", StringComparison.Ordinal));
        var hit = site.Driver.FindElement(By.CssSelector(".search-result h2 a"));
        Assert.Equal("Architecture overview", hit.Text);
        Assert.NotEmpty(site.Driver.FindElements(By.CssSelector(".search-result mark")));
        site.Screenshot($"search-{Server.Engine}");

        // A phone-width window gets the stacked layout, and the page still reads.
        site.Driver.Manage().Window.Size = new System.Drawing.Size(390, 844);
        site.Open($"/wiki/spaces/DOCS/pages/{page}");
        site.Screenshot($"page-phone-{Server.Engine}");
        Assert.False(site.InjectedScriptRan());
    }

    [SkippableFact]
    public async Task A_page_restricted_to_its_author_is_absent_for_another_person_from_the_tree_search_and_space_and_its_address_is_not_found()
    {
        await using var site = await BrowserSite.StartAsync(Fixture);
        var admin = site.Admin;
        (await admin.PostAsJsonAsync("/wiki/rest/api/space", new { key = "TEAM", name = "Team space" })).EnsureSuccessStatusCode();
        var home = (string)(await admin.GetFromJsonAsync<JsonObject>("/wiki/rest/api/space/TEAM?expand=homepage"))!["homepage"]!["id"]!;
        await CreateAsync(admin, "Public plans", "<p>Everyone reads the zebra roadmap.</p>", home);
        var secret = await CreateAsync(admin, "Secret plans", "<p>Only the author reads the zebra budget.</p>", home);
        var me = (string)(await admin.GetFromJsonAsync<JsonObject>("/wiki/rest/api/user/current"))!["accountId"]!;
        await admin.RestrictAsync(secret, Entry("read", [me]));
        var created = await admin.PostJson("/wiki/rest/api/admin/user", new
        {
            userName = "reader", email = "reader@example.test", displayName = "Rita Reader", password = "reader-password-1",
        });
        Assert.Equal(HttpStatusCode.Created, created.Status);

        site.SignIn("reader@example.test", "reader-password-1", "/wiki/spaces/TEAM");
        Assert.EndsWith("/wiki/spaces/TEAM", site.Driver.Url);
        // The tree: the home page expands to the public page alone.
        ClickMarker(site, site.Driver.FindElement(By.CssSelector("nav.page-tree details > summary")));
        site.Wait(d => d.FindElements(By.XPath("//nav[contains(@class,'page-tree')]//a[text()='Public plans']")).Count > 0);
        Assert.Empty(site.Driver.FindElements(By.XPath("//*[contains(text(),'Secret plans')]")));
        Assert.DoesNotContain("Secret plans", site.Driver.PageSource);
        site.Screenshot($"restricted-tree-{Server.Engine}");

        // Search finds the public page's word, never the restricted one's.
        var box = site.Driver.FindElement(By.Id("site-search-text"));
        box.SendKeys("zebra" + Keys.Enter);
        site.Wait(d => d.Url.Contains("/wiki/search", StringComparison.Ordinal));
        Assert.Equal(["Public plans"], site.Driver.FindElements(By.CssSelector(".search-result h2 a")).Select(a => a.Text));
        Assert.DoesNotContain("Secret plans", site.Driver.PageSource);
        Assert.DoesNotContain("budget", site.Driver.PageSource);
        site.Screenshot($"restricted-search-{Server.Engine}");

        // Its address (and the tree level under it) is the not-found page, saying nothing of it.
        foreach (var path in new[] { $"/wiki/spaces/TEAM/pages/{secret}", $"/wiki/pages/viewpage.action?pageId={secret}", $"/wiki/spaces/TEAM/pagetree/{secret}" })
        {
            site.Open(path);
            Assert.Equal("Page not found", site.Driver.FindElement(By.CssSelector("main h1")).Text);
            Assert.DoesNotContain("Secret plans", site.Driver.PageSource);
        }
        site.Screenshot($"restricted-not-found-{Server.Engine}");

        // The author still sees it in the tree.
        site.Driver.Manage().Cookies.DeleteAllCookies();
        site.SignInAsAdmin("/wiki/spaces/TEAM");
        ClickMarker(site, site.Driver.FindElement(By.CssSelector("nav.page-tree details > summary")));
        site.Wait(d => d.FindElements(By.XPath("//nav[contains(@class,'page-tree')]//a[text()='Secret plans']")).Count > 0);
    }

    [SkippableFact]
    public async Task Hostile_strings_never_run_in_Chromium()
    {
        await using var site = await BrowserSite.StartAsync(Fixture);
        (await site.Admin.PostAsJsonAsync("/wiki/rest/api/space", new { key = "XSS", name = WebSearchAndXssTests.Hostile })).EnsureSuccessStatusCode();
        var home = (string)(await site.Admin.GetFromJsonAsync<JsonObject>("/wiki/rest/api/space/XSS?expand=homepage"))!["homepage"]!["id"]!;
        var page = await CreateAsync(site.Admin, WebSearchAndXssTests.Hostile,
            $"<p>{WebUtility.HtmlEncode(WebSearchAndXssTests.Hostile)} gnu</p>", home);
        site.SignInAsAdmin();
        foreach (var path in new[] { "/wiki/spaces", "/wiki/spaces/XSS", $"/wiki/spaces/XSS/pages/{page}", "/wiki/search?text=gnu" })
        {
            site.Open(path);
            Assert.False(site.InjectedScriptRan(), $"{path} ran injected script");
            Assert.Empty(site.Driver.FindElements(By.CssSelector("img.injected")));
        }
    }

    [SkippableFact]
    public async Task A_details_element_with_a_tree_hook_in_a_page_body_fetches_nothing_and_runs_nothing_when_opened()
    {
        await using var site = await BrowserSite.StartAsync(Fixture);
        (await site.Admin.PostAsJsonAsync("/wiki/rest/api/space", new { key = "HOOK", name = "Hooks" })).EnsureSuccessStatusCode();
        var home = (string)(await site.Admin.GetFromJsonAsync<JsonObject>("/wiki/rest/api/space/HOOK?expand=homepage"))!["homepage"]!["id"]!;
        // A foreign answer (a data: URL) whose HTML runs script if inserted, and a same-site address that is not the
        // tree's, both dressed as the tree's own markup (even its container's class).
        var payload = Uri.EscapeDataString("<img src=x onerror=\"window.__quireInjected=true\">");
        var page = await CreateAsync(site.Admin, "Hooked",
            $"<div class=\"page-tree\"><ul class=\"tree-level\">" +
            $"<li class=\"tree-node\"><details data-children=\"data:text/html,{payload}\"><summary id=\"hook-foreign\">Foreign</summary><div class=\"tree-children\">one</div></details></li>" +
            $"<li class=\"tree-node\"><details data-children=\"/wiki/s/quire.css?evil-probe=1\"><summary id=\"hook-local\">Local</summary><div class=\"tree-children\">two</div></details></li>" +
            "</ul></div>", home);
        site.SignInAsAdmin($"/wiki/spaces/HOOK/pages/{page}");
        site.Wait(d => d.FindElements(By.XPath("//div[contains(@class,'page-body')]//summary[text()='Local']")).Count > 0);
        site.Driver.FindElement(By.XPath("//div[contains(@class,'page-body')]//summary[text()='Foreign']")).Click();
        site.Driver.FindElement(By.XPath("//div[contains(@class,'page-body')]//summary[text()='Local']")).Click();
        site.Wait(d => d.FindElements(By.CssSelector(".page-body details[open]")).Count == 2);
        await Task.Delay(1500);
        Assert.False(site.InjectedScriptRan());
        Assert.Empty(site.Driver.FindElements(By.CssSelector(".page-body img")));
        Assert.Equal(0L, Convert.ToInt64(site.Driver.ExecuteScript(
            "return performance.getEntriesByType('resource').filter(e => e.name.startsWith('data:') || e.name.includes('evil-probe')).length;")));
        Assert.Equal("one", site.Driver.FindElement(By.XPath("//div[contains(@class,'page-body')]//summary[text()='Foreign']")).FindElement(By.XPath("..")).FindElement(By.CssSelector(".tree-children")).Text);
        Assert.Equal("two", site.Driver.FindElement(By.XPath("//div[contains(@class,'page-body')]//summary[text()='Local']")).FindElement(By.XPath("..")).FindElement(By.CssSelector(".tree-children")).Text);

        // The real tree still expands under the policy.
        (await site.Admin.PostAsJsonAsync("/wiki/rest/api/content", new
        {
            type = "page", title = "Child of hooked", space = new { key = "HOOK" }, ancestors = new[] { new { id = page } },
            body = new { storage = new { value = "<p>child</p>", representation = "storage" } },
        })).EnsureSuccessStatusCode();
        site.Open("/wiki/spaces/HOOK");
        ClickMarker(site, site.Driver.FindElement(By.CssSelector("nav.page-tree details > summary")));
        ClickMarker(site, site.Wait(d => d.FindElements(By.XPath("//nav[contains(@class,'page-tree')]//summary[a[text()='Hooked']]")).FirstOrDefault())!);
        site.Wait(d => d.FindElements(By.XPath("//nav[contains(@class,'page-tree')]//a[text()='Child of hooked']")).Count > 0);
        Assert.False(site.InjectedScriptRan());
    }

    /// <summary>Clicks a tree node's disclosure marker (the left edge of its summary), not the page link beside it.</summary>
    private static void ClickMarker(BrowserSite site, IWebElement summary) =>
        new OpenQA.Selenium.Interactions.Actions(site.Driver).MoveToElement(summary, -summary.Size.Width / 2 + 4, 0).Click().Perform();

    private static async Task<string> CreateAsync(HttpClient admin, string title, string body, string parentId)
    {
        var created = await admin.PostAsJsonAsync("/wiki/rest/api/content", new
        {
            type = "page", title, space = new { key = await SpaceOfAsync(admin, parentId) }, ancestors = new[] { new { id = parentId } },
            body = new { storage = new { value = body, representation = "storage" } },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static async Task<string> SpaceOfAsync(HttpClient admin, string contentId) =>
        (string)(await admin.GetFromJsonAsync<JsonObject>($"/wiki/rest/api/content/{contentId}?expand=space"))!["space"]!["key"]!;
}

[Collection(SqliteCollection.Name)]
public sealed class WebBrowserTestsOnSqlite(SqliteServerFixture fixture) : WebBrowserTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class WebBrowserTestsOnPostgres(PostgresServerFixture fixture) : WebBrowserTests(fixture);
