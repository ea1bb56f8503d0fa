using Quire.Api.Tests.Infrastructure;
using System.Net;
using System.Text.Json.Nodes;

namespace Quire.Api.Tests.Webhooks;

/// <summary>
/// Base of webhook tests: a receiver of the test's own, registered for the events the test names,
/// and removed with the receiver when the test ends. Tests tell their own events from others' by
/// the space they create.
/// </summary>
public abstract class WebhookTest(ServerFixture fixture) : ApiTest(fixture), IAsyncLifetime
{
    private readonly List<long> _webhooks = [];

    protected WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync() => Receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        if (Fixture.Server is not null)
            foreach (var id in _webhooks) await Admin.Delete($"/wiki/rest/api/webhooks/{id}");
        await Receiver.DisposeAsync();
    }

    /// <summary>Registers a webhook to <see cref="Receiver"/> (or <paramref name="url"/>) for these events; answers its id.</summary>
    protected async Task<long> RegisterAsync(IEnumerable<string> events, string? secret = null, string? url = null)
    {
        var created = (await Admin.PostJson("/wiki/rest/api/webhooks", new
        {
            name = "test " + Unique(),
            url = url ?? Receiver.Url,
            events = events.ToArray(),
            active = true,
            configuration = secret is null ? null : new { secret },
        })).Expect(HttpStatusCode.Created);
        var id = (long)created.Json!["id"]!;
        _webhooks.Add(id);
        return id;
    }

    /// <summary>A new global space with a unique key; answers the key.</summary>
    protected async Task<string> NewSpaceAsync()
    {
        var key = "WH" + Unique().ToUpperInvariant();
        (await Admin.PostJson("/wiki/rest/api/space", new { key, name = "Webhooks " + key })).Expect(HttpStatusCode.OK);
        return key;
    }

    /// <summary>Creates a current page through v1 and answers its id.</summary>
    protected async Task<long> NewPageAsync(string spaceKey, string title, long? parentId = null)
    {
        var created = (await Admin.PostJson("/wiki/rest/api/content", new
        {
            type = "page", title, space = new { key = spaceKey },
            ancestors = parentId is null ? null : new[] { new { id = parentId.Value.ToString() } },
            body = new { storage = new { value = "<p>Hello</p>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK);
        return long.Parse((string)created.Json!["id"]!);
    }

    /// <summary>Waits for <paramref name="eventName"/> about the content <paramref name="id"/> under <paramref name="entity"/>.</summary>
    protected Task<ReceivedWebhook> ContentEventAsync(string eventName, string entity, long id) =>
        Receiver.WaitForEventAsync(eventName, w => (long?)w[entity]?["id"] == id);

    /// <summary>The admin's account id, the <c>userAccountId</c> of what the tests do as admin.</summary>
    protected async Task<string> AdminAccountIdAsync() =>
        (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;

    protected static JsonNode Parse(string json) => JsonNode.Parse(json)!;
}
