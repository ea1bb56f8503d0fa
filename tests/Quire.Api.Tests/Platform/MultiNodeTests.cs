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
/// others at once, not after their cache's 15 seconds. Writes are read across nodes at once,
/// a revoked token stops everywhere, a version race split across nodes has one winner, and a
/// node killed during writes loses none that it acknowledged. A long task that outlasts its
/// lease stays with its owner, and one whose owner is killed is finished by the other node.
/// (The claim protocol step by step, with a manual clock: LongTaskLeaseApiTests.)
/// </summary>
public abstract class MultiNodeTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const int Nodes = 2;
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
    /// Two nodes on <paramref name="database"/> (a fresh one when null), each with its own data
    /// directory and attachments in the database, plus any <paramref name="extra"/> settings.
    /// </summary>
    private async Task<(ServerProcess First, ServerProcess Second, List<string> Directories)> TwoNodesAsync(
        Dictionary<string, string?>? database = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        database ??= await Fixture.FreshDatabaseAsync();
        var directories = new List<string>();
        var nodes = new List<ServerProcess>();
        foreach (var _ in new[] { 1, 2 })
        {
            var directory = Path.Combine(Path.GetTempPath(), $"quire-node-{Guid.NewGuid():N}");
            directories.Add(directory);
            var settings = new Dictionary<string, string?>(database) { ["Quire:DataDirectory"] = directory, ["Quire:Attachments:Store"] = "database" };
            foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
            nodes.Add(await ServerProcess.StartAsync(settings));
        }
        return (nodes[0], nodes[1], directories);
    }

    private static HttpClient SignedIn(ServerProcess node, string login, string secret) => new()
    {
        BaseAddress = node.Address,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login}:{secret}"))) },
    };

    [SkippableFact]
    public async Task Writes_revocations_and_version_races_hold_across_nodes()
    {
        _ = Server; // skips when the engine is unavailable
        var (first, second, directories) = await TwoNodesAsync();
        try
        {
            using var onFirst = first.Admin();
            using var onSecond = second.Admin();
            (await onFirst.PostAsJsonAsync("/wiki/rest/api/space", new { key = "NODES", name = "Nodes" })).EnsureSuccessStatusCode();
            var created = await onFirst.PostAsJsonAsync("/wiki/rest/api/content", new
            {
                type = "page", title = "Written on one", space = new { key = "NODES" },
                body = new { storage = new { value = "<p>one</p>", representation = "storage" } },
            });
            var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;

            // A write on one node is read on the other at once.
            var read = JsonNode.Parse(await onSecond.GetStringAsync($"/wiki/rest/api/content/{id}?expand=body.storage"))!;
            Assert.Equal("<p>one</p>", (string)read["body"]!["storage"]!["value"]!);

            // Twenty updates to version 2, split across the nodes: exactly one wins, the others are 409s.
            var updates = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? onFirst : onSecond).PutAsJsonAsync($"/wiki/rest/api/content/{id}", new
            {
                type = "page", title = "Written on one", version = new { number = 2 },
                body = new { storage = new { value = $"<p>update {i}</p>", representation = "storage" } },
            }));
            var statuses = (await Task.WhenAll(updates)).Select(r => r.StatusCode).ToList();
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.Equal(19, statuses.Count(s => s == HttpStatusCode.Conflict));

            // A token made and used on one node, and remembered by the other's sign-in cache, stops
            // there once the revocation's NOTIFY arrives: well before the cache's own 15 s bound.
            var issued = JsonNode.Parse(await (await onFirst.PostAsJsonAsync("/wiki/rest/quire/1/api-token", new { label = "nodes" })).Content.ReadAsStringAsync())!;
            using var withToken = SignedIn(second, QuireServer.AdminEmail, (string)issued["token"]!);
            Assert.Equal(HttpStatusCode.OK, (await withToken.GetAsync("/wiki/rest/api/user/current")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await withToken.GetAsync("/wiki/rest/api/user/current")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await onFirst.DeleteAsync($"/wiki/rest/quire/1/api-token/{(string)issued["id"]!}")).StatusCode);
            var refused = false;
            for (var attempt = 0; attempt < 100 && !refused; attempt++) // 5 s at most, a third of the cache's lifetime
            {
                refused = (await withToken.GetAsync("/wiki/rest/api/user/current")).StatusCode == HttpStatusCode.Unauthorized;
                if (!refused) await Task.Delay(50);
            }
            Assert.True(refused, "the revoked token was still accepted by the other node 5 s later");
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
            foreach (var directory in directories)
                try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    [SkippableFact]
    public async Task A_node_killed_during_writes_loses_no_acknowledged_write()
    {
        _ = Server; // skips when the engine is unavailable
        var (doomed, survivor, directories) = await TwoNodesAsync();
        try
        {
            using var onDoomed = doomed.Admin();
            using var onSurvivor = survivor.Admin();
            (await onSurvivor.PostAsJsonAsync("/wiki/rest/api/space", new { key = "KILL", name = "Kill" })).EnsureSuccessStatusCode();
            var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
            using var stop = new CancellationTokenSource();
            async Task WriteAsync(HttpClient client, string writer)
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        var response = await client.PostAsJsonAsync("/wiki/rest/api/content", new
                        {
                            type = "page", title = $"{writer} {i}", space = new { key = "KILL" },
                            body = new { storage = new { value = $"<p>{writer} {i}</p>", representation = "storage" } },
                        });
                        if (response.StatusCode == HttpStatusCode.OK)
                            acknowledged.Add((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!);
                    }
                    catch (HttpRequestException)
                    {
                        if (client == onDoomed) return; // the node is gone: what it did not answer was not acknowledged
                    }
                }
            }
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() => WriteAsync(w % 2 == 0 ? onDoomed : onSurvivor, $"writer{w}"))).ToList();
            while (acknowledged.Count < 60) await Task.Delay(20);
            await doomed.KillAsync();
            await Task.Delay(300);
            stop.Cancel();
            await Task.WhenAll(writers);

            var ids = acknowledged.ToList();
            Assert.True(ids.Count >= 60);
            foreach (var chunk in ids.Chunk(100))
            {
                var found = JsonNode.Parse(await onSurvivor.GetStringAsync(
                    $"/wiki/rest/api/content/search?cql={Uri.EscapeDataString($"id in ({string.Join(",", chunk)})")}&limit=100"))!;
                Assert.Equal(chunk.Length, found["results"]!.AsArray().Count);
            }
        }
        finally
        {
            await doomed.DisposeAsync();
            await survivor.DisposeAsync();
            foreach (var directory in directories)
                try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Leases short enough that a copy of a few thousand pages outlasts one of them several times over.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(1.5);
    private const int TreePages = 2500;

    [SkippableFact]
    public async Task A_long_task_is_kept_by_a_slow_owner_and_finished_by_another_node_when_its_owner_is_killed()
    {
        _ = Server; // skips when the engine is unavailable
        var database = await Fixture.FreshDatabaseAsync();
        var (first, second, directories) = await TwoNodesAsync(database, new Dictionary<string, string?>
        {
            ["Quire:Tasks:LeaseSeconds"] = Lease.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Quire:Tasks:HeartbeatSeconds"] = (Lease.TotalSeconds / 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await using var storage = Quire.Storage.Database.ForPostgres(database["Quire:Database:ConnectionString"]!);
        try
        {
            using var onFirst = first.Admin();
            using var onSecond = second.Admin();
            (await onFirst.PostAsJsonAsync("/wiki/rest/api/space", new { key = "TASKS", name = "Tasks" })).EnsureSuccessStatusCode();
            var root = await CreatePageAsync(onFirst, "Root", parentId: null);
            using (var writers = new SemaphoreSlim(8))
                await Task.WhenAll(Enumerable.Range(1, TreePages).Select(async i =>
                {
                    await writers.WaitAsync();
                    try { await CreatePageAsync(i % 2 == 0 ? onFirst : onSecond, $"Page {i}", root); }
                    finally { writers.Release(); }
                }));

            // A slow owner: the copy runs for longer than a lease while the other node polls for tasks. Its
            // heartbeat keeps the claim, so the task runs once and succeeds (before, the other node took it over
            // at the lease's end and the task ended FAILED although every page had been copied once).
            var slowTarget = await CreatePageAsync(onFirst, "Target of the slow copy", parentId: null);
            var slow = await CopyTreeAsync(onSecond, root, slowTarget, "Slow ");
            var slowDone = await WaitForTaskAsync(onFirst, slow);
            Assert.True((bool)slowDone["successful"]!, slowDone.ToJsonString());
            var slowRecord = await TaskRecordAsync(storage, slow);
            // (Past the lease and the other node's next poll for tasks, 200 ms later.)
            Assert.True(slowRecord.FinishedAt - slowRecord.StartedAt > (long)Lease.TotalMilliseconds + 250,
                $"The copy took {slowRecord.FinishedAt - slowRecord.StartedAt} ms, too short to outlast the lease; copy more pages.");
            Assert.Equal(1, slowRecord.Attempts);
            Assert.Equal(TreePages + 1, await CurrentPagesTitledAsync(storage, "Slow %"));

            // A killed owner: the node that claimed the copy dies in the middle of it. Its transaction rolls back,
            // the other node takes the task over once the lease runs out, and copies every page once.
            var killedTarget = await CreatePageAsync(onFirst, "Target of the killed copy", parentId: null);
            var killed = await CopyTreeAsync(onFirst, root, killedTarget, "Killed ");
            var claim = await ClaimOfAsync(storage, killed);
            var owner = claim.ClaimedBy!.Split(':')[1] == first.ProcessId.ToString() ? first : second;
            await owner.KillAsync();
            Assert.False((await TaskRecordAsync(storage, killed)).Finished, "The copy finished before its owner was killed; copy more pages.");
            var killedDone = await WaitForTaskAsync(owner == first ? onSecond : onFirst, killed);
            Assert.True((bool)killedDone["successful"]!, killedDone.ToJsonString());
            var killedRecord = await TaskRecordAsync(storage, killed);
            Assert.Equal(2, killedRecord.Attempts);
            Assert.NotEqual(claim.ClaimedBy, killedRecord.ClaimedBy);
            Assert.Equal(TreePages + 1, await CurrentPagesTitledAsync(storage, "Killed %"));
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
            foreach (var directory in directories)
                try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<string> CreatePageAsync(HttpClient client, string title, string? parentId)
    {
        var response = await client.PostAsJsonAsync("/wiki/rest/api/content", new
        {
            type = "page", title, space = new { key = "TASKS" },
            ancestors = parentId is null ? Array.Empty<object>() : [new { id = parentId }],
            body = new { storage = new { value = $"<p>{title}</p>", representation = "storage" } },
        });
        response.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
    }

    private static async Task<string> CopyTreeAsync(HttpClient client, string root, string destination, string prefix)
    {
        var response = await client.PostAsJsonAsync($"/wiki/rest/api/content/{root}/pagehierarchy/copy", new
        {
            destinationPageId = destination, copyDescendants = true, titleOptions = new { prefix },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
    }

    private static async Task<JsonNode> WaitForTaskAsync(HttpClient client, string taskId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var status = JsonNode.Parse(await client.GetStringAsync($"/wiki/rest/api/longtask/{taskId}"))!;
            if ((bool?)status["finished"] == true) return status;
            Assert.True(DateTime.UtcNow < deadline, $"Task {taskId} did not finish: {status.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    private static async Task<Quire.Storage.Tasks.LongTaskRecord> TaskRecordAsync(Quire.Storage.Database storage, string taskId)
    {
        await using var session = new Quire.Storage.DbSession(storage);
        return (await new Quire.Storage.Tasks.LongTaskStore(session).FindAsync(taskId))!;
    }

    /// <summary>The task's record once a worker has claimed it.</summary>
    private static async Task<Quire.Storage.Tasks.LongTaskRecord> ClaimOfAsync(Quire.Storage.Database storage, string taskId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var record = await TaskRecordAsync(storage, taskId);
            if (record.ClaimedBy is not null) return record;
            Assert.False(record.Finished, "The copy finished before its claim was seen; copy more pages.");
            Assert.True(DateTime.UtcNow < deadline, "No node claimed the task.");
            await Task.Delay(10);
        }
    }

    private static async Task<long> CurrentPagesTitledAsync(Quire.Storage.Database storage, string pattern)
    {
        await using var session = new Quire.Storage.DbSession(storage);
        return await session.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM content WHERE type = 'page' AND status = 'current' AND title LIKE @pattern", new { pattern });
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
