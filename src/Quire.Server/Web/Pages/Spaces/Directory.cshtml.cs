using Quire.Core.Paging;
using Quire.Core.Spaces;
using Quire.Storage.Spaces;

namespace Quire.Server.Web.Pages.Spaces;

/// <summary><c>/wiki/spaces</c>: the spaces the caller may see (the listing <c>GET /wiki/rest/api/space</c> gives), by key, a page at a time.</summary>
public sealed class DirectoryModel(SpaceService spaces) : WebPageModel
{
    private const int PageSize = 50;

    public IReadOnlyList<SpaceRecord> Spaces { get; private set; } = [];
    public string? Type { get; private set; }
    public Pager Pager { get; private set; } = Pager.None;

    public async Task OnGetAsync(string? type, int start, CancellationToken ct)
    {
        Type = type is "global" or "personal" ? type : null;
        var request = new PageRequest(Math.Max(0, start), PageSize);
        var page = await spaces.ListAsync(Caller, new SpaceQuery([], [], Type, null, [], false, null), request, ct);
        Spaces = page.Results;
        Pager = Pager.Of(Request, request, page.HasMore);
    }
}
