using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Core.OAuth;
using Quire.Storage.OAuth;
using Quire.Storage.Users;

namespace Quire.Api.Tests.OAuth;

/// <summary>
/// What the OAuth tests share: registering an app as a site admin, driving <c>/authorize</c> as a browser does
/// (the page, its antiforgery cookie and field, the form post, the redirect) and calling the token endpoint.
/// </summary>
public abstract partial class OAuthTest(ServerFixture fixture) : ApiTest(fixture)
{
    protected const string Callback = "https://app.example.test/callback";

    protected sealed record RegisteredApp(string ClientId, string ClientSecret);

    protected async Task<RegisteredApp> RegisterAppAsync(string[] scopes, string? name = null, string[]? callbacks = null)
    {
        var created = (await Admin.PostJson("/wiki/rest/api/admin/oauth-apps", new
        {
            name = name ?? "App " + Unique(), callbackUrls = callbacks ?? [Callback], scopes,
        })).Expect(HttpStatusCode.Created).Json!;
        return new RegisteredApp((string)created["clientId"]!, (string)created["clientSecret"]!);
    }

    /// <summary>A browser: keeps cookies, does not follow redirects (the test reads them).</summary>
    protected HttpClient Browser() =>
        Server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://quire.test") });

    protected static string AuthorizeUrl(string clientId, string scope, string state = "state-1", string redirectUri = Callback, string responseType = "code") =>
        "/authorize?audience=api.atlassian.com" +
        $"&client_id={Uri.EscapeDataString(clientId)}&scope={Uri.EscapeDataString(scope)}&redirect_uri={Uri.EscapeDataString(redirectUri)}" +
        $"&state={Uri.EscapeDataString(state)}&response_type={responseType}&prompt=consent";

    /// <summary>The password <see cref="ApiTest.NewUserAsync"/> gave the user.</summary>
    protected static string PasswordOf(TestUser user) => "pw-" + user.UserName["user".Length..];

    /// <summary>Opens the consent page and posts its form: the answer to the post (a redirect, or the page again).</summary>
    protected static async Task<HttpResponseMessage> ConsentAsync(HttpClient browser, string authorizeUrl, string login, string password, string decision = "accept")
    {
        var page = await browser.GetAsync(authorizeUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var fields = HiddenFields(html);
        fields["email"] = login;
        fields["password"] = password;
        fields["decision"] = decision;
        return await browser.PostAsync("/authorize", new FormUrlEncodedContent(fields));
    }

    /// <summary>The user signs in and accepts; answers the authorization code the redirect carries.</summary>
    protected async Task<string> AuthorizeAsync(RegisteredApp app, string scope, TestUser user, string redirectUri = Callback)
    {
        var answer = await ConsentAsync(Browser(), AuthorizeUrl(app.ClientId, scope, "s-" + user.UserName, redirectUri), user.Email, PasswordOf(user));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var location = answer.Headers.Location!;
        Assert.StartsWith(redirectUri + "?", location.ToString());
        var query = Query(location);
        Assert.Equal("s-" + user.UserName, query["state"]);
        return query["code"];
    }

    protected Task<ApiResponse> TokenAsync(object body) => Server.Anonymous().PostJson("/oauth/token", body);

    /// <summary>Authorizes and exchanges the code: the token endpoint's answer.</summary>
    protected async Task<System.Text.Json.Nodes.JsonNode> TokensAsync(RegisteredApp app, string scope, TestUser user)
    {
        var code = await AuthorizeAsync(app, scope, user);
        return (await TokenAsync(new
        {
            grant_type = "authorization_code", client_id = app.ClientId, client_secret = app.ClientSecret, code, redirect_uri = Callback,
        })).Expect(HttpStatusCode.OK).Json!;
    }

    protected Task<ApiResponse> RefreshAsync(RegisteredApp app, string refreshToken) =>
        TokenAsync(new { grant_type = "refresh_token", client_id = app.ClientId, client_secret = app.ClientSecret, refresh_token = refreshToken });

    /// <summary>
    /// An access token for <paramref name="login"/> holding exactly <paramref name="scopes"/>, written through the stores
    /// as the token endpoint writes one (for tests that need many scope sets; the consent flow is tested on its own).
    /// </summary>
    protected async Task<string> MintAsync(string clientId, string login, IEnumerable<string> scopes)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var app = (await services.GetRequiredService<OAuthAppStore>().FindAsync(clientId))!;
        var user = (await services.GetRequiredService<UserStore>().FindByLoginAsync(login))!;
        var grants = services.GetRequiredService<OAuthGrantStore>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var granted = string.Join(' ', scopes);
        var family = Guid.NewGuid().ToString("N");
        var token = OAuthSecrets.New("qoa_");
        await grants.UpsertGrantAsync(app.Id, user.Id, granted, now);
        await grants.InsertFamilyAsync(family, app.Id, user.Id, granted, now + 3_600_000, now);
        await grants.InsertTokenAsync(OAuthSecrets.Hash(token), family, OAuthTokenKinds.Access, now + 3_600_000, now);
        return token;
    }

    protected static void ExpectOAuthError(ApiResponse response, HttpStatusCode status, string error)
    {
        Assert.True(status == response.Status, $"expected {(int)status}, got {(int)response.Status}: {response.Body}");
        Assert.Equal(error, (string?)response.Json?["error"]);
        Assert.False(string.IsNullOrEmpty((string?)response.Json?["error_description"]));
    }

    protected static Dictionary<string, string> Query(Uri uri) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    protected static Dictionary<string, string> HiddenFields(string html) =>
        HiddenField().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
