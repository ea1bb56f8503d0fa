using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using Quire.Server.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Quire.Storage;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

/// <summary>
/// The single-content read keeps its rendered answer (<see cref="RenderedAnswerCache"/>) until anything is committed, by
/// this process or, on PostgreSQL, by another node: a repeated read runs no statement, yet an edit, a restriction or a removed membership shows on the very next
/// read, and one caller's answer never reaches another. The whole suite runs with the cache on, so every other test that
/// reads a page after a change checks the same from its side.
/// </summary>
public abstract class RenderedAnswerCacheTests(ServerFixture fixture) : ApiTest(fixture)
{
    private Database Database => Server.Services.GetRequiredService<Database>();

    [SkippableFact]
    public async Task A_repeated_read_runs_no_statement()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Polled"))["id"]!;
        var url = $"{ContentUrl}/{id}?expand=body.storage,version,space";

        var first = (await Admin.Get(url)).Expect(HttpStatusCode.OK);
        var fewest = await FewestCommandsOfKeptReadAsync(url);
        var again = (await Admin.Get(url)).Expect(HttpStatusCode.OK);

        Assert.Equal(first.Body, again.Body);
        Assert.Equal(first.Message.Content.Headers.ContentType?.ToString(), again.Message.Content.Headers.ContentType?.ToString());
        Assert.True(Server.Services.GetRequiredService<RenderedAnswerCache>().Enabled);
        // On PostgreSQL this also shows the node hears the others: its count is unsettled, and nothing kept, until it listens.
        Assert.Equal(0, fewest);
    }

    /// <summary>
    /// The fewest commands of a repeated read, tried until one runs none: any commit ends kept answers, and besides the
    /// test's own writes the server commits in the background (views every 2 s; on PostgreSQL the echoes of its own
    /// commits, heard a little later), so a few tries in a row may each read again.
    /// </summary>
    private async Task<long> FewestCommandsOfKeptReadAsync(string url)
    {
        var fewest = long.MaxValue;
        for (var round = 0; round < 20 && fewest > 0; round++)
        {
            if (round > 0) await Task.Delay(100);
            fewest = Math.Min(fewest, await Admin.FewestCommandsAsync(Database, url, ownQueryString: false));
        }
        return fewest;
    }

    /// <summary>
    /// On PostgreSQL another node (here a connection of the test's own, as another node's would be) commits without this
    /// node knowing: the database announces it (the <c>announce_commit</c> trigger), and a listening node's count moves
    /// when it hears it. Shown on a database of its own, where nothing else commits (the server's background work
    /// commits too, and would move the server's count anyway), with a node that only listens. Waiting for the count, not
    /// for a time, so no lifetime plays a part.
    /// </summary>
    [SkippableFact]
    public async Task Another_nodes_commit_is_heard_on_postgres()
    {
        Skip.If(Server.Engine != "postgres", "SQLite serves one process");
        var connectionString = (await Fixture.FreshDatabaseAsync())["Quire:Database:ConnectionString"]!;
        await using var node = Database.ForPostgres(connectionString);
        await Migrator.ApplyAsync(node, 0);
        using var listener = new Quire.Core.CommitListener(node, NullLogger<Quire.Core.CommitListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        try
        {
            var before = await SettledAsync(node.Commits);

            await using (var otherNode = new Npgsql.NpgsqlConnection(connectionString))
            {
                await otherNode.OpenAsync();
                await using var write = new Npgsql.NpgsqlCommand(
                    "INSERT INTO site_settings (name, value) VALUES ('written.elsewhere', 'yes')", otherNode);
                Assert.Equal(1, await write.ExecuteNonQueryAsync());
            }

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (CommitSequence.Ended(node.Commits.Current) == CommitSequence.Ended(before) && DateTime.UtcNow < deadline)
                await Task.Delay(10);
            Assert.True(CommitSequence.Ended(node.Commits.Current) > CommitSequence.Ended(before), "the other node's commit was never heard");
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
        Assert.False(CommitSequence.IsSettled(node.Commits.Current)); // a node that stopped listening keeps nothing
    }

    /// <summary>
    /// This node's own commits on PostgreSQL move its count by the time the write returns, before the database's
    /// announcement of them comes back: a client reading right after its write never gets the answer from before it. On
    /// a node that hears nothing (no listener), so only its own counting can move the count.
    /// </summary>
    [SkippableFact]
    public async Task This_nodes_commits_are_counted_before_the_write_returns_on_postgres()
    {
        Skip.If(Server.Engine != "postgres", "SQLite's writer counts its commits (CommitSequenceTests)");
        var connectionString = (await Fixture.FreshDatabaseAsync())["Quire:Database:ConnectionString"]!;
        await using var node = Database.ForPostgres(connectionString);
        await Migrator.ApplyAsync(node, 0);
        node.Commits.StartsHearing(); // as if it listened; it hears nothing here
        await using var session = new DbSession(node);

        async Task Counted(Func<Task> write)
        {
            var before = node.Commits.Current;
            await write();
            Assert.True(CommitSequence.IsSettled(node.Commits.Current));
            Assert.Equal(CommitSequence.Ended(before) + 1, CommitSequence.Ended(node.Commits.Current));
        }

        await Counted(() => session.InTransactionAsync(() =>
            session.ExecuteAsync("INSERT INTO site_settings (name, value) VALUES ('in.transaction', '1')")));
        await Counted(() => session.ExecuteAsync("UPDATE site_settings SET value = '2' WHERE name = 'in.transaction'"));
        await Counted(() => session.QueryAsync<string>("INSERT INTO site_settings (name, value) VALUES ('returning', '1') RETURNING name"));
        await Counted(() => session.ExecuteScalarAsync<string>("DELETE FROM site_settings WHERE name = 'returning' RETURNING name"));
        var settled = node.Commits.Current;
        await session.QueryAsync<string>("SELECT name FROM site_settings");
        await session.WithValuePlansAsync(() => session.QueryAsync<string>("SELECT name FROM site_settings"));
        Assert.Equal(settled, node.Commits.Current); // reads, and a search's plan settings, commit nothing
    }

    /// <summary>The count once no commit is under way and the node hears the others (it listens from start-up).</summary>
    private static async Task<long> SettledAsync(CommitSequence commits)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!CommitSequence.IsSettled(commits.Current) && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.True(CommitSequence.IsSettled(commits.Current), "the node never settled: is it listening for commits?");
        return commits.Current;
    }

    [SkippableFact]
    public async Task An_edit_shows_on_the_next_read()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Before the edit"))["id"]!;
        var url = $"{ContentUrl}/{id}?expand=body.storage,version";
        await Admin.Get(url);
        await Admin.Get(url);

        await Admin.UpdateAsync(id, 2, "After the edit", "<p>Changed</p>");

        var read = (await Admin.Get(url)).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("After the edit", (string?)read["title"]);
        Assert.Equal(2, (int?)read["version"]!["number"]);
        Assert.Equal("<p>Changed</p>", (string?)read["body"]!["storage"]!["value"]);
    }

    [SkippableFact]
    public async Task A_read_restriction_hides_a_kept_answer_on_the_next_read()
    {
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var id = (string)(await Admin.CreatePageAsync(key, "Soon restricted"))["id"]!;
        var url = $"{ContentUrl}/{id}?expand=body.storage";
        (await reader.Client.Get(url)).Expect(HttpStatusCode.OK);
        (await reader.Client.Get(url)).Expect(HttpStatusCode.OK);

        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        await Admin.RestrictAsync(id, RestrictionTestSupport.Entry("read", [me]));

        (await reader.Client.Get(url)).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task A_removed_group_membership_hides_a_kept_answer_on_the_next_read()
    {
        var member = await NewUserAsync();
        var (groupId, _) = await Admin.NewGroupAsync(member);
        var key = await Admin.SharedSpaceAsync([member]);
        var id = (string)(await Admin.CreatePageAsync(key, "For the group"))["id"]!;
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        await Admin.RestrictAsync(id, RestrictionTestSupport.Entry("read", [me], [groupId]));
        var url = $"{ContentUrl}/{id}";
        (await member.Client.Get(url)).Expect(HttpStatusCode.OK);
        (await member.Client.Get(url)).Expect(HttpStatusCode.OK);

        (await Admin.Delete($"/wiki/rest/api/group/userByGroupId?groupId={groupId}&accountId={member.AccountId}"))
            .Expect(HttpStatusCode.NoContent);

        (await member.Client.Get(url)).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task One_callers_kept_answer_never_reaches_another()
    {
        var outsider = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([]);
        var id = (string)(await Admin.CreatePageAsync(key, "Admins only"))["id"]!;
        var url = $"{ContentUrl}/{id}?expand=body.storage";
        (await Admin.Get(url)).Expect(HttpStatusCode.OK);
        (await Admin.Get(url)).Expect(HttpStatusCode.OK);

        (await outsider.Client.Get(url)).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Each_expansion_and_version_is_its_own_answer()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Two versions"))["id"]!;
        await Admin.UpdateAsync(id, 2, "Two versions", "<p>Second</p>");

        var plain = (await Admin.Get($"{ContentUrl}/{id}")).Expect(HttpStatusCode.OK).Json!;
        var withBody = (await Admin.Get($"{ContentUrl}/{id}?expand=body.storage")).Expect(HttpStatusCode.OK).Json!;
        var first = (await Admin.Get($"{ContentUrl}/{id}?version=1&status=historical&expand=version")).Expect(HttpStatusCode.OK).Json!;

        Assert.Null(plain["body"]?["storage"]);
        Assert.Equal("<p>Second</p>", (string?)withBody["body"]!["storage"]!["value"]);
        Assert.Equal(1, (int?)first["version"]!["number"]);
        Assert.Equal(2, (int?)(await Admin.Get($"{ContentUrl}/{id}?expand=version")).Json!["version"]!["number"]);
    }

}

[Collection(SqliteCollection.Name)]
public sealed class RenderedAnswerCacheTestsOnSqlite(SqliteServerFixture fixture) : RenderedAnswerCacheTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RenderedAnswerCacheTestsOnPostgres(PostgresServerFixture fixture) : RenderedAnswerCacheTests(fixture);
