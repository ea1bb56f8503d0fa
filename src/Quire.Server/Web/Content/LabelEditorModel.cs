using Quire.Storage.Content;

namespace Quire.Server.Web.Content;

/// <summary>The model of <c>_LabelEditor</c>: a content's labels, and whether the caller may add and remove them (edit permission).</summary>
public sealed record LabelEditorModel(long ContentId, IReadOnlyList<ContentLabelRecord> Labels, bool CanEdit)
{
    /// <summary>A label as the API names it in a removal: <c>prefix:name</c>.</summary>
    public static string Qualified(ContentLabelRecord label) => $"{label.Prefix}:{label.Name}";
}
