namespace Quire.Core.Formats.Wiki;

/// <summary>What a macro's body holds, which decides how it is written in storage.</summary>
internal enum MacroBody
{
    /// <summary>No body: <c>{anchor:x}</c>, <c>{toc}</c>, or an unknown macro with no closing tag.</summary>
    None,
    /// <summary>Text kept as typed (<c>ac:plain-text-body</c>): code and noformat.</summary>
    PlainText,
    /// <summary>Wiki markup converted in turn (<c>ac:rich-text-body</c>).</summary>
    Rich,
}

/// <summary>
/// The macros whose shape wiki markup alone cannot tell. A macro Confluence defines with a body
/// must be closed (an unclosed one is refused); one without a body never takes the next
/// <c>{name}</c> as its end; any other macro has a body exactly when a closing tag follows.
/// </summary>
internal static class KnownMacros
{
    private static readonly HashSet<string> PlainText = ["code", "noformat"];

    private static readonly HashSet<string> Rich =
        ["panel", "info", "note", "warning", "tip", "expand", "section", "column", "excerpt", "quote", "color"];

    private static readonly HashSet<string> Bodyless =
    [
        "anchor", "toc", "children", "pagetree", "include", "excerpt-include", "recently-updated", "status",
        "jira", "attachments", "contributors", "gallery", "profile", "blog-posts", "content-by-label",
        "viewfile", "widget", "livesearch", "space-details", "index", "search", "navmap", "listlabels",
    ];

    /// <summary>Whether a missing closing tag is the client's mistake rather than a macro without a body.</summary>
    public static bool MustClose(string name) => PlainText.Contains(name) || Rich.Contains(name);

    /// <summary>
    /// The body of the macro opened by <paramref name="tag"/>, given where its closing tag is
    /// (-1: none in reach).
    /// </summary>
    public static MacroBody BodyOf(MacroTag tag, int closer) =>
        PlainText.Contains(tag.Name) ? MacroBody.PlainText
        : Rich.Contains(tag.Name) ? MacroBody.Rich
        : Bodyless.Contains(tag.Name) || closer < 0 ? MacroBody.None
        : MacroBody.Rich;

    /// <summary>Whether the macro stands as a block of its own (not within a paragraph's text).</summary>
    public static bool IsBlock(MacroTag tag, int closer) => tag.Name != "color" && BodyOf(tag, closer) != MacroBody.None;

    /// <summary>The name Confluence stores the unnamed parameter under (<c>{code:java}</c> is the language).</summary>
    public static string DefaultParameter(string name) => name switch
    {
        "code" => "language",
        "expand" => "title",
        _ => "",
    };
}
