using System.Net;
using OpenQA.Selenium;
using Quire.Api.Tests.Infrastructure;
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
}

[Collection(SqliteCollection.Name)]
public sealed class WebBrowserTestsOnSqlite(SqliteServerFixture fixture) : WebBrowserTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class WebBrowserTestsOnPostgres(PostgresServerFixture fixture) : WebBrowserTests(fixture);
