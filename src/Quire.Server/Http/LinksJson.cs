using System.Text.Json.Serialization;

namespace Quire.Server.Http;

/// <summary>
/// A <c>_links</c> object as a typed shape instead of a dictionary built per answer: every link
/// an answer on the content read path carries (content, attachment, space, user, version,
/// history), in the order Confluence writes them; those left null are omitted. Content has
/// webui, edit, tinyui, self; an attachment webui, download, self; a space webui, self; a user,
/// version or history self; top-level answers add base and context.
/// </summary>
public sealed class LinksJson
{
    public string? Webui { get; init; }
    public string? Download { get; init; }
    public string? Edit { get; init; }
    public string? Tinyui { get; init; }
    public string? Self { get; init; }
    public string? Base { get; init; }
    public string? Context { get; init; }

}
