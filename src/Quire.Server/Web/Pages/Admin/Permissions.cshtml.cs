using Microsoft.AspNetCore.Mvc;
using Quire.Core.Errors;
using Quire.Core.Permissions;
using Quire.Server.Web.Editing;
using Quire.Storage.Permissions;

namespace Quire.Server.Web.Pages.Admin;

/// <summary>
/// <c>/wiki/admin/permissions</c>: the global permissions (<c>use</c>, <c>create_space</c>), granted and revoked to
/// a user, a group or anonymous (anonymous <c>use</c> is the site's anonymous access) through
/// <see cref="GlobalPermissionService"/>, as <c>quire permission</c> and the admin permission API do.
/// </summary>
public sealed class PermissionsModel(GlobalPermissionService permissions) : AdminPageModel
{
    public IReadOnlyList<GlobalPermissionRecord> Grants { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostGrantAsync(string? permission, string? subjectType, string? subject, CancellationToken ct) =>
        ChangeAsync(async () =>
        {
            var result = await permissions.GrantAsync(permission, Subject(subjectType, subject), Caller, ct);
            return result.Changed ? $"Granted {result.Permission}." : $"{result.Permission} was already granted.";
        }, () => LoadAsync(ct));

    public Task<IActionResult> OnPostRevokeAsync(string? permission, string? subjectType, string? subject, CancellationToken ct) =>
        ChangeAsync(async () =>
        {
            var result = await permissions.RevokeAsync(permission, Subject(subjectType, subject), Caller, ct);
            return $"Revoked {result.Permission}.";
        }, () => LoadAsync(ct));

    private static GlobalSubjectInput Subject(string? type, string? identifier) => type switch
    {
        "user" => GlobalSubjectInput.User(identifier),
        "group" => GlobalSubjectInput.Group(identifier),
        "anonymous" => GlobalSubjectInput.Anonymous,
        _ => throw new BadRequestException("Choose who: a user, a group or anonymous."),
    };

    public static (string Type, string? Identifier, string Shown) Describe(GlobalPermissionRecord grant) =>
        grant.Anonymous ? ("anonymous", null, "Anonymous")
        : grant.GroupName is { } group ? ("group", group, "Group " + group)
        : ("user", grant.AccountId, $"{grant.DisplayName} ({grant.Email})");

    private async Task LoadAsync(CancellationToken ct) => Grants = await permissions.ListAsync(ct);
}
