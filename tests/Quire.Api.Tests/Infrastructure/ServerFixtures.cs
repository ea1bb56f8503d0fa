namespace Quire.Api.Tests.Infrastructure;

/// <summary>A Quire server for a whole test collection; null with a reason when its engine is unavailable.</summary>
public abstract class ServerFixture : IAsyncLifetime
{
    public QuireServer? Server { get; protected set; }
    public string? UnavailableReason { get; protected set; }

    public abstract Task InitializeAsync();

    /// <summary>Settings for a new, empty database on this fixture's engine (for start-up and restart tests).</summary>
    public abstract Task<Dictionary<string, string?>> FreshDatabaseAsync();

    public virtual async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }

    /// <summary>
    /// Settings of the shared servers only: no per-user or per-app rate budget. Hundreds of tests
    /// and the leak matrix's sweeps (22,000 calls) share one server and a few users, and on a fast
    /// machine they spend the default budgets; a 429 there would say nothing about what they test.
    /// Servers a test starts itself (<see cref="FreshDatabaseAsync"/>) keep the defaults, and a
    /// fixture's own settings win over these.
    /// </summary>
    protected static readonly IReadOnlyDictionary<string, string?> SharedServerSettings = new Dictionary<string, string?>
    {
        ["Quire:RateLimits:PerUser:TokenLimit"] = "0",
        ["Quire:RateLimits:PerApp:TokenLimit"] = "0",
    };

    /// <summary>Starts the host now, so a broken start-up fails the fixture instead of the first test.</summary>
    protected static QuireServer Started(QuireServer server)
    {
        _ = server.Server;
        return server;
    }
}

public class SqliteServerFixture : ServerFixture
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "quire-test-" + Guid.NewGuid().ToString("N")[..12]);

    public override Task InitializeAsync()
    {
        Server = Started(new QuireServer("sqlite", new Dictionary<string, string?>
        {
            ["Quire:Database:Provider"] = "sqlite",
            ["Quire:DataDirectory"] = _dataDirectory,
        }.Concat(SharedServerSettings.Where(s => !ExtraSettings.ContainsKey(s.Key))).Concat(ExtraSettings).ToDictionary()));
        return Task.CompletedTask;
    }

    /// <summary>Settings a variant of this fixture adds to every server it starts.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>();

    public override Task<Dictionary<string, string?>> FreshDatabaseAsync() =>
        Task.FromResult(new Dictionary<string, string?>
        {
            ["Quire:Database:Provider"] = "sqlite",
            ["Quire:DataDirectory"] = Path.Combine(_dataDirectory, "fresh-" + Guid.NewGuid().ToString("N")[..8]),
        }.Concat(ExtraSettings).ToDictionary());

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// PostgreSQL from a private cluster. Without PostgreSQL binaries the tests on this engine
/// skip with the reason, except under CI=true, where that is a failure.
/// </summary>
public class PostgresServerFixture : ServerFixture
{
    private PostgresCluster? _cluster;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public override async Task InitializeAsync()
    {
        var bin = PostgresCluster.FindBinaries(out var reason);
        if (bin is null)
        {
            if (IsCi) throw new InvalidOperationException($"CI=true requires the PostgreSQL tests to run, but {reason}.");
            UnavailableReason = $"PostgreSQL tests skipped: {reason}.";
            Console.WriteLine(UnavailableReason);
            return;
        }
        _cluster = await PostgresCluster.StartAsync(bin);
        var connectionString = await _cluster.CreateDatabaseAsync("quire");
        Server = Started(new QuireServer("postgres", new Dictionary<string, string?>
        {
            ["Quire:Database:Provider"] = "postgres",
            ["Quire:Database:ConnectionString"] = connectionString,
            ["Quire:DataDirectory"] = Path.Combine(Path.GetTempPath(), "quire-pgdata-" + Guid.NewGuid().ToString("N")[..8]),
        }.Concat(SharedServerSettings.Where(s => !ExtraSettings.ContainsKey(s.Key))).Concat(ExtraSettings).ToDictionary()));
    }

    /// <summary>Settings a variant of this fixture adds to every server it starts.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>();

    public override async Task<Dictionary<string, string?>> FreshDatabaseAsync() => new Dictionary<string, string?>
    {
        ["Quire:Database:Provider"] = "postgres",
        ["Quire:Database:ConnectionString"] = await _cluster!.CreateDatabaseAsync("fresh_" + Guid.NewGuid().ToString("N")[..8]),
        ["Quire:DataDirectory"] = Path.Combine(Path.GetTempPath(), "quire-pgdata-" + Guid.NewGuid().ToString("N")[..8]),
    }.Concat(ExtraSettings).ToDictionary();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}

/// <summary>PostgreSQL with attachment bytes in the database (the store for several server nodes).</summary>
public sealed class PostgresDatabaseBlobsFixture : PostgresServerFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } =
        new Dictionary<string, string?> { ["Quire:Attachments:Store"] = "database" };
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteServerFixture>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "postgres";
}

[CollectionDefinition(Name)]
public sealed class PostgresDatabaseBlobsCollection : ICollectionFixture<PostgresDatabaseBlobsFixture>
{
    public const string Name = "postgres-database-blobs";
}
