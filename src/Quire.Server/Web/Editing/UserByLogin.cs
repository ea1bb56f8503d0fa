using Quire.Core.Errors;
using Quire.Storage.Users;

namespace Quire.Server.Web.Editing;

/// <summary>The user a form names by e-mail or user name (as people know each other), or a clear 400/404.</summary>
public sealed class UserByLogin(UserStore users)
{
    public async Task<UserRecord> FindAsync(string? login, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(login)
            ? throw new BadRequestException("Name the user by e-mail or user name.")
            : await users.FindByLoginAsync(login.Trim(), ct) ?? throw new NotFoundException($"No user '{login.Trim()}' was found.");
}
