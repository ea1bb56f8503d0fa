using System.Text;
using System.Xml.Linq;

namespace Quire.Core.Formats.View;

/// <summary>Macros as Confluence Cloud's view shows them; a macro Quire does not know shows its rich-text body, never its parameters.</summary>
public sealed partial class ViewRenderer
{
    private void Macro(XElement macro)
    {
        var name = MacroParameters.NameOf(macro);
        switch (name)
        {
            case "code":
                Code(macro);
                break;
            case "noformat":
                NoFormat(macro);
                break;
            case "info" or "note" or "warning" or "tip":
                Information(macro, name);
                break;
            case "panel":
                Panel(macro);
                break;
            case "expand":
                Expand(macro);
                break;
            case "toc":
                TableOfContents(macro);
                break;
            case "status":
                Status(macro);
                break;
            case "anchor":
                var anchor = MacroParameters.Value(macro, "") ?? "";
                _out.Open("span", ("class", "confluence-anchor-link conf-macro output-inline"), ("id", _headings.IdFor(anchor)),
                    ("data-hasbody", "false"), ("data-macro-name", "anchor")).Close("span");
                break;
            case "children":
                ChildPages(macro);
                break;
            case "excerpt" when MacroParameters.IsTrue(macro, "hidden"):
                break;
            default:
                if (MacroParameters.RichBody(macro) is { } body) Children(body);
                break;
        }
    }

    private void Code(XElement macro)
    {
        var settings = new StringBuilder("brush: ").Append(Token(MacroParameters.Value(macro, "language")) ?? "java");
        settings.Append("; gutter: ").Append(MacroParameters.IsTrue(macro, "linenumbers") ? "true" : "false");
        settings.Append("; theme: ").Append(Token(MacroParameters.Value(macro, "theme")) ?? "Confluence");
        if (int.TryParse(MacroParameters.Value(macro, "firstline"), out var first)) settings.Append("; first-line: ").Append(first);
        if (MacroParameters.IsTrue(macro, "collapse")) settings.Append("; collapse: true");
        OpenMacro("div", "code panel pdl", "code", hasBody: true, style: "border-width: 1px;");
        if (MacroParameters.Value(macro, "title") is { Length: > 0 } title)
            _out.Open("div", ("class", "codeHeader panelHeader pdl"), ("style", "border-bottom-width: 1px;")).Element("b", title).Close("div");
        _out.Open("div", ("class", "codeContent panelContent pdl"))
            .Element("pre", MacroParameters.PlainBody(macro) ?? "", ("class", "syntaxhighlighter-pre"),
                ("data-syntaxhighlighter-params", settings.ToString()), ("data-theme", Token(MacroParameters.Value(macro, "theme")) ?? "Confluence"))
            .Close("div").Close("div");
    }

    private void NoFormat(XElement macro)
    {
        OpenMacro("div", "preformatted panel", "noformat", hasBody: true, style: "border-width: 1px;");
        if (MacroParameters.Value(macro, "title") is { Length: > 0 } title)
            _out.Open("div", ("class", "preformattedHeader panelHeader"), ("style", "border-bottom-width: 1px;")).Element("b", title).Close("div");
        _out.Open("div", ("class", "preformattedContent panelContent")).Element("pre", MacroParameters.PlainBody(macro) ?? "").Close("div").Close("div");
    }

    /// <summary>info, note, warning and tip: Confluence's information macros, each with its class and icon.</summary>
    private void Information(XElement macro, string name)
    {
        var (kind, icon) = name switch
        {
            "note" => ("note", "aui-iconfont-warning"),
            "warning" => ("warning", "aui-iconfont-error"),
            "tip" => ("tip", "aui-iconfont-approve"),
            _ => ("information", "aui-iconfont-info"),
        };
        OpenMacro("div", $"confluence-information-macro confluence-information-macro-{kind}", name, hasBody: true);
        if (MacroParameters.Value(macro, "title") is { Length: > 0 } title) _out.Element("p", title, ("class", "title"));
        if (!string.Equals(MacroParameters.Value(macro, "icon"), "false", StringComparison.OrdinalIgnoreCase))
            _out.Open("span", ("class", $"aui-icon aui-icon-small {icon} confluence-information-macro-icon")).Close("span");
        _out.Open("div", ("class", "confluence-information-macro-body"));
        if (MacroParameters.RichBody(macro) is { } body) Children(body);
        _out.Close("div").Close("div");
    }

    private void Panel(XElement macro)
    {
        var border = new StringBuilder("border-width: ").Append(Number(MacroParameters.Value(macro, "borderWidth")) ?? "1").Append("px;");
        if (Token(MacroParameters.Value(macro, "borderStyle")) is { } borderStyle) border.Append(" border-style: ").Append(borderStyle).Append(';');
        if (Token(MacroParameters.Value(macro, "borderColor")) is { } borderColor) border.Append(" border-color: ").Append(borderColor).Append(';');
        OpenMacro("div", "panel", "panel", hasBody: true, style: border.ToString());
        if (MacroParameters.Value(macro, "title") is { Length: > 0 } title)
        {
            var header = new StringBuilder("border-bottom-width: 1px;");
            if (Token(MacroParameters.Value(macro, "titleBGColor")) is { } titleBackground) header.Append(" background-color: ").Append(titleBackground).Append(';');
            if (Token(MacroParameters.Value(macro, "titleColor")) is { } titleColor) header.Append(" color: ").Append(titleColor).Append(';');
            _out.Open("div", ("class", "panelHeader"), ("style", header.ToString())).Element("b", title).Close("div");
        }
        var background = Token(MacroParameters.Value(macro, "bgColor"));
        _out.Open("div", ("class", "panelContent"), ("style", background is null ? null : $"background-color: {background};"));
        if (MacroParameters.RichBody(macro) is { } body) Children(body);
        _out.Close("div").Close("div");
    }

    private void Expand(XElement macro)
    {
        var n = ++_expanders;
        _out.Open("div", ("id", $"expander-{n}"), ("class", "expand-container conf-macro output-block"), ("data-hasbody", "true"), ("data-macro-name", "expand"))
            .Open("div", ("id", $"expander-control-{n}"), ("class", "expand-control"))
            .Element("span", "\u00A0", ("class", "expand-control-icon icon"))
            .Element("span", MacroParameters.Value(macro, "title") is { Length: > 0 } title ? title : "Click here to expand...", ("class", "expand-control-text"))
            .Close("div")
            .Open("div", ("id", $"expander-content-{n}"), ("class", "expand-content expand-hidden"));
        if (MacroParameters.RichBody(macro) is { } body) Children(body);
        _out.Close("div").Close("div");
    }

    /// <summary>status: an AUI lozenge whose class follows the colour (Grey has none of its own).</summary>
    private void Status(XElement macro)
    {
        var colour = (MacroParameters.Value(macro, "colour") ?? MacroParameters.Value(macro, "color") ?? "Grey").ToLowerInvariant();
        var lozenge = colour switch
        {
            "red" => " aui-lozenge-error",
            "yellow" => " aui-lozenge-current",
            "green" => " aui-lozenge-success",
            "blue" => " aui-lozenge-complete",
            "purple" => " aui-lozenge-progress",
            _ => "",
        };
        var subtle = MacroParameters.IsTrue(macro, "subtle") ? " aui-lozenge-subtle" : "";
        // A colour given as blanks is no colour: the lozenge says Grey, as with none.
        var named = colour.Length > 0 ? colour : "grey";
        var title = MacroParameters.Value(macro, "title") is { Length: > 0 } given ? given : char.ToUpperInvariant(named[0]) + named[1..];
        _out.Element("span", title, ("class", $"status-macro aui-lozenge{lozenge}{subtle} conf-macro output-inline"),
            ("data-hasbody", "false"), ("data-macro-name", "status"));
    }

    /// <summary>toc: the page's headings (between minLevel and maxLevel) as nested lists, or a flat line, linking to their ids.</summary>
    private void TableOfContents(XElement macro)
    {
        var min = int.TryParse(MacroParameters.Value(macro, "minLevel"), out var low) ? low : 1;
        var max = int.TryParse(MacroParameters.Value(macro, "maxLevel"), out var high) ? high : 6;
        var headings = _headings.Headings.Where(h => h.Level >= min && h.Level <= max).ToList();
        OpenMacro("div", "toc-macro", "toc", hasBody: false);
        if (string.Equals(MacroParameters.Value(macro, "type"), "flat", StringComparison.OrdinalIgnoreCase))
        {
            var separator = MacroParameters.Value(macro, "separator") is { Length: > 0 } given
                            && given is not ("brackets" or "braces" or "parens" or "pipe") ? given : "|";
            for (var i = 0; i < headings.Count; i++)
            {
                if (i > 0) _out.Text($" {separator} ");
                _out.Open("span", ("class", "toc-item-body")).Element("a", headings[i].Text, ("href", "#" + headings[i].Id)).Close("span");
            }
        }
        else
        {
            NestedHeadings(headings);
        }
        _out.Close("div");
    }

    private void NestedHeadings(List<HeadingIds.Heading> headings)
    {
        var levels = new Stack<int>();
        foreach (var heading in headings)
        {
            if (levels.Count == 0 || heading.Level > levels.Peek())
            {
                _out.Open("ul", ("class", "toc-indentation"));
                levels.Push(heading.Level);
            }
            else
            {
                while (levels.Count > 1 && heading.Level < levels.Peek())
                {
                    _out.Close("li").Close("ul");
                    levels.Pop();
                }
                _out.Close("li");
            }
            _out.Open("li").Element("a", heading.Text, ("href", "#" + heading.Id));
        }
        for (; levels.Count > 0; levels.Pop()) _out.Close("li").Close("ul");
    }

    /// <summary>children: the visible child pages of this page (or of the page the macro names), as links.</summary>
    private void ChildPages(XElement macro)
    {
        var parameter = MacroParameters.Element(macro, "page");
        var target = parameter is null ? null : PageTarget.Inside(parameter, _context.SpaceKey);
        if (parameter is not null && target is null) return;
        IEnumerable<ResolvedPage> children = _context.Resolutions.ChildrenOf(target, _context.ContentId);
        children = MacroParameters.Value(macro, "sort")?.ToLowerInvariant() switch
        {
            "title" => children.OrderBy(c => c.Title, StringComparer.OrdinalIgnoreCase),
            "creation" => children.OrderBy(c => c.Id),
            _ => children,
        };
        if (MacroParameters.IsTrue(macro, "reverse")) children = children.Reverse();
        OpenMacro("ul", "childpages-macro", "children", hasBody: false);
        foreach (var child in children)
        {
            _out.Open("li");
            PageAnchor(child, null, () => _out.Text(child.Title));
            _out.Close("li");
        }
        _out.Close("ul");
    }

    private void OpenMacro(string tag, string classes, string name, bool hasBody, string? style = null) =>
        _out.Open(tag, ("class", $"{classes} conf-macro output-block"), ("style", style),
            ("data-hasbody", hasBody ? "true" : "false"), ("data-macro-name", name));

    private static string? Token(string? value) => IsToken(value) ? value : null;

    private static string? Number(string? value) => int.TryParse(value, out var n) && n is >= 0 and <= 50 ? n.ToString() : null;
}
