namespace Quire.Core.Formats.Adf;

/// <summary>
/// The titles Confluence's macro browser gives its built-in macros, which Cloud puts in an
/// extension's <c>macroMetadata.title</c> when it reads storage as ADF. Storage does not hold
/// them; a publisher that writes them (markdown-confluence writes "Page Tree") and compares
/// what it reads back would otherwise see a change on every run. Other macros (apps', users')
/// have no title here and get none.
/// </summary>
public static class MacroTitles
{
    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["anchor"] = "Anchor", ["attachments"] = "Attachments", ["blog-posts"] = "Blog Posts", ["change-history"] = "Change History",
        ["children"] = "Children Display", ["code"] = "Code Block", ["column"] = "Column", ["content-report-table"] = "Content Report Table",
        ["contentbylabel"] = "Content by Label", ["contributors"] = "Contributors", ["create-from-template"] = "Create from Template",
        ["details"] = "Page Properties", ["detailssummary"] = "Page Properties Report", ["excerpt"] = "Excerpt",
        ["excerpt-include"] = "Excerpt Include", ["expand"] = "Expand", ["gallery"] = "Gallery", ["include"] = "Include Page",
        ["info"] = "Info", ["jira"] = "Jira", ["livesearch"] = "Live Search", ["noformat"] = "Noformat", ["note"] = "Note",
        ["pagetree"] = "Page Tree", ["pagetreesearch"] = "Page Tree Search", ["panel"] = "Panel", ["popular-labels"] = "Popular Labels",
        ["profile"] = "User Profile", ["recently-updated"] = "Recently Updated", ["related-labels"] = "Related Labels",
        ["roadmap"] = "Roadmap Planner", ["section"] = "Section", ["space-details"] = "Space Details", ["status"] = "Status",
        ["tasks-report-macro"] = "Task Report", ["tip"] = "Tip", ["toc"] = "Table of Contents", ["view-file"] = "View File",
        ["warning"] = "Warning", ["widget"] = "Widget Connector",
    };

    public static string? Of(string? macroName) => macroName is not null && Titles.TryGetValue(macroName, out var title) ? title : null;
}
