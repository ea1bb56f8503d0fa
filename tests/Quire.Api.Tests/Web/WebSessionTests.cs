using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Permissions;
using static Quire.Api.Tests.Permissions.GlobalPermissionTestSupport;

namespace Quire.Api.Tests.Web;

/// <summary>
/// The web interface's sign-in: the form (password or API token, antiforgery), the session cookie and what
/// it covers (web pages, never the API), sign-out, the sign-in redirect, and anonymous browsing.
/// </summary>
public abstract class WebSessionTests(ServerFixture fixture) : WebTest(fixture)
{
    [SkippableFact]
    public async Task Signing_in_with_a_password_sets_an_HttpOnly_Lax_cookie_and_goes_to_the_destination()
    {
        var user = await NewUserAsync("Sessions Person");
        var browser = NewBrowser();
        var form = (await OpenAsync(browser, "/wiki/login.action?os_destination=%2Fwiki%2Fspaces%3Ftype%3Dglobal")).Expect(HttpStatusCode.OK);
        // Every input has its label, and the form carries an antiforgery token.
        foreach (var input in form.Document.QuerySelectorAll("form.login-form input:not([type=hidden])"))
            Assert.NotNull(form.Document.QuerySelector($"label[for='{input.Id}']"));
        Assert.NotNull(form.Document.QuerySelector("form.login-form input[name=__antiforgery]"));

        var answer = await SubmitAsync(browser, "/wiki/login.action?os_destination=%2Fwiki%2Fspaces%3Ftype%3Dglobal", "form.login-form",
            new() { ["os_username"] = user.Email, ["os_password"] = "pw-" + user.UserName[4..] });
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal("/wiki/spaces?type=global", answer.Location);
        var cookie = answer.Message.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("quire-session=", StringComparison.Ordinal) && c.Contains("path=/wiki", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/wiki", cookie, StringComparison.OrdinalIgnoreCase);
        // The copy /authorize reads (consent for the signed-in person) carries the same secret and the same flags.
        var authorizeCopy = SessionCookie(answer, "/authorize");
        Assert.Equal(cookie.Split(';')[0], authorizeCopy.Split(';')[0]);
        Assert.Contains("httponly", authorizeCopy, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", authorizeCopy, StringComparison.OrdinalIgnoreCase);

        var spaces = (await OpenAsync(browser, "/wiki/spaces")).Expect(HttpStatusCode.OK);
        Assert.Equal("Sessions Person", spaces.Text(".user-name"));
    }

    [SkippableFact]
    public async Task An_API_token_signs_in_too_and_a_wrong_secret_shows_the_form_again_without_a_cookie()
    {
        var admin = await AdminBrowserAsync();
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(admin, "/wiki/spaces")).Status);

        var browser = NewBrowser();
        var refused = await SubmitAsync(browser, "/wiki/login.action", "form.login-form",
            new() { ["os_username"] = QuireServer.AdminEmail, ["os_password"] = "not-the-token" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Contains("Wrong e-mail", refused.Text("[role=alert]"));
        Assert.False(refused.Message.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("quire-session=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await OpenAsync(browser, "/wiki/spaces")).Status);
    }

    [SkippableFact]
    public async Task A_sign_in_form_without_its_antiforgery_token_is_refused_with_an_HTML_page()
    {
        var browser = NewBrowser();
        var answer = await PostAsync(browser, "/wiki/login.action",
            new() { ["os_username"] = QuireServer.AdminEmail, ["os_password"] = QuireServer.AdminToken });
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.StartsWith("text/html", answer.Message.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bad request", answer.Text("main h1"));
        Assert.Equal(HttpStatusCode.Redirect, (await OpenAsync(browser, "/wiki/spaces")).Status);
    }

    [SkippableTheory]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/wiki//evil.example")]
    public async Task The_destination_after_sign_in_is_a_path_of_this_site_only(string destination)
    {
        var browser = NewBrowser();
        var answer = await SubmitAsync(browser, "/wiki/login.action?os_destination=" + Uri.EscapeDataString(destination), "form.login-form",
            new() { ["os_username"] = QuireServer.AdminEmail, ["os_password"] = QuireServer.AdminToken });
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal("/wiki/spaces", answer.Location);
    }

    [SkippableFact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_copied_cookie_no_longer_signs_in()
    {
        var browser = NewBrowser();
        var signedIn = await SubmitAsync(browser, "/wiki/login.action", "form.login-form",
            new() { ["os_username"] = QuireServer.AdminEmail, ["os_password"] = QuireServer.AdminToken });
        var page = (await OpenAsync(browser, "/wiki/spaces")).Expect(HttpStatusCode.OK);
        Assert.NotNull(page.Document.QuerySelector("form[action='/wiki/logout.action'] input[name=__antiforgery]"));
        var copy = NewBrowser();
        var cookie = signedIn.Message.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("quire-session=", StringComparison.Ordinal) && c.Contains("path=/wiki", StringComparison.OrdinalIgnoreCase));
        copy.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(copy, "/wiki/spaces")).Status);

        // Without the token the sign-out is refused and the session lives on.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(browser, "/wiki/logout.action", [])).Status);
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(copy, "/wiki/spaces")).Status);

        var signedOut = await SubmitAsync(browser, "/wiki/spaces", "form[action='/wiki/logout.action']", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.Equal("/wiki/login.action", signedOut.Location);
        // Both copies of the cookie are deleted (an expiry in the past, no value).
        foreach (var path in new[] { "/wiki", "/authorize" })
        {
            var deleted = SessionCookie(signedOut, path);
            Assert.StartsWith("quire-session=;", deleted, StringComparison.Ordinal);
            Assert.Contains("expires=Thu, 01 Jan 1970", deleted, StringComparison.OrdinalIgnoreCase);
        }
        var again = await OpenAsync(copy, "/wiki/spaces");
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Equal("/wiki/login.action?os_destination=%2Fwiki%2Fspaces", again.Location);
    }

    [SkippableFact]
    public async Task Signing_in_again_ends_the_session_the_incoming_cookie_named()
    {
        var browser = NewBrowser();
        var first = await SubmitAsync(browser, "/wiki/login.action", "form.login-form",
            new() { ["os_username"] = QuireServer.AdminEmail, ["os_password"] = QuireServer.AdminToken });
        var old = first.Message.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("quire-session=", StringComparison.Ordinal) && c.Contains("path=/wiki", StringComparison.OrdinalIgnoreCase)).Split(';')[0];
        var copy = NewBrowser();
        copy.DefaultRequestHeaders.Add("Cookie", old);
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(copy, "/wiki/spaces")).Status);

        // The same browser signs in again (a form of the signed-in page gives its antiforgery token), sending the
        // old cookie: that session ends, and the new one works.
        var spaces = (await OpenAsync(browser, "/wiki/spaces")).Expect(HttpStatusCode.OK);
        var token = spaces.Document.QuerySelector("input[name=__antiforgery]")!.GetAttribute("value")!;
        var again = await PostAsync(browser, "/wiki/login.action",
            new() { ["__antiforgery"] = token, ["os_username"] = QuireServer.AdminEmail, ["os_password"] = QuireServer.AdminToken });
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        var fresh = again.Message.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("quire-session=", StringComparison.Ordinal) && c.Contains("path=/wiki", StringComparison.OrdinalIgnoreCase)).Split(';')[0];
        Assert.NotEqual(old, fresh);
        Assert.Equal(HttpStatusCode.Redirect, (await OpenAsync(copy, "/wiki/spaces")).Status);
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(browser, "/wiki/spaces")).Status);
    }

    [SkippableFact]
    public async Task The_session_cookie_is_Secure_when_the_site_address_is_https_even_over_plain_http_behind_a_proxy()
    {
        await using var server = new QuireServer(Server.Engine, await Fixture.FreshDatabaseAsync(), configure: builder =>
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(
                new Dictionary<string, string?> { ["Quire:BaseUrl"] = "https://quire.test" })));
        var browser = NewBrowser(server);
        var answer = await SubmitAsync(browser, "/wiki/login.action", "form.login-form",
            new() { ["os_username"] = QuireServer.AdminEmail, ["os_password"] = QuireServer.AdminToken });
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        var cookie = answer.Message.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("quire-session=", StringComparison.Ordinal) && c.Contains("path=/wiki", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", SessionCookie(answer, "/authorize"), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The answer's <c>quire-session</c> cookie for <paramref name="path"/> (the web's, or its copy for /authorize).</summary>
    private static string SessionCookie(WebPage answer, string path) =>
        answer.Message.Headers.GetValues("Set-Cookie").Single(c =>
            c.StartsWith("quire-session=", StringComparison.Ordinal) && c.Contains($"path={path};", StringComparison.OrdinalIgnoreCase)
            || c.StartsWith("quire-session=", StringComparison.Ordinal) && c.EndsWith($"path={path}", StringComparison.OrdinalIgnoreCase));

    /// <summary>The time the server sees: real time plus what the test has skipped.</summary>
    private sealed class SkippingClock : TimeProvider
    {
        private long _skippedTicks;
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _skippedTicks));
        public void Skip(TimeSpan span) => Interlocked.Add(ref _skippedTicks, span.Ticks);
    }

    private static DateTimeOffset CookieExpiry(WebPage answer)
    {
        var cookie = answer.Message.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("quire-session=", StringComparison.Ordinal) && c.Contains("path=/wiki", StringComparison.OrdinalIgnoreCase));
        var expires = cookie.Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase))["expires=".Length..];
        return DateTimeOffset.Parse(expires, System.Globalization.CultureInfo.InvariantCulture);
    }

    [SkippableFact]
    public async Task A_session_lasts_the_configured_lifetime_and_is_refused_after_it()
    {
        var clock = new SkippingClock();
        await using var server = new QuireServer(Server.Engine, await Fixture.FreshDatabaseAsync(), configure: builder => builder
            .ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(
                new Dictionary<string, string?> { ["Quire:Web:SessionLifetimeHours"] = "2" }))
            .ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        var browser = NewBrowser(server);
        var answer = await SubmitAsync(browser, "/wiki/login.action", "form.login-form",
            new() { ["os_username"] = QuireServer.AdminEmail, ["os_password"] = QuireServer.AdminToken });
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        // The cookie ends with the session (the header has whole seconds).
        var expiry = CookieExpiry(answer);
        Assert.InRange(expiry, clock.GetUtcNow().AddHours(2).AddMinutes(-1), clock.GetUtcNow().AddHours(2).AddMinutes(1));

        clock.Skip(TimeSpan.FromMinutes(110));
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(browser, "/wiki/spaces")).Status);
        clock.Skip(TimeSpan.FromMinutes(11));
        // The browser still sends the cookie (its jar keeps real time); the server refuses the session it names.
        var refused = await OpenAsync(browser, "/wiki/spaces");
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.StartsWith("/wiki/login.action", refused.Location);
    }

    [SkippableFact]
    public async Task A_session_lasts_a_week_by_default()
    {
        var answer = await SubmitAsync(NewBrowser(), "/wiki/login.action", "form.login-form",
            new() { ["os_username"] = QuireServer.AdminEmail, ["os_password"] = QuireServer.AdminToken });
        Assert.InRange(CookieExpiry(answer), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(5));
    }

    [SkippableFact]
    public async Task The_session_cookie_is_not_Secure_on_a_plain_http_site()
    {
        var answer = await SubmitAsync(NewBrowser(), "/wiki/login.action", "form.login-form",
            new() { ["os_username"] = QuireServer.AdminEmail, ["os_password"] = QuireServer.AdminToken });
        var cookie = answer.Message.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("quire-session=", StringComparison.Ordinal) && c.Contains("path=/wiki", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task The_antiforgery_cookie_is_Lax_so_a_link_from_another_site_keeps_open_forms_working()
    {
        var form = await OpenAsync(NewBrowser(), "/wiki/login.action");
        var cookie = form.Message.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("quire-authorize=", StringComparison.Ordinal));
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task Web_pages_and_their_error_pages_send_a_Content_Security_Policy_and_the_API_does_not()
    {
        var browser = await AdminBrowserAsync();
        foreach (var (client, path) in new[] { (browser, "/wiki/spaces"), (NewBrowser(), "/wiki/login.action"), (browser, "/wiki/no-such-page") })
        {
            var page = await OpenAsync(client, path);
            Assert.True(page.Message.Headers.TryGetValues("Content-Security-Policy", out var policy), $"{path} has no CSP");
            var value = Assert.Single(policy);
            Assert.Contains("script-src 'self'", value);
            Assert.Contains("object-src 'none'", value);
            Assert.Contains("base-uri 'none'", value);
            Assert.Contains("frame-ancestors 'self'", value);
            Assert.Contains("form-action 'self'", value);
            // Nothing inline that the policy would block.
            Assert.Empty(page.Document.QuerySelectorAll("script:not([src]), style, [style]"));
        }
        var api = await Admin.Get("/wiki/rest/api/space");
        Assert.False(api.Message.Headers.Contains("Content-Security-Policy"));
    }

    [SkippableFact]
    public async Task The_session_cookie_does_not_sign_in_to_the_API()
    {
        var browser = await AdminBrowserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/wiki/rest/api/user/current");
        var answer = await browser.SendAsync(request);
        // The shared servers do not allow anonymous use: without Basic credentials the API asks for them.
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/wiki/api/v2/spaces")).StatusCode);
    }

    [SkippableFact]
    public async Task Removing_a_user_ends_its_web_sessions()
    {
        var (user, browser) = await NewSignedInUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(browser, "/wiki/spaces")).Status);
        (await Admin.Delete($"/wiki/rest/api/admin/user/{user.AccountId}")).Expect(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Redirect, (await OpenAsync(browser, "/wiki/spaces")).Status);
    }

    [SkippableFact]
    public async Task Without_anonymous_access_pages_ask_for_sign_in_and_with_it_they_open_for_anybody()
    {
        await using var server = await Fixture.OwnServerAsync(Server.Engine);
        var visitor = NewBrowser(server);
        var asked = await OpenAsync(visitor, "/wiki/spaces?type=global");
        Assert.Equal(HttpStatusCode.Redirect, asked.Status);
        Assert.Equal("/wiki/login.action?os_destination=%2Fwiki%2Fspaces%3Ftype%3Dglobal", asked.Location);

        (await server.Admin().Put($"{PermissionsUrl}/use/anonymous")).Expect(HttpStatusCode.OK);
        var open = (await OpenAsync(visitor, "/wiki/spaces")).Expect(HttpStatusCode.OK);
        Assert.Equal("Sign in", open.Text(".user-menu a"));
    }

    [SkippableFact]
    public async Task Browser_errors_are_HTML_pages_and_the_API_keeps_its_JSON_errors()
    {
        var browser = await AdminBrowserAsync();
        var missing = await OpenAsync(browser, "/wiki/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("Page not found", missing.Text("main h1"));
        Assert.NotNull(missing.Document.QuerySelector("a.skip-link[href='#main']"));

        var api = await Admin.Get("/wiki/rest/api/no-such-resource");
        Assert.Equal(HttpStatusCode.NotFound, api.Status);
        Assert.Equal(404, (int?)api.Json!["statusCode"]);
    }

    [SkippableFact]
    public async Task Revoking_an_api_token_ends_the_web_sessions_of_its_user()
    {
        var user = await NewUserAsync();
        var created = (await user.Client.PostJson("/wiki/rest/quire/1/api-token", new { label = "browser" })).Expect(HttpStatusCode.Created).Json!;
        var browser = await SignedInBrowserAsync(user.Email, (string)created["token"]!);
        (await OpenAsync(browser, "/wiki/account/tokens")).Expect(HttpStatusCode.OK);

        // Sessions do not record the credential that began them: every session of the user ends.
        (await user.Client.Delete($"/wiki/rest/quire/1/api-token/{created["id"]}")).Expect(HttpStatusCode.NoContent);
        var after = await OpenAsync(browser, "/wiki/account/tokens");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.StartsWith("/wiki/login.action", after.Location);
    }

    [SkippableFact]
    public async Task The_stylesheet_and_script_are_served_from_the_site()
    {
        var css = await NewBrowser().GetAsync("/wiki/s/quire.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".skip-link", await css.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await NewBrowser().GetAsync("/wiki/s/quire.js")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WebSessionTestsOnSqlite(SqliteServerFixture fixture) : WebSessionTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class WebSessionTestsOnPostgres(PostgresServerFixture fixture) : WebSessionTests(fixture);
