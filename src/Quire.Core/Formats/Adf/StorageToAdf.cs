using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Quire.Core.Errors;

namespace Quire.Core.Formats.Adf;

/// <summary>Storage format to Atlassian Document Format, as Confluence Cloud gives bodies in atlas_doc_format.</summary>
public static class StorageToAdf
{
    /// <summary>
    /// Converts stored storage format to an ADF document (JSON text, compact). Output always
    /// validates against the schema: should a shape slip through that the schema refuses, the
    /// whole body is given as one extension holding its storage, which converts back unchanged.
    /// </summary>
    public static string Convert(string storage, IAdfMediaFiles media, CancellationToken ct = default)
    {
        XElement root;
        try
        {
            root = StorageFormat.Parse(storage, ct);
        }
        catch (XmlException e)
        {
            throw new BadRequestException($"The storage format body is not valid: {e.Message}");
        }
        var reader = new StorageAdfReader(media, ct);
        var document = Document(reader.Blocks(root.Nodes(), AdfContainer.Doc));
        if (AdfSchema.Validate(document, ct) is not null)
            document = Document(new JsonArray(StorageFragment.Wrap(root.Nodes(), inline: false)));
        return document.ToJsonString(AdfJson.Output);
    }

    private static JsonObject Document(JsonArray content) =>
        new() { ["type"] = "doc", ["version"] = 1, ["content"] = content };
}
