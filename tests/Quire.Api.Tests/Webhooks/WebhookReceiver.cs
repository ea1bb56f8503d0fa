using Quire.Api.Tests.Infrastructure;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Quire.Api.Tests.Webhooks;

/// <summary>One request a receiver got: the event's headers and its JSON body.</summary>
public sealed record ReceivedWebhook(
    string Event, string? Signature, string? EventIdentifier, string? Retry, string? UserAgent, string Body, JsonNode? Json, long ReceivedAt)
{
    /// <summary>The entity object of a content event (<c>page</c>, <c>blog</c>, ...), or any member by name.</summary>
    public JsonNode? this[string member] => Json?[member];
}

/// <summary>
/// A real webhook receiver on 127.0.0.1 (Kestrel, in this process) that records what it gets and
/// answers as a test tells it: 200 by default, or any status, after any delay, per request.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _requests;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Decides each answer from the request and how many requests came before it (0 for the first).</summary>
    public Func<ReceivedWebhook, int, Task<HttpStatusCode>> Answer { get; set; } = (_, _) => Task.FromResult(HttpStatusCode.OK);

    public string Url { get; private set; } = "";

    /// <summary>Every request answered 2xx... or not: all that arrived, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        JsonNode? json = null;
        try { json = JsonNode.Parse(body); } catch (System.Text.Json.JsonException) { }
        var headers = context.Request.Headers;
        var received = new ReceivedWebhook(
            headers["X-Event-Key"].ToString(), Header(headers, "X-Hub-Signature"), Header(headers, "X-Atlassian-Webhook-Identifier"),
            Header(headers, "X-Atlassian-Webhook-Retry"), Header(headers, "User-Agent"), body, json, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var index = Interlocked.Increment(ref _requests) - 1;
        _received.Enqueue(received);
        context.Response.StatusCode = (int)await Answer(received, index);
    }

    private static string? Header(IHeaderDictionary headers, string name) => headers.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>Waits until what arrived satisfies <paramref name="done"/>; fails with what did arrive after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var received = Received;
            if (done(received)) return received;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The receiver did not get what was awaited; it got {received.Count}: " +
                            string.Join("\n", received.Select(r => $"{r.Event}: {r.Body}")));
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for an event of this name whose body passes <paramref name="match"/> (any, when null).</summary>
    public async Task<ReceivedWebhook> WaitForEventAsync(string eventName, Func<ReceivedWebhook, bool>? match = null, TimeSpan? timeout = null)
    {
        var received = await WaitForAsync(r => r.Any(w => w.Event == eventName && (match?.Invoke(w) ?? true)), timeout);
        return received.First(w => w.Event == eventName && (match?.Invoke(w) ?? true));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
