using System.Globalization;
using Quire.Core.Attachments;
using Quire.Core.Content;
using Quire.Core.ContentBody;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage.Attachments;
using Quire.Storage.Content;
using Quire.Storage.Users;

namespace Quire.Server.Web.Content;

/// <summary>
/// Reads what a content view shows, for one caller, through the services the API's endpoints call (so a page
/// shows nothing the API would hide): the content (404 when invisible), its body as the view representation,
/// its readable ancestors, labels, attachments and comments, footer and inline (their bodies rendered with the page's in
/// one batch), and the names of the people involved in one query.
/// </summary>
public sealed class ContentPageLoader(
    ContentReader reader, ContentTreeService tree, ContentLabelService labels, AttachmentService attachments, AttachmentStore files,
    BodyRenderer renderer, Editing.AuthorNames authors)
{
    /// <summary>How many attachments, comments and labels a view lists; more are a link away.</summary>
    public const int ListCap = 100;

    private const int MaxBreadcrumbs = 30;

    /// <summary>The content <paramref name="id"/> in one of <paramref name="statuses"/> (current when empty), as a view shows it.</summary>
    public async Task<ContentPageView> LoadAsync(Caller caller, long id, IReadOnlyList<string> statuses, CancellationToken ct)
    {
        var item = await reader.GetAsync(caller, id.ToString(CultureInfo.InvariantCulture), statuses, null, ct);
        var content = item.Content;
        var idText = id.ToString(CultureInfo.InvariantCulture);

        var ancestors = await tree.PageAncestorsAsync(caller, item, MaxBreadcrumbs, ct);
        var labelPage = await labels.ListAsync(caller, idText, null, new PageRequest(0, ListCap), ct);

        IReadOnlyList<ContentRecord> attachmentRows = [];
        var moreAttachments = false;
        if (content.Type is not (ContentRules.Attachment or ContentRules.Comment) && !ContentRules.IsTreeKind(content.Type))
        {
            var (_, found) = await attachments.ListAsync(caller, idText, null, null, new PageRequest(0, ListCap), ct);
            (attachmentRows, moreAttachments) = (found.Results, found.HasMore);
        }
        var attachmentViews = await AttachmentView.ListAsync(files, attachmentRows, content.Id, ct);

        var commentPage = ContentTreeService.ChildTypesOf(content.Type).Contains(ContentRules.Comment)
            ? await tree.ListAsync(caller, item, new TreeQuery(ContentRules.Comment, "all", ["footer", "inline"]), descendants: true, new PageRequest(0, ListCap), ct)
            : new Page<ContentRecord>([], new PageRequest(0, ListCap), false);
        var comments = commentPage.Results;

        var bodies = new List<BodyToRender> { new(content.Id, content.Version, content.BodyStorage, item.Space.Key, content.Title) };
        bodies.AddRange(comments.Select(c => new BodyToRender(c.Id, c.Version, c.BodyStorage, item.Space.Key, c.Title)));
        var rendered = await renderer.RenderAsync(bodies, "view", caller, ct);

        var names = await authors.OfAsync(new[] { content.UpdatedBy, content.CreatedBy }.Concat(comments.Select(c => c.CreatedBy)), ct);
        string NameOf(long? userId) => userId is { } known && names.TryGetValue(known, out var name) ? name : Editing.AuthorNames.Unknown;

        return new ContentPageView(
            item,
            WebLinks.FromWebui(ContentWebLinks.Webui(content, item.Space.Key)),
            WebBodyHtml.WithoutScriptHooks(rendered[0].Value),
            ancestors.Select(a => new WebLink(a.Title, AncestorLink(a, item.Space.Key))).ToList(),
            labelPage.Results,
            attachmentViews,
            moreAttachments,
            comments.Select((c, i) => new CommentView(c.Id, c.ParentId, NameOf(c.CreatedBy), c.CreatedAt, WebBodyHtml.WithoutScriptHooks(rendered[i + 1].Value))).ToList(),
            commentPage.HasMore,
            NameOf(content.UpdatedBy ?? content.CreatedBy),
            content.CreatedBy == content.UpdatedBy ? null : NameOf(content.CreatedBy));
    }

    /// <summary>An ancestor's view address: a page, folder, whiteboard, database or smart link of the same space.</summary>
    private static string AncestorLink(AncestorRecord ancestor, string spaceKey) => WebLinks.FromWebui(ContentWebLinks.Webui(
        new ContentRecord { Id = ancestor.Id, Type = ancestor.Type, Status = ancestor.Status, Title = ancestor.Title, SpaceId = ancestor.SpaceId },
        spaceKey));
}
