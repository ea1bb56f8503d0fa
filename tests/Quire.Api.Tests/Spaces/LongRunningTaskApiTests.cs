using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quire.Api.Tests.Infrastructure;
using Quire.Core.Tasks;
using Quire.Storage;
using Quire.Storage.Tasks;

namespace Quire.Api.Tests.Spaces;

public abstract class LongRunningTaskApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string Api = "/wiki/rest/api/longtask";

    [SkippableFact]
    public async Task Users_see_their_own_tasks_and_admins_see_all()
    {
        var owner = await NewUserAsync();
        var other = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key);
        var taskId = (string)(await owner.Client.Delete($"/wiki/rest/api/space/{key}")).Expect(HttpStatusCode.Accepted).Json!["id"]!;

        var status = await owner.Client.WaitForTaskAsync(taskId);
        Assert.Equal(taskId, (string?)status["id"]);
        Assert.NotNull(status["name"]?["key"]);
        Assert.Equal("SUCCEEDED", (string?)status["status"]);
        Assert.True((long?)status["elapsedTime"] >= 0);
        Assert.Equal($"http://quire.test/wiki/rest/api/longtask/{taskId}", (string?)status["_links"]?["self"]);

        var mine = (await owner.Client.Get(Api)).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(100, (int?)mine["limit"]);
        Assert.Contains(mine["results"]!.AsArray(), t => (string?)t!["id"] == taskId);
        var theirs = (await other.Client.Get(Api)).Expect(HttpStatusCode.OK).Json!;
        Assert.DoesNotContain(theirs["results"]!.AsArray(), t => (string?)t!["id"] == taskId);
        (await other.Client.Get($"{Api}/{taskId}")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"{Api}/{taskId}")).Expect(HttpStatusCode.OK);
        Assert.Contains((await Admin.Get($"{Api}?limit=1000")).Json!["results"]!.AsArray(), t => (string?)t!["id"] == taskId);

        (await owner.Client.Get($"{Api}/nosuchtask")).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Get($"{Api}?limit=-5")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{Api}?start=x")).ExpectError(HttpStatusCode.BadRequest);
        (await Server.Anonymous().Get(Api)).ExpectError(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task A_task_whose_worker_died_is_claimed_again_and_unknown_types_fail()
    {
        var owner = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key);
        var taskId = (string)(await owner.Client.Delete($"/wiki/rest/api/space/{key}")).Expect(HttpStatusCode.Accepted).Json!["id"]!;
        await owner.Client.WaitForTaskAsync(taskId);

        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        // As if a worker had claimed the task and died before finishing: the lease has run out.
        await db.ExecuteAsync(
            "UPDATE long_tasks SET finished = @no, successful = @no, status = 'RUNNING', claimed_by = 'dead-worker', claim_expires_at = 1 WHERE id = @taskId",
            new { taskId, no = false });
        scope.ServiceProvider.GetRequiredService<LongTaskSignal>().Notify();
        var rerun = await owner.Client.WaitForTaskAsync(taskId);
        Assert.True((bool?)rerun["successful"]);

        // A task no handler knows finishes as failed, with a message saying why.
        var strayId = "stray" + Unique();
        await db.ExecuteAsync(
            """
            INSERT INTO long_tasks (id, type, name_key, owner_id, status, finished, successful, created_at)
            SELECT @strayId, 'no-such-type', 'x', owner_id, 'QUEUED', @no, @no, 1 FROM long_tasks WHERE id = @taskId
            """, new { strayId, taskId, no = false });
        scope.ServiceProvider.GetRequiredService<LongTaskSignal>().Notify();
        var failed = await owner.Client.WaitForTaskAsync(strayId);
        Assert.False((bool?)failed["successful"]);
        Assert.Equal("FAILED", (string?)failed["status"]);
        Assert.Contains("no-such-type", (string?)failed["errors"]?[0]?["translation"]);
    }

    [SkippableFact]
    public async Task A_queued_space_deletion_survives_a_restart_and_completes_after_it()
    {
        var settings = await Fixture.FreshDatabaseAsync();
        var key = SpaceTestSupport.NewKey();
        string taskId;
        await using (var first = new QuireServer(Server.Engine, settings))
        {
            _ = first.Server;
            // This server's worker stops first, as if the process ended before it got to the task.
            await first.Services.GetServices<IHostedService>().OfType<LongTaskWorker>().Single().StopAsync(CancellationToken.None);
            var admin = first.Admin();
            await admin.CreateSpaceAsync(key);
            taskId = (string)(await admin.Delete($"/wiki/rest/api/space/{key}")).Expect(HttpStatusCode.Accepted).Json!["id"]!;

            await Task.Delay(LongTaskWorker.PollInterval * 3);
            var queued = (await admin.Get($"{Api}/{taskId}")).Expect(HttpStatusCode.OK).Json!;
            Assert.Equal("QUEUED", (string?)queued["status"]);
            Assert.False((bool?)queued["finished"]);
            (await admin.Get($"/wiki/rest/api/space/{key}")).ExpectError(HttpStatusCode.NotFound);
            Assert.Equal(1, await first.CountAsync("SELECT COUNT(*) FROM spaces WHERE key_lower = @key", new { key = key.ToLowerInvariant() }));
        }

        // A new process on the same database picks the task up and finishes it.
        await using var second = new QuireServer(Server.Engine, settings);
        var done = await second.Admin().WaitForTaskAsync(taskId);
        Assert.True((bool?)done["successful"], done.ToJsonString());
        Assert.Equal("SUCCEEDED", (string?)done["status"]);
        Assert.Equal(0, await second.CountAsync("SELECT COUNT(*) FROM spaces WHERE key_lower = @key", new { key = key.ToLowerInvariant() }));
        // The key is free again.
        await second.Admin().CreateSpaceAsync(key);
    }

    [SkippableFact]
    public async Task A_task_that_fails_on_an_internal_error_tells_its_owner_nothing_more()
    {
        var owner = await NewUserAsync();
        var ownerId = await Server.CountAsync("SELECT id FROM users WHERE account_id = @accountId", new { accountId = owner.AccountId });
        var taskId = "broken" + Unique();
        await using var scope = Server.Services.CreateAsyncScope();
        // A space deletion whose payload cannot be read: deserialising it throws, with a message naming .NET types.
        await scope.ServiceProvider.GetRequiredService<DbSession>().ExecuteAsync(
            """
            INSERT INTO long_tasks (id, type, name_key, payload, owner_id, status, finished, successful, created_at)
            VALUES (@taskId, @type, 'x', '{"SpaceId": "not a number", "SpaceKey": 7}', @ownerId, 'QUEUED', @no, @no, 1)
            """, new { taskId, type = Quire.Core.Spaces.SpaceDeletionHandler.TaskType, ownerId, no = false });
        scope.ServiceProvider.GetRequiredService<LongTaskSignal>().Notify();

        var failed = await owner.Client.WaitForTaskAsync(taskId);
        Assert.Equal("FAILED", (string?)failed["status"]);
        var error = (string?)failed["errors"]?[0]?["translation"];
        Assert.Contains("internal error", error);
        foreach (var leak in new[] { "System.", "JSON", "Path", "LineNumber", "Int64" })
            Assert.DoesNotContain(leak, failed.ToJsonString());
    }

    [SkippableFact]
    public async Task Only_the_worker_holding_a_task_records_its_outcome()
    {
        // Held by a made-up worker until far in the future, so the server's own worker leaves it alone.
        const long farFuture = 4_000_000_000_000;
        var taskId = "held" + Unique();
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        var store = scope.ServiceProvider.GetRequiredService<LongTaskStore>();
        await db.ExecuteAsync(
            """
            INSERT INTO long_tasks (id, type, name_key, status, finished, successful, claimed_by, claim_expires_at, created_at)
            VALUES (@taskId, 'no-such-type', 'x', 'QUEUED', @no, @no, 'holder', @farFuture, 0)
            """, new { taskId, no = false, farFuture });

        try
        {
            // Worker A claims it; its lease runs out and worker B claims it again.
            var a = await db.InTransactionAsync(() => store.ClaimNextAsync("worker-a", farFuture + 1, 60_000));
            Assert.Equal(taskId, a?.Id);
            var b = await db.InTransactionAsync(() => store.ClaimNextAsync("worker-b", farFuture + 60_002, 60_000));
            Assert.Equal(taskId, b?.Id);

            // A finishing late records nothing; B's outcome stands.
            Assert.False(await store.CompleteAsync(taskId, "worker-a", true, "SUCCEEDED", "[\"late\"]", farFuture + 60_003));
            var stillRunning = (await store.FindAsync(taskId))!;
            Assert.False(stillRunning.Finished);
            Assert.Equal("worker-b", stillRunning.ClaimedBy);
            Assert.True(await store.CompleteAsync(taskId, "worker-b", false, "FAILED", "[\"b\"]", farFuture + 60_004));
            Assert.False(await store.CompleteAsync(taskId, "worker-b", true, "SUCCEEDED", "[]", farFuture + 60_005));
            var done = (await store.FindAsync(taskId))!;
            Assert.True(done.Finished);
            Assert.False(done.Successful);
            Assert.Equal("FAILED", done.Status);
        }
        finally
        {
            await db.ExecuteAsync("UPDATE long_tasks SET finished = @yes WHERE id = @taskId", new { taskId, yes = true });
        }
    }

    [SkippableFact]
    public async Task Concurrent_claims_hand_a_task_to_exactly_one_worker()
    {
        // Held by a made-up worker until far in the future, so the server's own worker (on real
        // time) leaves it alone; the claimers below pretend it is later still, when the hold expired.
        const long farFuture = 4_000_000_000_000;
        var taskId = "race" + Unique();
        await using (var setup = Server.Services.CreateAsyncScope())
            await setup.ServiceProvider.GetRequiredService<DbSession>().ExecuteAsync(
                """
                INSERT INTO long_tasks (id, type, name_key, status, finished, successful, claimed_by, claim_expires_at, created_at)
                VALUES (@taskId, 'no-such-type', 'x', 'QUEUED', @no, @no, 'holder', @farFuture, 0)
                """, new { taskId, no = false, farFuture });

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            await using var scope = Server.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DbSession>();
            var store = scope.ServiceProvider.GetRequiredService<LongTaskStore>();
            return await db.InTransactionAsync(() => store.ClaimNextAsync($"claimer-{i}", farFuture + 1, 60_000));
        }));

        try
        {
            var won = claims.Where(c => c is not null).ToList();
            Assert.Single(won);
            Assert.Equal(taskId, won[0]!.Id);
            Assert.Equal(1, won[0]!.Attempts);
        }
        finally
        {
            await using var cleanup = Server.Services.CreateAsyncScope();
            await cleanup.ServiceProvider.GetRequiredService<DbSession>().ExecuteAsync(
                "UPDATE long_tasks SET finished = @yes WHERE id = @taskId", new { taskId, yes = true });
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LongRunningTaskApiTestsOnSqlite(SqliteServerFixture fixture) : LongRunningTaskApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class LongRunningTaskApiTestsOnPostgres(PostgresServerFixture fixture) : LongRunningTaskApiTests(fixture);
