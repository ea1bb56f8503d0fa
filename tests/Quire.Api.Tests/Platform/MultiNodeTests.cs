using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Platform;

/// <summary>
/// Several server processes on one PostgreSQL database, as a site that scaled out runs them
/// (issue 20). Nodes started at the same moment on an empty database all come up, and the
/// work of the first start (migrations, the bootstrap admin, groups, backfills) is done once:
/// before the start-up was ordered by a lock, one node of two exited in every trial ("A user
/// with email ... already exists"). A global permission changed on one node holds on the
/// others at once, not after their cache's 15 seconds.
/// </summary>
public abstract class MultiNodeTests(ServerFixture fixture) : ApiTest(fixture)
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

    [SkippableFact]
    public async Task A_global_permission_changed_on_one_node_holds_on_another_at_once()
    {
        _ = Server; // skips when the engine is unavailable
        var database = await Fixture.FreshDatabaseAsync();
        var dataDirectories = new List<string>();
        async Task<ServerProcess> StartNodeAsync()
        {
            var directory = Path.Combine(Path.GetTempPath(), $"quire-node-{Guid.NewGuid():N}");
            dataDirectories.Add(directory);
            return await ServerProcess.StartAsync(new Dictionary<string, string?>(database) { ["Quire:DataDirectory"] = directory });
        }
        await using var first = await StartNodeAsync();
        await using var second = await StartNodeAsync();
        try
        {
            using var admin = first.Admin();
            var created = await admin.PostAsJsonAsync("/wiki/rest/api/admin/user",
                new { userName = "ada", email = "ada@example.test", displayName = "Ada", password = "pw-ada-1" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using var ada = new HttpClient { BaseAddress = second.Address };
            ada.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ada@example.test:pw-ada-1")));
            Assert.Equal(HttpStatusCode.OK, (await ada.GetAsync("/wiki/rest/api/user/current")).StatusCode); // the second node has the grants cached now

            // Ada may use the site only through confluence-users: revoking it there on the first node locks her out of the second.
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/wiki/rest/api/admin/permissions/use/group/confluence-users")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, await SoonAsync(ada, HttpStatusCode.Forbidden));
            (await admin.PutAsync("/wiki/rest/api/admin/permissions/use/group/confluence-users", null)).EnsureSuccessStatusCode();
            Assert.Equal(HttpStatusCode.OK, await SoonAsync(ada, HttpStatusCode.OK));
        }
        finally
        {
            foreach (var directory in dataDirectories)
                try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The status <c>/user/current</c> answers once it is <paramref name="expected"/>, or the last one after five seconds: a
    /// notification crosses nodes in milliseconds, where the cache alone would hold the old grants for fifteen seconds.
    /// </summary>
    private static async Task<HttpStatusCode> SoonAsync(HttpClient client, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        HttpStatusCode status;
        do
        {
            status = (await client.GetAsync("/wiki/rest/api/user/current")).StatusCode;
            if (status == expected) return status;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        return status;
    }
}

[Collection(PostgresCollection.Name)]
public sealed class MultiNodeTestsOnPostgres(PostgresServerFixture fixture) : MultiNodeTests(fixture);
