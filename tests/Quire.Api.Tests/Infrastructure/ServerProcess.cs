using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Quire.Api.Tests.Infrastructure;

/// <summary>
/// The real server executable in its own process, for tests that must kill it: a crash is
/// not something an in-process host can show. Runs the quire.dll built next to the tests.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>Lines the process printed lately (both streams), kept for the message when it fails to start.</summary>
    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private const string ListeningLine = "Quire: listening on ";

    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process) => _process = process;

    private void Keep(string? line)
    {
        if (line is null) return;
        if (line.StartsWith(ListeningLine, StringComparison.Ordinal))
            _address.TrySetResult(new Uri(line[ListeningLine.Length..].Split(' ')[0]));
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > KeptLines) _lastLines.Dequeue();
        }
    }

    /// <summary>What the process printed lately: an unhandled exception's stack, when it aborted.</summary>
    public string Output()
    {
        lock (_lastLines) return string.Join(Environment.NewLine, _lastLines);
    }

    /// <summary>Where the server listens; known once it has started.</summary>
    public Uri Address => _address.Task.IsCompletedSuccessfully
        ? _address.Task.Result
        : throw new InvalidOperationException("The server process has not said where it listens yet.");

    /// <summary>The server's process id, which its long-task worker puts in the claims it writes.</summary>
    public int ProcessId => _process.Id;

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "quire.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        // Port 0: the server binds a port the system picks and says which (StartupService prints
        // "Quire: listening on ..."). Choosing a free port here and passing it on would race every
        // other socket the test run opens, and a lost race aborts the server at start-up.
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["Quire__Bootstrap__AdminEmail"] = QuireServer.AdminEmail;
        start.Environment["Quire__Bootstrap__AdminApiToken"] = QuireServer.AdminToken;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server process did not start.");
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, line) => server.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => server.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Generous: a busy machine (CI beside other builds) can take long to start a process and migrate.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(); // drains the output streams
                throw new InvalidOperationException($"The server process exited with {process.ExitCode}. It printed:{Environment.NewLine}{server.Output()}");
            }
            if (server._address.Task.IsCompleted && await server.AnswersStatusAsync()) return server;
            await Task.Delay(200);
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"The server process did not answer /status within 90 seconds. It printed:{Environment.NewLine}{server.Output()}");
    }

    private async Task<bool> AnswersStatusAsync()
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            return (await probe.GetAsync("/status")).StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) { return false; }
    }

    /// <summary>A client signed in as the bootstrap admin.</summary>
    public HttpClient Admin()
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{QuireServer.AdminEmail}:{QuireServer.AdminToken}")));
        return client;
    }

    /// <summary>Ends the process at once (SIGKILL): no shutdown code runs, as in a crash or power loss.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
