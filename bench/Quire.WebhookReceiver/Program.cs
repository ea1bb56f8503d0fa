// A webhook receiver for bench/webhook-load.sh: answers every POST 200 at once and records, per
// delivery, the milliseconds from the event's "timestamp" (taken by Quire in the transaction that
// raised it, just before it commits) to the moment the request arrived: the delivery latency.
//
//   dotnet bench/Quire.WebhookReceiver/bin/Release/net10.0/Quire.WebhookReceiver.dll --urls http://127.0.0.1:8093
//   GET  /stats   {"count":N,"distinctEvents":D,"firstAt":ms,"lastAt":ms,"p50":ms,"p99":ms,"max":ms}
//   GET  /stats?skip=K  the same, with firstAt the arrival of the (K+1)th delivery: a rate without the sender's warm-up
//   POST /reset   forgets everything received so far
using System.Collections.Concurrent;
using System.Text.Json;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();

var latencies = new ConcurrentQueue<long>();
var arrivals = new ConcurrentQueue<long>();
var events = new ConcurrentDictionary<string, byte>();
long firstAt = 0, lastAt = 0;

app.MapPost("/hook/{**rest}", async (HttpContext context) =>
{
    var arrived = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    using var body = await JsonDocument.ParseAsync(context.Request.Body);
    if (body.RootElement.TryGetProperty("timestamp", out var timestamp)) latencies.Enqueue(arrived - timestamp.GetInt64());
    // The same event to ten webhooks carries one identifier per event; a repeat would show as count > distinct x webhooks.
    events.TryAdd(context.Request.Headers["X-Atlassian-Webhook-Identifier"].ToString() + "/" + context.Request.Path, 0);
    arrivals.Enqueue(arrived);
    Interlocked.CompareExchange(ref firstAt, arrived, 0);
    Interlocked.Exchange(ref lastAt, arrived);
    return Results.Ok();
});

app.MapGet("/stats", (int? skip) =>
{
    var arrived = arrivals.ToArray();
    Array.Sort(arrived);
    var sorted = latencies.ToArray();
    Array.Sort(sorted);
    long At(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
    return Results.Json(new
    {
        count = sorted.Length, distinctEvents = events.Count, firstAt = skip is > 0 && skip < arrived.Length ? arrived[skip.Value] : Interlocked.Read(ref firstAt), lastAt = Interlocked.Read(ref lastAt),
        p50 = At(0.50), p99 = At(0.99), max = sorted.Length == 0 ? 0 : sorted[^1],
    });
});

app.MapPost("/reset", () =>
{
    latencies.Clear();
    arrivals.Clear();
    events.Clear();
    Interlocked.Exchange(ref firstAt, 0);
    Interlocked.Exchange(ref lastAt, 0);
    return Results.Ok();
});

app.Run();
