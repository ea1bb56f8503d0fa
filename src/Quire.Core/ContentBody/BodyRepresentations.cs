namespace Quire.Core.ContentBody;

/// <summary>
/// The names of the body representations Quire takes and gives. Storage format is what is
/// stored; every other representation is converted to it on write and from it on read.
/// </summary>
public static class BodyRepresentations
{
    public const string Storage = "storage";
    public const string AtlasDocFormat = "atlas_doc_format";
    public const string Wiki = "wiki";
    public const string Editor = "editor";
    public const string Editor2 = "editor2";

    /// <summary>What a client may write a body in (create, update, the source of a conversion).</summary>
    public static readonly IReadOnlyList<string> Writable = [Storage, AtlasDocFormat, Wiki, Editor, Editor2];

    /// <summary>What a body may be read as (<c>expand=body.X</c>, the target of a conversion).</summary>
    public static readonly IReadOnlyList<string> Readable = [Storage, AtlasDocFormat, .. BodyRenderer.Representations];

    /// <summary>
    /// The <c>representation</c> a body of <paramref name="representation"/> answers with: the
    /// spec's ContentBody names no "dynamic" (Cloud's live rendering), so that body, which is the
    /// view, says view.
    /// </summary>
    public static string AsAnswered(string representation) => representation == "dynamic" ? "view" : representation;
}
