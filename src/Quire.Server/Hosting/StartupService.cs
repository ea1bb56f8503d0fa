using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Quire.Server.Hosting;

/// <summary>
/// Runs <see cref="SiteInitializer"/>, the attachment blob sweep, the index backfills and the page-tree repair before the
/// server accepts requests (hosted-service "starting" runs ahead of the web server), one node at a time
/// (<see cref="Quire.Storage.StartupLock"/>), then says where the site listens.
/// </summary>
public sealed class StartupService(
    IServiceScopeFactory scopes, IServer server, IHostApplicationLifetime lifetime, BootstrapReport report, Quire.Storage.Database database)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        // Nodes started together take turns: each step below checks, then writes, and must find what another node did.
        await using var startup = await Quire.Storage.StartupLock.AcquireAsync(database, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SiteInitializer>().InitializeAsync(cancellationToken);
        report.Result = result;
        // What a crash left of uploads and purges: temporary bytes and blobs no record refers to.
        await scope.ServiceProvider.GetRequiredService<Quire.Core.Attachments.BlobCollector>().SweepAsync(cancellationToken);
        // Bodies of content written before the search index existed.
        await scope.ServiceProvider.GetRequiredService<Quire.Core.Search.SearchIndexer>().BackfillAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<Quire.Core.InlineTasks.InlineTaskIndexer>().BackfillAsync(cancellationToken);
        // Parent cycles that concurrent moves could close before moves were checked under the page-tree lock (once per database).
        await scope.ServiceProvider.GetRequiredService<Quire.Core.Content.PageTreeRepair>().RepairOnceAsync(cancellationToken);
        if (result.CreatedAdminEmail is not null)
        {
            Console.WriteLine($"Quire: created site administrator {result.CreatedAdminEmail}.");
            if (result.GeneratedToken is not null)
                Console.WriteLine($"Quire: its API token (shown only this once): {result.GeneratedToken}");
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine($"Quire: data in the {database.Description}");
            foreach (var address in addresses)
                Console.WriteLine($"Quire: listening on {address} (API at {address.TrimEnd('/')}/wiki/rest/api)");
            Console.WriteLine("Quire: sign in with HTTP Basic: the admin's email and API token, e.g. curl -u EMAIL:TOKEN .../wiki/rest/api/user/current");
        });
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>What this start did about the site administrator (read by tests and diagnostics).</summary>
public sealed class BootstrapReport
{
    public SiteInitializer.BootstrapResult? Result { get; set; }
}
