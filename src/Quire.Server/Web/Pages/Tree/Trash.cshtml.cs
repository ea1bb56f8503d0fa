using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Core.Paging;
using Quire.Core.Spaces;
using Quire.Server.Web.Editing;
using Quire.Storage.Content;
using Quire.Storage.Spaces;

namespace Quire.Server.Web.Pages.Tree;

/// <summary>
/// <c>/wiki/spaces/KEY/trash</c>, for the space's administrators (403 otherwise; only they see trashed content
/// through the API too): the trashed pages and blog posts, each restored (an update to status current, as
/// <c>PUT /wiki/rest/api/content/{id}</c> with <c>status=current</c>) or purged (<c>DELETE ...?status=trashed</c>).
/// </summary>
public sealed class TrashModel(ContentService content, SpaceAccess spaces, EditableContent editable) : WebPageModel
{
    private const int PageSize = 50;

    protected override bool NeedsSignedInUser => true;

    public SpaceRecord Space { get; private set; } = null!;
    public IReadOnlyList<ContentRecord> Items { get; private set; } = [];
    public Pager Pager { get; private set; } = Pager.None;

    public async Task OnGetAsync(string key, int start, CancellationToken ct)
    {
        Space = await spaces.AdministrableAsync(Caller, key, ct);
        var request = new PageRequest(Math.Max(0, start), PageSize);
        var pages = await content.ListAsync(Caller, new ContentQuery(ContentRules.Page, Space.Key, null, [ContentRules.Trashed], null), request, ct);
        var posts = await content.ListAsync(Caller, new ContentQuery(ContentRules.BlogPost, Space.Key, null, [ContentRules.Trashed], null), request, ct);
        Items = [.. pages.Results, .. posts.Results];
        Pager = Pager.Of(Request, request, pages.HasMore || posts.HasMore);
    }

    public async Task<IActionResult> OnPostRestoreAsync(string key, long id, CancellationToken ct)
    {
        var item = await TrashedAsync(key, id, ct);
        var restored = await content.UpdateAsync(Caller, item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new ContentChanges(item.Version + 1, null, false, item.Type, item.Title, ContentRules.Current, null, null), ct);
        return Redirect(EditableContent.Link(restored.Content, restored.Space));
    }

    public async Task<IActionResult> OnPostPurgeAsync(string key, long id, CancellationToken ct)
    {
        var item = await TrashedAsync(key, id, ct);
        await content.DeleteAsync(Caller, item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ContentRules.Trashed, ct);
        return Redirect($"{WebLinks.Space(Space.Key)}/trash");
    }

    /// <summary>The trashed item of this space (404 otherwise), for a caller who administers the space (403 otherwise).</summary>
    private async Task<ContentRecord> TrashedAsync(string key, long id, CancellationToken ct)
    {
        Space = await spaces.AdministrableAsync(Caller, key, ct);
        var (record, space) = await editable.AnyStatusAsync(Caller, id, ct);
        if (space.Id != Space.Id || record.Status != ContentRules.Trashed)
            throw new Quire.Core.Errors.NotFoundException($"No trashed page or blog post with id {id} is in space {Space.Key}.");
        return record;
    }
}
