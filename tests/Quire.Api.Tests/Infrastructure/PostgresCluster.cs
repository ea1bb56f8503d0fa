using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Quire.Api.Tests.Infrastructure;

/// <summary>
/// A private, throwaway PostgreSQL cluster started from the machine's binaries (initdb,
/// pg_ctl) in a temporary directory, listening on loopback only. As root it runs as the
/// <c>postgres</c> OS user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _binDirectory;
    private readonly string _dataDirectory;
    private readonly string _root;
    private readonly bool _asPostgresUser;

    private PostgresCluster(string binDirectory, string root, bool asPostgresUser, int port)
    {
        _binDirectory = binDirectory;
        _root = root;
        _dataDirectory = Path.Combine(root, "data");
        _asPostgresUser = asPostgresUser;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=quire;Database={database};Pooling=true;Maximum Pool Size=40;Timeout=30;Command Timeout=60";

    /// <summary>Where the binaries are, or null with the reason they could not be found.</summary>
    public static string? FindBinaries(out string reason)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("QUIRE_PG_BIN") is { Length: > 0 } configured) candidates.Add(configured);
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")));
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        foreach (var dir in candidates)
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres")))
            {
                reason = "";
                return dir;
            }
        reason = "no PostgreSQL server binaries (initdb, pg_ctl, postgres) were found; install postgresql (Debian: apt-get install postgresql) or set QUIRE_PG_BIN";
        return null;
    }

    public static async Task<PostgresCluster> StartAsync(string binDirectory)
    {
        var root = Path.Combine(Path.GetTempPath(), "quire-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
            await RunAsync("chown", ["postgres:postgres", root]);

        var cluster = new PostgresCluster(binDirectory, root, asPostgres, FreePort());
        await cluster.RunPgAsync("initdb", ["-D", cluster._dataDirectory, "-U", "quire", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        var serverOptions = $"-p {cluster.Port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off " +
                            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        await cluster.RunPgAsync("pg_ctl", ["-D", cluster._dataDirectory, "-o", serverOptions, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start"]);
        return cluster;
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await RunPgAsync("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]); }
        catch (Exception) { /* the cluster may already be gone; the directory is removed regardless */ }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private Task RunPgAsync(string tool, string[] arguments)
    {
        var executable = Path.Combine(_binDirectory, tool);
        return _asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments])
            : RunAsync(executable, arguments);
    }

    private static async Task RunAsync(string file, string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
