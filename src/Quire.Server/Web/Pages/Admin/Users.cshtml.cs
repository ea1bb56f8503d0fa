using Microsoft.AspNetCore.Mvc;
using Quire.Core.Groups;
using Quire.Core.Paging;
using Quire.Core.Users;
using Quire.Server.Web.Editing;
using Quire.Storage.Users;

namespace Quire.Server.Web.Pages.Admin;

/// <summary>
/// <c>/wiki/admin/users</c>: the site's users (the members of <c>confluence-users</c>, which every user joins),
/// added and removed through <see cref="UserService"/> as <c>POST/DELETE /wiki/rest/api/admin/user</c> and
/// <c>quire user add/remove</c> do (removing ends the user's sign-ins, tokens and web sessions).
/// </summary>
public sealed class UsersModel(UserService users, GroupService groups) : AdminPageModel
{
    private const int PageSize = 100;

    public IReadOnlyList<UserRecord> Users { get; private set; } = [];
    public Pager Pager { get; private set; } = Pager.None;

    public Task OnGetAsync(int start, CancellationToken ct) => LoadAsync(start, ct);

    public Task<IActionResult> OnPostAddAsync(string? userName, string? email, string? displayName, string? password, bool admin, CancellationToken ct) =>
        ChangeAsync(async () =>
        {
            var user = await users.CreateAsync(new NewUser(userName, email, displayName, UserInputRules.Password(password)), admin, Caller, ct);
            return $"Added {user.DisplayName} ({user.Email}).";
        }, () => LoadAsync(0, ct));

    public Task<IActionResult> OnPostRemoveAsync(string? login, CancellationToken ct) =>
        ChangeAsync(async () =>
        {
            var user = await users.RemoveAsync(login, Caller, ct);
            return $"Removed {user.DisplayName}: it can no longer sign in; what it wrote stays its own.";
        }, () => LoadAsync(0, ct));

    private async Task LoadAsync(int start, CancellationToken ct)
    {
        var request = new PageRequest(Math.Max(0, start), PageSize);
        var group = await groups.GetByNameAsync(DefaultGroups.Users, ct);
        var page = await groups.MembersAsync(group.Id, request, withTotal: false, ct);
        Users = page.Results;
        Pager = Pager.Of(Request, request, page.HasMore);
    }
}
