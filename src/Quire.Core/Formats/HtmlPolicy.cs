using Ganss.Xss;

namespace Quire.Core.Formats;

/// <summary>
/// The one sanitizer policy for every HTML representation Quire emits (view, export_view,
/// styled_view, editor): stored storage format may hold anything a client wrote, so no
/// script, event handler, frame, object, base, meta refresh or script URL leaves the server
/// in HTML, whichever representation a client asks for.
/// </summary>
public static class HtmlPolicy
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    // Configured once, then shared: the library documents Sanitize() as thread-safe while no one changes its settings.
    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string Sanitize(string html) => html.Length == 0 ? "" : Sanitizer.Sanitize(html);

    /// <summary>
    /// Whether a URL may be written where the sanitizer does not look (a data-* attribute):
    /// relative, or of an allowed scheme, as the sanitizer decides for src and href.
    /// </summary>
    public static bool IsSafeUrl(string url)
    {
        var trimmed = url.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && trimmed.Contains(':'))
            return AllowedSchemes.Contains(absolute.Scheme, StringComparer.OrdinalIgnoreCase);
        // Not absolute: safe only if nothing before the first '/', '?' or '#' could be read as a scheme.
        var colon = trimmed.IndexOf(':');
        return colon < 0 || trimmed.IndexOfAny(['/', '?', '#']) is var end && end >= 0 && end < colon;
    }

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in AllowedSchemes) sanitizer.AllowedSchemes.Add(scheme);
        // The editor representation carries macros, page links and images in data-* attributes
        // (data-macro-name, data-linked-resource-type, ...); they are inert without a script.
        sanitizer.AllowDataAttributes = true;
        // Confluence's HTML marks its parts with classes (wysiwyg-macro, confluence-embedded-image).
        sanitizer.AllowedAttributes.Add("class");
        // Headings and anchors carry the ids a table of contents and anchor links point at (MyPage-Heading).
        sanitizer.AllowedAttributes.Add("id");
        // A page is not a form: no control that could post a reader's input elsewhere.
        foreach (var tag in new[] { "form", "input", "button", "textarea", "select", "option", "optgroup", "keygen", "datalist", "output", "menuitem" })
            sanitizer.AllowedTags.Remove(tag);
        return sanitizer;
    }
}
