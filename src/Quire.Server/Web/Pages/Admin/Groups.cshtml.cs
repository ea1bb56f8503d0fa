using Microsoft.AspNetCore.Mvc;
using Quire.Core.Groups;
using Quire.Core.Paging;
using Quire.Server.Web.Editing;
using Quire.Storage.Groups;
using Quire.Storage.Users;

namespace Quire.Server.Web.Pages.Admin;

/// <summary>
/// <c>/wiki/admin/groups</c> (<c>?group=NAME</c> for one group's members): groups created and removed, members
/// added and removed, through <see cref="GroupService"/> as <c>/wiki/rest/api/group</c>'s writes do (audit,
/// webhooks, and every node's cached sign-ins dropped when a membership changes).
/// </summary>
public sealed class GroupsModel(GroupService groups, UserByLogin users) : AdminPageModel
{
    private const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public string? Group { get; set; }

    public IReadOnlyList<GroupRecord> Groups { get; private set; } = [];
    public GroupRecord? Selected { get; private set; }
    public IReadOnlyList<UserRecord> Members { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostCreateAsync(string? name, CancellationToken ct) =>
        ChangeAsync(async () => $"Created the group {(await groups.CreateAsync(Caller, name, ct)).Name}.", () => LoadAsync(ct));

    public Task<IActionResult> OnPostDeleteAsync(CancellationToken ct) =>
        ChangeAsync(async () =>
        {
            var group = await groups.GetByNameAsync(Group, ct);
            await groups.DeleteAsync(Caller, group, ct);
            Group = null;
            return $"Removed the group {group.Name}.";
        }, () => LoadAsync(ct));

    public Task<IActionResult> OnPostAddMemberAsync(string? login, CancellationToken ct) =>
        ChangeAsync(async () =>
        {
            var (group, user) = (await groups.GetByNameAsync(Group, ct), await users.FindAsync(login, ct));
            await groups.AddMemberAsync(Caller, group, user, ct);
            return $"Added {user.DisplayName} to {group.Name}.";
        }, () => LoadAsync(ct));

    public Task<IActionResult> OnPostRemoveMemberAsync(string? login, CancellationToken ct) =>
        ChangeAsync(async () =>
        {
            var (group, user) = (await groups.GetByNameAsync(Group, ct), await users.FindAsync(login, ct));
            await groups.RemoveMemberAsync(Caller, group, user, ct);
            return $"Removed {user.DisplayName} from {group.Name}.";
        }, () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        Groups = (await groups.ListAsync(null, new PageRequest(0, 1000), withTotal: false, ct)).Results;
        Selected = Group is { Length: > 0 } name ? Groups.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)) : null;
        Members = Selected is null ? [] : (await groups.MembersAsync(Selected.Id, new PageRequest(0, PageSize * 10), withTotal: false, ct)).Results;
    }
}
