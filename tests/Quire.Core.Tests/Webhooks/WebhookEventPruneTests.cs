using Quire.Storage;
using Quire.Storage.Webhooks;

namespace Quire.Core.Tests.Webhooks;

/// <summary>
/// Retention prunes the outbox by id (its creation time has no index: every raised event would write it):
/// what goes is the finished events older than the cutoff; an event still waiting for a delivery, and
/// every event from the first young one on, stays.
/// </summary>
public sealed class WebhookEventPruneTests : IAsyncLifetime
{
    private MigratedSqliteDatabase _sqlite = null!;

    public async Task InitializeAsync() => _sqlite = await MigratedSqliteDatabase.CreateAsync("prune");

    public Task DisposeAsync() => _sqlite.DisposeAsync().AsTask();

    [Fact]
    public async Task Finished_events_older_than_the_cutoff_go_and_the_rest_stay()
    {
        await using var db = new DbSession(_sqlite.Database);
        var events = new WebhookEventStore(db);
        var hooks = new WebhookStore(db);
        var hook = await hooks.InsertAsync(new WebhookRecord { Name = "log", Url = "http://127.0.0.1:9/", Active = true, CreatedAt = 0, UpdatedAt = 0 });
        await hooks.SetEventsAsync(hook, ["page_created"]);

        var oldDone = await events.InsertAsync("page_created", "content:1", "{}", now: 1_000);
        var oldWaiting = await events.InsertAsync("page_created", "content:2", "{}", now: 2_000);
        var oldDoneToo = await events.InsertAsync("page_created", "content:3", "{}", now: 3_000);
        var young = await events.InsertAsync("page_created", "content:4", "{}", now: 9_000);
        Assert.Equal(4, await events.FanOutAsync(now: 9_500, batch: 10));
        await db.ExecuteAsync("UPDATE webhook_deliveries SET state = 'delivered' WHERE event_id <> @oldWaiting", new { oldWaiting });

        Assert.Equal(2, await events.PruneAsync(cutoff: 5_000));

        var left = await db.QueryAsync<long>("SELECT id FROM webhook_events ORDER BY id");
        Assert.Equal([oldWaiting, young], left);
        Assert.DoesNotContain(oldDone, left);
        Assert.DoesNotContain(oldDoneToo, left);
        // The deliveries of the pruned events went with them; the waiting one's log stays.
        Assert.Equal([oldWaiting, young], await db.QueryAsync<long>("SELECT event_id FROM webhook_deliveries ORDER BY event_id"));
    }

    [Fact]
    public async Task With_no_young_event_every_finished_event_goes()
    {
        await using var db = new DbSession(_sqlite.Database);
        var events = new WebhookEventStore(db);
        await events.InsertAsync("space_created", "space:1", "{}", now: 1_000);
        await events.InsertAsync("space_created", "space:2", "{}", now: 2_000);
        // Nobody subscribes: fan-out marks them done with no delivery.
        Assert.Equal(2, await events.FanOutAsync(now: 2_500, batch: 10));

        Assert.Equal(2, await events.PruneAsync(cutoff: 5_000));
        Assert.Empty(await db.QueryAsync<long>("SELECT id FROM webhook_events"));
    }
}
