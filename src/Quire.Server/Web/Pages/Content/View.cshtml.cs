using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Server.Web.Content;

namespace Quire.Server.Web.Pages.Content;

/// <summary>
/// A piece of content at every <c>webui</c> form Quire emits for it (ContentWebLinks): pages
/// (<c>/spaces/KEY/pages/ID/Title</c>, also with <c>?focusedCommentId=</c>), blog posts
/// (<c>/spaces/KEY/blog/YYYY/MM/DD/ID/Title</c>), folders, whiteboards, databases and smart links
/// (<c>/spaces/KEY/TYPE/ID</c>), custom content (<c>/display/KEY/customcontent/ID</c>); the extra routes are
/// added in <see cref="WebHosting"/>. The id decides what is shown; a comment or an attachment id, or a
/// space key that is not the content's, is redirected to the content's own address.
/// </summary>
public sealed class ViewModel(ContentPageLoader loader) : WebPageModel
{
    /// <summary>What a webui opens: current and archived content, and a draft for its author (ContentAccess hides it from others).</summary>
    private static readonly IReadOnlyList<string> Shown = [ContentRules.Current, ContentRules.Draft, "archived"];

    public ContentPageView? View { get; private set; }
    public long? FocusedCommentId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string spaceKey, long id, long? focusedCommentId, CancellationToken ct)
    {
        var view = await loader.LoadAsync(Caller, id, Shown, ct);
        var content = view.Content;
        if (content.Type is ContentRules.Comment or ContentRules.Attachment || !string.Equals(spaceKey, view.Space.Key, StringComparison.OrdinalIgnoreCase))
            return Redirect(view.Webui);
        View = view;
        FocusedCommentId = focusedCommentId;
        return Page();
    }
}
