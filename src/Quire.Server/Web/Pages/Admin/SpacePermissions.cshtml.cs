using Microsoft.AspNetCore.Mvc;
using Quire.Core.Errors;
using Quire.Core.Spaces;
using Quire.Server.Web.Editing;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Server.Web.Pages.Admin;

/// <summary>
/// <c>/wiki/spaces/KEY/permissions</c>: a space's grants, for its administrators (403 otherwise, as the API's
/// space permission writes answer), added and removed one at a time through <see cref="SpacePermissionService"/>
/// as <c>POST/DELETE /wiki/rest/api/space/{key}/permission</c> do (read first, at least one administer kept).
/// A user is named by e-mail or user name here and handed to the service by account id.
/// </summary>
public sealed class SpacePermissionsModel(
    SpacePermissionService service, SpaceAccess spaces, SpacePermissionStore grants, UserStore users, UserByLogin logins) : FormPageModel
{
    public SpaceRecord Space { get; private set; } = null!;
    public IReadOnlyList<SpacePermissionRecord> Grants { get; private set; } = [];
    public IReadOnlyDictionary<long, UserRecord> Users { get; private set; } = new Dictionary<long, UserRecord>();

    /// <summary>The operations a grant may name, as "operation target" values of the form's choice.</summary>
    public static IEnumerable<SpaceOperation> Operations =>
        SpacePermissionService.Known.OrderBy(o => o.TargetType, StringComparer.Ordinal).ThenBy(o => o.Operation, StringComparer.Ordinal);

    public Task OnGetAsync(string key, CancellationToken ct) => LoadAsync(key, ct);

    public Task<IActionResult> OnPostAddAsync(string key, string? operation, string? subjectType, string? subject, CancellationToken ct) =>
        ChangeAsync(key, async () =>
        {
            var parts = (operation ?? "").Split(' ', 2);
            var input = subjectType switch
            {
                "user" => new PermissionSubjectInput("user", (await logins.FindAsync(subject, ct)).AccountId),
                "group" => new PermissionSubjectInput("group", subject),
                "anonymous" => new PermissionSubjectInput("user", "anonymous"),
                _ => throw new BadRequestException("Choose who: a user, a group or anonymous."),
            };
            await service.AddAsync(Caller, key, input, parts[0], parts.Length > 1 ? parts[1] : null, ct);
            return $"Granted {operation}.";
        }, ct);

    public Task<IActionResult> OnPostRemoveAsync(string key, long id, CancellationToken ct) =>
        ChangeAsync(key, async () =>
        {
            await service.RemoveAsync(Caller, key, id, ct);
            return "Removed the permission.";
        }, ct);

    public string Holder(SpacePermissionRecord grant) =>
        grant.Anonymous ? "Anonymous"
        : grant.GroupName is { } group ? "Group " + group
        : grant.UserId is { } id && Users.TryGetValue(id, out var user) ? (Caller.IsSiteAdmin ? $"{user.DisplayName} ({user.Email})" : user.DisplayName) : "A removed user";

    /// <summary>A change for the space's administrators only (403 for anyone else before the form is looked at).</summary>
    private async Task<IActionResult> ChangeAsync(string key, Func<Task<string>> change, CancellationToken ct)
    {
        await spaces.AdministrableAsync(Caller, key, ct);
        return await ChangeAsync(change, () => LoadAsync(key, ct));
    }

    private async Task LoadAsync(string key, CancellationToken ct)
    {
        Space = await spaces.AdministrableAsync(Caller, key, ct);
        Grants = (await grants.ListForSpacesAsync([Space.Id], ct))
            .OrderBy(g => g.Anonymous ? 0 : g.GroupName is not null ? 1 : 2).ThenBy(g => g.GroupName ?? "").ThenBy(g => g.UserId)
            .ThenBy(g => g.TargetType, StringComparer.Ordinal).ThenBy(g => g.Operation, StringComparer.Ordinal).ToList();
        Users = (await users.FindManyByIdsAsync(Grants.Select(g => g.UserId).OfType<long>().Distinct().ToList(), ct)).ToDictionary(u => u.Id);
    }
}
