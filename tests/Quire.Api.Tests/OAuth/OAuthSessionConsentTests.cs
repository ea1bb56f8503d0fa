using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.OAuth;

/// <summary>
/// <c>/authorize</c> in a browser already signed in to the web interface: consent is shown for that person directly
/// (antiforgery and an explicit Allow still needed, the session checked again on the post), and "not you?" leads to the
/// password form, which signs in someone else.
/// </summary>
public abstract class OAuthSessionConsentTests(ServerFixture fixture) : OAuthTest(fixture)
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Signs the browser in to the web interface through its sign-in form.</summary>
    private static async Task SignInToWebAsync(HttpClient browser, string login, string password)
    {
        var form = Parser.ParseDocument(await browser.GetStringAsync("/wiki/login.action"));
        var fields = form.QuerySelectorAll("form.login-form input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["os_username"] = login;
        fields["os_password"] = password;
        var answer = await browser.PostAsync("/wiki/login.action", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
    }

    private async Task<string> AccountIdOfCodeAsync(RegisteredApp app, string code)
    {
        var tokens = (await TokenAsync(new
        {
            grant_type = "authorization_code", client_id = app.ClientId, client_secret = app.ClientSecret, code, redirect_uri = Callback,
        })).Expect(HttpStatusCode.OK).Json!;
        var api = Server.Anonymous();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)tokens["access_token"]!);
        return (string)(await api.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK).Json!["accountId"]!;
    }

    [SkippableFact]
    public async Task A_browser_with_a_web_session_consents_as_its_person_with_Allow_and_no_password()
    {
        var user = await NewUserAsync("Consent <i>Person</i>");
        var app = await RegisterAppAsync(["read:confluence-user"]);
        var browser = Browser();
        await SignInToWebAsync(browser, user.Email, PasswordOf(user));

        var page = await browser.GetAsync(AuthorizeUrl(app.ClientId, "read:confluence-user", "st-1"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var document = Parser.ParseDocument(html);
        Assert.Equal("Consent <i>Person</i>", document.QuerySelector(".session-user")!.TextContent); // encoded: text, not markup
        Assert.Null(document.QuerySelector("input[type=password]"));
        Assert.Equal("Allow", document.QuerySelector("form.session-consent button[value=accept]")!.TextContent);
        var switchHref = document.QuerySelector("a.switch-user")!.GetAttribute("href")!;
        Assert.Contains("prompt=login", switchHref);

        var fields = HiddenFields(html);
        Assert.Equal(user.AccountId, fields["session_user"]);
        // Without its antiforgery token the Allow is refused: a session alone never consents.
        var forged = new Dictionary<string, string>(fields.Where(f => f.Key != "__antiforgery")) { ["decision"] = "accept" };
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/authorize", new FormUrlEncodedContent(forged))).StatusCode);
        // A form claiming another person than the session's is refused too.
        var admin = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        var swapped = new Dictionary<string, string>(fields) { ["session_user"] = admin, ["decision"] = "accept" };
        var refused = await browser.PostAsync("/authorize", new FormUrlEncodedContent(swapped));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.NotNull(Parser.ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector("input[type=password]"));
        // ...and a browser without the session cannot replay the form.
        var stranger = Browser();
        var strangerPage = await stranger.GetStringAsync(AuthorizeUrl(app.ClientId, "read:confluence-user", "st-1"));
        Assert.Null(Parser.ParseDocument(strangerPage).QuerySelector("form.session-consent"));
        var replay = new Dictionary<string, string>(HiddenFields(strangerPage)) { ["session_user"] = user.AccountId, ["decision"] = "accept" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsync("/authorize", new FormUrlEncodedContent(replay))).StatusCode);

        var allowed = await browser.PostAsync("/authorize", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["decision"] = "accept" }));
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        var query = Query(allowed.Headers.Location!);
        Assert.Equal("st-1", query["state"]);
        Assert.Equal(user.AccountId, await AccountIdOfCodeAsync(app, query["code"]));
    }

    [SkippableFact]
    public async Task A_form_token_issued_to_nobody_does_not_carry_a_session_consent()
    {
        var user = await NewUserAsync();
        var app = await RegisterAppAsync(["read:confluence-user"]);
        var browser = Browser();
        await SignInToWebAsync(browser, user.Email, PasswordOf(user));
        // The password form's token pair is valid for anyone, as one planted by a sibling host would be: it must not
        // approve a consent in the name of the browser's session.
        var passwordForm = await browser.GetStringAsync(AuthorizeUrl(app.ClientId, "read:confluence-user", "st-3").Replace("prompt=consent", "prompt=login"));
        Assert.NotNull(Parser.ParseDocument(passwordForm).QuerySelector("input[type=password]"));
        var fields = new Dictionary<string, string>(HiddenFields(passwordForm)) { ["session_user"] = user.AccountId, ["decision"] = "accept" };
        var answer = await browser.PostAsync("/authorize", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
    }

    [SkippableFact]
    public async Task Not_you_shows_the_password_form_which_authorizes_the_other_person()
    {
        var user = await NewUserAsync();
        var other = await NewUserAsync();
        var app = await RegisterAppAsync(["read:confluence-user"]);
        var browser = Browser();
        await SignInToWebAsync(browser, user.Email, PasswordOf(user));

        var consent = Parser.ParseDocument(await browser.GetStringAsync(AuthorizeUrl(app.ClientId, "read:confluence-user", "st-2")));
        var switchHref = consent.QuerySelector("a.switch-user")!.GetAttribute("href")!;
        var passwordForm = await browser.GetAsync("/" + switchHref);
        Assert.Equal(HttpStatusCode.OK, passwordForm.StatusCode);
        var html = await passwordForm.Content.ReadAsStringAsync();
        var document = Parser.ParseDocument(html);
        Assert.Null(document.QuerySelector("form.session-consent"));
        Assert.NotNull(document.QuerySelector("input[type=password]"));

        var fields = HiddenFields(html);
        Assert.Equal("st-2", fields["state"]);
        fields["email"] = other.Email;
        fields["password"] = PasswordOf(other);
        fields["decision"] = "accept";
        var answer = await browser.PostAsync("/authorize", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(other.AccountId, await AccountIdOfCodeAsync(app, Query(answer.Headers.Location!)["code"]));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OAuthSessionConsentTestsOnSqlite(SqliteServerFixture fixture) : OAuthSessionConsentTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class OAuthSessionConsentTestsOnPostgres(PostgresServerFixture fixture) : OAuthSessionConsentTests(fixture);
