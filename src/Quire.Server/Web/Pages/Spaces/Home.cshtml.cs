using Quire.Core.Errors;
using Quire.Core.Spaces;
using Quire.Server.Web.Content;
using Quire.Storage.Spaces;

namespace Quire.Server.Web.Pages.Spaces;

/// <summary>
/// <c>/spaces/KEY</c> and <c>/spaces/KEY/overview</c>, a space's <c>webui</c>: its home page (when the caller may see
/// it) beside the page tree's top level. 404 for a space the caller may not see, as the API answers.
/// </summary>
public sealed class HomeModel(SpaceService spaces, ContentPageLoader loader, PageTreeReader tree) : WebPageModel
{
    public SpaceRecord? Space { get; private set; }
    public ContentPageView? HomePage { get; private set; }
    public PageTreeLevel Tree { get; private set; } = new([], null);

    public async Task OnGetAsync(string spaceKey, string? treeAfter, CancellationToken ct)
    {
        Space = await spaces.GetAsync(Caller, spaceKey, ct);
        Tree = await tree.RootsAsync(Caller, Space.Key, treeAfter, ct);
        if (Space.HomepageId is { } homeId)
        {
            try
            {
                HomePage = await loader.LoadAsync(Caller, homeId, [], ct);
            }
            catch (NotFoundException)
            {
                // A restricted home page: the space is still shown, without it.
            }
        }
    }
}
