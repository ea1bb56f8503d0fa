using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Server.Web.Editing;
using Quire.Storage.Content;

namespace Quire.Server.Web.Pages.History;

/// <summary>
/// <c>/wiki/pages/diffpagesbyversion.action?pageId=&amp;originalVersion=&amp;revisedVersion=</c> (Confluence's address):
/// the differences between any two versions of a page, read through <see cref="ContentVersionService.GetAsync"/>
/// with the caller's visibility, compared as Markdown (<see cref="VersionDiff"/>).
/// </summary>
public sealed class DiffModel(ContentVersionService versions, EditableContent editable) : WebPageModel
{
    [BindProperty(SupportsGet = true)] public long? PageId { get; set; }
    [BindProperty(SupportsGet = true)] public int? OriginalVersion { get; set; }
    [BindProperty(SupportsGet = true)] public int? RevisedVersion { get; set; }

    public ContentRecord Item { get; private set; } = null!;
    public string ContentLink { get; private set; } = "";
    public ContentVersionRecord Older { get; private set; } = null!;
    public ContentVersionRecord Newer { get; private set; } = null!;
    public TextDiff Lines { get; private set; } = TextDiff.Empty;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (record, space) = await editable.ViewableAsync(Caller, PageId, ct);
        if (OriginalVersion is not { } from || RevisedVersion is not { } to)
            throw new BadRequestException("Choose two versions to compare: originalVersion and revisedVersion.");
        var id = record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (_, first) = await versions.GetAsync(Caller, id, Math.Min(from, to), ct);
        var (_, second) = await versions.GetAsync(Caller, id, Math.Max(from, to), ct);
        Item = record;
        ContentLink = EditableContent.Link(record, space);
        (Older, Newer) = (first, second);
        Lines = VersionDiff.OfBodies(first.BodyStorage, second.BodyStorage, ct);
    }
}
