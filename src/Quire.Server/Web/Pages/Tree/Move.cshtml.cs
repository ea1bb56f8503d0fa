using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Server.Web.Editing;
using Quire.Storage.Content;

namespace Quire.Server.Web.Pages.Tree;

/// <summary>
/// <c>/wiki/pages/movepage.action?pageId=</c>: moves a page (with its children) under, before or after another
/// page, in its space or another, through <see cref="ContentMoveService.MoveAsync"/> as
/// <c>PUT /wiki/rest/api/content/{id}/move/{position}/{targetId}</c> does (edit permission on both, no cycles).
/// The target is named by space key and title, as a person knows it. The second form moves the page to the top level of a
/// space, which v1's move cannot name (its target is a page).
/// </summary>
public sealed class MoveModel(ContentMoveService moves, ContentService content, EditableContent editable) : WebPageModel
{
    protected override bool NeedsSignedInUser => true;

    [BindProperty(SupportsGet = true)] public long? PageId { get; set; }
    [BindProperty] public string? TargetSpaceKey { get; set; }
    [BindProperty] public string? TargetTitle { get; set; }
    [BindProperty] public string Position { get; set; } = "append";

    public ContentRecord Moving { get; private set; } = null!;
    public string PageLink { get; private set; } = "";
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        TargetSpaceKey ??= SpaceKeyOfPage;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        try
        {
            if (string.IsNullOrWhiteSpace(TargetTitle)) throw new BadRequestException("Name the page to move this page to, by its title.");
            var found = await content.ListAsync(Caller,
                new ContentQuery(ContentRules.Page, TargetSpaceKey, TargetTitle.Trim(), [ContentRules.Current], null), new PageRequest(0, 1), ct);
            var target = found.Results.FirstOrDefault()
                ?? throw new BadRequestException($"No page titled '{TargetTitle.Trim()}' was found in space '{TargetSpaceKey}'.");
            var id = Moving.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await moves.MoveAsync(Caller, id, Position, target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            var (moved, space) = await editable.ViewableAsync(Caller, Moving.Id, ct);
            return Redirect(EditableContent.Link(moved, space));
        }
        catch (BadRequestException refusal)
        {
            Error = refusal.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return this.Page();
        }
    }

    /// <summary>
    /// To the end of a space's top level (<see cref="ContentMoveService.MoveToTopLevelAsync"/>: edit permission on the page,
    /// the create-page permission of the space; the same <c>page_moved</c> event as any move).
    /// </summary>
    public async Task<IActionResult> OnPostTopLevelAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        try
        {
            await moves.MoveToTopLevelAsync(Caller, Moving.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), TargetSpaceKey, ct);
            var (moved, space) = await editable.ViewableAsync(Caller, Moving.Id, ct);
            return Redirect(EditableContent.Link(moved, space));
        }
        catch (QuireException refusal) when (refusal is BadRequestException or NotFoundException)
        {
            // A mistyped (or unseen) space key: the form again, saying so, with the API's status.
            Error = refusal.Message;
            Response.StatusCode = refusal.StatusCode;
            return Page();
        }
    }

    private string SpaceKeyOfPage { get; set; } = "";

    private async Task LoadAsync(CancellationToken ct)
    {
        var (record, space) = await editable.EditableAsync(Caller, PageId, ct);
        if (record.Type != ContentRules.Page) throw new BadRequestException("Only pages move in the page tree; a blog post has no place in it.");
        (Moving, PageLink, SpaceKeyOfPage) = (record, EditableContent.Link(record, space), space.Key);
    }
}
