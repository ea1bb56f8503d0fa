using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Core.Attachments;
using Quire.Core.Spaces;
using Quire.Core.Tasks;
using Quire.Storage;
using Quire.Storage.Attachments;
using Quire.Storage.Spaces;
using Quire.Storage.Tasks;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Spaces;

/// <summary>
/// Space deletion removes content in batches that commit (issue 20): its progress moves as it
/// works, and a deletion stopped half-way (a node killed) is resumed by running it again. It
/// once deleted the homepage first, which took the whole tree with it in one step at 0%.
/// </summary>
public abstract class SpaceDeletionProgressTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const int Batch = 5;

    private async Task<(long SpaceId, string Key, int Items)> SpaceWithATreeAsync()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var space = (await Admin.Get($"/wiki/rest/api/space/{key}?expand=homepage")).Expect(HttpStatusCode.OK).Json!;
        var parent = (string)space["homepage"]!["id"]!;
        for (var level = 0; level < 12; level++)
        {
            parent = (string)(await Admin.CreatePageAsync(key, $"Level {level}", parentId: parent))["id"]!;
            (await Admin.PostJson(ContentUrl, new { type = "comment", container = new { id = parent, type = "page" }, body = StorageBody("<p>c</p>") }))
                .Expect(HttpStatusCode.OK);
        }
        return ((long)space["id"]!, key, 1 + 12 * 2);
    }

    private SpaceDeletionHandler Handler(IServiceProvider services) =>
        new(services.GetRequiredService<DbSession>(), services.GetRequiredService<SpaceDeletionStore>(),
            services.GetRequiredService<AttachmentStore>(), services.GetRequiredService<BlobCollector>(),
            services.GetRequiredService<Quire.Core.Webhooks.SiteWebhooks>(), services.GetRequiredService<Quire.Storage.Users.UserStore>()) { BatchSize = Batch };

    private static LongTaskContext Context(long spaceId, string key, Func<int, string?, Task> report) => new(new LongTaskRecord
    {
        Id = Guid.NewGuid().ToString(), Type = SpaceDeletionHandler.TaskType, NameKey = SpaceDeletionHandler.NameKey, Status = "RUNNING",
        Payload = JsonSerializer.Serialize(new SpaceDeletionHandler.Payload(spaceId, key)),
    }, report);

    [SkippableFact]
    public async Task Progress_moves_batch_by_batch_and_a_stopped_deletion_resumes()
    {
        var (spaceId, key, items) = await SpaceWithATreeAsync();
        var reports = new List<int>();
        using var stop = new CancellationTokenSource();
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            // Stopped after its third batch, as a node killed while it works.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Handler(scope.ServiceProvider).RunAsync(Context(spaceId, key, (percentage, _) =>
            {
                reports.Add(percentage);
                if (reports.Count == 4) stop.Cancel();
                return Task.CompletedTask;
            }), stop.Token));
        }
        // 0% at the start, then one step per batch of five: never the whole tree at once.
        Assert.Equal([0, 90 * Batch / items, 90 * 2 * Batch / items], reports.Take(3));
        var left = (await Admin.Get($"{ContentUrl}?spaceKey={key}&type=page&limit=100")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray().Count;
        Assert.InRange(left, 1, 12); // what the committed batches removed is gone; the rest is still there

        var resumed = new List<int>();
        await using (var scope = Server.Services.CreateAsyncScope())
            await Handler(scope.ServiceProvider).RunAsync(Context(spaceId, key, (percentage, _) => { resumed.Add(percentage); return Task.CompletedTask; }), CancellationToken.None);
        Assert.Equal(99, resumed[^1]);
        (await Admin.Get($"/wiki/rest/api/space/{key}")).ExpectError(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SpaceDeletionProgressTestsOnSqlite(SqliteServerFixture fixture) : SpaceDeletionProgressTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SpaceDeletionProgressTestsOnPostgres(PostgresServerFixture fixture) : SpaceDeletionProgressTests(fixture);
