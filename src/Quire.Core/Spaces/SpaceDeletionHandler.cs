using System.Text.Json;
using Quire.Core.Attachments;
using Quire.Core.Security;
using Quire.Core.Tasks;
using Quire.Core.Webhooks;
using Quire.Storage;
using Quire.Storage.Attachments;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Core.Spaces;

/// <summary>
/// Removes a space that <see cref="SpaceService.DeleteAsync"/> hid: its content in batches
/// (reporting progress), then its properties, labels, permissions and the space row, and
/// finally the attachment bytes nothing refers to any more.
/// Every step is idempotent, so a rerun after a crash finishes the job. <c>space_removed</c> is
/// raised in the transaction that removes the space row, just before it goes: a rerun after that
/// commit finds no space and raises nothing again. The content it removes raises no events of its
/// own, as a space's removal in Confluence announces the space only.
/// </summary>
public sealed class SpaceDeletionHandler(
    DbSession db, SpaceDeletionStore store, AttachmentStore attachments, BlobCollector blobs, SiteWebhooks webhooks, UserStore users)
    : ILongTaskHandler
{
    public const string TaskType = "space-delete";
    public const string NameKey = "com.atlassian.confluence.spaces.delete";

    /// <summary>Content rows deleted per transaction: each batch commits, so progress is real and a rerun resumes.</summary>
    public int BatchSize { get; init; } = 500;

    public sealed record Payload(long SpaceId, string SpaceKey);

    public string Type => TaskType;

    public async Task RunAsync(LongTaskContext context, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<Payload>(context.Task.Payload)
                      ?? throw new InvalidOperationException("The task has no space to delete.");

        // The attachment bytes the space holds, found before their records go; collected at the end.
        var blobKeys = await attachments.BlobKeysInSpaceAsync(payload.SpaceId, ct);
        var total = await store.CountContentAsync(payload.SpaceId, ct);
        await context.ReportAsync(0, $"Deleting space {payload.SpaceKey} ({total} content items).");
        while (await db.InTransactionAsync(() => store.DeleteContentBatchAsync(payload.SpaceId, BatchSize, ct), ct) > 0)
        {
            // Content is most of the work: it takes the progress up to 90%. Counted again, since rows cascade with their parents.
            var left = await store.CountContentAsync(payload.SpaceId, ct);
            if (total > 0) await context.ReportAsync((int)(90 * Math.Max(0, total - left) / total));
        }

        var actor = await ActorAsync(context.Task.OwnerId, ct);
        await db.InTransactionAsync(async () =>
        {
            await webhooks.SpaceAsync(SpaceChange.Removed, payload.SpaceId, actor, ct);
            await store.DeletePropertiesAsync(payload.SpaceId, ct);
            await store.DeleteLabelsAsync(payload.SpaceId, ct);
            await store.DeletePermissionsAsync(payload.SpaceId, ct);
            await store.DeleteSpaceRowAsync(payload.SpaceId, ct);
        }, ct);
        await blobs.CollectAsync(blobKeys, ct);
        await context.ReportAsync(99, $"Space {payload.SpaceKey} deleted.");
    }

    /// <summary>Who asked for the deletion, as the event's <c>userAccountId</c>; the outbox reads nothing else of a caller.</summary>
    private async Task<Caller?> ActorAsync(long? ownerId, CancellationToken ct) =>
        ownerId is { } id && await users.FindByIdAsync(id, ct) is { } owner ? new Caller(owner, new HashSet<string>(), isSiteAdmin: false) : null;
}
