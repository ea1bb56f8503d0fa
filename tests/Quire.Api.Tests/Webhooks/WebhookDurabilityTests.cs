using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Webhooks;

/// <summary>
/// The outbox survives what kills a process: an event written with its change is delivered after a
/// SIGKILL, whether the node died before sending it or while sending it (then its lease lapses and
/// the event goes out again: at least once). Real server processes, on a database of their own.
/// </summary>
public abstract class WebhookDurabilityTests(ServerFixture fixture) : WebhookTest(fixture)
{
    [SkippableFact]
    public async Task An_event_committed_before_a_sigkill_is_delivered_after_the_restart()
    {
        _ = Server;
        var settings = await SettingsAsync();
        // This node raises events but does not send them, so the kill surely comes between the write and the delivery.
        await using (var node = await ServerProcess.StartAsync(new Dictionary<string, string?>(settings) { ["Quire:Webhooks:Deliver"] = "false" }))
        {
            using var admin = node.Admin();
            await RegisterOnAsync(admin);
            var page = await CreatePageAsync(admin);
            await node.KillAsync();
            Assert.Empty(Receiver.Received);

            await using var restarted = await ServerProcess.StartAsync(settings);
            var received = await Receiver.WaitForEventAsync("page_created", w => (long?)w["page"]?["id"] == page);
            WebhookPayloadShapes.AssertContentEvent(received, "page");
        }
    }

    [SkippableFact]
    public async Task An_event_being_sent_when_the_node_is_killed_is_sent_again_once_its_lease_lapses()
    {
        _ = Server;
        var settings = new Dictionary<string, string?>(await SettingsAsync()) { ["Quire:Webhooks:LeaseSeconds"] = "8" };
        var firstArrived = new TaskCompletionSource();
        var hang = new TaskCompletionSource();
        Receiver.Answer = async (_, index) =>
        {
            if (index > 0) return HttpStatusCode.OK;
            firstArrived.TrySetResult();
            await hang.Task;
            return HttpStatusCode.OK;
        };
        try
        {
            long page;
            await using (var node = await ServerProcess.StartAsync(settings))
            {
                using var admin = node.Admin();
                await RegisterOnAsync(admin);
                page = await CreatePageAsync(admin);
                await firstArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
                await node.KillAsync();
            }
            await using var restarted = await ServerProcess.StartAsync(settings);
            await Receiver.WaitForAsync(r => r.Count(w => (long?)w["page"]?["id"] == page) == 2);
            var both = Receiver.Received.Where(w => (long?)w["page"]?["id"] == page).ToList();
            Assert.Equal(both[0].EventIdentifier, both[1].EventIdentifier); // a receiver can tell the repeat and drop it
            Assert.Equal(both[0].Body, both[1].Body);
        }
        finally
        {
            hang.TrySetResult();
        }
    }

    private async Task<Dictionary<string, string?>> SettingsAsync() =>
        await Fixture.FreshDatabaseAsync(); // with the fixture's fast webhook settings

    private async Task RegisterOnAsync(HttpClient admin)
    {
        var created = await admin.PostAsJsonAsync("/wiki/rest/api/webhooks", new { name = "durable", url = Receiver.Url, events = new[] { "page_created" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static async Task<long> CreatePageAsync(HttpClient admin)
    {
        var key = "D" + Unique().ToUpperInvariant();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/wiki/rest/api/space", new { key, name = key })).StatusCode);
        var page = await admin.PostAsJsonAsync("/wiki/rest/api/content", new
        {
            type = "page", title = "Durable", space = new { key },
            body = new { storage = new { value = "<p>d</p>", representation = "storage" } },
        });
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return long.Parse((string)JsonNode.Parse(await page.Content.ReadAsStringAsync())!["id"]!);
    }
}

[Collection(SqliteWebhookCollection.Name)]
public sealed class WebhookDurabilityTestsOnSqlite(SqliteWebhookFixture fixture) : WebhookDurabilityTests(fixture);

[Collection(PostgresWebhookCollection.Name)]
public sealed class WebhookDurabilityTestsOnPostgres(PostgresWebhookFixture fixture) : WebhookDurabilityTests(fixture);

/// <summary>Two nodes on one PostgreSQL database share the delivery work and send each event once.</summary>
[Collection(PostgresWebhookCollection.Name)]
public sealed class WebhookTwoNodeTests(PostgresWebhookFixture fixture) : WebhookTest(fixture)
{
    [SkippableFact]
    public async Task Two_nodes_deliver_each_event_exactly_once()
    {
        _ = Server;
        var settings = await Fixture.FreshDatabaseAsync(); // with the fixture's fast webhook settings
        await using var first = new QuireServer("postgres", settings);
        await using var second = new QuireServer("postgres", settings);
        using var adminA = first.Admin();
        using var adminB = second.Admin();
        (await adminA.PostJson("/wiki/rest/api/webhooks", new { name = "two nodes", url = Receiver.Url, events = new[] { "page_created" } }))
            .Expect(HttpStatusCode.Created);
        var key = "N" + Unique().ToUpperInvariant();
        (await adminA.PostJson("/wiki/rest/api/space", new { key, name = key })).Expect(HttpStatusCode.OK);
        // The other node hears of the new webhook by NOTIFY; its cache's time to live bounds a missed one.
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var ids = new List<long>();
        for (var i = 0; i < 40; i++)
        {
            var created = (await (i % 2 == 0 ? adminA : adminB).PostJson("/wiki/rest/api/content", new
            {
                type = "page", title = $"Two nodes {i}", space = new { key },
                body = new { storage = new { value = "<p>n</p>", representation = "storage" } },
            })).Expect(HttpStatusCode.OK);
            ids.Add(long.Parse((string)created.Json!["id"]!));
        }
        await Receiver.WaitForAsync(r => ids.All(id => r.Any(w => (long?)w["page"]?["id"] == id)));
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // more polls of both nodes: a double send would show now
        var pages = Receiver.Received.Where(w => w.Event == "page_created").Select(w => (long)w["page"]!["id"]!).ToList();
        Assert.Equal(ids.Order(), pages.Order());
    }
}
