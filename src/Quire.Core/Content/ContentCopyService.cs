using System.Globalization;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage;
using Quire.Storage.Content;

namespace Quire.Core.Content;

/// <summary>Where a copy goes: <c>space</c> (a key), <c>parent_page</c>/<c>parent_content</c> or <c>existing_page</c> (an id).</summary>
public sealed record CopyDestination(string? Type, string? Value);

/// <summary>
/// A copyPage request. Page restrictions and custom content are not stored by Quire yet, so
/// their flags have nothing to copy.
/// </summary>
public sealed record CopyRequest(
    CopyDestination? Destination, string? PageTitle, BodyInput? Body, bool CopyLabels, bool CopyProperties, bool CopyAttachments = false,
    bool CopyPermissions = false);

/// <summary>Copies a page: as a new page in a space or under a parent, or over an existing page (as its next version).</summary>
public sealed class ContentCopyService(
    DbSession db, ContentService content, ContentAccess access, SpaceAccess spaceAccess, ContentCopyStore copies,
    Storage.Restrictions.ContentRestrictionStore restrictions, TimeProvider time)
{
    public async Task<ContentItem> CopyAsync(Caller caller, string? id, CopyRequest request, CancellationToken ct = default)
    {
        var (source, _) = await access.ViewableAsync(caller, id, ct);
        if (source.Type != ContentRules.Page || source.Status != ContentRules.Current)
            throw new BadRequestException($"Only current pages can be copied; content {id} is a {source.Status} {source.Type}.");
        var destination = request.Destination ?? throw new BadRequestException("destination is required.");
        if (string.IsNullOrWhiteSpace(destination.Value)) throw new BadRequestException("destination.value is required.");
        var title = request.PageTitle ?? source.Title;
        var body = request.Body ?? new BodyInput(source.BodyStorage, "storage");

        return await db.InTransactionAsync(async () =>
        {
            ContentItem copy;
            switch (destination.Type)
            {
                case "space":
                    var space = await spaceAccess.ViewableAsync(caller, destination.Value, ct);
                    copy = await content.CreateAsync(caller, new NewContent(ContentRules.Page, ContentRules.Current, title, space.Key, null, null, body, null, null), ct);
                    break;
                case "parent_page" or "parent_content":
                    var parent = await TargetPageAsync(caller, destination.Value, ct);
                    copy = await content.CreateAsync(caller, new NewContent(
                        ContentRules.Page, ContentRules.Current, title, parent.Space.Key, parent.Content.Id, null, body, null, null), ct);
                    break;
                case "existing_page":
                    var existing = await TargetPageAsync(caller, destination.Value, ct);
                    if (existing.Content.Id == source.Id) throw new BadRequestException("A page cannot be copied over itself.");
                    copy = await content.UpdateAsync(caller, destination.Value, new ContentChanges(
                        existing.Content.Version + 1, null, false, ContentRules.Page, title, null, null, body), ct);
                    break;
                default:
                    throw new BadRequestException($"destination.type must be space, parent_page or existing_page, not '{destination.Type}'.");
            }
            var now = time.NowMillis();
            if (request.CopyLabels) await copies.CopyLabelsAsync(source.Id, copy.Content.Id, now, ct);
            if (request.CopyProperties) await copies.CopyPropertiesAsync(source.Id, copy.Content.Id, caller.UserId, now, ct);
            if (request.CopyPermissions) await restrictions.CopyAsync(source.Id, copy.Content.Id, ct);
            if (request.CopyAttachments)
            {
                await spaceAccess.RequireAsync(caller, copy.Space, new SpaceOperation("create", ContentRules.Attachment), ct);
                await copies.CopyAttachmentsAsync(source.Id, copy.Content.Id, copy.Space.Id, caller.UserId, now, ct);
            }
            return copy;
        }, ct);
    }

    /// <summary>A destination page the caller cannot see answers 404, as missing content does.</summary>
    private async Task<ContentItem> TargetPageAsync(Caller caller, string id, CancellationToken ct)
    {
        var (record, space) = await access.ViewableAsync(caller, id, ct);
        if (record.Type != ContentRules.Page || record.Status != ContentRules.Current)
            throw new BadRequestException($"The destination {id.ToString(CultureInfo.InvariantCulture)} must be a current page.");
        return new ContentItem(record, space);
    }
}
