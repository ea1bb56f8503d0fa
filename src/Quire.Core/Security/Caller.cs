using Quire.Storage.Users;

namespace Quire.Core.Security;

/// <summary>
/// Who is making the request. Group membership is read once per request, so a change
/// to a user's groups takes effect on their next call.
/// </summary>
public sealed class Caller(UserRecord user, IReadOnlySet<string> groupIds, bool isSiteAdmin)
{
    public UserRecord User { get; } = user;
    public long UserId => User.Id;
    public IReadOnlySet<string> GroupIds { get; } = groupIds;

    /// <summary>Member of <c>confluence-administrators</c>.</summary>
    public bool IsSiteAdmin { get; } = isSiteAdmin;
}
