using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Platform;

/// <summary>
/// Nodes of one site started at the same moment on an empty PostgreSQL database, as an
/// orchestrator starts replicas (issue 20, item 1): every node comes up, and the work of the
/// first start (migrations, the bootstrap admin, groups, backfills) is done once. Before the
/// start-up was ordered by a lock, one node of two exited in every trial ("A user with email
/// ... already exists").
/// </summary>
public abstract class MultiNodeStartTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const int Nodes = 3;
    private const int Trials = 2;

    [SkippableFact]
    public async Task Nodes_started_together_on_an_empty_database_all_come_up_with_one_admin()
    {
        _ = Server; // skips when the engine is unavailable
        for (var trial = 0; trial < Trials; trial++)
        {
            var database = await Fixture.FreshDatabaseAsync();
            // Each node has its own data directory; the database is what they share.
            var settings = Enumerable.Range(0, Nodes).Select(node => new Dictionary<string, string?>(database)
            {
                ["Quire:DataDirectory"] = Path.Combine(Path.GetTempPath(), $"quire-node-{Guid.NewGuid():N}"),
                ["Quire:Attachments:Store"] = "database",
            }).ToList();
            var starts = settings.Select(ServerProcess.StartAsync).ToList();
            try
            {
                var nodes = await Task.WhenAll(starts);
                foreach (var node in nodes)
                {
                    using var admin = node.Admin();
                    var me = await admin.GetAsync("/wiki/rest/api/user/current");
                    Assert.Equal(HttpStatusCode.OK, me.StatusCode);
                }
                using var client = nodes[0].Admin();
                var admins = JsonNode.Parse(await client.GetStringAsync("/wiki/rest/api/group/confluence-administrators/member"))!;
                Assert.Equal(1, (int)admins["size"]!);
                var users = JsonNode.Parse(await client.GetStringAsync("/wiki/rest/api/group/confluence-users/member"))!;
                Assert.Equal(1, (int)users["size"]!);
            }
            finally
            {
                // A node that failed to start is gone already; the others are stopped here.
                foreach (var start in starts.Where(s => s.IsCompletedSuccessfully)) await start.Result.DisposeAsync();
                foreach (var setting in settings)
                    try { Directory.Delete(setting["Quire:DataDirectory"]!, recursive: true); } catch (IOException) { }
            }
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class MultiNodeStartTestsOnPostgres(PostgresServerFixture fixture) : MultiNodeStartTests(fixture);
