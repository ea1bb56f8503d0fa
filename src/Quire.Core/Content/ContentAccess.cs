using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage.Content;
using Quire.Storage.Spaces;

namespace Quire.Core.Content;

/// <summary>
/// The one place that decides who may see and change a piece of content. Until page
/// restrictions exist, content is visible to whoever may read its space; content the
/// caller cannot see answers 404, like missing content, so its existence does not leak.
/// </summary>
public sealed class ContentAccess(ContentStore content, SpacePermissionStore permissions)
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

    public async Task<(ContentRecord Content, SpaceRecord Space)> ViewableAsync(Caller caller, string? id, CancellationToken ct = default)
    {
        var found = await content.FindReadableAsync(ParseId(id), SpaceAccess.ViewerOf(caller), ct);
        // A draft is its author's alone until it is published.
        if (found is not var (record, space) || (record.Status == ContentRules.Draft && record.CreatedBy != caller.UserId))
            throw new NotFoundException($"No content with id '{id}' was found.");
        return (record, space);
    }

    /// <summary>
    /// Editing content needs the space's create permission for its type (Confluence's
    /// 'Add' permission also lets one edit); 403 otherwise.
    /// </summary>
    public async Task RequireEditAsync(Caller caller, ContentRecord record, CancellationToken ct = default)
    {
        if (!await permissions.HasAsync(record.SpaceId, SpaceAccess.ViewerOf(caller), "create", record.Type, ct))
            throw new ForbiddenException($"You may not edit this {record.Type}.");
    }

    /// <summary>Trashing and purging need the space's delete permission for the content's type; 403 otherwise.</summary>
    public async Task RequireDeleteAsync(Caller caller, ContentRecord record, CancellationToken ct = default)
    {
        if (!await permissions.HasAsync(record.SpaceId, SpaceAccess.ViewerOf(caller), "delete", record.Type, ct))
            throw new ForbiddenException($"You may not delete this {record.Type}.");
    }
}
