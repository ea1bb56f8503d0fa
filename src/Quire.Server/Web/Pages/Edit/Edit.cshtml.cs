using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Formats.Markdown;
using Quire.Server.Web.Editing;

namespace Quire.Server.Web.Pages.Edit;

/// <summary>
/// <c>/wiki/pages/editpage.action?pageId=</c>: a page or blog post's title and body as Markdown, saved through
/// <see cref="ContentService.UpdateAsync"/> with the next version number, as <c>PUT /wiki/rest/api/content/{id}</c>.
/// When someone else saved first (the service's 409) the form comes back with the person's text untouched, their
/// version's differences from it, and the form set to save over that version, knowingly.
/// </summary>
public sealed class EditModel(ContentService content, EditableContent editable, AuthorNames authors) : EditorPageModel
{
    [BindProperty(SupportsGet = true)] public long? PageId { get; set; }

    private string _link = WebLinks.Wiki;
    private string _type = ContentRules.Page;

    public override string Heading => $"Edit {(_type == ContentRules.BlogPost ? "blog post" : "page")}";
    public override string SubmitLabel => "Save";
    public override string CancelUrl => _link;
    public override bool AsksVersionMessage => true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (record, space) = await editable.EditableAsync(Caller, PageId, ct);
        Describe(record, space);
        Title = record.Title;
        Body = StorageToMarkdown.Convert(record.BodyStorage, ct);
        BaseVersion = record.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (record, space) = await editable.EditableAsync(Caller, PageId, ct);
        Describe(record, space);
        try
        {
            var changes = new ContentChanges(BaseVersion + 1, string.IsNullOrWhiteSpace(VersionMessage) ? null : VersionMessage.Trim(), false,
                record.Type, Title, null, null, new BodyInput(StorageOfBody(), "storage"));
            var saved = await content.UpdateAsync(Caller, record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), changes, ct);
            return Redirect(EditableContent.Link(saved.Content, saved.Space));
        }
        catch (ConflictException conflict)
        {
            var (current, _) = await editable.ViewableAsync(Caller, PageId, ct);
            if (current.Version == BaseVersion) return Refused(conflict); // a conflict of another kind: say it
            Conflict = new EditConflict(current.Version, await authors.OfAsync(current.UpdatedBy, ct),
                DateTimeOffset.FromUnixTimeMilliseconds(current.UpdatedAt),
                VersionDiff.OfText(StorageToMarkdown.Convert(current.BodyStorage, ct), Body ?? ""));
            BaseVersion = current.Version; // the next save names their version: saving over it is a choice
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        catch (BadRequestException refusal)
        {
            return Refused(refusal);
        }
    }

    private void Describe(Quire.Storage.Content.ContentRecord record, Quire.Storage.Spaces.SpaceRecord space)
    {
        _type = record.Type;
        _link = EditableContent.Link(record, space);
        SpaceKey = space.Key;
    }
}
