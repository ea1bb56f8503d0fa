using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Formats.Markdown;
using Quire.Server.Web.Content;
using Quire.Server.Web.Editing;

namespace Quire.Server.Web.Pages.Content;

/// <summary>
/// <c>/pages/resumedraft.action?draftId=ID</c>, the <c>editui</c> of pages and blog posts. A draft opens in the
/// Markdown editor for its author (ContentAccess hides it from everybody else: 404), who saves it as a draft again
/// (<see cref="ContentService.SaveDraftAsync"/>: it stays theirs alone) or publishes it, as
/// <c>PUT /wiki/rest/api/content/{id}</c> with status current does (<see cref="ContentService.UpdateAsync"/>, the
/// draft's own number, the <c>page_created</c> webhook). An author who may no longer edit in the space sees it read-only.
/// For published content this is the way into the editor, so it goes there (/wiki/pages/editpage.action).
/// </summary>
public sealed class ResumeDraftModel(ContentPageLoader loader, ContentService content, EditableContent editable) : EditorPageModel
{
    [BindProperty(SupportsGet = true)] public string? DraftId { get; set; }

    /// <summary>Set when the draft is only shown (its author may not edit in the space now); the editor otherwise.</summary>
    public ContentPageView? View { get; private set; }

    private string _type = ContentRules.Page;

    public override string Heading => $"Edit draft {(_type == ContentRules.BlogPost ? "blog post" : "page")}";
    public override string SubmitLabel => "Publish";
    public override string? DraftLabel => "Save draft";
    public override bool DraftIsDefault => true;
    public override string CancelUrl => WebLinks.Space(SpaceKey);

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        if (ParsedId() is not { } id) return ErrorPage(StatusCodes.Status400BadRequest, "draftId must be a content id.");
        var view = await loader.LoadAsync(Caller, id, [ContentRules.Draft, ContentRules.Current], ct);
        if (view.Content.Status != ContentRules.Draft)
            return Redirect($"/wiki/pages/editpage.action?pageId={id}");
        if (view.Content.Type is not (ContentRules.Page or ContentRules.BlogPost) || !await editable.CanEditAsync(Caller, view.Content, ct))
        {
            View = view;
            return Page();
        }
        (_type, SpaceKey) = (view.Content.Type, view.Space.Key);
        Title = view.Content.Title;
        Body = StorageToMarkdown.Convert(view.Content.BodyStorage, ct);
        BaseVersion = view.Content.Version;
        if (saved) Notice = "Draft saved. Only you can see it until you publish it.";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ParsedId() is not { } id) return ErrorPage(StatusCodes.Status400BadRequest, "draftId must be a content id.");
        var (draft, space) = await editable.AnyStatusAsync(Caller, id, ct);
        if (draft.Status != ContentRules.Draft || draft.Type is not (ContentRules.Page or ContentRules.BlogPost))
            throw new NotFoundException($"No page or blog post draft with id {id} was found; it may have been published already.");
        (_type, SpaceKey) = (draft.Type, space.Key);
        var idText = id.ToString(CultureInfo.InvariantCulture);
        try
        {
            var body = new BodyInput(StorageOfBody(), "storage");
            if (SavesDraft)
            {
                await content.SaveDraftAsync(Caller, idText, Title, body, ct);
                return Redirect(WebLinks.ResumeDraft(id) + "&saved=true");
            }
            var published = await content.UpdateAsync(Caller, idText,
                new ContentChanges(draft.Version, null, false, draft.Type, Title, ContentRules.Current, null, body), ct);
            return Redirect(EditableContent.Link(published.Content, published.Space));
        }
        catch (QuireException refusal) when (refusal is BadRequestException or ConflictException)
        {
            return Refused(refusal);
        }
    }

    private long? ParsedId() =>
        long.TryParse(DraftId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
