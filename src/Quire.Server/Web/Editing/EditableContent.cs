using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Storage.Content;
using Quire.Storage.Spaces;

namespace Quire.Server.Web.Editing;

/// <summary>
/// The page or blog post an editing page works on, found and checked by the same Core code the API's
/// update uses: 404 when the caller cannot see it (or it is not current content of those types), 403
/// when the caller may not edit it (the space's create permission for its type and its update restriction).
/// </summary>
public sealed class EditableContent(ContentAccess access)
{
    public async Task<(ContentRecord Content, SpaceRecord Space)> ViewableAsync(Caller caller, long? id, CancellationToken ct)
    {
        if (id is not { } contentId) throw new BadRequestException("Say which page: pageId is missing.");
        var (record, space) = await access.ViewableAsync(caller, contentId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        if (record.Type is not (ContentRules.Page or ContentRules.BlogPost) || record.Status != ContentRules.Current)
            throw new NotFoundException($"No current page or blog post with id {contentId} was found.");
        return (record, space);
    }

    /// <summary>Content of any type and status the caller may see (a trashed page for its space's administrators), else 404.</summary>
    public Task<(ContentRecord Content, SpaceRecord Space)> AnyStatusAsync(Caller caller, long id, CancellationToken ct) =>
        access.ViewableAsync(caller, id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);

    public async Task<(ContentRecord Content, SpaceRecord Space)> EditableAsync(Caller caller, long? id, CancellationToken ct)
    {
        var (record, space) = await ViewableAsync(caller, id, ct);
        await access.RequireEditAsync(caller, record, ct);
        return (record, space);
    }

    /// <summary>
    /// Current content of any type the caller may see and edit, for what the API allows on every type (labels):
    /// 404 when unseen or not current, 403 when the caller may not edit it.
    /// </summary>
    public async Task<(ContentRecord Content, SpaceRecord Space)> EditableOfAnyTypeAsync(Caller caller, long? id, CancellationToken ct)
    {
        if (id is not { } contentId) throw new BadRequestException("Say which content: pageId is missing.");
        var (record, space) = await AnyStatusAsync(caller, contentId, ct);
        if (record.Status != ContentRules.Current) throw new NotFoundException($"No current content with id {contentId} was found.");
        await access.RequireEditAsync(caller, record, ct);
        return (record, space);
    }

    /// <summary>Whether the caller may edit the content (for showing an action, not for deciding: the write checks again).</summary>
    public async Task<bool> CanEditAsync(Caller caller, ContentRecord record, CancellationToken ct)
    {
        try
        {
            await access.RequireEditAsync(caller, record, ct);
            return true;
        }
        catch (ForbiddenException)
        {
            return false;
        }
    }

    /// <summary>Whether the caller may trash the content (for showing the action; the delete checks again).</summary>
    public async Task<bool> CanDeleteAsync(Caller caller, ContentRecord record, CancellationToken ct)
    {
        try
        {
            await access.RequireDeleteAsync(caller, record, ct);
            return true;
        }
        catch (ForbiddenException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether the caller may delete the attachments of <paramref name="container"/> (for showing the action; the delete
    /// checks again): the space's delete permission for attachments and the container's update restriction, which are
    /// the same for every attachment of it, so one made-up attachment of the container stands for them all.
    /// </summary>
    public Task<bool> CanDeleteAttachmentsAsync(Caller caller, ContentRecord container, CancellationToken ct) =>
        CanDeleteAsync(caller, new ContentRecord
        {
            Type = ContentRules.Attachment, Status = ContentRules.Current, Title = "", SpaceId = container.SpaceId, ContainerId = container.Id,
        }, ct);

    /// <summary>The content's page on this site: its <c>webui</c> link under <c>/wiki</c>.</summary>
    public static string Link(ContentRecord record, SpaceRecord space) => WebLinks.FromWebui(ContentWebLinks.Webui(record, space.Key));
}
