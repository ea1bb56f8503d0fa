using System.Globalization;
using Quire.Core.Content;

namespace Quire.Server.Web.Content;

/// <summary>The model of the shared content view (<c>_ContentView</c>): what to show, which comment to mark, whether to offer actions.</summary>
public sealed record ContentViewModel(ContentPageView View, long? FocusedCommentId, bool SignedIn)
{
    public static string Iso(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Day(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Size(long? bytes) => bytes switch
    {
        null => "",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MB",
    };

    public static string TypeName(string type) => type switch
    {
        ContentRules.Page => "Page",
        ContentRules.BlogPost => "Blog post",
        ContentRules.Folder => "Folder",
        ContentRules.Whiteboard => "Whiteboard",
        ContentRules.Database => "Database",
        ContentRules.Embed => "Smart link",
        _ => ContentRules.IsCustom(type) ? "Custom content" : type,
    };
}
