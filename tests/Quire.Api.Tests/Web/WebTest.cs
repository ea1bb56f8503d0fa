using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Web;

/// <summary>
/// Base of the web interface's HTTP tests: a browser-like client (cookies kept, redirects not followed, so a
/// test sees each one), sign-in through the real form, and pages parsed with AngleSharp. Most behaviour is
/// checked here; <see cref="BrowserSite"/> is for the few flows that need a real Chromium.
/// </summary>
public abstract class WebTest(ServerFixture fixture) : ApiTest(fixture)
{
    private static readonly HtmlParser Parser = new();

    /// <summary>A client with a cookie jar and no session: what a fresh browser is.</summary>
    protected HttpClient NewBrowser(QuireServer? server = null) => (server ?? Server).CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://quire.test"),
    });

    /// <summary>A browser signed in through <c>/wiki/login.action</c> as <paramref name="login"/>.</summary>
    protected async Task<HttpClient> SignedInBrowserAsync(string login, string secret, QuireServer? server = null)
    {
        var browser = NewBrowser(server);
        var answer = await SubmitAsync(browser, "/wiki/login.action", "form.login-form",
            new() { ["os_username"] = login, ["os_password"] = secret });
        Assert.True(answer.Status == HttpStatusCode.Redirect, $"Sign-in as {login} answered {(int)answer.Status}: {answer.Html}");
        return browser;
    }

    protected Task<HttpClient> AdminBrowserAsync() => SignedInBrowserAsync(QuireServer.AdminEmail, QuireServer.AdminToken);

    /// <summary>A user created through the API, and a browser signed in as it with its password.</summary>
    protected async Task<(TestUser User, HttpClient Browser)> NewSignedInUserAsync(string? displayName = null)
    {
        var user = await NewUserAsync(displayName);
        return (user, await SignedInBrowserAsync(user.Email, "pw-" + user.UserName["user".Length..]));
    }

    protected static async Task<WebPage> OpenAsync(HttpClient browser, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        return await WebPage.ReadAsync(await browser.SendAsync(request));
    }

    /// <summary>Opens <paramref name="path"/> and follows its redirects (a few at most), as a browser would.</summary>
    protected static async Task<WebPage> FollowAsync(HttpClient browser, string path)
    {
        var page = await OpenAsync(browser, path);
        for (var hops = 0; hops < 5 && page.Status is HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently && page.Location is { } next; hops++)
            page = await OpenAsync(browser, next);
        return page;
    }

    /// <summary>
    /// Opens <paramref name="path"/>, fills the form <paramref name="formSelector"/> (its hidden fields,
    /// the antiforgery token among them, kept) with <paramref name="fields"/> and posts it to its action.
    /// </summary>
    protected static async Task<WebPage> SubmitAsync(HttpClient browser, string path, string formSelector, Dictionary<string, string> fields)
    {
        var page = await OpenAsync(browser, path);
        Assert.True(page.Status == HttpStatusCode.OK, $"{path} answered {(int)page.Status}: {page.Html}");
        var form = page.Document.QuerySelector(formSelector) as IHtmlFormElement
                   ?? throw new Xunit.Sdk.XunitException($"{path} has no form '{formSelector}': {page.Html}");
        var values = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Where(i => i.Name is not null).ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (name, value) in fields) values[name] = value;
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? path : form.GetAttribute("action")!;
        return await PostAsync(browser, action, values);
    }

    /// <summary>A form's fields as the page gave them (hidden ones, the antiforgery token among them), and where it posts.</summary>
    protected static (Dictionary<string, string> Fields, string Action) FormOf(WebPage page, string selector, string path)
    {
        var form = page.Document.QuerySelector(selector) as IHtmlFormElement
                   ?? throw new Xunit.Sdk.XunitException($"No form '{selector}' in: {page.Html}");
        var fields = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Where(i => i.Name is not null).ToDictionary(i => i.Name!, i => i.Value);
        var action = form.GetAttribute("action");
        return (fields, string.IsNullOrEmpty(action) ? path : action);
    }

    protected static async Task<WebPage> PostAsync(HttpClient browser, string path, Dictionary<string, string> values)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(values) };
        request.Headers.Accept.ParseAdd("text/html");
        return await WebPage.ReadAsync(await browser.SendAsync(request));
    }

    /// <summary>An answer of the web interface: its status, its HTML parsed, and its headers.</summary>
    protected sealed record WebPage(HttpStatusCode Status, string Html, IDocument Document, HttpResponseMessage Message)
    {
        public static async Task<WebPage> ReadAsync(HttpResponseMessage message)
        {
            var html = await message.Content.ReadAsStringAsync();
            return new WebPage(message.StatusCode, html, Parser.ParseDocument(html), message);
        }

        public string? Location => Message.Headers.Location?.OriginalString;

        public string Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim()
                                               ?? throw new Xunit.Sdk.XunitException($"No '{selector}' in: {Html}");

        public WebPage Expect(HttpStatusCode status)
        {
            Assert.True(Status == status, $"Expected {(int)status} but got {(int)Status}: {Html}");
            return this;
        }
    }
}
