using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage;
using Quire.Storage.Classification;
using Quire.Storage.Content;
using Quire.Storage.Spaces;

namespace Quire.Core.Classification;

/// <summary>
/// Classification of spaces and content: a space's default level (readers of the space may read
/// it, its admins set and remove it) and the level of a page, blog post, whiteboard or database
/// (its readers read the level that applies: its own, else its space's default, else the site's;
/// its editors set it or reset it to the default). Quire keeps one level per piece of content:
/// a draft is a content row of its own until it is published, and its level goes with it.
/// Content hidden from the caller is 404, as everywhere; so is content the caller may see but not
/// edit when changing its level or reading a draft's, as the spec says.
/// </summary>
public sealed class ContentClassificationService(
    DbSession db, ContentClassificationStore store, ContentAccess content, SpaceAccess spaces, TimeProvider time)
{
    /// <summary>What <c>status</c> may name when reading content's level; Quire has no archived pages, so archived finds none.</summary>
    public static readonly IReadOnlyList<string> ReadStatuses = [ContentRules.Current, ContentRules.Draft, "archived"];

    /// <summary>What <c>status</c> may name when changing content's level (the request bodies' enum).</summary>
    public static readonly IReadOnlyList<string> WriteStatuses = [ContentRules.Current, ContentRules.Draft];

    public async Task<ClassificationLevelRecord> SpaceDefaultAsync(Caller caller, long spaceId, CancellationToken ct = default)
    {
        var space = await spaces.ViewableByIdAsync(caller, spaceId, ct);
        return await store.SpaceDefaultAsync(space.Id, ct)
               ?? throw new NotFoundException($"Space {spaceId} has no default classification level.");
    }

    /// <summary>
    /// Makes a published level the space's default (space admins: 403 for its other readers). The
    /// body's <c>status</c> (current or draft) is required by the spec and checked; a space default
    /// applies to both.
    /// </summary>
    public async Task SetSpaceDefaultAsync(Caller caller, long spaceId, long levelId, string? status, CancellationToken ct = default)
    {
        Status(status, null, WriteStatuses);
        await db.InTransactionAsync(async () =>
        {
            var space = await AdministrableAsync(caller, spaceId, ct);
            if (!await store.SetSpaceDefaultAsync(space.Id, levelId, Actor(caller), time.NowMillis(), ct)) throw NotPublished(levelId);
        }, ct);
    }

    public async Task RemoveSpaceDefaultAsync(Caller caller, long spaceId, CancellationToken ct = default) =>
        await db.InTransactionAsync(async () =>
        {
            var space = await AdministrableAsync(caller, spaceId, ct);
            await store.RemoveSpaceDefaultAsync(space.Id, ct);
        }, ct);

    /// <summary>
    /// The level that applies to the content of <paramref name="type"/> at <paramref name="status"/>
    /// (default current); 404 when none does, or the content is not of that type and status.
    /// </summary>
    public async Task<ClassificationLevelRecord> ContentLevelAsync(Caller caller, string type, string id, string? status, CancellationToken ct = default)
    {
        var wanted = Status(status, ContentRules.Current, ReadStatuses);
        var record = await FindAsync(caller, type, id, wanted, ct);
        // Reading a draft's level takes the right to edit it.
        if (wanted == ContentRules.Draft) await RequireEditAsync(caller, record, ct);
        return await store.EffectiveAsync(record.Id, record.SpaceId, ct)
               ?? throw new NotFoundException($"The {Noun(type)} {id} has no classification level.");
    }

    /// <summary>Places a published level on the content (its editors); 400 for a draft, archived or unknown level.</summary>
    public async Task SetContentLevelAsync(Caller caller, string type, string id, long levelId, string? status, CancellationToken ct = default)
    {
        var wanted = Status(status, null, WriteStatuses);
        await db.InTransactionAsync(async () =>
        {
            var record = await EditableAsync(caller, type, id, wanted, ct);
            if (!await store.SetContentLevelAsync(record.Id, levelId, Actor(caller), time.NowMillis(), ct)) throw NotPublished(levelId);
        }, ct);
    }

    /// <summary>Removes the content's own level (its editors), so the space's default applies again.</summary>
    public async Task ResetContentLevelAsync(Caller caller, string type, string id, string? status, CancellationToken ct = default)
    {
        var wanted = Status(status, null, WriteStatuses);
        await db.InTransactionAsync(async () =>
        {
            var record = await EditableAsync(caller, type, id, wanted, ct);
            await store.RemoveContentLevelAsync(record.Id, ct);
        }, ct);
    }

    private async Task<SpaceRecord> AdministrableAsync(Caller caller, long spaceId, CancellationToken ct)
    {
        var space = await spaces.ViewableByIdAsync(caller, spaceId, ct);
        await spaces.RequireAsync(caller, space, SpaceOperation.Administer, ct);
        return space;
    }

    private async Task<ContentRecord> EditableAsync(Caller caller, string type, string id, string status, CancellationToken ct)
    {
        var record = await FindAsync(caller, type, id, status, ct);
        await RequireEditAsync(caller, record, ct);
        return record;
    }

    /// <summary>The content if the caller may see it and it is of <paramref name="type"/> and <paramref name="status"/>; 404 otherwise.</summary>
    private async Task<ContentRecord> FindAsync(Caller caller, string type, string id, string status, CancellationToken ct)
    {
        var (record, _) = await content.ViewableAsync(caller, id, ct);
        if (record.Type != type || record.Status != status)
            throw new NotFoundException($"No {Noun(type)} with id '{id}' and status {status} was found.");
        return record;
    }

    /// <summary>Content one may see but not edit answers 404 here, not 403: the spec's answer for these operations.</summary>
    private async Task RequireEditAsync(Caller caller, ContentRecord record, CancellationToken ct)
    {
        try
        {
            await content.RequireEditAsync(caller, record, ct);
        }
        catch (ForbiddenException e)
        {
            throw new NotFoundException($"No {Noun(record.Type)} with id '{record.Id}' was found that you may edit: {e.Message}");
        }
    }

    private static string Status(string? status, string? fallback, IReadOnlyList<string> allowed)
    {
        var value = string.IsNullOrWhiteSpace(status) ? fallback : status.Trim();
        return value is not null && allowed.Contains(value)
            ? value
            : throw new BadRequestException($"status must be one of {string.Join(", ", allowed)}; '{status}' is not.");
    }

    /// <summary>Who changed a level: null for an anonymous caller (a space may grant anonymous users edit rights), who is no user row.</summary>
    private static long? Actor(Caller caller) => caller.IsAnonymous ? null : caller.UserId;

    private static BadRequestException NotPublished(long levelId) => new($"There is no published classification level with id '{levelId}'.");

    private static string Noun(string type) => type == ContentRules.BlogPost ? "blog post" : type;
}
