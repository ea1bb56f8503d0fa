using System.Net;
using Quire.Api.Tests.Cli;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.ApiV2.ClassificationLevel.ClassificationTestSupport;

namespace Quire.Api.Tests.ApiV2.ClassificationLevel;

/// <summary>The site admin's definition of classification levels: <c>/wiki/rest/api/admin/classification-levels</c> and the command line.</summary>
public abstract class ClassificationLevelAdminTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Admins_create_read_change_and_archive_levels()
    {
        var u = Unique();
        await Admin.NewLevelAsync(); // another published level, so that the listing has one when this one is archived
        var created = (await Admin.PostJson(AdminLevels, new { name = $"Secret {u}", color = "purple", description = "d", guideline = "g", order = 7 }))
            .Expect(HttpStatusCode.Created);
        var id = (string)created.Json!["id"]!;
        Assert.EndsWith($"{AdminLevels}/{id}", created.Message.Headers.Location!.ToString());
        Assert.Equal("PUBLISHED", (string?)created.Json["status"]);
        Assert.Equal("PURPLE", (string?)created.Json["color"]);
        Assert.Equal(7, (int?)created.Json["order"]);
        Assert.Equal("g", (string?)created.Json["guideline"]);

        var changed = (await Admin.PutJson($"{AdminLevels}/{id}", new { name = $"Top secret {u}", description = "", order = 3 })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal($"Top secret {u}", (string?)changed["name"]);
        Assert.Null(changed["description"]);
        Assert.Equal("g", (string?)changed["guideline"]);
        Assert.Equal(3, (int?)changed["order"]);
        Assert.Equal("PURPLE", (string?)changed["color"]);

        Assert.Contains((await Admin.Get($"{V2}/classification-levels")).Expect(HttpStatusCode.OK).Json!.AsArray(), l => (string?)l!["id"] == id);
        var archived = (await Admin.PostJson($"{AdminLevels}/{id}/archive", new { })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("ARCHIVED", (string?)archived["status"]);
        Assert.Equal("ARCHIVED", (string?)(await Admin.Get($"{AdminLevels}/{id}")).Expect(HttpStatusCode.OK).Json!["status"]);
        Assert.DoesNotContain((await Admin.Get($"{V2}/classification-levels")).Expect(HttpStatusCode.OK).Json!.AsArray(), l => (string?)l!["id"] == id);
        var all = (await Admin.Get(AdminLevels)).Expect(HttpStatusCode.OK).Json!;
        Assert.Contains(all["results"]!.AsArray(), l => (string?)l!["id"] == id && (string?)l["status"] == "ARCHIVED");
        Assert.Equal(all["results"]!.AsArray().Count, (int?)all["size"]);
    }

    [SkippableFact]
    public async Task Only_site_admins_define_levels_and_bad_definitions_store_nothing()
    {
        var u = Unique();
        var id = await Admin.NewLevelAsync($"Kept {u}", "TEAL");
        var user = await NewUserAsync();
        (await user.Client.Get(AdminLevels)).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.PostJson(AdminLevels, new { name = $"Mine {u}", color = "RED" })).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.PutJson($"{AdminLevels}/{id}", new { name = $"Mine {u}" })).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.PostJson($"{AdminLevels}/{id}/archive", new { })).ExpectError(HttpStatusCode.Forbidden);

        foreach (var body in new object[]
                 {
                     new { name = $"kept {u}", color = "RED" }, new { name = $"No colour {u}" }, new { name = $"Pink {u}", color = "PINK" },
                     new { name = "  ", color = "RED" }, new { name = $"Archived {u}", color = "RED", status = "ARCHIVED" },
                     new { name = $"Odd {u}", color = "RED", status = "SECRET" }, new { name = new string('n', 256), color = "RED" },
                 })
            (await Admin.PostJson(AdminLevels, body)).ExpectError(HttpStatusCode.BadRequest);
        var other = await Admin.NewLevelAsync($"Other {u}");
        (await Admin.PutJson($"{AdminLevels}/{other}", new { name = $"KEPT {u}" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{AdminLevels}/{id}", new { status = "DRAFT" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{AdminLevels}/{id}", new { color = "PINK" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{AdminLevels}/999999999", new { name = "x" })).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"{AdminLevels}/abc")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.PutJson($"{AdminLevels}/default", new { id = "abc" })).ExpectError(HttpStatusCode.BadRequest);

        var names = (await Admin.Get(AdminLevels)).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray().Select(l => (string?)l!["name"]).ToList();
        Assert.Single(names, n => n!.EndsWith(u, StringComparison.Ordinal) && n.StartsWith("Kept", StringComparison.Ordinal));
        Assert.Single(names, n => n!.EndsWith(u, StringComparison.Ordinal) && n.StartsWith("Other", StringComparison.Ordinal));
        Assert.Equal(2, names.Count(n => n!.EndsWith(u, StringComparison.Ordinal)));
        var kept = (await Admin.Get($"{AdminLevels}/{id}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("PUBLISHED", (string?)kept["status"]);
        Assert.Equal("TEAL", (string?)kept["color"]);
    }

    [SkippableFact]
    public async Task The_command_line_defines_lists_changes_and_archives_levels()
    {
        var options = CommandLineTests.Options(await Fixture.FreshDatabaseAsync());
        var (exit, output) = await CommandLineTests.RunAsync(["classification-level", "add", "--name", "Internal", "--color", "blue", "--order", "2", .. options]);
        Assert.Equal(0, exit);
        var id = output.Trim().Split(' ')[^1];
        (exit, output) = await CommandLineTests.RunAsync(["classification-level", "add", "--name", "Public", "--color", "GREEN", "--order", "1", "--draft", .. options]);
        Assert.Equal(0, exit);
        var draft = output.Trim().Split(' ')[^1];

        (exit, output) = await CommandLineTests.RunAsync(["classification-level", "default", "--id", id, .. options]);
        Assert.Equal(0, exit);
        (exit, output) = await CommandLineTests.RunAsync(["classification-level", "list", .. options]);
        Assert.Equal(0, exit);
        Assert.Equal([$"{draft}\tDRAFT\t1\tGREEN\tPublic", $"{id}\tPUBLISHED\t2\tBLUE\tInternal\tdefault"], output.Trim().Split('\n').Select(l => l.TrimEnd('\r')));

        (exit, output) = await CommandLineTests.RunAsync(["classification-level", "update", "--id", draft, "--status", "PUBLISHED", "--name", "Open", .. options]);
        Assert.Equal(0, exit);
        Assert.Equal($"{draft}\tPUBLISHED\t1\tGREEN\tOpen", output.Trim());
        (exit, output) = await CommandLineTests.RunAsync(["classification-level", "archive", "--id", id, .. options]);
        Assert.Equal(0, exit);
        (exit, output) = await CommandLineTests.RunAsync(["classification-level", "list", .. options]);
        Assert.DoesNotContain("default", output);
        Assert.Contains($"{id}\tARCHIVED\t2\tBLUE\tInternal", output);

        Assert.NotEqual(0, (await CommandLineTests.RunAsync(["classification-level", "add", "--name", "open", "--color", "RED", .. options])).Exit);
        Assert.NotEqual(0, (await CommandLineTests.RunAsync(["classification-level", "default", "--id", id, .. options])).Exit);
        Assert.NotEqual(0, (await CommandLineTests.RunAsync(["classification-level", "default", .. options])).Exit);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ClassificationLevelAdminTestsOnSqlite(SqliteServerFixture fixture) : ClassificationLevelAdminTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ClassificationLevelAdminTestsOnPostgres(PostgresServerFixture fixture) : ClassificationLevelAdminTests(fixture);
