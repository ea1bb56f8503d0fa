using System.Net;
using Quire.Api.Tests.Cli;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.ApiV2.CustomContent.CustomContentTestSupport;

namespace Quire.Api.Tests.ApiV2.CustomContent;

/// <summary><c>quire custom-content-type add|list|remove</c>: a type declared on the command line is one a server then serves content of.</summary>
public abstract class CustomContentCommandLineTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task The_command_line_declares_lists_and_removes_types_that_the_server_then_uses()
    {
        var settings = await Fixture.FreshDatabaseAsync();
        var options = CommandLineTests.Options(settings);
        var type = "ac:quire-cli:t" + Unique();
        var (exit, output) = await CommandLineTests.RunAsync(["custom-content-type", "add", "--key", type, "--name", "From the CLI", "--container", "space", "--container", "page", .. options]);
        Assert.Equal(0, exit);
        Assert.Equal($"declared {type}", output.Trim());
        (exit, output) = await CommandLineTests.RunAsync(["custom-content-type", "list", .. options]);
        Assert.Equal(0, exit);
        Assert.True(output.Contains($"{type}\tFrom the CLI\tspace,page\tattachment,comment", StringComparison.Ordinal), output);
        (exit, _) = await CommandLineTests.RunAsync(["custom-content-type", "add", "--key", "page", .. options]);
        Assert.NotEqual(0, exit);

        string id;
        await using (var server = new QuireServer(Server.Engine, settings))
        {
            using var admin = server.Admin();
            var (_, spaceId) = await admin.NewSpaceAsync();
            id = (string)(await admin.CreateCustomContentAsync(type, "spaceId", spaceId, "Made after the CLI"))["id"]!;
            Assert.Equal(type, (string)(await admin.Get($"{V2}/custom-content/{id}")).Expect(HttpStatusCode.OK).Json!["type"]!);
        }
        // A type with content stays declared.
        (exit, _) = await CommandLineTests.RunAsync(["custom-content-type", "remove", "--key", type, .. options]);
        Assert.NotEqual(0, exit);
        await using (var server = new QuireServer(Server.Engine, settings))
        {
            using var admin = server.Admin();
            (await admin.Delete($"{V2}/custom-content/{id}")).Expect(HttpStatusCode.NoContent);
            (await admin.Delete($"{V2}/custom-content/{id}?purge=true")).Expect(HttpStatusCode.NoContent);
        }
        (exit, output) = await CommandLineTests.RunAsync(["custom-content-type", "remove", "--key", type, .. options]);
        Assert.Equal(0, exit);
        (_, output) = await CommandLineTests.RunAsync(["custom-content-type", "list", .. options]);
        Assert.DoesNotContain(type, output);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CustomContentCommandLineTestsOnSqlite(SqliteServerFixture fixture) : CustomContentCommandLineTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class CustomContentCommandLineTestsOnPostgres(PostgresServerFixture fixture) : CustomContentCommandLineTests(fixture);
