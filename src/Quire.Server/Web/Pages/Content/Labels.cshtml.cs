using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Labels;
using Quire.Core.Paging;
using Quire.Server.Web.Editing;
using Quire.Storage.Content;

namespace Quire.Server.Web.Pages.Content;

/// <summary>
/// <c>/wiki/pages/editlabels.action?pageId=</c>: adds a label to content (a page, a blog post, a folder...) and removes one, through
/// <see cref="ContentLabelService"/> as <c>POST</c> and <c>DELETE /wiki/rest/api/content/{id}/label</c> do (edit
/// permission on the content, the API's name rules and messages). The page view posts its label forms here and is
/// shown again after a change; a refused one (a bad name) is this page with the API's message and status 400.
/// </summary>
public sealed class LabelsModel(ContentLabelService labels, EditableContent editable) : WebPageModel
{
    protected override bool NeedsSignedInUser => true;

    [BindProperty(SupportsGet = true)] public long? PageId { get; set; }
    /// <summary>The name of the label to add (a global label, as the page view's labels are).</summary>
    [BindProperty] public string? Name { get; set; }
    /// <summary>The label to remove, as <c>prefix:name</c> (the API's form; a bare name is a global label).</summary>
    [BindProperty] public string? Label { get; set; }

    public ContentRecord Item { get; private set; } = null!;
    public string ContentLink { get; private set; } = "";
    public IReadOnlyList<ContentLabelRecord> Labels { get; private set; } = [];
    public string? Error { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostAddAsync(CancellationToken ct) =>
        ChangeAsync(id => labels.AddAsync(Caller, id, [new NewLabel(LabelRules.GlobalPrefix, Name)], ct), ct);

    public Task<IActionResult> OnPostRemoveAsync(CancellationToken ct) =>
        ChangeAsync(id => labels.RemoveAsync(Caller, id, Label, ct), ct);

    /// <summary>Back to the content's labels after a change; this page with the refusal (and nothing changed) otherwise.</summary>
    private async Task<IActionResult> ChangeAsync(Func<string, Task> change, CancellationToken ct)
    {
        await LoadAsync(ct);
        try
        {
            await change(Item.Id.ToString(CultureInfo.InvariantCulture));
            return Redirect($"{ContentLink}#labels-{Item.Id}");
        }
        catch (QuireException refusal) when (refusal is BadRequestException or NotFoundException)
        {
            Error = refusal.Message;
            Response.StatusCode = refusal.StatusCode;
            await LoadAsync(ct);
            return Page();
        }
    }

    /// <summary>The content (404 unseen, 403 when the caller may not edit it) and its labels as the caller sees them.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        // Labels go on every kind of content the page view shows (folders, whiteboards, custom content...), as the API's.
        var (record, space) = await editable.EditableOfAnyTypeAsync(Caller, PageId, ct);
        (Item, ContentLink) = (record, EditableContent.Link(record, space));
        Labels = (await labels.ListAsync(Caller, record.Id.ToString(CultureInfo.InvariantCulture), null,
            new PageRequest(0, Web.Content.ContentPageLoader.ListCap), ct)).Results;
    }
}
