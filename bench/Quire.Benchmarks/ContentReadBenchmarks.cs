using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Quire.Server.Hosting;

namespace Quire.Benchmarks;

/// <summary>
/// What one content read allocates: <c>GET /wiki/rest/api/content/{id}?expand=body.storage,version,space</c>
/// of a page with a 4,096-character storage body (about 6.4 KB of JSON), as bench/content-load.sh reads it.
/// Quire runs in this process on Kestrel (loopback, SQLite in a temporary directory), and so does a bare
/// Kestrel app answering the same bytes, as bench/Quire.BareKestrel does. The memory diagnoser counts
/// every thread's allocations, the client's and Kestrel's included, so Quire's own cost per read is
/// <see cref="QuireRead"/> minus <see cref="BareRead"/>; the two share the client and the host defaults.
/// Views recorded for analytics are flushed by the server's own flusher as in production, so their
/// cost is part of the figure.
/// </summary>
[MemoryDiagnoser]
public class ContentReadBenchmarks
{
    private const string Email = "bench@quire.local";
    private const string Token = "bench-token-0123456789abcdef";
    private const string Text =
        "Quire serves the Confluence Cloud REST API. This paragraph is filler of ordinary words so that the page body " +
        "has the size of a short real page, with nothing in it that needs escaping.";

    private string _dataDirectory = null!;
    private WebApplication _quire = null!;
    private WebApplication _bare = null!;
    private HttpClient _client = null!;
    private string _readPath = null!;
    private string _barePath = null!;
    private readonly byte[] _buffer = new byte[64 * 1024];

    /// <summary>The read's answer, for checks that the rendering did not change.</summary>
    public byte[] Answer { get; private set; } = [];

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "quire-bench-read-" + Guid.NewGuid().ToString("N")[..8]);
        var quirePort = FreePort();
        _quire = QuireWebApp.Build(
        [
            "--urls", $"http://127.0.0.1:{quirePort}",
            "--Quire:DataDirectory", _dataDirectory,
            "--Quire:Bootstrap:AdminEmail", Email,
            "--Quire:Bootstrap:AdminApiToken", Token,
            "--Logging:LogLevel:Default", "Warning",
            // As bench/lib/quire.sh: the per-user budget (500 reads a second sustained) would answer 429 mid-run.
            "--Quire:RateLimits:PerUser:TokenLimit", "0",
            "--Quire:RateLimits:PerApp:TokenLimit", "0",
        ]);
        await _quire.StartAsync();

        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = new Uri($"http://127.0.0.1:{quirePort}") };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Email}:{Token}")));
        await PostAsync("/wiki/rest/api/space", new { key = "BENCH", name = "Content benchmark space" });
        var page = await PostAsync("/wiki/rest/api/content", new
        {
            type = "page", title = "Four kilobyte page", space = new { key = "BENCH" },
            body = new { storage = new { value = FourKilobytes(), representation = "storage" } },
        });
        _readPath = $"/wiki/rest/api/content/{page.GetProperty("id").GetString()}?expand=body.storage,version,space";
        Answer = await _client.GetByteArrayAsync(_readPath);

        var barePort = FreePort();
        var builder = WebApplication.CreateBuilder(["--urls", $"http://127.0.0.1:{barePort}"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _bare = builder.Build();
        var bytes = Answer;
        _bare.MapGet("/bytes", (HttpContext context) =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = bytes.Length;
            return context.Response.Body.WriteAsync(bytes).AsTask();
        });
        await _bare.StartAsync();
        _barePath = $"http://127.0.0.1:{barePort}/bytes";
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _bare.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _quire.StopAsync().GetAwaiter().GetResult();
        _quire.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Benchmark(Description = "content read, expand=body.storage,version,space (client + Kestrel + Quire)")]
    public Task<int> QuireRead() => ReadAsync(_readPath);

    [Benchmark(Baseline = true, Description = "bare Kestrel, same bytes (client + Kestrel)")]
    public Task<int> BareRead() => ReadAsync(_barePath);

    /// <summary>The read's path and query, for tools that compare it with other reads.</summary>
    public string ReadPath => _readPath;

    /// <summary>Quire's services, for tools that measure one step of the read alone.</summary>
    public IServiceProvider Services => _quire.Services;

    /// <summary>Reads the answer into a reused buffer, so the client allocates the same for both.</summary>
    public async Task<int> ReadAsync(string path)
    {
        using var response = await _client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path} answered {response.StatusCode}");
        await using var stream = await response.Content.ReadAsStreamAsync();
        int total = 0, read;
        while ((read = await stream.ReadAsync(_buffer.AsMemory(total))) > 0) total += read;
        return total;
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await _client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path} answered {response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The storage value bench/content-load.sh sends: a heading and paragraphs, cut to 4,096 characters.</summary>
    private static string FourKilobytes()
    {
        var value = new StringBuilder("<h2>Benchmark page</h2>");
        while (value.Length + Text.Length + 7 <= 4096) value.Append("<p>").Append(Text).Append("</p>");
        var rest = 4096 - value.Length - 7;
        if (rest > 0) value.Append("<p>").Append(Text[..rest]).Append("</p>");
        return value.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
