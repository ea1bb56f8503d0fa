using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.ContentBody;

/// <summary>
/// Bodies sent to hurt the server or its readers, through the HTTP API: deep nesting answers a
/// 400 and stores nothing (the server lives on), and no HTML representation Quire emits carries
/// script, whatever the stored storage format holds.
/// </summary>
public abstract class HostileBodyApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string Convert = "/wiki/rest/api/contentbody/convert";

    private static string Nested(string open, string close, int levels) =>
        string.Concat(Enumerable.Repeat(open, levels)) + "x" + string.Concat(Enumerable.Repeat(close, levels));

    [SkippableFact]
    public async Task Deep_nesting_is_a_400_naming_the_limit_and_stores_nothing()
    {
        // The two reproducers of the report: 1.3 MB of nested spans to convert, 60,000 levels on create.
        var spans = Nested("<span>", "</span>", 100_000);
        var converted = (await Admin.PostJson($"{Convert}/view", new { value = spans, representation = "storage" })).ExpectError(HttpStatusCode.BadRequest);
        Assert.Contains("nest deeper than 400", converted.ErrorMessage);
        (await Admin.PostJson($"{Convert}/editor", new { value = spans, representation = "storage" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{Convert}/storage", new { value = Nested("<div>", "</div>", 100_000), representation = "editor" }))
            .ExpectError(HttpStatusCode.BadRequest);

        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var title = "Deep " + Unique();
        var created = await Admin.PostJson(ContentUrl, new JsonObject
        {
            ["type"] = "page", ["title"] = title, ["space"] = new JsonObject { ["key"] = key },
            ["body"] = StorageBody(Nested("<div>", "</div>", 60_000)),
        });
        Assert.Contains("nest deeper than 400", created.ExpectError(HttpStatusCode.BadRequest).ErrorMessage);
        var found = (await Admin.Get($"{ContentUrl}?spaceKey={key}&title={Uri.EscapeDataString(title)}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Empty(found["results"]!.AsArray());

        // At the limit a body is still a page, and the server answers as before.
        var page = await Admin.CreatePageAsync(key, body: Nested("<div>", "</div>", 400));
        var view = await Admin.GetContentAsync((string)page["id"]!, "?expand=body.view");
        Assert.Contains("x", (string)view["body"]!["view"]!["value"]!);
        (await Admin.Get("/status")).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task An_xml_declaration_in_storage_is_a_400_not_a_500()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        const string body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><p>x</p>";
        var created = await Admin.PostJson(ContentUrl, new JsonObject
        {
            ["type"] = "page", ["title"] = "Declared " + Unique(), ["space"] = new JsonObject { ["key"] = key }, ["body"] = StorageBody(body),
        });
        Assert.Contains("XML declaration", created.ExpectError(HttpStatusCode.BadRequest).ErrorMessage);
        (await Admin.PostJson($"{Convert}/view", new { value = body, representation = "storage" })).ExpectError(HttpStatusCode.BadRequest);
    }

    /// <summary>Stored XSS as it reaches storage format: every payload is well-formed XHTML, so it is stored as sent.</summary>
    public static readonly string[] Payloads =
    [
        "<script>alert(1)</script>",
        "<p onclick=\"alert(1)\">click</p>",
        "<img src=\"x\" onerror=\"alert(1)\" />",
        "<a href=\"javascript:alert(1)\">link</a>",
        "<a href=\"JaVaScRiPt&#x3a;alert(1)\">link</a>",
        "<a href=\" &#x09;javascript:alert(1)\">link</a>",
        "<a href=\"vbscript:msgbox(1)\">link</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">link</a>",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<object data=\"https://evil.example/x.swf\"></object>",
        "<embed src=\"https://evil.example/x.swf\" />",
        "<base href=\"https://evil.example/\" />",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\" />",
        "<svg><script>alert(1)</script></svg>",
        "<svg onload=\"alert(1)\"></svg>",
        "<form action=\"https://evil.example/\"><input name=\"q\" /><button>go</button></form>",
        "<div style=\"background:url(javascript:alert(1))\">styled</div>",
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\" />",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<ac:image><ri:url ri:value=\"javascript:alert(1)\" /></ac:image>",
        "<ac:link><ri:page ri:content-title=\"&quot; onmouseover=&quot;alert(1)\" /></ac:link>",
        "<ac:structured-macro ac:name=\"info\" ac:macro-id=\"m-1\"><ac:parameter ac:name=\"title\">\" onmouseover=\"alert(1)</ac:parameter><ac:rich-text-body><p onclick=\"alert(1)\">in a macro</p><script>alert(1)</script></ac:rich-text-body></ac:structured-macro>",
    ];

    private static readonly HashSet<string> ForbiddenElements =
        ["script", "iframe", "frame", "object", "embed", "applet", "base", "meta", "link", "style", "form", "input", "button", "textarea", "select"];

    /// <summary>
    /// Reads <paramref name="html"/> as a browser would and fails on any element, event handler or
    /// URL that could run script or send the reader elsewhere. styled_view is Quire's own document
    /// around the view; only its body is the body's.
    /// </summary>
    private static void AssertSafe(string what, string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var elements = html.StartsWith("<!DOCTYPE html>", StringComparison.Ordinal)
            ? document.Body!.QuerySelectorAll("*").ToList()
            : document.All.Where(e => e is not (IHtmlHtmlElement or IHtmlHeadElement or IHtmlBodyElement)).ToList();
        foreach (var element in elements)
        {
            Assert.False(ForbiddenElements.Contains(element.LocalName), $"{what} holds <{element.LocalName}>: {html}");
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{what} holds {attribute.Name}: {html}");
                var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
                foreach (var scheme in new[] { "javascript:", "vbscript:", "data:" })
                    Assert.False(value.Contains(scheme, StringComparison.OrdinalIgnoreCase), $"{what} holds {attribute.Name}=\"{attribute.Value}\": {html}");
            }
        }
    }

    [SkippableFact]
    public async Task No_html_representation_carries_script_from_stored_storage()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var body = string.Concat(Payloads);
        var id = (string)(await Admin.CreatePageAsync(key, body: body))["id"]!;
        Assert.Equal(body, (string)(await Admin.GetContentAsync(id, "?expand=body.storage"))["body"]!["storage"]!["value"]!);

        var read = await Admin.GetContentAsync(id, "?expand=body.view,body.export_view");
        AssertSafe("body.view", (string)read["body"]!["view"]!["value"]!);
        AssertSafe("body.export_view", (string)read["body"]!["export_view"]!["value"]!);

        foreach (var payload in Payloads.Append(body))
        foreach (var to in new[] { "view", "export_view", "styled_view", "editor" })
        {
            var converted = (await Admin.PostJson($"{Convert}/{to}?spaceKeyContext={key}", new { value = payload, representation = "storage" }))
                .Expect(HttpStatusCode.OK).Json!;
            AssertSafe($"{to} of {payload}", (string)converted["value"]!);
        }

        var asyncId = (string)(await Admin.PostJson($"{Convert}/async/export_view", new { value = body, representation = "storage" })).Json!["asyncId"]!;
        AssertSafe("async export_view", (string)(await Admin.Get($"{Convert}/async/{asyncId}")).Expect(HttpStatusCode.OK).Json!["value"]!);

        var macro = $"{ContentUrl}/{id}/history/1/macro/id/m-1";
        foreach (var to in new[] { "view", "export_view", "styled_view", "editor" })
            AssertSafe($"macro body as {to}", (string)(await Admin.Get($"{macro}/convert/{to}")).Expect(HttpStatusCode.OK).Json!["value"]!);
    }

    [SkippableFact]
    public async Task The_editor_round_trip_survives_sanitizing()
    {
        const string storage = "<p>a<br />b</p><ac:structured-macro ac:name=\"info\" ac:macro-id=\"m-2\"><ac:parameter ac:name=\"title\">T</ac:parameter>" +
                               "<ac:rich-text-body><p class=\"note\">body</p></ac:rich-text-body></ac:structured-macro>";
        var editor = (string)(await Admin.PostJson($"{Convert}/editor", new { value = storage, representation = "storage" })).Expect(HttpStatusCode.OK).Json!["value"]!;
        Assert.Contains("data-macro-id=\"m-2\"", editor);
        var back = (string)(await Admin.PostJson($"{Convert}/storage", new { value = editor, representation = "editor" })).Expect(HttpStatusCode.OK).Json!["value"]!;
        Assert.Contains("<p>a<br />b</p>", back);
        Assert.Contains("ac:macro-id=\"m-2\"", back);
        Assert.Contains("<p class=\"note\">body</p>", back);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HostileBodyApiTestsOnSqlite(SqliteServerFixture fixture) : HostileBodyApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class HostileBodyApiTestsOnPostgres(PostgresServerFixture fixture) : HostileBodyApiTests(fixture);
