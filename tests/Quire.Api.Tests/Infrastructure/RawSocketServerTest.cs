using System.Net.Sockets;
using System.Text;

namespace Quire.Api.Tests.Infrastructure;

/// <summary>
/// A test class with a real server process of its own, spoken to over raw sockets: what Kestrel does
/// with bytes no HTTP client would send (the in-memory test host is no Kestrel). Nothing such a test
/// checks reaches the database, so the server runs on SQLite only.
/// </summary>
public abstract class RawSocketServerTest : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "quire-raw-" + Guid.NewGuid().ToString("N")[..8]);
    private ServerProcess? _server;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(new Dictionary<string, string?>
    {
        ["Quire:Database:Provider"] = "sqlite",
        ["Quire:DataDirectory"] = _dataDirectory,
    });

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    /// <summary>Sends the raw bytes on one connection and reads until the server closes it (or the read times out).</summary>
    protected async Task<string> ExchangeAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_server!.Address.Host, _server.Address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var received = new MemoryStream();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0) received.Write(buffer, 0, read);
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        return Encoding.UTF8.GetString(received.ToArray());
    }
}
