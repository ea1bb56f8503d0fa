using Quire.Core.Content;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.Api.Content;
using Quire.Server.Http;

namespace Quire.Server.Api.ContentRestrictions;

/// <summary>Renders the answers of the restriction endpoints: expansions (with the spec's defaults), paging of users and groups, the content.</summary>
public sealed class ContentRestrictionResponses(RestrictionSetLoader loader, RestrictionRenderer renderer, ContentExpansions contents, ApiLinks links)
{
    /// <summary>What the restriction endpoints expand when the request names nothing, as the spec says.</summary>
    private const string DefaultExpand = "restrictions.user,restrictions.group";

    public async Task<ContentRestrictionArrayJson> ArrayAsync(
        ContentItem item, HttpRequest request, Caller caller, PageRequest page, CancellationToken ct)
    {
        var expand = ExpandOf(request);
        var set = await loader.LoadAsync(item.Content.Id, ct);
        var content = await ContentAsync(item, expand, caller, ct);
        // Each item takes what is asked for all (restrictions.user) and for its own operation (read.restrictions.user).
        var results = ContentRestrictionService.Operations
            .Select(op => renderer.Render(set, op, Merge(expand, op), caller, page.Start, page.Limit, content))
            .ToList();
        return new ContentRestrictionArrayJson
        {
            Results = results, Start = page.Start, Limit = page.Limit, Size = results.Count, RestrictionsHash = RestrictionRenderer.Hash(set),
            Links = new Dictionary<string, string> { ["self"] = links.Self(), ["base"] = links.Base, ["context"] = ApiLinks.Context },
        };
    }

    public async Task<ContentRestrictionJson> OneAsync(
        ContentItem item, string operation, HttpRequest request, Caller caller, PageRequest page, CancellationToken ct)
    {
        var expand = ExpandOf(request);
        var set = await loader.LoadAsync(item.Content.Id, ct);
        return renderer.Render(set, operation, expand, caller, page.Start, page.Limit, await ContentAsync(item, expand, caller, ct));
    }

    private async Task<ContentJson?> ContentAsync(ContentItem item, Expansion expand, Caller caller, CancellationToken ct) =>
        expand.Has("content") ? (await contents.RenderAsync([item], caller, expand["content"], topLevel: false, ct))[0] : null;

    private static Expansion ExpandOf(HttpRequest request)
    {
        var asked = Expansion.From(request);
        return asked.IsEmpty ? Expansion.Parse(DefaultExpand) : asked;
    }

    private static Expansion Merge(Expansion expand, string operation) =>
        expand[operation].IsEmpty ? expand : Expansion.Parse(string.Join(',', new[] { expand.ToString(), expand[operation].ToString() }.Where(e => e.Length > 0)));
}
