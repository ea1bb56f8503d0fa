using System.Xml;
using System.Xml.Linq;
using Quire.Core.Formats.View;

namespace Quire.Core.Formats;

/// <summary>
/// The view HTML of a storage body with nothing resolved from the database: page, attachment
/// and user links show the storage's own text. Callers that have a viewer use
/// <see cref="Quire.Core.ContentBody.BodyRenderer"/>, which resolves links as the viewer may see them.
/// </summary>
public static class StorageView
{
    public static string Render(string storage, string spaceKey, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(storage)) return "";
        XElement root;
        try
        {
            root = StorageFormat.Parse(storage, cancellationToken);
        }
        catch (XmlException)
        {
            // Stored bodies were validated on write; one that is not (older rows) is shown as text.
            return System.Net.WebUtility.HtmlEncode(storage);
        }
        var html = ViewRenderer.Render(root, ViewContext.Unresolved(spaceKey), cancellationToken, storage.Length + storage.Length / 4);
        return HtmlPolicy.Sanitize(html.Html);
    }
}
