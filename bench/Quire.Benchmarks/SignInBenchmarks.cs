using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quire.Core.Security;
using Quire.Server.Hosting;

namespace Quire.Benchmarks;

/// <summary>
/// What sign-in costs, on SQLite. <see cref="CachedToken"/> is the steady state of a client's
/// requests: <c>SignInService.SignInAsync</c> with an API token whose PBKDF2 check is already
/// cached, so a memory-cache hit plus one query (the user, whether the token is still live,
/// and the user's groups), in a fresh DI scope. <see cref="SlowHash"/> is the PBKDF2
/// verification alone, the part of a first (uncached) sign-in that the cache saves; it leaves
/// out that sign-in's user and token lookups.
/// </summary>
[MemoryDiagnoser]
public class SignInBenchmarks
{
    private const string Email = "bench@quire.local";
    private const string Token = "bench-token-0123456789abcdef";
    private ServiceProvider _services = null!;
    private string _dataDirectory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "quire-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Quire:DataDirectory"] = _dataDirectory,
            ["Quire:Bootstrap:AdminEmail"] = Email,
            ["Quire:Bootstrap:AdminApiToken"] = Token,
        }).Build();
        _services = new ServiceCollection().AddLogging().AddQuireCore(configuration).BuildServiceProvider();
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<SiteInitializer>().InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        // Prime the cache so CachedToken measures the steady state of a client's requests.
        CachedToken().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "sign-in, token already verified (every request after the first)")]
    public async Task<Caller?> CachedToken()
    {
        await using var scope = _services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<SignInService>().SignInAsync(Email, Token, clientAddress: null)).Caller;
    }

    [Benchmark(Description = "API token hash alone (SHA-256: what an uncached token check pays)")]
    public string TokenHash() => ApiTokenService.FastHash(Token);

    [Benchmark(Description = "PBKDF2 verification alone (what an uncached request would pay)")]
    public bool SlowHash()
    {
        var hasher = _services.GetRequiredService<CredentialHasher>();
        return hasher.Verify(HashOnce, Token);
    }

    private static readonly string HashOnce = new CredentialHasher().Hash(Token);
}
