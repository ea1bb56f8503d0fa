using System.Xml.Linq;

namespace Quire.Core.Formats.View;

/// <summary>Reading a macro (<c>ac:structured-macro</c>, or the older <c>ac:macro</c>): its name, parameters and bodies.</summary>
public static class MacroParameters
{
    private static readonly XNamespace Ac = StorageFormat.AcNamespace;

    public static bool IsMacro(XElement element) => element.Name == Ac + "structured-macro" || element.Name == Ac + "macro";

    /// <summary>The macro's name, lower-cased (Confluence's names are case-insensitive).</summary>
    public static string NameOf(XElement macro) => ((string?)macro.Attribute(Ac + "name") ?? "").ToLowerInvariant();

    /// <summary>The parameter element of that name (the default parameter has the empty name), the last one if repeated.</summary>
    public static XElement? Element(XElement macro, string name) =>
        macro.Elements(Ac + "parameter").LastOrDefault(p => string.Equals((string?)p.Attribute(Ac + "name") ?? "", name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A parameter's text (its value as the user typed it), or null.</summary>
    public static string? Value(XElement macro, string name) => Element(macro, name)?.Value.Trim();

    public static bool IsTrue(XElement macro, string name) => string.Equals(Value(macro, name), "true", StringComparison.OrdinalIgnoreCase);

    public static XElement? RichBody(XElement macro) => macro.Element(Ac + "rich-text-body");

    public static string? PlainBody(XElement macro) => macro.Element(Ac + "plain-text-body")?.Value;
}
