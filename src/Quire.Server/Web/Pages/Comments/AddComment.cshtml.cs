using Microsoft.AspNetCore.Mvc;
using Quire.Core.Comments;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Formats.Markdown;
using Quire.Server.Web.Editing;
using Quire.Storage.Content;

namespace Quire.Server.Web.Pages.Comments;

/// <summary>
/// <c>/wiki/pages/addcomment.action?pageId=</c> (<c>&amp;parentCommentId=</c> for a reply): a footer comment in
/// Markdown, created by <see cref="CommentService.CreateAsync"/> as v2's <c>POST /footer-comments</c> (the space's
/// comment permission, the page's visibility), then shown on its page.
/// </summary>
public sealed class AddCommentModel(CommentService comments, EditableContent editable) : WebPageModel
{
    protected override bool NeedsSignedInUser => true;

    [BindProperty(SupportsGet = true)] public long? PageId { get; set; }
    [BindProperty(SupportsGet = true)] public long? ParentCommentId { get; set; }
    [BindProperty] public string? Body { get; set; }

    public ContentRecord Item { get; private set; } = null!;
    public string ItemLink { get; private set; } = "";
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        try
        {
            if (Body is { Length: > EditorPageModel.MaxMarkdownLength }) throw new BadRequestException("The comment is too long.");
            var storage = MarkdownToStorage.Convert(Body ?? "", ct);
            var id = Item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var parent = ParentCommentId?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var created = await comments.CreateAsync(Caller, new NewComment(ContentKind.FooterComment,
                parent is null && Item.Type == ContentRules.Page ? id : null,
                parent is null && Item.Type == ContentRules.BlogPost ? id : null,
                parent, null, new BodyInput(storage, "storage"), null), ct);
            return Redirect(EditableContent.Link(created.Content, created.Space));
        }
        catch (BadRequestException refusal)
        {
            Error = refusal.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var (record, space) = await editable.ViewableAsync(Caller, PageId, ct);
        (Item, ItemLink) = (record, EditableContent.Link(record, space));
    }
}
