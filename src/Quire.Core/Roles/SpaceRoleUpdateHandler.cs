using System.Text.Json;
using Quire.Core.Tasks;
using Quire.Core.Webhooks;
using Quire.Storage;
using Quire.Storage.Roles;

namespace Quire.Core.Roles;

/// <summary>
/// Gives every holder of a changed role the role's permissions as they are now (and anonymous holders the
/// reassignment role, when the role became one they may not hold). Idempotent: run again, it writes the same.
/// </summary>
public sealed class SpaceRoleUpdateHandler(DbSession db, SpaceRoleStore roles, SpaceRoleGrants grants, SiteWebhooks webhooks) : ILongTaskHandler
{
    public const string TaskType = "space-role-update";
    public const string NameKey = "com.atlassian.confluence.space.role.update";
    private const int Batch = 200;

    public sealed record Payload(long RoleId, long? AnonymousRoleId);

    public string Type => TaskType;

    public async Task RunAsync(LongTaskContext context, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<Payload>(context.Task.Payload)
                      ?? throw new InvalidOperationException("The task names no role.");
        await context.ReportAsync(0, $"Giving the holders of role {payload.RoleId} its permissions.");
        var updated = 0;
        for (long after = 0; ;)
        {
            var done = await db.InTransactionAsync(async () =>
            {
                // The role is read in each batch's transaction: a later change or removal wins, and a removed role ends the task.
                var role = await roles.FindAsync(payload.RoleId, ct);
                if (role is null) return -1L;
                var anonymousRole = payload.AnonymousRoleId is { } other && !SpaceRolePermissions.AnonymousMayHold(role.Permissions)
                    ? await roles.FindAsync(other, ct)
                    : null;
                var batch = await roles.ListAssignmentsOfRoleAfterAsync(role.Id, after, Batch, ct);
                foreach (var assignment in batch)
                {
                    if (assignment.Anonymous && !SpaceRolePermissions.AnonymousMayHold(role.Permissions))
                    {
                        if (anonymousRole is not null) await grants.AssignAsync(assignment.SpaceId, assignment.Subject, anonymousRole, ct);
                        else await grants.RemoveAccessAsync(assignment.SpaceId, assignment.Subject, ct);
                    }
                    else
                    {
                        await grants.AssignAsync(assignment.SpaceId, assignment.Subject, role, ct);
                    }
                }
                foreach (var spaceId in batch.Select(a => a.SpaceId).Distinct())
                    await webhooks.SpaceAsync(SpaceChange.PermissionsUpdated, spaceId, null, ct);
                updated += batch.Count;
                return batch.Count < Batch ? -1L : batch[^1].Id;
            }, ct);
            if (done < 0) break;
            after = done;
            await context.ReportAsync(50, $"{updated} holders updated so far.");
        }
        await context.ReportAsync(99, $"{updated} holders of role {payload.RoleId} updated.");
    }
}
