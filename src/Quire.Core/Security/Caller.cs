using Quire.Core.Apps;
using Quire.Storage.Users;

namespace Quire.Core.Security;

/// <summary>
/// Who is making the request. Group membership is read once per request, so a change
/// to a user's groups takes effect on their next call.
/// </summary>
public sealed class Caller(
    UserRecord user, IReadOnlySet<string> groupIds, bool isSiteAdmin, bool canUse = true, bool anonymousGrantsApply = false,
    AppAccess? app = null)
{
    /// <summary>The anonymous user's id: 0 matches no row, so no per-user grant, draft or token is ever its.</summary>
    public const long AnonymousUserId = 0;

    public UserRecord User { get; } = user;
    public long UserId => User.Id;
    public IReadOnlySet<string> GroupIds { get; } = groupIds;

    /// <summary>Member of <c>confluence-administrators</c>.</summary>
    public bool IsSiteAdmin { get; } = isSiteAdmin;

    /// <summary>
    /// Holds the global 'use' permission (directly, through a group, or as a site admin); a
    /// signed-in user without it is refused everywhere, as Confluence refuses unlicensed users.
    /// </summary>
    public bool CanUse { get; } = canUse;

    /// <summary>
    /// The site allows anonymous use, so space grants to anonymous count for this caller too
    /// (for everybody, signed in or not, as in Confluence).
    /// </summary>
    public bool AnonymousGrantsApply { get; } = anonymousGrantsApply;

    /// <summary>
    /// The caller's time zone, for dates in CQL and friendly dates (UTC for the anonymous
    /// caller, and where the stored zone is unknown to this machine).
    /// </summary>
    public TimeZoneInfo TimeZone => TimeZoneInfo.TryFindSystemTimeZoneById(User.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>
    /// The app making the request for this user, and the scopes that narrow what it may call (checked
    /// per operation before any handler runs); null when the user calls directly (Basic, anonymous).
    /// </summary>
    public AppAccess? App { get; } = app;

    /// <summary>This user, as reached through an app: the same identity and permissions, narrowed by the app's scopes.</summary>
    public Caller ThroughApp(AppAccess access) => new(User, GroupIds, IsSiteAdmin, CanUse, AnonymousGrantsApply, access);

    private string? _viewerFacts;

    /// <summary>
    /// Everything about this caller that decides what a read shows them (who they are, their groups, site-admin, 'use' and
    /// anonymous grants, time zone, the app calling for them), as one fixed-size text: the key of answers kept for them
    /// (<c>RenderedAnswerCache</c>). The facts come from the sign-in snapshot, which a membership or grant change replaces
    /// only after its commit; an answer read with the old facts is then never found with the new ones. Computed once per
    /// caller, which sign-in keeps per snapshot.
    /// </summary>
    public string ViewerFacts => _viewerFacts ??= HashOfFacts();

    private string HashOfFacts()
    {
        var facts = new System.Text.StringBuilder()
            .Append(UserId).Append('|').Append(IsSiteAdmin).Append('|').Append(CanUse).Append('|').Append(AnonymousGrantsApply)
            .Append('|').Append(User.TimeZone).Append('|').Append(App?.Kind).Append(':').Append(App?.AppKey).Append('|');
        foreach (var group in GroupIds.Order(StringComparer.Ordinal)) facts.Append(group).Append(',');
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(facts.ToString())));
    }

    /// <summary>A request without credentials, served because the site allows anonymous use. It may only read.</summary>
    public bool IsAnonymous => User.Id == AnonymousUserId;

    /// <summary>The caller of a request without credentials on a site that allows anonymous use.</summary>
    public static Caller Anonymous() => new(
        new UserRecord { Id = AnonymousUserId, AccountId = "", UserName = "anonymous", Email = "", DisplayName = "Anonymous" },
        new HashSet<string>(), isSiteAdmin: false, canUse: true, anonymousGrantsApply: true);
}
