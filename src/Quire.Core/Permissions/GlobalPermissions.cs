using Microsoft.Extensions.Logging;
using Quire.Storage.Permissions;

namespace Quire.Core.Permissions;

/// <summary>
/// The global permissions a site admin grants, as Confluence's global permission screen
/// has them. Site administration itself is membership of <c>confluence-administrators</c>,
/// which implies both.
/// </summary>
public static class GlobalPermission
{
    /// <summary>May use the site at all ('Can use'); granted to anonymous, it is the site's anonymous access.</summary>
    public const string Use = "use";

    /// <summary>May create spaces ('Create Space(s)').</summary>
    public const string CreateSpace = "create_space";

    public static readonly IReadOnlyList<string> All = [Use, CreateSpace];
}

/// <summary>The site's global grants at one moment, for answering "may this caller ..." without a query.</summary>
public sealed class GlobalGrants
{
    private readonly HashSet<(string, long)> _users = [];
    private readonly HashSet<(string, string)> _groups = [];
    private readonly HashSet<string> _anonymous = [];

    public GlobalGrants(IEnumerable<GlobalPermissionRecord> rows)
    {
        foreach (var row in rows)
        {
            if (row.UserId is { } userId) _users.Add((row.Permission, userId));
            else if (row.GroupId is { } groupId) _groups.Add((row.Permission, groupId));
            else if (row.Anonymous) _anonymous.Add(row.Permission);
        }
    }

    /// <summary>Whether the site allows anonymous use (the 'use' grant to anonymous).</summary>
    public bool AnonymousUse => _anonymous.Contains(GlobalPermission.Use);

    /// <summary>Whether a signed-in user holds the permission directly or through one of its groups (admins are not special here).</summary>
    public bool Allows(string permission, long userId, IEnumerable<string> groupIds) =>
        _users.Contains((permission, userId)) || groupIds.Any(g => _groups.Contains((permission, g)));
}

/// <summary>
/// The global grants, cached in memory for the per-request checks (may this user use the site,
/// is anonymous use on): they change rarely and every request needs them. A change made through
/// this process (the admin endpoint) invalidates the cache at once. Other processes (another
/// server node on the same PostgreSQL database, or the <c>quire permission</c> command line while
/// a server runs) do not reach this cache: there a change takes effect when the entry expires,
/// after at most <see cref="TimeToLive"/>. Decisions that write (creating a space) ask the
/// database instead, so they are exact on every node.
/// </summary>
public sealed class GlobalPermissionCache(TimeProvider time) : GenerationCache<GlobalGrants>(time, TimeToLive)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Drops this node's cached grants as soon as another node (or the command line) announces a
/// change on PostgreSQL, so a revoked <c>use</c> is not honoured for the cache's 15 seconds.
/// While the listening connection is down the cache's time to live is the bound again.
/// </summary>
public sealed class GlobalPermissionChangeListener(Quire.Storage.Database database, GlobalPermissionCache cache, ILogger<GlobalPermissionChangeListener> logger)
    : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Quire.Storage.ChangeListener.ListenAsync(database, Quire.Storage.Permissions.GlobalPermissionStore.ChangeChannel, cache.Invalidate,
            exception => logger.LogWarning(exception, "Lost the connection that hears of global permission changes; reconnecting"), stoppingToken);
}
