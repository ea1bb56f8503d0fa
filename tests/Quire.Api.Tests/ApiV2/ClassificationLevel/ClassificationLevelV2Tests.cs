using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Permissions;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.ApiV2.ClassificationLevel;

/// <summary>
/// The v2 Classification Level group: the published levels, a space's default, and the level of pages and blog
/// posts (own, else the space's default, else the site's), with the permissions and the 404s of hidden content.
/// </summary>
public abstract class ClassificationLevelV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Published_levels_are_listed_in_order_with_the_specs_shape()
    {
        var u = Unique();
        var first = await Admin.NewLevelAsync($"First {u}", "RED", description: "Handle with care", order: -1_000_000);
        var draft = await Admin.NewLevelAsync($"Draft {u}", status: "DRAFT");
        var archived = await Admin.NewLevelAsync($"Archived {u}");
        await Admin.ArchiveLevelAsync(archived);
        var user = await NewUserAsync();

        var levels = (await user.Client.Get($"{V2}/classification-levels")).Expect(HttpStatusCode.OK).Json!.AsArray();
        var shown = levels.Select(l => (string)l!["id"]!).ToList();
        Assert.Equal(first, shown[0]);
        Assert.DoesNotContain(draft, shown);
        Assert.DoesNotContain(archived, shown);
        Assert.All(levels, l => Assert.Equal("PUBLISHED", (string?)l!["status"]));
        var level = levels[0]!;
        Assert.Equal($"First {u}", (string?)level["name"]);
        Assert.Equal("RED", (string?)level["color"]);
        Assert.Equal("Handle with care", (string?)level["description"]);
        Assert.Equal(-1_000_000, (int?)level["order"]);
    }

    [SkippableFact]
    public async Task Content_has_its_own_level_else_its_spaces_default_and_reset_returns_to_the_default()
    {
        var (spaceDefault, own) = (await Admin.NewLevelAsync(color: "GREEN"), await Admin.NewLevelAsync(color: "ORANGE"));
        var owner = await NewUserAsync();
        var (_, spaceId) = await owner.Client.NewSpaceAsync();
        var page = (string)(await owner.Client.CreateV2PageAsync(spaceId))["id"]!;
        var blog = (string)(await owner.Client.PostJson($"{V2}/blogposts", new { spaceId, title = "Blog " + Unique() })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var board = (string)(await owner.Client.PostJson($"{V2}/whiteboards", new { spaceId, title = "Board " + Unique() })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var database = (string)(await owner.Client.PostJson($"{V2}/databases", new { spaceId, title = "Database " + Unique() })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var spaceUrl = $"{V2}/spaces/{spaceId}/classification-level/default";

        (await owner.Client.Get(spaceUrl)).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Get(Level("pages", page))).ExpectV2Error(HttpStatusCode.NotFound);

        (await owner.Client.PutJson(spaceUrl, new { id = spaceDefault, status = "current" })).Expect(HttpStatusCode.NoContent);
        Assert.Equal(spaceDefault, (string?)(await owner.Client.Get(spaceUrl)).Expect(HttpStatusCode.OK).Json!["id"]);
        foreach (var (kind, id) in new[] { ("pages", page), ("blogposts", blog), ("whiteboards", board), ("databases", database) })
        {
            var inherited = (await owner.Client.Get(Level(kind, id))).Expect(HttpStatusCode.OK).Json!;
            Assert.Equal(spaceDefault, (string?)inherited["id"]);
            Assert.Equal("GREEN", (string?)inherited["color"]);

            (await owner.Client.PutJson(Level(kind, id), new { id = own, status = "current" })).Expect(HttpStatusCode.NoContent);
            Assert.Equal(own, (string?)(await owner.Client.Get(Level(kind, id))).Expect(HttpStatusCode.OK).Json!["id"]);
            Assert.Equal(own, (string?)(await owner.Client.Get(Level(kind, id) + "?status=current")).Expect(HttpStatusCode.OK).Json!["id"]);
        }

        (await owner.Client.PostJson(Level("pages", page) + "/reset", new { status = "current" })).Expect(HttpStatusCode.NoContent);
        Assert.Equal(spaceDefault, (string?)(await owner.Client.Get(Level("pages", page))).Expect(HttpStatusCode.OK).Json!["id"]);
        Assert.Equal(own, (string?)(await owner.Client.Get(Level("blogposts", blog))).Expect(HttpStatusCode.OK).Json!["id"]);
        foreach (var (kind, id) in new[] { ("whiteboards", board), ("databases", database) })
        {
            (await owner.Client.PostJson(Level(kind, id) + "/reset", new { status = "current" })).Expect(HttpStatusCode.NoContent);
            Assert.Equal(spaceDefault, (string?)(await owner.Client.Get(Level(kind, id))).Expect(HttpStatusCode.OK).Json!["id"]);
            // Each route names its type: a whiteboard is not found as a database, nor the reverse.
            (await owner.Client.Get(Level(kind == "whiteboards" ? "databases" : "whiteboards", id))).ExpectV2Error(HttpStatusCode.NotFound);
        }

        // Without the space's default, content without a level of its own has none.
        (await owner.Client.Delete(spaceUrl)).Expect(HttpStatusCode.NoContent);
        (await owner.Client.Get(spaceUrl)).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Get(Level("pages", page))).ExpectV2Error(HttpStatusCode.NotFound);
        Assert.Equal(own, (string?)(await owner.Client.Get(Level("blogposts", blog))).Expect(HttpStatusCode.OK).Json!["id"]);
        // A route names its type: a blog post is not found as a page, nor a page as a whiteboard or a database.
        (await owner.Client.Get(Level("pages", blog))).ExpectV2Error(HttpStatusCode.NotFound);
        foreach (var kind in new[] { "whiteboards", "databases" })
        {
            (await owner.Client.Get(Level(kind, page))).ExpectV2Error(HttpStatusCode.NotFound);
            (await owner.Client.PutJson(Level(kind, page), new { id = own, status = "current" })).ExpectV2Error(HttpStatusCode.NotFound);
            (await owner.Client.PostJson(Level(kind, page) + "/reset", new { status = "current" })).ExpectV2Error(HttpStatusCode.NotFound);
        }
        (await owner.Client.Get(Level("pages", page))).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Readers_read_editors_and_space_admins_change_and_hidden_content_is_not_found()
    {
        var level = await Admin.NewLevelAsync();
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var stranger = await NewUserAsync();
        var space = await owner.Client.CreateSpaceAsync(permissions: [SpaceTestSupport.Permission("read", "space", [reader.AccountId])]);
        var spaceId = ((long)space["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var spaceUrl = $"{V2}/spaces/{spaceId}/classification-level/default";
        var page = (string)(await owner.Client.CreateV2PageAsync(spaceId))["id"]!;
        var restricted = (string)(await owner.Client.CreateV2PageAsync(spaceId))["id"]!;
        var trashed = (string)(await owner.Client.CreateV2PageAsync(spaceId))["id"]!;
        foreach (var id in new[] { page, restricted, trashed })
            (await owner.Client.PutJson(Level("pages", id), new { id = level, status = "current" })).Expect(HttpStatusCode.NoContent);
        await owner.Client.RestrictAsync(restricted, Entry("read", [owner.AccountId]));
        (await owner.Client.Delete($"{V2}/pages/{trashed}")).Expect(HttpStatusCode.NoContent);
        (await owner.Client.PutJson(spaceUrl, new { id = level, status = "current" })).Expect(HttpStatusCode.NoContent);

        // A reader of the space reads, but may neither change the page's level (404, as the spec says) nor the space's (403).
        Assert.Equal(level, (string?)(await reader.Client.Get(Level("pages", page))).Expect(HttpStatusCode.OK).Json!["id"]);
        Assert.Equal(level, (string?)(await reader.Client.Get(spaceUrl)).Expect(HttpStatusCode.OK).Json!["id"]);
        (await reader.Client.PutJson(Level("pages", page), new { id = level, status = "current" })).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.PostJson(Level("pages", page) + "/reset", new { status = "current" })).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.PutJson(spaceUrl, new { id = level, status = "current" })).ExpectV2Error(HttpStatusCode.Forbidden);
        (await reader.Client.Delete(spaceUrl)).ExpectV2Error(HttpStatusCode.Forbidden);

        // Restricted, trashed, and another space's content: 404 for the reader, through every route.
        foreach (var id in new[] { restricted, trashed })
        {
            (await reader.Client.Get(Level("pages", id))).ExpectV2Error(HttpStatusCode.NotFound);
            (await reader.Client.PutJson(Level("pages", id), new { id = level, status = "current" })).ExpectV2Error(HttpStatusCode.NotFound);
            (await reader.Client.PostJson(Level("pages", id) + "/reset", new { status = "current" })).ExpectV2Error(HttpStatusCode.NotFound);
        }
        (await owner.Client.Get(Level("pages", trashed))).ExpectV2Error(HttpStatusCode.NotFound);
        (await stranger.Client.Get(Level("pages", page))).ExpectV2Error(HttpStatusCode.NotFound);
        (await stranger.Client.Get(spaceUrl)).ExpectV2Error(HttpStatusCode.NotFound);
        (await stranger.Client.PutJson(spaceUrl, new { id = level, status = "current" })).ExpectV2Error(HttpStatusCode.NotFound);
        (await stranger.Client.Delete(spaceUrl)).ExpectV2Error(HttpStatusCode.NotFound);

        // Nothing the refused calls asked for happened.
        Assert.Equal(level, (string?)(await owner.Client.Get(spaceUrl)).Expect(HttpStatusCode.OK).Json!["id"]);
        Assert.Equal(level, (string?)(await owner.Client.Get(Level("pages", restricted))).Expect(HttpStatusCode.OK).Json!["id"]);
    }

    [SkippableFact]
    public async Task A_drafts_level_is_its_authors_and_goes_with_it_when_published()
    {
        var level = await Admin.NewLevelAsync();
        var owner = await NewUserAsync();
        var (_, spaceId) = await owner.Client.NewSpaceAsync();
        var draft = (await owner.Client.PostJson($"{V2}/pages", new { spaceId, status = "draft" })).Expect(HttpStatusCode.OK).Json!;
        var id = (string)draft["id"]!;

        (await owner.Client.PutJson(Level("pages", id), new { id = level, status = "current" })).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.PutJson(Level("pages", id), new { id = level, status = "draft" })).Expect(HttpStatusCode.NoContent);
        Assert.Equal(level, (string?)(await owner.Client.Get(Level("pages", id) + "?status=draft")).Expect(HttpStatusCode.OK).Json!["id"]);
        (await owner.Client.Get(Level("pages", id))).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Get(Level("pages", id) + "?status=draft")).ExpectV2Error(HttpStatusCode.NotFound);

        (await owner.Client.PutJson($"{V2}/pages/{id}", new
        {
            id, status = "current", title = "Published " + Unique(), body = new { representation = "storage", value = "<p>p</p>" },
            version = new { number = 1 },
        })).Expect(HttpStatusCode.OK);
        Assert.Equal(level, (string?)(await owner.Client.Get(Level("pages", id))).Expect(HttpStatusCode.OK).Json!["id"]);
    }

    [SkippableFact]
    public async Task Bad_input_is_a_400_and_changes_nothing()
    {
        var level = await Admin.NewLevelAsync();
        var draftLevel = await Admin.NewLevelAsync(status: "DRAFT");
        var archived = await Admin.NewLevelAsync();
        await Admin.ArchiveLevelAsync(archived);
        var owner = await NewUserAsync();
        var (_, spaceId) = await owner.Client.NewSpaceAsync();
        var spaceUrl = $"{V2}/spaces/{spaceId}/classification-level/default";
        var page = (string)(await owner.Client.CreateV2PageAsync(spaceId))["id"]!;
        (await owner.Client.PutJson(Level("pages", page), new { id = level, status = "current" })).Expect(HttpStatusCode.NoContent);
        (await owner.Client.PutJson(spaceUrl, new { id = level, status = "current" })).Expect(HttpStatusCode.NoContent);

        foreach (var url in new[] { Level("pages", page), spaceUrl })
        {
            foreach (var body in new object[]
                     {
                         new { id = draftLevel, status = "current" }, new { id = archived, status = "current" }, new { id = "999999999", status = "current" },
                         new { id = "abc", status = "current" }, new { id = level }, new { id = level, status = "archived" }, new { status = "current" },
                     })
                (await owner.Client.PutJson(url, body)).ExpectV2Error(HttpStatusCode.BadRequest);
            (await owner.Client.SendRaw(HttpMethod.Put, url, "")).ExpectV2Error(HttpStatusCode.BadRequest);
        }
        (await owner.Client.PostJson(Level("pages", page) + "/reset", new { status = "trashed" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Level("pages", page) + "/reset", new { })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get(Level("pages", page) + "?status=bogus")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get(Level("pages", "x"))).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/spaces/x/classification-level/default")).ExpectV2Error(HttpStatusCode.BadRequest);

        Assert.Equal(level, (string?)(await owner.Client.Get(Level("pages", page))).Expect(HttpStatusCode.OK).Json!["id"]);
        Assert.Equal(level, (string?)(await owner.Client.Get(spaceUrl)).Expect(HttpStatusCode.OK).Json!["id"]);
    }

    [SkippableFact]
    public async Task Archiving_a_level_clears_the_defaults_naming_it_and_content_keeps_it()
    {
        var (level, other) = (await Admin.NewLevelAsync(), await Admin.NewLevelAsync());
        var owner = await NewUserAsync();
        var (_, spaceId) = await owner.Client.NewSpaceAsync();
        var spaceUrl = $"{V2}/spaces/{spaceId}/classification-level/default";
        var (kept, inheriting) = ((string)(await owner.Client.CreateV2PageAsync(spaceId))["id"]!, (string)(await owner.Client.CreateV2PageAsync(spaceId))["id"]!);
        (await owner.Client.PutJson(Level("pages", kept), new { id = level, status = "current" })).Expect(HttpStatusCode.NoContent);
        (await owner.Client.PutJson(spaceUrl, new { id = level, status = "current" })).Expect(HttpStatusCode.NoContent);

        await Admin.ArchiveLevelAsync(level);

        (await owner.Client.Get(spaceUrl)).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Get(Level("pages", inheriting))).ExpectV2Error(HttpStatusCode.NotFound);
        var still = (await owner.Client.Get(Level("pages", kept))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(level, (string?)still["id"]);
        Assert.Equal("ARCHIVED", (string?)still["status"]);
        // Published again, it is not the default again: archiving cleared the default, it did not hide it.
        (await Admin.PutJson($"{ClassificationTestSupport.AdminLevels}/{level}", new { status = "PUBLISHED" })).Expect(HttpStatusCode.OK);
        (await owner.Client.Get(spaceUrl)).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.PutJson(spaceUrl, new { id = other, status = "draft" })).Expect(HttpStatusCode.NoContent);
        Assert.Equal(other, (string?)(await owner.Client.Get(Level("pages", inheriting))).Expect(HttpStatusCode.OK).Json!["id"]);
    }

    /// <summary>The site's default applies where neither the content nor its space sets one; the test removes it again, as it is site-wide.</summary>
    [SkippableFact]
    public async Task The_sites_default_applies_below_the_spaces()
    {
        var (siteLevel, spaceLevel) = (await Admin.NewLevelAsync(), await Admin.NewLevelAsync());
        var owner = await NewUserAsync();
        var (_, spaceId) = await owner.Client.NewSpaceAsync();
        var page = (string)(await owner.Client.CreateV2PageAsync(spaceId))["id"]!;
        var siteDefault = $"{ClassificationTestSupport.AdminLevels}/default";
        (await owner.Client.PutJson(siteDefault, new { id = siteLevel })).ExpectError(HttpStatusCode.Forbidden);
        (await Admin.PutJson(siteDefault, new { id = siteLevel })).Expect(HttpStatusCode.OK);
        try
        {
            Assert.Equal(siteLevel, (string?)(await owner.Client.Get(Level("pages", page))).Expect(HttpStatusCode.OK).Json!["id"]);
            // The site's default is not the space's: the space has none of its own.
            (await owner.Client.Get($"{V2}/spaces/{spaceId}/classification-level/default")).ExpectV2Error(HttpStatusCode.NotFound);
            (await owner.Client.PutJson($"{V2}/spaces/{spaceId}/classification-level/default", new { id = spaceLevel, status = "current" }))
                .Expect(HttpStatusCode.NoContent);
            Assert.Equal(spaceLevel, (string?)(await owner.Client.Get(Level("pages", page))).Expect(HttpStatusCode.OK).Json!["id"]);
        }
        finally
        {
            (await Admin.Delete(siteDefault)).Expect(HttpStatusCode.NoContent);
        }
        (await Admin.Get(siteDefault)).ExpectError(HttpStatusCode.NotFound);
    }

    /// <summary>A site without published levels answers 404 to the listing, as the spec says; its own server, as levels are site-wide.</summary>
    [SkippableFact]
    public async Task A_site_without_published_levels_answers_404()
    {
        await using var server = await Fixture.OwnServerAsync(Server.Engine);
        var admin = server.Admin();
        (await admin.Get($"{V2}/classification-levels")).ExpectV2Error(HttpStatusCode.NotFound);
        await admin.NewLevelAsync(status: "DRAFT");
        (await admin.Get($"{V2}/classification-levels")).ExpectV2Error(HttpStatusCode.NotFound);
        var published = await admin.NewLevelAsync();
        Assert.Equal([published], (await admin.Get($"{V2}/classification-levels")).Expect(HttpStatusCode.OK).Json!.AsArray().Select(l => (string?)l!["id"]));
    }

    private static string Level(string kind, string id) => $"{V2}/{kind}/{id}/classification-level";
}

[Collection(SqliteCollection.Name)]
public sealed class ClassificationLevelV2TestsOnSqlite(SqliteServerFixture fixture) : ClassificationLevelV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ClassificationLevelV2TestsOnPostgres(PostgresServerFixture fixture) : ClassificationLevelV2Tests(fixture);
