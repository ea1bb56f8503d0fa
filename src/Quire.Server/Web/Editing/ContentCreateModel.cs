using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Spaces;

namespace Quire.Server.Web.Editing;

/// <summary>
/// Creating a page or blog post in a space from Markdown, through <see cref="ContentService.CreateAsync"/>
/// as <c>POST /wiki/rest/api/content</c> does (the space's create permission, title rules, the search index,
/// webhooks), or as a draft only its author sees ("Save as draft", then edited at its <c>editui</c>). The form is only shown to a caller who may create there (403 otherwise).
/// </summary>
public abstract class ContentCreateModel(ContentService content, SpaceAccess spaces, EditableContent editable) : EditorPageModel
{
    protected abstract string ContentType { get; }

    [BindProperty(SupportsGet = true)] public long? ParentId { get; set; }

    public override string CancelUrl => WebLinks.Space(SpaceKey);
    public override string? DraftLabel => "Save as draft";

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        await PrepareAsync(key, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken ct)
    {
        await PrepareAsync(key, ct);
        try
        {
            var body = new BodyInput(StorageOfBody(), "storage");
            var status = SavesDraft ? ContentRules.Draft : ContentRules.Current;
            var created = await content.CreateAsync(Caller,
                new NewContent(ContentType, status, Title, SpaceKey, ContentType == ContentRules.Page ? ParentId : null, null, body, null, null), ct);
            return Redirect(SavesDraft ? WebLinks.ResumeDraft(created.Content.Id) : EditableContent.Link(created.Content, created.Space));
        }
        catch (BadRequestException refusal)
        {
            return Refused(refusal);
        }
    }

    /// <summary>The space (404 unseen), the create permission (403), and the parent page's title when one is named.</summary>
    private async Task PrepareAsync(string key, CancellationToken ct)
    {
        var space = await spaces.ViewableAsync(Caller, key, ct);
        await spaces.RequireAsync(Caller, space, new SpaceOperation("create", ContentType), ct);
        SpaceKey = space.Key;
        if (ContentType == ContentRules.Page && ParentId is { } parentId)
        {
            var (parent, parentSpace) = await editable.ViewableAsync(Caller, parentId, ct);
            if (parentSpace.Id != space.Id || parent.Type != ContentRules.Page)
                throw new BadRequestException("The parent must be a page in the same space.");
            ParentTitle = parent.Title;
        }
    }
}
