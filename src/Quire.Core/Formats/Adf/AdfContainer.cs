namespace Quire.Core.Formats.Adf;

/// <summary>
/// Where ADF blocks sit. The schema lets each container hold a different set of blocks (no
/// table in a table cell, no heading in a quote, layouts only at the top), so storage read
/// into ADF is shaped for the container it lands in.
/// </summary>
internal enum AdfContainer
{
    Doc, LayoutColumn, TableCell, Expand, NestedExpand, BodiedExtension, Panel, Blockquote, ListItem,
    /// <summary>Content kept in an adf-extension: written from valid ADF, so read back as it is.</summary>
    Any,
}

internal static class AdfContainers
{
    private static readonly HashSet<string> InDoc = ["paragraph", "heading", "bulletList", "orderedList", "taskList", "decisionList",
        "codeBlock", "mediaSingle", "mediaGroup", "rule", "panel", "blockquote", "table", "expand", "bodiedExtension", "extension",
        "blockCard", "embedCard", "layoutSection"];
    private static readonly HashSet<string> InLayoutColumn = [.. InDoc.Except(["layoutSection"])];
    private static readonly HashSet<string> InTableCell = ["paragraph", "heading", "bulletList", "orderedList", "taskList", "decisionList",
        "codeBlock", "mediaSingle", "mediaGroup", "rule", "panel", "blockquote", "blockCard", "embedCard", "extension", "nestedExpand"];
    private static readonly HashSet<string> InExpand = [.. InTableCell, "table"];
    private static readonly HashSet<string> InBodiedExtension = [.. InExpand.Except(["nestedExpand"])];
    private static readonly HashSet<string> InNestedExpand = ["paragraph", "heading", "mediaSingle", "mediaGroup", "codeBlock", "bulletList",
        "orderedList", "taskList", "decisionList", "rule", "panel", "blockquote", "extension"];
    private static readonly HashSet<string> InPanel = ["paragraph", "heading", "bulletList", "orderedList", "blockCard", "mediaGroup",
        "mediaSingle", "codeBlock", "taskList", "rule", "decisionList", "extension"];
    private static readonly HashSet<string> InBlockquote = ["paragraph", "bulletList", "orderedList", "codeBlock", "mediaSingle", "mediaGroup", "extension"];
    private static readonly HashSet<string> InListItem = ["paragraph", "bulletList", "orderedList", "taskList", "mediaSingle", "codeBlock", "extension"];

    public static bool Allows(this AdfContainer container, string type) => container switch
    {
        AdfContainer.Doc => InDoc.Contains(type),
        AdfContainer.LayoutColumn => InLayoutColumn.Contains(type),
        AdfContainer.TableCell => InTableCell.Contains(type),
        AdfContainer.Expand => InExpand.Contains(type),
        AdfContainer.NestedExpand => InNestedExpand.Contains(type),
        AdfContainer.BodiedExtension => InBodiedExtension.Contains(type),
        AdfContainer.Panel => InPanel.Contains(type),
        AdfContainer.Blockquote => InBlockquote.Contains(type),
        AdfContainer.ListItem => InListItem.Contains(type),
        _ => true,
    };

    /// <summary>Whether paragraphs here may carry alignment and indentation marks (headings likewise).</summary>
    public static bool AllowsAlignment(this AdfContainer container) =>
        container is AdfContainer.Doc or AdfContainer.LayoutColumn or AdfContainer.TableCell or AdfContainer.Any;

    public static bool AllowsIndentation(this AdfContainer container, bool heading) =>
        container is AdfContainer.Doc or AdfContainer.LayoutColumn or AdfContainer.Any || (heading && container == AdfContainer.TableCell);

    /// <summary>Whether code blocks, expands and layouts here may break out of the page width (only at the top).</summary>
    public static bool AllowsBreakout(this AdfContainer container) => container is AdfContainer.Doc or AdfContainer.Any;
}
