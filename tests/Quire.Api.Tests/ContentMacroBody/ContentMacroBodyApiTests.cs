using System.Net;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.ContentMacroBody;

public abstract class ContentMacroBodyApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static string Macro(string id, int version, string macroId, string rest = "") =>
        $"{ContentUrl}/{id}/history/{version}/macro/id/{macroId}{rest}";

    private static string Body(string text) =>
        $"""<p>Before</p><ac:structured-macro ac:name="panel" ac:schema-version="1" ac:macro-id="m-42"><ac:parameter ac:name="title">Heads up</ac:parameter><ac:parameter ac:name="borderStyle">dashed</ac:parameter><ac:rich-text-body><p>{text} <ac:link><ri:page ri:content-title="Elsewhere" /></ac:link></p></ac:rich-text-body></ac:structured-macro>""" +
        """<ac:structured-macro ac:name="code" ac:macro-id="m-code"><ac:plain-text-body><![CDATA[x < y]]></ac:plain-text-body></ac:structured-macro>""";

    [SkippableFact]
    public async Task A_macro_is_found_by_id_in_the_latest_or_an_earlier_version_and_converted()
    {
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var elsewhere = (string)(await Admin.CreatePageAsync(key, "Elsewhere"))["id"]!;
        var id = (string)(await Admin.CreatePageAsync(key, "Macros", Body("First")))["id"]!;
        await Admin.UpdateAsync(id, 2, "Macros", Body("Second"));

        var latest = (await reader.Client.Get(Macro(id, 0, "m-42"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("panel", (string?)latest["name"]);
        Assert.Equal("<p>Second <ac:link><ri:page ri:content-title=\"Elsewhere\" /></ac:link></p>", (string?)latest["body"]);
        Assert.Equal("Heads up", (string?)latest["parameters"]!["title"]);
        Assert.Equal("dashed", (string?)latest["parameters"]!["borderStyle"]);
        Assert.Contains("First", (string)(await reader.Client.Get(Macro(id, 1, "m-42"))).Expect(HttpStatusCode.OK).Json!["body"]!);
        Assert.Equal("x < y", (string?)(await reader.Client.Get(Macro(id, 2, "m-code"))).Expect(HttpStatusCode.OK).Json!["body"]);

        var view = (await reader.Client.Get(Macro(id, 0, "m-42", "/convert/view"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("view", (string?)view["representation"]);
        // The page link resolves, in the macro's page's space, to the page's webui URL.
        Assert.Contains($"href=\"/wiki/spaces/{key}/pages/{elsewhere}/Elsewhere\"", (string)view["value"]!);
        Assert.Contains("x &lt; y", (string)(await reader.Client.Get(Macro(id, 0, "m-code", "/convert/export_view"))).Json!["value"]!);

        var asyncId = (string)(await reader.Client.Get(Macro(id, 0, "m-42", "/convert/async/styled_view"))).Expect(HttpStatusCode.OK).Json!["asyncId"]!;
        var result = (await reader.Client.Get($"/wiki/rest/api/contentbody/convert/async/{asyncId}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("COMPLETED", (string?)result["status"]);
        Assert.Contains("Second", (string)result["value"]!);
    }

    [SkippableFact]
    public async Task Missing_macros_versions_and_hidden_content_are_404()
    {
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var id = (string)(await Admin.CreatePageAsync(key, "Macros", Body("Only")))["id"]!;
        (await reader.Client.Get(Macro(id, 0, "no-such-macro"))).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.Get(Macro(id, 7, "m-42"))).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.Get(Macro("99999999", 0, "m-42"))).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.Get(Macro(id, 0, "m-42", "/convert/wiki"))).ExpectError(HttpStatusCode.BadRequest);
        (await reader.Client.Get(Macro(id, 0, "m-42", "/convert/storage"))).ExpectError(HttpStatusCode.BadRequest);
        (await reader.Client.Get(Macro(id, 0, "m-42", "/convert/async/editor"))).ExpectError(HttpStatusCode.BadRequest);
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        await Admin.RestrictAsync(id, Entry("read", [me]));
        (await reader.Client.Get(Macro(id, 0, "m-42"))).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.Get(Macro(id, 0, "m-42", "/convert/view"))).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get(Macro(id, 0, "m-42"))).Expect(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentMacroBodyApiTestsOnSqlite(SqliteServerFixture fixture) : ContentMacroBodyApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentMacroBodyApiTestsOnPostgres(PostgresServerFixture fixture) : ContentMacroBodyApiTests(fixture);
