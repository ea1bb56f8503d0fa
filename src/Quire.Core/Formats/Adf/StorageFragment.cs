using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Quire.Core.Errors;

namespace Quire.Core.Formats.Adf;

/// <summary>
/// Storage that ADF has no node for where it stands (a page link, a table inside a table cell,
/// a macro whose parameters hold resources) travels through ADF as an extension node carrying
/// the storage text verbatim, so converting back gives it back unchanged instead of dropping it.
/// </summary>
internal static class StorageFragment
{
    public const string ExtensionType = "com.quire.storage";
    public const string ExtensionKey = "fragment";

    public static bool Is(JsonObject node) =>
        AdfJson.Attr(node, "extensionType") == ExtensionType && AdfJson.Attr(node, "extensionKey") == ExtensionKey;

    /// <summary>An extension (or inline extension) node that holds <paramref name="nodes"/> as storage text.</summary>
    public static JsonObject Wrap(IEnumerable<XNode> nodes, bool inline)
    {
        var list = nodes.ToList();
        var attrs = new JsonObject
        {
            ["extensionType"] = ExtensionType,
            ["extensionKey"] = ExtensionKey,
            ["parameters"] = new JsonObject { ["storage"] = StorageFormat.Write(list) },
        };
        var text = string.Concat(list.Select(n => n is XElement e ? e.Value : n is XText t ? t.Value : "")).Trim();
        if (text.Length > 0) attrs["text"] = text;
        return AdfNodes.Node(inline ? "inlineExtension" : "extension", attrs);
    }

    /// <summary>The storage nodes a fragment extension holds.</summary>
    public static IEnumerable<XNode> Unwrap(JsonObject node, CancellationToken ct)
    {
        var storage = AdfJson.Str(AdfJson.Attrs(node)?["parameters"] as JsonObject, "storage") ?? "";
        try
        {
            return StorageFormat.Parse(storage, ct).Nodes().ToList();
        }
        catch (XmlException e)
        {
            throw new BadRequestException($"The {ExtensionType} extension does not hold valid storage format: {e.Message}");
        }
    }
}
