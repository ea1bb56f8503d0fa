using System.Net;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.ContentBody;

public abstract class ContentBodyApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string Convert = "/wiki/rest/api/contentbody/convert";

    private const string Rich =
        """<h2>Notes</h2><p>See <ac:link><ri:page ri:content-title="Target page" /><ac:plain-text-link-body><![CDATA[the target]]></ac:plain-text-link-body></ac:link>.</p>""" +
        """<ac:structured-macro ac:name="info" ac:schema-version="1" ac:macro-id="m-1"><ac:parameter ac:name="title">A | tricky = title</ac:parameter><ac:rich-text-body><p>Careful <strong>now</strong></p></ac:rich-text-body></ac:structured-macro>""" +
        """<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">csharp</ac:parameter><ac:plain-text-body><![CDATA[if (a < b && c) { }]]></ac:plain-text-body></ac:structured-macro>""" +
        """<p><ac:image><ri:url ri:value="https://example.com/a.png" /></ac:image><ac:image><ri:attachment ri:filename="diagram.png" /></ac:image></p>""";

    private async Task<string> ConvertAsync(string to, string value, string representation, string query = "") =>
        (string)(await Admin.PostJson($"{Convert}/{to}{query}", new { value, representation })).Expect(HttpStatusCode.OK).Json!["value"]!;

    [SkippableFact]
    public async Task Storage_converts_to_view_export_and_styled_view_with_links_in_the_context_space()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var target = (string)(await Admin.CreatePageAsync(key, "Target page"))["id"]!;
        var converted = (await Admin.PostJson($"{Convert}/view?spaceKeyContext={key}", new { value = Rich + "<script>alert(1)</script>", representation = "storage" }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("view", (string?)converted["representation"]);
        var view = (string)converted["value"]!;
        // A page link resolves in the context space to the page's webui URL.
        Assert.Contains($"href=\"/wiki/spaces/{key}/pages/{target}/Target+page\"", view);
        Assert.Contains("<strong>now</strong>", view);
        Assert.Contains("if (a &lt; b &amp;&amp; c)", view);
        Assert.DoesNotContain("script", view);
        // The info macro renders as Confluence's information panel, its title parameter as the title.
        Assert.Contains("confluence-information-macro", view);
        Assert.Contains("<p class=\"title\">A | tricky = title</p>", view);
        // export_view is the view with absolute URLs (the site's base).
        var export = await ConvertAsync("export_view", Rich + "<script>alert(1)</script>", "storage", $"?spaceKeyContext={key}");
        Assert.Contains($"href=\"http://quire.test/wiki/spaces/{key}/pages/{target}/Target+page\"", export);
        Assert.DoesNotContain("script", export);
        var styled = await ConvertAsync("styled_view", Rich, "storage", $"?spaceKeyContext={key}");
        Assert.StartsWith("<!DOCTYPE html>", styled);
        Assert.Contains("<strong>now</strong>", styled);
    }

    [SkippableFact]
    public async Task Storage_and_editor_convert_both_ways_keeping_macros_links_and_images()
    {
        var editor = await ConvertAsync("editor", Rich, "storage");
        Assert.Contains("class=\"wysiwyg-macro\"", editor);
        Assert.Contains("data-macro-name=\"info\"", editor);
        Assert.Contains("data-macro-body-type=\"PLAIN_TEXT\"", editor);
        Assert.Contains("data-linked-resource-type=\"page\"", editor);
        Assert.Contains("confluence-embedded-image", editor);

        var storage = await ConvertAsync("storage", editor, "editor");
        Assert.Contains("<ac:structured-macro ac:name=\"info\"", storage);
        Assert.Contains("<ac:parameter ac:name=\"title\">A | tricky = title</ac:parameter>", storage);
        Assert.Contains("<![CDATA[if (a < b && c) { }]]>", storage);
        Assert.Contains("<ri:page ri:content-title=\"Target page\" />", storage);
        Assert.Contains("<ri:url ri:value=\"https://example.com/a.png\" />", storage);
        Assert.Contains("<ri:attachment ri:filename=\"diagram.png\" />", storage);
        // The round trip is stable: the storage made from the editor converts to the same editor body.
        Assert.Equal(editor, await ConvertAsync("editor", storage, "storage"));
        // And a page created from it is valid storage.
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        await Admin.CreatePageAsync(key, "From the editor", storage);
    }

    [SkippableFact]
    public async Task Unsupported_pairs_bad_bodies_and_hidden_contexts_are_refused()
    {
        async Task Refused(string to, object body, HttpStatusCode status, string query = "") =>
            (await Admin.PostJson($"{Convert}/{to}{query}", body)).ExpectError(status);
        await Refused("storage", new { value = "<p>x</p>", representation = "view" }, HttpStatusCode.BadRequest);
        await Refused("wiki", new { value = "<p>x</p>", representation = "storage" }, HttpStatusCode.BadRequest);
        await Refused("view", new { value = "<p>unclosed", representation = "storage" }, HttpStatusCode.BadRequest);
        await Refused("view", new { representation = "storage" }, HttpStatusCode.BadRequest);
        await Refused("view", new { value = "<p>x</p>" }, HttpStatusCode.BadRequest);
        await Refused("view", new { value = "<p>x</p>", representation = "storage" }, HttpStatusCode.BadRequest, "?embeddedContentRender=sometime");
        await Refused("view", new { value = "<p>x</p>", representation = "storage" }, HttpStatusCode.NotFound, "?spaceKeyContext=NOSUCH" + Unique());
        (await Admin.SendRaw(HttpMethod.Post, $"{Convert}/view", "{\"value\": ")).ExpectError(HttpStatusCode.BadRequest);
        var deep = string.Concat(Enumerable.Repeat("<div>", 401)) + string.Concat(Enumerable.Repeat("</div>", 401));
        await Refused("editor", new { value = deep, representation = "storage" }, HttpStatusCode.BadRequest);

        // A content context the caller cannot read is as missing as one that does not exist.
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var secret = (string)(await Admin.CreatePageAsync(key, "Secret"))["id"]!;
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        await Admin.RestrictAsync(secret, Entry("read", [me]));
        (await reader.Client.PostJson($"{Convert}/view?contentIdContext={secret}", new { value = "<p>x</p>", representation = "storage" }))
            .ExpectError(HttpStatusCode.NotFound);
        (await Admin.PostJson($"{Convert}/view?contentIdContext={secret}", new { value = "<p>x</p>", representation = "storage" })).Expect(HttpStatusCode.OK);
        (await Server.Anonymous().PostJson($"{Convert}/view", new { value = "<p>x</p>", representation = "storage" })).ExpectError(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task Async_conversions_are_the_requesters_and_cached_on_request()
    {
        var started = (await Admin.PostJson($"{Convert}/async/export_view", new { value = Rich, representation = "storage" })).Expect(HttpStatusCode.OK).Json!;
        var id = (string)started["asyncId"]!;
        var result = (await Admin.Get($"{Convert}/async/{id}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("COMPLETED", (string?)result["status"]);
        Assert.Equal("export_view", (string?)result["representation"]);
        Assert.Contains("<strong>now</strong>", (string)result["value"]!);

        // allowCache answers the same conversion; without it a new one replaces it.
        var cached = (string)(await Admin.PostJson($"{Convert}/async/export_view?allowCache=true", new { value = Rich, representation = "storage" })).Json!["asyncId"]!;
        Assert.Equal(id, cached);
        var fresh = (string)(await Admin.PostJson($"{Convert}/async/export_view", new { value = Rich, representation = "storage" })).Json!["asyncId"]!;
        Assert.NotEqual(id, fresh);
        (await Admin.Get($"{Convert}/async/{id}")).ExpectError(HttpStatusCode.NotFound);

        var other = await NewUserAsync();
        (await other.Client.Get($"{Convert}/async/{fresh}")).ExpectError(HttpStatusCode.Forbidden);
        (await Admin.Get($"{Convert}/async/not-an-id")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{Convert}/async/{Guid.NewGuid()}")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.PostJson($"{Convert}/async/wiki", new { value = Rich, representation = "storage" })).ExpectError(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentBodyApiTestsOnSqlite(SqliteServerFixture fixture) : ContentBodyApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentBodyApiTestsOnPostgres(PostgresServerFixture fixture) : ContentBodyApiTests(fixture);
