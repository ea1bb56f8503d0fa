using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;

namespace Quire.Api.Tests.Settings;

// The site's look and feel is one per site and some tests change it, so these run in their
// collection one after another and put it back.
public abstract class SettingsAndThemesApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string LookAndFeel = "/wiki/rest/api/settings/lookandfeel";

    private static JsonObject Custom(string linkColour)
    {
        var json = (JsonObject)JsonNode.Parse("""
            {
              "headings": { "color": "#111111" }, "links": { "color": "LINK" },
              "menus": { "hoverOrFocus": { "backgroundColor": "#EEEEEE" }, "color": "#222222" },
              "header": {
                "backgroundColor": "#FFFFFF", "button": { "backgroundColor": "#0052CC", "color": "#FFFFFF" },
                "primaryNavigation": { "color": "#333333", "hoverOrFocus": { "backgroundColor": "#EBECF0", "color": "#172B4D" } },
                "secondaryNavigation": { "color": "#333333", "hoverOrFocus": { "backgroundColor": "#EBECF0", "color": "#172B4D" } },
                "search": { "backgroundColor": "#FFFFFF", "color": "#172B4D" }
              },
              "content": {}, "bordersAndDividers": { "color": "#DFE1E6" }
            }
            """)!;
        json["links"]!["color"] = linkColour;
        return json;
    }

    [SkippableFact]
    public async Task Space_look_and_feel_is_inherited_customised_selected_and_reset()
    {
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var initial = (await reader.Client.Get($"{LookAndFeel}?spaceKey={key}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("global", (string?)initial["selected"]);
        Assert.Equal("#0052CC", (string?)initial["global"]!["links"]!["color"]);
        Assert.NotNull(initial["custom"]!["header"]!["button"]);

        var stored = (await Admin.PostJson($"{LookAndFeel}/custom?spaceKey={key}", Custom("#ABCDEF"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("#ABCDEF", (string?)stored["links"]!["color"]);
        Assert.NotNull(stored["_links"]!["base"]);
        var selected = (await Admin.SendRaw(HttpMethod.Put, $"{LookAndFeel}/selected?spaceKey={key}", "\"custom\"")).Expect(HttpStatusCode.OK);
        Assert.Equal("custom", (string?)selected.Json);
        var now = (await reader.Client.Get($"{LookAndFeel}?spaceKey={key}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("custom", (string?)now["selected"]);
        Assert.Equal("#ABCDEF", (string?)now["custom"]!["links"]!["color"]);

        // Readers do not change it; themes cannot be selected; reset brings the defaults back, the selection stays.
        (await reader.Client.PostJson($"{LookAndFeel}/custom?spaceKey={key}", Custom("#000000"))).ExpectError(HttpStatusCode.Forbidden);
        (await Admin.SendRaw(HttpMethod.Put, $"{LookAndFeel}/selected?spaceKey={key}", "\"theme\"")).ExpectError(HttpStatusCode.Forbidden);
        (await Admin.PutJson(LookAndFeel, new { spaceKey = key, lookAndFeelType = "custom" })).ExpectError(HttpStatusCode.Conflict);
        var back = (await Admin.PutJson(LookAndFeel, new { spaceKey = key, lookAndFeelType = "global" })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal((key, "global"), ((string?)back["spaceKey"], (string?)back["lookAndFeelType"]));
        (await Admin.Delete($"{LookAndFeel}/custom?spaceKey={key}")).Expect(HttpStatusCode.NoContent);
        Assert.Equal("#0052CC", (string?)(await Admin.Get($"{LookAndFeel}?spaceKey={key}")).Json!["custom"]!["links"]!["color"]);

        // A space one may not see is missing.
        var outsider = await NewUserAsync();
        (await outsider.Client.Get($"{LookAndFeel}?spaceKey={key}")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Site_look_and_feel_is_the_site_admins_and_bad_settings_are_400()
    {
        var user = await NewUserAsync();
        (await user.Client.PostJson($"{LookAndFeel}/custom", Custom("#123456"))).ExpectError(HttpStatusCode.Forbidden);
        try
        {
            (await Admin.PostJson($"{LookAndFeel}/custom", Custom("#123456"))).Expect(HttpStatusCode.OK);
            (await Admin.SendRaw(HttpMethod.Put, $"{LookAndFeel}/selected", "\"custom\"")).Expect(HttpStatusCode.OK);
            var site = (await user.Client.Get(LookAndFeel)).Expect(HttpStatusCode.OK).Json!;
            Assert.Equal(("custom", "#123456"), ((string?)site["selected"], (string?)site["custom"]!["links"]!["color"]));
            // A space that selects nothing of its own inherits the site's custom settings as its "global".
            var key = SpaceTestSupport.NewKey();
            await Admin.CreateSpaceAsync(key);
            Assert.Equal("#123456", (string?)(await Admin.Get($"{LookAndFeel}?spaceKey={key}")).Json!["global"]!["links"]!["color"]);
        }
        finally
        {
            (await Admin.SendRaw(HttpMethod.Put, $"{LookAndFeel}/selected", "\"global\"")).Expect(HttpStatusCode.OK);
            (await Admin.Delete($"{LookAndFeel}/custom")).Expect(HttpStatusCode.NoContent);
        }

        var missing = Custom("#123456");
        missing.Remove("headings");
        (await Admin.PostJson($"{LookAndFeel}/custom", missing)).ExpectError(HttpStatusCode.BadRequest);
        var wrong = Custom("#123456");
        wrong["links"]!["color"] = 5;
        (await Admin.PostJson($"{LookAndFeel}/custom", wrong)).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, $"{LookAndFeel}/custom", "[1, 2]")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Put, $"{LookAndFeel}/selected", "\"purple\"")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Put, $"{LookAndFeel}/selected", "{}")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson(LookAndFeel, new { lookAndFeelType = "global" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{LookAndFeel}?spaceKey=NOSUCH{Unique()}")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task System_info_and_themes()
    {
        var info = (await Admin.Get("/wiki/rest/api/settings/systemInfo")).Expect(HttpStatusCode.OK).Json!;
        Assert.True(Guid.TryParse((string?)info["cloudId"], out _));
        Assert.False(string.IsNullOrEmpty((string?)info["commitHash"]));
        Assert.Equal((string?)info["cloudId"], (string?)(await Admin.Get("/wiki/rest/api/settings/systemInfo")).Json!["cloudId"]);

        var themes = (await Admin.Get("/wiki/rest/api/settings/theme")).Expect(HttpStatusCode.OK).Json!;
        Assert.Empty(themes["results"]!.AsArray());
        Assert.Equal(100, (int)themes["limit"]!);
        (await Admin.Get("/wiki/rest/api/settings/theme/selected")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get("/wiki/rest/api/settings/theme/com.example.theme")).ExpectError(HttpStatusCode.NotFound);

        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        (await reader.Client.Get($"/wiki/rest/api/space/{key}/theme")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.PutJson($"/wiki/rest/api/space/{key}/theme", new { themeKey = "com.example.theme" })).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.Delete($"/wiki/rest/api/space/{key}/theme")).ExpectError(HttpStatusCode.Forbidden);
        (await Admin.Delete($"/wiki/rest/api/space/{key}/theme")).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete($"/wiki/rest/api/space/NOSUCH{Unique()}/theme")).ExpectError(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SettingsAndThemesApiTestsOnSqlite(SqliteServerFixture fixture) : SettingsAndThemesApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SettingsAndThemesApiTestsOnPostgres(PostgresServerFixture fixture) : SettingsAndThemesApiTests(fixture);
