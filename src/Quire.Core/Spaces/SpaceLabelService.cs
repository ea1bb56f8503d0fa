using Quire.Core.Errors;
using Quire.Core.Labels;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.Labels;
using Quire.Storage.Spaces;

namespace Quire.Core.Spaces;

/// <summary>
/// Labels on spaces. <c>my</c> labels belong to the user who adds them (<c>my:favourite</c>
/// makes the space one of its favourites) and need only 'View'; the shared <c>global</c>
/// and <c>team</c> labels describe the space for everyone and need 'Admin'.
/// </summary>
public sealed class SpaceLabelService(SpaceLabelStore labels, LabelStore labelRows, SpaceAccess access, DbSession db, Webhooks.LabelWebhooks webhooks)
{
    private const string GlobalPrefix = LabelRules.GlobalPrefix;
    private const string MyPrefix = LabelRules.MyPrefix;

    public async Task<Page<SpaceLabelRecord>> ListAsync(
        Caller caller, string? spaceKey, string? prefix, PageRequest page, CancellationToken ct = default)
    {
        var space = await access.ViewableAsync(caller, spaceKey, ct);
        var wanted = prefix is null ? null : Prefix(prefix);
        var rows = await labels.ListForSpacesAsync([space.Id], caller.UserId, wanted, page.Start, page.FetchCount, ct);
        return Page<SpaceLabelRecord>.FromOverfetch(rows, page);
    }

    public async Task AddAsync(Caller caller, string? spaceKey, IReadOnlyList<NewLabel>? input, CancellationToken ct = default)
    {
        var space = await access.ViewableAsync(caller, spaceKey, ct);
        var wanted = LabelRules.Validate(input);
        if (wanted.Any(l => l.Prefix != MyPrefix))
            await access.RequireAsync(caller, space, SpaceOperation.Administer, ct);

        await db.InTransactionAsync(async () =>
        {
            foreach (var (prefix, name) in wanted)
            {
                var label = await labelRows.EnsureReportingAsync(prefix, name, OwnerOf(caller, prefix), ct);
                if (label.Created) await webhooks.CreatedAsync(label.Id, prefix, name, caller, ct);
                if (await labels.AttachAsync(space.Id, label.Id, ct))
                    await webhooks.AddedToSpaceAsync(space.Id, label.Id, prefix, name, caller, ct);
            }
        }, ct);
    }

    public async Task RemoveAsync(Caller caller, string? spaceKey, string? name, string? prefix, CancellationToken ct = default)
    {
        var space = await access.ViewableAsync(caller, spaceKey, ct);
        if (string.IsNullOrWhiteSpace(name)) throw new BadRequestException("name is required.");
        var labelPrefix = Prefix(string.IsNullOrWhiteSpace(prefix) ? GlobalPrefix : prefix);
        if (labelPrefix != MyPrefix)
            await access.RequireAsync(caller, space, SpaceOperation.Administer, ct);
        var labelName = name.Trim().ToLowerInvariant();
        var owner = OwnerOf(caller, labelPrefix);
        await db.InTransactionAsync(async () =>
        {
            if (await labelRows.LockForRemovalAsync(labelPrefix, labelName, owner, ct) is not { } labelId
                || !await labels.DetachAsync(space.Id, labelPrefix, labelName, owner, ct))
                throw new NotFoundException($"Space '{space.Key}' has no label '{labelPrefix}:{labelName}'.");
            await webhooks.RemovedFromSpaceAsync(space.Id, labelId, labelPrefix, labelName, caller, ct);
            if (await labelRows.DeleteIfUnusedAsync(labelId, labelPrefix, labelName, ct)) await webhooks.DeletedAsync(labelId, labelPrefix, labelName, caller, ct);
        }, ct);
    }

    private static long OwnerOf(Caller caller, string prefix) => LabelRules.OwnerOf(caller, prefix);

    private static string Prefix(string prefix) => LabelRules.Prefix(prefix);
}
