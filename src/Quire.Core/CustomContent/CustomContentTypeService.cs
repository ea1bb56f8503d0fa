using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.CustomContent;

namespace Quire.Core.CustomContent;

/// <summary>
/// The custom content types a site admin declared (Cloud's apps declare them in their descriptors; Quire has no app runtime
/// yet). Declaring, listing and removing are for site admins (a null caller is the command line, which acts as the system);
/// <see cref="DeclaredAsync"/> is what content writes ask. A type with content stays declared: removing it would leave
/// content nobody could read by its kind.
/// </summary>
public sealed class CustomContentTypeService(DbSession db, CustomContentTypeStore store, TimeProvider time)
{
    public async Task<CustomContentType> DeclareAsync(Caller? caller, CustomContentTypeInput input, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var key = CustomContentTypeRules.Key(input.Key);
        var row = new CustomContentTypeRecord
        {
            Key = key,
            Name = CustomContentTypeRules.Name(input.Name, key),
            ContainerTypes = string.Join(',', CustomContentTypeRules.ContainerTypes(input.ContainerTypes)),
            ChildTypes = string.Join(',', CustomContentTypeRules.ChildTypes(input.ChildTypes)),
            BodyType = CustomContentTypeRules.BodyType(input.BodyType),
            CreatedBy = caller?.UserId,
            CreatedAt = time.NowMillis(),
        };
        if (!await store.TryInsertAsync(row, ct)) throw new ConflictException($"Custom content type '{key}' is declared already.");
        return CustomContentType.Of(row);
    }

    public async Task<IReadOnlyList<CustomContentType>> ListAsync(Caller? caller, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        return (await store.ListAsync(ct)).Select(CustomContentType.Of).ToList();
    }

    public async Task<CustomContentType> GetAsync(Caller? caller, string key, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        return await store.FindAsync(key, ct) is { } row ? CustomContentType.Of(row) : throw NotDeclared(key);
    }

    /// <summary>Removes the declaration of a type no content has (409 otherwise), checked and removed in one transaction.</summary>
    public async Task RemoveAsync(Caller? caller, string key, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        await db.InTransactionAsync(async () =>
        {
            if (await store.FindAsync(key, ct) is null) throw NotDeclared(key);
            if (await store.InUseAsync(key, ct))
                throw new ConflictException($"Custom content type '{key}' still has content; purge it before removing the type.");
            await store.DeleteAsync(key, ct);
            return true;
        }, ct);
    }

    /// <summary>The declared type of this key, for a content write: 400 when no such type is declared (as Cloud answers for an unknown type).</summary>
    public async Task<CustomContentType> DeclaredAsync(string key, CancellationToken ct = default) =>
        await store.FindAsync(key, ct) is { } row
            ? CustomContentType.Of(row)
            : throw new BadRequestException($"Custom content type '{key}' is not declared; a site admin declares it first.");

    private static void RequireAdmin(Caller? caller)
    {
        if (caller is not null && !caller.IsSiteAdmin) throw new ForbiddenException("Only site administrators can manage custom content types.");
    }

    private static NotFoundException NotDeclared(string key) => new($"No custom content type '{key}' is declared.");
}
