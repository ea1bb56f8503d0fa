using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Core.Paging;
using Quire.Server.Web.Editing;
using Quire.Storage.Content;

namespace Quire.Server.Web.Pages.History;

/// <summary>
/// <c>/wiki/pages/viewpreviousversions.action?pageId=</c>: a page's versions, newest first (the listing
/// <c>GET /wiki/rest/api/content/{id}/version</c> gives), two of them chosen for a diff, and the restore of an
/// old one (<see cref="ContentVersionService.RestoreAsync"/>: a new version with the old body, as the API's restore).
/// </summary>
public sealed class HistoryModel(ContentVersionService versions, EditableContent editable, AuthorNames authors) : WebPageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public long? PageId { get; set; }

    public ContentRecord Item { get; private set; } = null!;
    public string ContentLink { get; private set; } = "";
    public IReadOnlyList<ContentVersionRecord> Versions { get; private set; } = [];
    public IReadOnlyDictionary<long, string> Authors { get; private set; } = new Dictionary<long, string>();
    public bool CanRestore { get; private set; }
    public Pager Pager { get; private set; } = Pager.None;

    public async Task OnGetAsync(int start, CancellationToken ct)
    {
        var (record, space) = await editable.ViewableAsync(Caller, PageId, ct);
        var request = new PageRequest(Math.Max(0, start), PageSize);
        var (_, page) = await versions.ListAsync(Caller, record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), request, ct);
        Item = record;
        ContentLink = EditableContent.Link(record, space);
        Versions = page.Results;
        Authors = await authors.OfAsync(page.Results.Select(v => v.CreatedBy), ct);
        CanRestore = !Caller.IsAnonymous && await editable.CanEditAsync(Caller, record, ct);
        Pager = Pager.Of(Request, request, page.HasMore);
    }

    /// <summary>Restores version <paramref name="version"/> as the next version; 403 for a caller who may not edit.</summary>
    public async Task<IActionResult> OnPostRestoreAsync(int version, CancellationToken ct)
    {
        if (Caller.IsAnonymous) return Redirect(WebPaths.LoginReturningTo(Request.Path + Request.QueryString));
        var (record, _) = await editable.EditableAsync(Caller, PageId, ct);
        var restored = await versions.RestoreAsync(Caller, record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), version, null, restoreTitle: true, ct);
        return Redirect(EditableContent.Link(restored.Content, restored.Space));
    }

    public string Author(ContentVersionRecord version) =>
        version.CreatedBy is { } id && Authors.TryGetValue(id, out var name) ? name : AuthorNames.Unknown;
}
