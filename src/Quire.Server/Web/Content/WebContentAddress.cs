using System.Globalization;
using Quire.Core.Content;
using Quire.Core.Security;

namespace Quire.Server.Web.Content;

/// <summary>Where a piece of content is shown, for the redirects of the legacy and short links.</summary>
public static class WebContentAddress
{
    /// <summary>The content's view address on the site, read as the caller (a NotFoundException when they may not see it).</summary>
    public static async Task<string> OfAsync(ContentReader reader, Caller caller, long id, CancellationToken ct)
    {
        var item = await reader.GetAsync(caller, id.ToString(CultureInfo.InvariantCulture), [], null, ct);
        return WebLinks.FromWebui(ContentWebLinks.Webui(item.Content, item.Space.Key));
    }
}
