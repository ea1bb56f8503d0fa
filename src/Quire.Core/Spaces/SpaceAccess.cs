using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Storage.Spaces;

namespace Quire.Core.Spaces;

/// <summary>
/// The one place that decides who may see and change a space. A space the caller cannot
/// read answers 404, exactly like a missing one, so its existence does not leak; a space
/// it can read but not administer answers 403 to a change, or 404 where the spec says so.
/// </summary>
public sealed class SpaceAccess(SpaceStore spaces, SpacePermissionStore permissions)
{
    public static Viewer ViewerOf(Caller caller) => Viewer.Of(caller.UserId, caller.GroupIds, caller.AnonymousGrantsApply);

    public async Task<SpaceRecord> ViewableAsync(Caller caller, string? key, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(key)) throw new BadRequestException("spaceKey is required.");
        return await spaces.FindReadableByKeyAsync(key, ViewerOf(caller), ct)
               ?? throw new NotFoundException($"No space with key '{key}' was found.");
    }

    /// <summary>The space with this id, if the caller may read it; 404 otherwise (v2 names spaces by id).</summary>
    public async Task<SpaceRecord> ViewableByIdAsync(Caller caller, long id, CancellationToken ct = default) =>
        await spaces.FindReadableByIdAsync(id, ViewerOf(caller), ct)
        ?? throw new NotFoundException($"No space with id '{id}' was found.");

    public async Task<SpaceRecord> AdministrableAsync(Caller caller, string? key, CancellationToken ct = default)
    {
        var space = await ViewableAsync(caller, key, ct);
        await RequireAsync(caller, space, SpaceOperation.Administer, ct);
        return space;
    }

    /// <summary>
    /// Like <see cref="AdministrableAsync"/>, but a caller who may not administer the space
    /// gets 404, as if it did not exist: the spec answers so for updating, deleting and
    /// changing the settings of a space.
    /// </summary>
    public async Task<SpaceRecord> AdministrableOrNotFoundAsync(Caller caller, string? key, CancellationToken ct = default)
    {
        var space = await ViewableAsync(caller, key, ct);
        if (!await CanAsync(caller, space, SpaceOperation.Administer, ct))
            throw new NotFoundException($"No space with key '{space.Key}' was found that you may administer.");
        return space;
    }

    public async Task RequireAsync(Caller caller, SpaceRecord space, SpaceOperation operation, CancellationToken ct = default)
    {
        if (!await CanAsync(caller, space, operation, ct))
            throw new ForbiddenException(
                $"You do not have the '{operation.Operation}/{operation.TargetType}' permission on space '{space.Key}'.");
    }

    public Task<bool> CanAsync(Caller caller, SpaceRecord space, SpaceOperation operation, CancellationToken ct = default) =>
        permissions.HasAsync(space.Id, ViewerOf(caller), operation.Operation, operation.TargetType, ct);
}
