using System.Net;
using Quire.Api.Tests.Infrastructure;
using Quire.Server.Cli;

namespace Quire.Api.Tests.Cli;

/// <summary>The administration verbs of the server executable, against the same database a server then serves.</summary>
public abstract class CommandLineTests(ServerFixture fixture) : ApiTest(fixture)
{
    /// <summary>The command-line options that point a verb at the database of <paramref name="settings"/>.</summary>
    internal static string[] Options(Dictionary<string, string?> settings)
    {
        var options = new List<string> { "--database-provider", settings["Quire:Database:Provider"]!, "--data-directory", settings["Quire:DataDirectory"]! };
        if (settings.TryGetValue("Quire:Database:ConnectionString", out var cs) && cs is not null)
            options.AddRange(["--connection-string", cs]);
        return [.. options];
    }

    /// <summary>Runs a verb in this process and answers its exit code and what it printed.</summary>
    internal static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await QuireCommandLine.RunAsync(args, output);
        return (exit, output.ToString());
    }

    [SkippableFact]
    public async Task User_add_and_token_create_give_credentials_the_server_accepts()
    {
        var settings = await Fixture.FreshDatabaseAsync();
        var options = Options(settings);

        var (exit, output) = await RunAsync(["user", "add", "--email", "cli@example.test", "--display-name", "Cli Person", .. options]);
        Assert.Equal(0, exit);
        Assert.Contains("accountId", output);

        (exit, output) = await RunAsync(["token", "create", "--email", "cli@example.test", "--label", "deploy", .. options]);
        Assert.Equal(0, exit);
        var token = output.Trim();
        Assert.StartsWith("qt_", token);

        (exit, output) = await RunAsync(["token", "list", "--email", "cli@example.test", .. options]);
        Assert.Equal(0, exit);
        Assert.Contains("deploy", output);
        Assert.DoesNotContain(token, output);
        var tokenId = output.Split('\t')[0];

        await using (var server = new QuireServer(Server.Engine, settings, bootstrapAdmin: false))
        {
            var me = (await server.SignedIn("cli@example.test", token).Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK).Json!;
            Assert.Equal("Cli Person", (string?)me["displayName"]);
        }

        (exit, _) = await RunAsync(["token", "revoke", "--email", "cli@example.test", "--id", tokenId, .. options]);
        Assert.Equal(0, exit);
        await using (var server = new QuireServer(Server.Engine, settings, bootstrapAdmin: false))
            (await server.SignedIn("cli@example.test", token).Get("/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task A_removed_user_gets_no_token()
    {
        var options = Options(await Fixture.FreshDatabaseAsync());
        Assert.Equal(0, (await RunAsync(["user", "add", "--email", "gone@example.test", "--display-name", "Gone", .. options])).Exit);
        Assert.Equal(0, (await RunAsync(["user", "remove", "--user", "gone@example.test", .. options])).Exit);
        var (exit, output) = await RunAsync(["token", "create", "--email", "gone@example.test", .. options]);
        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("qt_", output);
    }

    [SkippableFact]
    public async Task Errors_exit_non_zero_with_a_message()
    {
        var options = Options(await Fixture.FreshDatabaseAsync());
        Assert.Equal(0, (await RunAsync(["user", "add", "--email", "twice@example.test", "--display-name", "T", .. options])).Exit);
        Assert.NotEqual(0, (await RunAsync(["user", "add", "--email", "twice@example.test", "--display-name", "T", .. options])).Exit);
        Assert.NotEqual(0, (await RunAsync(["token", "create", "--email", "nobody@example.test", .. options])).Exit);
        Assert.NotEqual(0, (await RunAsync(["user", "add", .. options])).Exit);
    }

    [SkippableFact]
    public async Task Permission_verbs_list_grant_and_revoke_global_permissions()
    {
        var settings = await Fixture.FreshDatabaseAsync();
        var options = Options(settings);
        Assert.Equal(0, (await RunAsync(["user", "add", "--email", "perm@example.test", "--display-name", "Perm", .. options])).Exit);

        var (exit, output) = await RunAsync(["permission", "list", .. options]);
        Assert.Equal(0, exit);
        Assert.Equal(["create_space\tgroup confluence-users", "use\tgroup confluence-users"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order());

        (exit, output) = await RunAsync(["permission", "grant", "use", "--anonymous", .. options]);
        Assert.Equal(0, exit);
        Assert.Contains("granted use to anonymous", output);
        (exit, output) = await RunAsync(["permission", "revoke", "create_space", "--group", "confluence-users", .. options]);
        Assert.Equal(0, exit);
        (exit, output) = await RunAsync(["permission", "grant", "create_space", "--user", "perm@example.test", .. options]);
        Assert.Equal(0, exit);
        Assert.Contains("user perm@example.test", output);
        (exit, output) = await RunAsync(["permission", "list", .. options]);
        Assert.Contains("use\tanonymous", output);
        Assert.Contains("create_space\tuser perm@example.test", output);
        Assert.DoesNotContain("create_space\tgroup", output);

        // A server on that database serves requests without credentials as the anonymous user.
        await using (var server = new QuireServer(Server.Engine, settings, bootstrapAdmin: false))
        {
            var me = (await server.Anonymous().Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK).Json!;
            Assert.Equal("anonymous", (string?)me["type"]);
        }
        Assert.Equal(0, (await RunAsync(["permission", "revoke", "use", "--anonymous", .. options])).Exit);
        await using (var server = new QuireServer(Server.Engine, settings, bootstrapAdmin: false))
            (await server.Anonymous().Get("/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.Unauthorized);

        foreach (var bad in new[]
                 {
                     new[] { "permission", "grant", "create_space", "--anonymous" },
                     ["permission", "grant", "fly", "--group", "confluence-users"],
                     ["permission", "grant", "use", "--group", "confluence-users", "--anonymous"],
                     ["permission", "grant", "use"],
                     ["permission", "grant", "use", "--group", "no-such-group"],
                     ["permission", "revoke", "use", "--user", "nobody@example.test"],
                     ["permission", "revoke", "use", "--anonymous"],
                 })
            Assert.NotEqual(0, (await RunAsync([.. bad, .. options])).Exit);
    }

    [Fact]
    public async Task Help_lists_the_verbs()
    {
        var (exit, output) = await RunAsync("--help");
        Assert.Equal(0, exit);
        Assert.Contains("user", output);
        Assert.Contains("token", output);
        Assert.Contains("permission", output);
        (exit, output) = await RunAsync("token", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("create", output);
        Assert.Contains("revoke", output);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CommandLineTestsOnSqlite(SqliteServerFixture fixture) : CommandLineTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class CommandLineTestsOnPostgres(PostgresServerFixture fixture) : CommandLineTests(fixture);
