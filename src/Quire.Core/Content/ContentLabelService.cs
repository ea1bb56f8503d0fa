using Quire.Core.Errors;
using Quire.Core.Labels;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.Content;
using Quire.Storage.Labels;

namespace Quire.Core.Content;

/// <summary>
/// Labels on content. Reading needs to see the content; the shared <c>global</c> and
/// <c>team</c> labels describe the content for everyone and need edit permission, while a
/// <c>my</c> label is the caller's own and needs only to see the content.
/// </summary>
public sealed class ContentLabelService(
    ContentLabelStore contentLabels, LabelStore labels, ContentAccess access, DbSession db, TimeProvider time,
    Webhooks.LabelWebhooks webhooks)
{
    public async Task<Page<ContentLabelRecord>> ListAsync(
        Caller caller, string? contentId, string? prefix, PageRequest page, CancellationToken ct = default)
    {
        var (content, _) = await access.ViewableAsync(caller, contentId, ct);
        var wanted = prefix is null ? null : LabelRules.Prefix(prefix);
        var rows = await contentLabels.ListAsync(content.Id, caller.UserId, wanted, page.Start, page.FetchCount, ct);
        return Page<ContentLabelRecord>.FromOverfetch(rows, page);
    }

    public async Task AddAsync(Caller caller, string? contentId, IReadOnlyList<NewLabel?>? input, CancellationToken ct = default)
    {
        var (content, _) = await access.ViewableAsync(caller, contentId, ct);
        var wanted = LabelRules.Validate(input);
        if (wanted.Any(l => l.Prefix != LabelRules.MyPrefix))
            await access.RequireEditAsync(caller, content, ct);

        var now = time.NowMillis();
        await db.InTransactionAsync(async () =>
        {
            foreach (var (prefix, name) in wanted)
            {
                var label = await labels.EnsureReportingAsync(prefix, name, LabelRules.OwnerOf(caller, prefix), ct);
                if (label.Created) await webhooks.CreatedAsync(label.Id, prefix, name, caller, ct);
                // A label already on the content changes nothing and announces nothing.
                if (await contentLabels.AttachAsync(content.Id, label.Id, now, ct))
                    await webhooks.AddedToContentAsync(content.Id, label.Id, prefix, name, caller, ct);
            }
        }, ct);
    }

    /// <summary>Removes a label named <c>name</c> or <c>prefix:name</c> (a bare name is a global label).</summary>
    public async Task RemoveAsync(Caller caller, string? contentId, string? label, CancellationToken ct = default)
    {
        var (content, _) = await access.ViewableAsync(caller, contentId, ct);
        if (content.Status == "archived")
            throw new BadRequestException($"Labels cannot be removed from archived content ({content.Id}).");
        var (prefix, name) = LabelRules.Qualified(label);
        if (prefix != LabelRules.MyPrefix)
            await access.RequireEditAsync(caller, content, ct);
        var owner = LabelRules.OwnerOf(caller, prefix);
        await db.InTransactionAsync(async () =>
        {
            if (await labels.LockForRemovalAsync(prefix, name, owner, ct) is not { } labelId
                || !await contentLabels.DetachAsync(content.Id, prefix, name, owner, ct))
                throw new NotFoundException($"Content {content.Id} has no label '{prefix}:{name}'.");
            await webhooks.RemovedFromContentAsync(content.Id, labelId, prefix, name, caller, ct);
            if (await labels.DeleteIfUnusedAsync(labelId, prefix, name, ct)) await webhooks.DeletedAsync(labelId, prefix, name, caller, ct);
        }, ct);
    }
}
