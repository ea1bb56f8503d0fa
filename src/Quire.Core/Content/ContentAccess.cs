using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage.Content;
using Quire.Storage.Restrictions;
using Quire.Storage.Spaces;

namespace Quire.Core.Content;

/// <summary>
/// The one place that decides who may see and change a piece of content. Content is visible
/// to whoever may read its space and passes the read restrictions of it and its ancestors
/// (decided in the store's query); content the caller cannot see answers 404, like missing
/// content, so its existence does not leak. Changing it takes the space's permission for its
/// type and, for a page or blog post (or an attachment on one), its update restriction: 403.
/// </summary>
// The permission and restriction stores serve the write checks only: a read's whole check is the content query (Deferred).
public sealed class ContentAccess(ContentStore content, Deferred<SpacePermissionStore> permissions, Deferred<ContentRestrictionStore> restrictions)
{
    /// <summary>
    /// Parses a content id from a URL; attachments' ids carry the prefix <c>att</c> (att123),
    /// which is optional. Anything but a positive number names no content.
    /// </summary>
    public static long ParseId(string? id)
    {
        var digits = id is not null && id.StartsWith("att", StringComparison.Ordinal) ? id[3..] : id;
        return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new NotFoundException($"No content with id '{id}' was found.");
    }

    public Task<(ContentRecord Content, SpaceRecord Space)> ViewableAsync(Caller caller, string? id, CancellationToken ct = default) =>
        ViewableAsync(SpaceAccess.ViewerOf(caller), id, ct);

    /// <summary>The content if <paramref name="viewer"/> may see it (a user other than the caller, such as a watcher), else 404.</summary>
    public async Task<(ContentRecord Content, SpaceRecord Space)> ViewableAsync(Viewer viewer, string? id, CancellationToken ct = default)
    {
        var found = await content.FindReadableAsync(ParseId(id), viewer, ct);
        // A draft is its author's alone until it is published.
        if (found is not var (record, space) || (record.Status == ContentRules.Draft && record.CreatedBy != viewer.UserId))
            throw new NotFoundException($"No content with id '{id}' was found.");
        return (record, space);
    }

    /// <summary>
    /// Editing content needs the space's create permission for its type (Confluence's
    /// 'Add' permission also lets one edit) and its update restriction; 403 otherwise.
    /// </summary>
    public async Task RequireEditAsync(Caller caller, ContentRecord record, CancellationToken ct = default)
    {
        if (!await permissions.Value.HasAsync(record.SpaceId, SpaceAccess.ViewerOf(caller), "create", ContentRules.PermissionTarget(record.Type), ct))
            throw new ForbiddenException($"You may not edit this {record.Type}.");
        await RequireUpdateRestrictionAsync(caller, record, ct);
    }

    /// <summary>Trashing and purging need the space's delete permission for the content's type and its update restriction; 403 otherwise.</summary>
    public async Task RequireDeleteAsync(Caller caller, ContentRecord record, CancellationToken ct = default)
    {
        if (!await permissions.Value.HasAsync(record.SpaceId, SpaceAccess.ViewerOf(caller), "delete", ContentRules.PermissionTarget(record.Type), ct))
            throw new ForbiddenException($"You may not delete this {record.Type}.");
        await RequireUpdateRestrictionAsync(caller, record, ct);
    }

    /// <summary>
    /// The update restriction that governs the content: a page's or blog post's own (and a folder's, whiteboard's,
    /// database's or smart link's, which Cloud restricts like pages), an attachment's container's. Update restrictions are not inherited by child pages, and a
    /// comment is governed by the space's comment permissions alone, as in Confluence.
    /// </summary>
    public static long? UpdateRestrictedBy(ContentRecord record) => record.Type switch
    {
        ContentRules.Page or ContentRules.BlogPost or ContentRules.Folder or ContentRules.Whiteboard or ContentRules.Database
            or ContentRules.Embed => record.Id,
        ContentRules.Attachment => record.ContainerId,
        // Custom content is governed by its container's, as an attachment is (Cloud's custom content inherits its container's restrictions).
        _ when ContentRules.IsCustom(record.Type) => record.ContainerId,
        _ => null,
    };

    /// <summary>
    /// The content whose update restriction governs <paramref name="record"/>: <see cref="UpdateRestrictedBy"/>, followed up
    /// through custom content (which cannot be restricted) to the page, blog post or page-tree kind it hangs off, so an
    /// attachment of custom content in a restricted page is as protected as the page's own attachments.
    /// </summary>
    public async Task<long?> GoverningUpdateRestrictionAsync(ContentRecord record, CancellationToken ct = default)
    {
        var governing = UpdateRestrictedBy(record);
        var throughCustom = ContentRules.IsCustom(record.Type) || (record.Type == ContentRules.Attachment && governing is not null);
        return throughCustom && governing is { } container ? await content.NearestRestrictableAsync(container, ct) : governing;
    }

    /// <summary>Whether the viewer passes the update restriction that governs the content (see <see cref="GoverningUpdateRestrictionAsync"/>).</summary>
    public async Task<bool> PassesUpdateRestrictionAsync(ContentRecord record, Viewer viewer, CancellationToken ct = default) =>
        await GoverningUpdateRestrictionAsync(record, ct) is not { } governing || await restrictions.Value.PassesAsync(governing, "update", viewer, ct);

    /// <summary>403 unless the caller passes the update restriction that governs the content.</summary>
    public async Task RequireUpdateRestrictionAsync(Caller caller, ContentRecord record, CancellationToken ct = default)
    {
        if (!await PassesUpdateRestrictionAsync(record, SpaceAccess.ViewerOf(caller), ct))
            throw new ForbiddenException($"You may not change this {record.Type}: its page's update restriction does not include you.");
    }
}
