using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using Quire.Server.Http;
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
        var fewest = await Admin.FewestCommandsAsync(Database, url, ownQueryString: false);
        var again = (await Admin.Get(url)).Expect(HttpStatusCode.OK);

        Assert.Equal(first.Body, again.Body);
        Assert.Equal(first.Message.Content.Headers.ContentType?.ToString(), again.Message.Content.Headers.ContentType?.ToString());
        Assert.True(Server.Services.GetRequiredService<RenderedAnswerCache>().Enabled);
        Assert.Equal(0, fewest);
    }

    /// <summary>
    /// On PostgreSQL another node (here a connection of the test's own, as another node's would be) commits without this
    /// node knowing: the database announces it (the <c>announce_commit</c> trigger), and a node's count moves when it hears
    /// it. Shown on a listening database of the test's own, where nothing else commits (the server's background work
    /// commits too), then on the server: its kept answer is gone. Waiting for counts, not for a time, so the answer's
    /// lifetime plays no part.
    /// </summary>
    [SkippableFact]
    public async Task Another_nodes_commit_ends_a_kept_answer_on_postgres()
    {
        Skip.If(Server.Engine != "postgres", "SQLite serves one process");
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Before the other node"))["id"]!;
        var url = $"{ContentUrl}/{id}";
        await Admin.Get(url);
        Assert.Equal(0, await Admin.FewestCommandsAsync(Database, url, ownQueryString: false));
        var connectionString = Server.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Quire:Database:ConnectionString"];
        await using var quietNode = Quire.Storage.Database.ForPostgres(connectionString!);
        using var listener = new Quire.Core.CommitListener(quietNode, Microsoft.Extensions.Logging.Abstractions.NullLogger<Quire.Core.CommitListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        var quietBefore = await SettledAsync(quietNode.Commits);
        var serverBefore = await SettledAsync(Database.Commits);

        await using (var otherNode = new Npgsql.NpgsqlConnection(connectionString))
        {
            await otherNode.OpenAsync();
            await using var rename = new Npgsql.NpgsqlCommand("UPDATE content SET title = 'Renamed on another node' WHERE id = @id", otherNode);
            rename.Parameters.AddWithValue("id", long.Parse(id));
            Assert.Equal(1, await rename.ExecuteNonQueryAsync());
        }

        await HeardAsync(quietNode.Commits, quietBefore);
        await HeardAsync(Database.Commits, serverBefore);
        await listener.StopAsync(CancellationToken.None);
        Assert.Equal("Renamed on another node", (string?)(await Admin.Get(url)).Expect(HttpStatusCode.OK).Json!["title"]);
    }

    private static async Task HeardAsync(CommitSequence commits, long before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (CommitSequence.Ended(commits.Current) == CommitSequence.Ended(before) && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.True(CommitSequence.Ended(commits.Current) > CommitSequence.Ended(before), "the other node's commit was never heard");
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
