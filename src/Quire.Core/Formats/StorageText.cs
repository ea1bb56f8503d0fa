using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Quire.Core.Formats;

/// <summary>
/// The words of a storage body for the search index: the text a reader sees, without tags,
/// and without what only configures a macro (its <c>ac:parameter</c>s) or names a resource.
/// Macro bodies (rich text and plain text such as code) and link bodies are text. Block
/// elements are separated by white space, so "a&lt;p&gt;b" is two words.
/// </summary>
public static class StorageText
{
    private static readonly XNamespace Ac = StorageFormat.AcNamespace;
    private static readonly XNamespace Ri = StorageFormat.RiNamespace;

    /// <summary>The longest text indexed per body; the rest of a huge page adds little to search.</summary>
    public const int MaxLength = 1_000_000;

    public static string Extract(string? storage)
    {
        if (string.IsNullOrWhiteSpace(storage)) return "";
        XElement root;
        try
        {
            root = StorageFormat.Parse(storage);
        }
        catch (Exception e) when (e is XmlException or InvalidOperationException)
        {
            return Collapse(storage); // stored bodies are validated on write; an older invalid one is indexed as it is
        }
        var text = new StringBuilder();
        Append(root, text);
        return Collapse(text.ToString());
    }

    private static void Append(XElement element, StringBuilder text)
    {
        foreach (var node in element.Nodes())
        {
            if (text.Length > MaxLength) return;
            switch (node)
            {
                case XText t:
                    text.Append(t.Value);
                    break;
                case XElement e when e.Name == Ac + "parameter" || e.Name.Namespace == Ri:
                    break; // macro configuration and resource identifiers are not prose
                case XElement e when e.Name == Ac + "inline-comment-marker":
                    Append(e, text); // a highlight lies inside a word as often as around one: it separates nothing
                    break;
                case XElement e:
                    text.Append(' ');
                    Append(e, text);
                    text.Append(' ');
                    break;
            }
        }
    }

    private static string Collapse(string text)
    {
        var result = new StringBuilder(Math.Min(text.Length, MaxLength));
        var space = false;
        foreach (var c in text)
        {
            if (result.Length >= MaxLength) break;
            if (char.IsWhiteSpace(c) || char.IsControl(c)) { space = result.Length > 0; continue; }
            if (space) { result.Append(' '); space = false; }
            result.Append(c);
        }
        return result.ToString();
    }
}
