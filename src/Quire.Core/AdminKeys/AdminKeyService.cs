using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Storage.AdminKeys;

namespace Quire.Core.AdminKeys;

/// <summary>
/// Admin keys, as Cloud's <c>/wiki/api/v2/admin-key</c>: a site admin turns one on for a
/// bounded time (10 minutes unless asked otherwise, at most <see cref="MaxMinutes"/>), reads
/// it, and turns it off. Only site admins may hold one (403 for anyone else); a key outlives
/// nothing: once its expiry passes it is not live, and losing site admin makes it useless,
/// since <see cref="IsLiveAsync"/> asks both.
/// </summary>
public sealed class AdminKeyService(AdminKeyStore keys, TimeProvider time)
{
    public const int DefaultMinutes = 10;
    /// <summary>A day: an admin key is meant for a task at hand, not as a standing grant.</summary>
    public const int MaxMinutes = 24 * 60;

    /// <summary>The caller's live key; 404 when it has none (never had one, turned it off, or it expired).</summary>
    public async Task<AdminKeyRecord> GetAsync(Caller caller, CancellationToken ct = default)
    {
        RequireSiteAdmin(caller);
        return await keys.FindLiveAsync(caller.UserId, time.NowMillis(), ct)
               ?? throw new NotFoundException("You have no admin key enabled.");
    }

    /// <summary>Issues the caller a key for <paramref name="minutes"/> (absent or 0: the default), replacing any it held.</summary>
    public async Task<AdminKeyRecord> EnableAsync(Caller caller, int? minutes, CancellationToken ct = default)
    {
        RequireSiteAdmin(caller);
        var duration = minutes is null or 0 ? DefaultMinutes : minutes.Value;
        if (duration is < 0 or > MaxMinutes)
            throw new BadRequestException($"durationInMinutes must be between 0 and {MaxMinutes}.");
        var now = time.NowMillis();
        var key = new AdminKeyRecord(caller.UserId, now + duration * 60_000L, now);
        await keys.PutAsync(key, ct);
        return key;
    }

    /// <summary>Turns the caller's key off; turning off a key one does not hold changes nothing.</summary>
    public async Task DisableAsync(Caller caller, CancellationToken ct = default)
    {
        RequireSiteAdmin(caller);
        await keys.DeleteAsync(caller.UserId, ct);
    }

    /// <summary>Whether the caller is a site admin holding a live key now.</summary>
    public async Task<bool> IsLiveAsync(Caller caller, CancellationToken ct = default) =>
        caller.IsSiteAdmin && await keys.FindLiveAsync(caller.UserId, time.NowMillis(), ct) is not null;

    private static void RequireSiteAdmin(Caller caller)
    {
        if (!caller.IsSiteAdmin) throw new ForbiddenException("Only site admins may hold an admin key.");
    }
}
