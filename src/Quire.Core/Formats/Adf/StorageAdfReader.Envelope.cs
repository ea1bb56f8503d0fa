using System.Text.Json.Nodes;
using System.Xml.Linq;
using static Quire.Core.Formats.Adf.AdfNodes;

namespace Quire.Core.Formats.Adf;

/// <summary>
/// adf-extensions read back into the ADF nodes they keep. A client may write any storage, so
/// an envelope's node is checked against the schema where it lands; one that would not
/// validate stays a storage fragment.
/// </summary>
internal sealed partial class StorageAdfReader
{
    private JsonArray EnvelopeContent(string type, XElement content)
    {
        if (!HoldsInline(type)) return Blocks(content.Nodes(), AdfContainer.Any);
        var inlines = new List<JsonObject>();
        foreach (var node in content.Nodes()) Inline(node, Marks.None, inlines, canHoist: false);
        return Array(MergeText(inlines));
    }

    private void Envelope(XElement envelope, AdfContainer container, List<JsonObject> output)
    {
        var node = AdfEnvelope.Read(envelope, EnvelopeContent);
        if (node is null)
        {
            if (AdfEnvelope.FallbackOf(envelope) is { } fallback) BlocksInto(fallback.Nodes(), container, output);
            return;
        }
        var type = AdfJson.Type(node);
        if (container == AdfContainer.Any) { output.Add(node); return; }
        if (AdfNodes.IsInline(type))
        {
            var paragraph = AdfNodes.Paragraph([node]);
            if (Fits(paragraph, "paragraph")) { output.Add(paragraph); return; }
        }
        else if ((container.Allows(type) || (type == "media" && container.Allows("mediaGroup"))) && Fits(node, type)) { output.Add(node); return; }
        output.Add(StorageFragment.Wrap([envelope], inline: false));
    }

    private void InlineEnvelope(XElement envelope, List<JsonObject> output, bool canHoist)
    {
        var node = AdfEnvelope.Read(envelope, EnvelopeContent);
        if (node is null)
        {
            if (AdfEnvelope.FallbackOf(envelope) is { } fallback) foreach (var child in fallback.Nodes()) Inline(child, Marks.None, output, canHoist);
            return;
        }
        var type = AdfJson.Type(node);
        var fits = AdfNodes.IsInline(type) ? Fits(AdfNodes.Paragraph([node.DeepClone().AsObject()]), "paragraph") : canHoist && Fits(node, type);
        output.Add(fits ? node : StorageFragment.Wrap([envelope], inline: AdfNodes.IsInline(type) || !canHoist));
    }

    /// <summary>Whether a block validates in a document (media inside a media group, as it stands).</summary>
    private bool Fits(JsonObject block, string type)
    {
        var probe = type == "media" ? Node("mediaGroup", content: new JsonArray(block.DeepClone())) : block.DeepClone().AsObject();
        var document = new JsonObject { ["type"] = "doc", ["version"] = 1, ["content"] = new JsonArray(probe) };
        return AdfSchema.Validate(document, ct) is null;
    }
}
