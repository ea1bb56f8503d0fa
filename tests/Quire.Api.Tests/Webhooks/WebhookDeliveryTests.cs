using System.Net;
using System.Security.Cryptography;
using System.Text;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Webhooks;

/// <summary>
/// How events are delivered: signed, retried with backoff until delivered (and then never again),
/// in order per entity, marked failed after the last attempt and sent again on request, while a
/// receiver that hangs delays nobody else. The fixture's servers retry after 0.2 s, doubling to 1 s.
/// </summary>
public abstract class WebhookDeliveryTests(ServerFixture fixture) : WebhookTest(fixture)
{
    [SkippableFact]
    public async Task A_secret_signs_each_body_with_hmac_sha256_as_data_center_does()
    {
        var secret = "s3cr3t-" + Unique();
        var webhook = await RegisterAsync(["page_created"], secret: secret);
        // The secret is never shown again; the webhook only says it has one.
        var shown = (await Admin.Get($"/wiki/rest/api/webhooks/{webhook}")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(secret, shown.Body);
        Assert.True((bool?)shown.Json!["configuration"]!["hasSecret"]);
        var id = await NewPageAsync(await NewSpaceAsync(), "Signed");

        var received = await ContentEventAsync("page_created", "page", id);
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(received.Body)));
        Assert.Equal(expected, received.Signature);
        Assert.Equal("page_created", received.Event);
        Assert.False(string.IsNullOrEmpty(received.EventIdentifier));
        Assert.Null(received.Retry);
    }

    [SkippableFact]
    public async Task Without_a_secret_nothing_is_signed()
    {
        await RegisterAsync(["page_created"]);
        var id = await NewPageAsync(await NewSpaceAsync(), "Unsigned");
        Assert.Null((await ContentEventAsync("page_created", "page", id)).Signature);
    }

    [SkippableFact]
    public async Task A_receiver_that_fails_twice_then_succeeds_gets_the_event_exactly_once_more_and_in_order()
    {
        var webhook = await RegisterAsync(["page_created", "page_updated"]);
        Receiver.Answer = (_, index) => Task.FromResult(index < 2 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);
        var space = await NewSpaceAsync();
        var id = await NewPageAsync(space, "Retried");
        (await Admin.PutJson($"/wiki/rest/api/content/{id}", new { type = "page", title = "Retried", version = new { number = 2 } }))
            .Expect(HttpStatusCode.OK);

        await ContentEventAsync("page_updated", "page", id);
        var received = Receiver.Received;
        // Created was tried three times (503, 503, 200); the update waited for it and went out after it, once.
        Assert.Equal(["page_created", "page_created", "page_created", "page_updated"], received.Select(r => r.Event));
        Assert.Equal([null, "1", "2", null], received.Select(r => r.Retry));
        Assert.Single(received.Select(r => r.EventIdentifier).Take(3).Distinct());
        Assert.Equal(received[0].Body, received[2].Body);

        // A group's outcomes are recorded after the group finishes, so the log may trail the receiver by a moment.
        var created = await WaitForDeliveryAsync(webhook, d => (string?)d["event"] == "page_created" && (string?)d["state"] != "pending");
        Assert.Equal("delivered", (string?)created["state"]);
        Assert.Equal(3, (int?)created["attempts"]);
        Assert.Equal(200, (int?)created["lastStatus"]);

        // Delivered is final: however long one waits, nothing is sent again.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(4, Receiver.Received.Count);
    }

    [SkippableFact]
    public async Task After_the_last_attempt_a_delivery_is_failed_in_the_log_and_can_be_sent_again()
    {
        var webhook = await RegisterAsync(["page_created"]);
        var failing = true;
        Receiver.Answer = (_, _) => Task.FromResult(Volatile.Read(ref failing) ? HttpStatusCode.InternalServerError : HttpStatusCode.OK);
        var id = await NewPageAsync(await NewSpaceAsync(), "Failing");

        var failed = await WaitForDeliveryAsync(webhook, d => (string?)d["state"] == "failed");
        Assert.Equal(4, (int?)failed["attempts"]); // Quire:Webhooks:MaxAttempts in the fixture
        Assert.Equal(500, (int?)failed["lastStatus"]);
        Assert.Contains("500", (string?)failed["lastError"]);
        Assert.Equal(4, Receiver.Received.Count(r => (long?)r["page"]?["id"] == id));
        (await Admin.Get($"/wiki/rest/api/webhooks/{webhook}/deliveries?state=failed")).Expect(HttpStatusCode.OK);
        var deliveryId = (long)failed["id"]!;

        Volatile.Write(ref failing, false);
        var redelivered = (await Admin.PostJson($"/wiki/rest/api/webhooks/{webhook}/deliveries/{deliveryId}/redeliver", new { }))
            .Expect(HttpStatusCode.OK).Json!;
        // Pending again with a fresh count, or already sent: the dispatcher is woken at once.
        Assert.Contains((string?)redelivered["state"], new[] { "pending", "delivered" });
        await WaitForDeliveryAsync(webhook, d => (long?)d["id"] == deliveryId && (string?)d["state"] == "delivered");
        Assert.Equal(5, Receiver.Received.Count(r => (long?)r["page"]?["id"] == id));

        (await Admin.PostJson($"/wiki/rest/api/webhooks/{webhook}/deliveries/999999999/redeliver", new { })).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task A_hung_receiver_delays_neither_api_requests_nor_other_receivers()
    {
        var hang = new TaskCompletionSource();
        await using var healthy = await WebhookReceiver.StartAsync();
        Receiver.Answer = async (_, _) => { await hang.Task; return HttpStatusCode.OK; };
        var hung = await RegisterAsync(["page_created"]);
        await RegisterAsync(["page_created"], url: healthy.Url);
        try
        {
            var space = await NewSpaceAsync();
            var ids = new List<long>();
            for (var i = 0; i < 12; i++) ids.Add(await NewPageAsync(space, $"Page {i}"));

            // Every page reached the healthy receiver while the hung one still holds its first requests.
            await healthy.WaitForAsync(r => ids.All(id => r.Any(w => (long?)w["page"]?["id"] == id)));
            var log = (await Admin.Get($"/wiki/rest/api/webhooks/{hung}/deliveries?limit=100")).Json!["results"]!.AsArray();
            Assert.DoesNotContain(log, d => (string?)d!["state"] == "delivered");
        }
        finally
        {
            hang.SetResult();
        }
    }

    [SkippableFact]
    public async Task An_inactive_webhook_gets_nothing_until_it_is_switched_on()
    {
        var id = await RegisterAsync(["page_created"]);
        var webhook = (await Admin.Get($"/wiki/rest/api/webhooks/{id}")).Json!;
        (await Admin.PutJson($"/wiki/rest/api/webhooks/{id}", new
        {
            name = (string)webhook["name"]!, url = Receiver.Url, events = new[] { "page_created" }, active = false,
        })).Expect(HttpStatusCode.OK);
        var space = await NewSpaceAsync();
        var quiet = await NewPageAsync(space, "While off");

        (await Admin.PutJson($"/wiki/rest/api/webhooks/{id}", new
        {
            name = (string)webhook["name"]!, url = Receiver.Url, events = new[] { "page_created" }, active = true,
        })).Expect(HttpStatusCode.OK);
        var loud = await NewPageAsync(space, "While on");
        await ContentEventAsync("page_created", "page", loud);
        Assert.DoesNotContain(Receiver.Received, r => (long?)r["page"]?["id"] == quiet);
    }

    [SkippableFact]
    public async Task Finished_deliveries_older_than_the_retention_leave_the_log()
    {
        _ = Server;
        // A server of its own whose log keeps deliveries for about a second.
        var settings = await Fixture.FreshDatabaseAsync();
        settings["Quire:Webhooks:RetentionDays"] = (1.0 / 86_400).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var server = new QuireServer(Server.Engine, settings);
        using var admin = server.Admin();
        var webhook = (long)(await admin.PostJson("/wiki/rest/api/webhooks", new { name = "short log", url = Receiver.Url, events = new[] { "page_created" } }))
            .Expect(HttpStatusCode.Created).Json!["id"]!;
        var key = "R" + Unique().ToUpperInvariant();
        (await admin.PostJson("/wiki/rest/api/space", new { key, name = key })).Expect(HttpStatusCode.OK);
        (await admin.PostJson("/wiki/rest/api/content", new { type = "page", title = "Kept briefly", space = new { key } })).Expect(HttpStatusCode.OK);
        await Receiver.WaitForEventAsync("page_created");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((int)(await admin.Get($"/wiki/rest/api/webhooks/{webhook}/deliveries")).Expect(HttpStatusCode.OK).Json!["size"]! > 0)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("The delivered event stayed in the log past its retention.");
            await Task.Delay(200);
        }
    }

    private async Task<System.Text.Json.Nodes.JsonNode> WaitForDeliveryAsync(long webhook, Func<System.Text.Json.Nodes.JsonNode, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var log = (await Admin.Get($"/wiki/rest/api/webhooks/{webhook}/deliveries")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
            if (log.FirstOrDefault(d => match(d!)) is { } found) return found;
            if (DateTime.UtcNow > deadline) Assert.Fail("The delivery log never showed the awaited delivery: " + log.ToJsonString());
            await Task.Delay(100);
        }
    }
}

[Collection(SqliteWebhookCollection.Name)]
public sealed class WebhookDeliveryTestsOnSqlite(SqliteWebhookFixture fixture) : WebhookDeliveryTests(fixture);

[Collection(PostgresWebhookCollection.Name)]
public sealed class WebhookDeliveryTestsOnPostgres(PostgresWebhookFixture fixture) : WebhookDeliveryTests(fixture);
