using System.Text.Json;
using Quire.Core.Errors;
using Quire.Core.Tasks;
using Quire.Core.Webhooks;
using Quire.Storage;
using Quire.Storage.Roles;

namespace Quire.Core.Roles;

/// <summary>
/// Runs a transition request over the chosen spaces, a batch of spaces at a time: every subject without a role whose
/// permissions are exactly one of the request's combinations gets the role its kind is given (or loses its access).
/// Each space changes in its own transaction; a space the change would leave without an admin is left as it was, and
/// the task's messages say so. Idempotent: a subject already moved holds a role and is not met again.
/// </summary>
public sealed class SpacePermissionTransitionHandler(
    DbSession db, SpaceRoleStore roles, PermissionCombinations combinations, SpaceRoleGrants grants, SiteWebhooks webhooks) : ILongTaskHandler
{
    public const string TaskType = "space-permission-transition";
    public const string NameKey = "com.atlassian.confluence.space.permission.transition";
    private const int SpaceBatch = 200;

    /// <summary>A combination (its permissions, stored form) and, per principal type, the role id to give or null to remove access.</summary>
    public sealed record CombinationWork(string Permissions, IReadOnlyDictionary<string, long?> RoleOf);

    /// <summary>The spaces: a type, and for SPECIFIC and ALL_EXCEPT_SPECIFIC the ids named.</summary>
    public sealed record Selection(string SpaceType, IReadOnlyList<long> SpaceIds);

    public sealed record Payload(IReadOnlyList<CombinationWork> Work, Selection Spaces);

    public string Type => TaskType;

    public async Task RunAsync(LongTaskContext context, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<Payload>(context.Task.Payload)
                      ?? throw new InvalidOperationException("The task has no transition to run.");
        var work = payload.Work.ToDictionary(w => w.Permissions, StringComparer.Ordinal);
        var roleIds = work.Values.SelectMany(w => w.RoleOf.Values).OfType<long>().Distinct().ToList();
        var roleById = (await roles.FindManyAsync(roleIds, ct)).ToDictionary(r => r.Id);
        if (roleIds.FirstOrDefault(id => !roleById.ContainsKey(id)) is var gone and > 0)
            throw new InvalidOperationException($"Space role {gone} was removed before the transition ran; nothing was changed.");

        await context.ReportAsync(0, "Moving space permissions to roles.");
        var (moved, skipped) = (0, new List<long>());
        var excluded = payload.Spaces.SpaceType == "ALL_EXCEPT_SPECIFIC" ? payload.Spaces.SpaceIds.ToHashSet() : new HashSet<long>();
        await foreach (var spaceIds in BatchesAsync(payload.Spaces, ct))
        {
            // The batch's read (two queries for all its spaces) only finds the spaces with work to do.
            var withWork = Matching(await combinations.UnassignedInAsync(spaceIds.Where(id => !excluded.Contains(id)).ToList(), ct), work)
                .Select(a => a.SpaceId).Distinct().ToList();
            foreach (var spaceId in withWork)
            {
                try
                {
                    moved += await db.InTransactionAsync(async () =>
                    {
                        // What each subject holds is read again in the transaction that replaces it: AssignAsync deletes all the
                        // subject's grants, so a grant read earlier, outside it, would let one added meanwhile through v1 be wiped.
                        var space = Matching(await combinations.UnassignedInAsync([spaceId], ct), work);
                        if (space.Count == 0) return 0;
                        foreach (var access in space)
                        {
                            var roleId = work[access.Permissions].RoleOf[PermissionCombinations.TypeOf(access.Subject)];
                            if (roleId is { } id) await grants.AssignAsync(spaceId, access.Subject, roleById[id], ct);
                            else await grants.RemoveAccessAsync(spaceId, access.Subject, ct);
                        }
                        await grants.RequireAdministratorAsync(spaceId, ct);
                        await webhooks.SpaceAsync(SpaceChange.PermissionsUpdated, spaceId, null, ct);
                        return space.Count;
                    }, ct);
                }
                catch (BadRequestException)
                {
                    skipped.Add(spaceId);
                }
            }
            await context.ReportAsync(50, $"{moved} principals moved so far.");
        }
        await context.ReportAsync(99, skipped.Count == 0
            ? $"{moved} principals moved."
            : $"{moved} principals moved; spaces {string.Join(", ", skipped)} were left as they were: the change would have left them without an admin.");
    }

    /// <summary>The subjects whose set is one of the request's combinations, for a kind of principal it gives a role (or none) to.</summary>
    private static IReadOnlyList<UnassignedAccess> Matching(IReadOnlyList<UnassignedAccess> found, Dictionary<string, CombinationWork> work) =>
        [.. found.Where(a => work.TryGetValue(a.Permissions, out var w) && w.RoleOf.ContainsKey(PermissionCombinations.TypeOf(a.Subject)))];

    private async IAsyncEnumerable<IReadOnlyList<long>> BatchesAsync(
        Selection selection, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (selection.SpaceType == "SPECIFIC")
        {
            foreach (var chunk in selection.SpaceIds.Chunk(SpaceBatch)) yield return await roles.ExistingSpaceIdsAsync(chunk, ct);
            yield break;
        }
        bool? personal = selection.SpaceType switch { "PERSONAL" => true, "ALL_EXCEPT_PERSONAL" => false, _ => null };
        for (long after = 0; ;)
        {
            var batch = await roles.SpaceIdsAfterAsync(personal, after, SpaceBatch, ct);
            if (batch.Count == 0) yield break;
            yield return batch;
            after = batch[^1];
        }
    }
}

/// <summary>Counts the site's combinations (they are always read live), so the generate call has a task whose status says how many.</summary>
public sealed class PermissionCombinationsHandler(PermissionCombinations combinations) : ILongTaskHandler
{
    public const string TaskType = "space-permission-combinations";
    public const string NameKey = "com.atlassian.confluence.space.permission.combinations";

    public string Type => TaskType;

    public async Task RunAsync(LongTaskContext context, CancellationToken ct)
    {
        var found = await combinations.ListAsync(ct);
        await context.ReportAsync(99, $"{found.Count} permission combinations are held without a role.");
    }
}
