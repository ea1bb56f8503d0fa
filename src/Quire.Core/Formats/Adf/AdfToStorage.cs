using System.Xml.Linq;
using Quire.Core.Errors;

namespace Quire.Core.Formats.Adf;

/// <summary>Atlassian Document Format (what Confluence Cloud's editor writes) to storage format.</summary>
public static class AdfToStorage
{
    /// <summary>
    /// Validates (JSON, then the ADF schema) and converts; <see cref="BadRequestException"/> on
    /// invalid input, naming the JSON path of the first error.
    /// </summary>
    public static string Convert(string adfJson, IAdfMediaFiles media, CancellationToken ct = default)
    {
        var document = AdfJson.ParseDocument(adfJson);
        ct.ThrowIfCancellationRequested();
        if (AdfSchema.Validate(document, ct) is { } error) throw new BadRequestException($"Invalid ADF document: {error}");
        var root = new XElement("root");
        var writer = new AdfStorageWriter(media, ct);
        foreach (var block in AdfJson.Children(document)) writer.Block(block, root);
        try
        {
            return StorageFormat.Write(root.Nodes());
        }
        catch (ArgumentException e)
        {
            // XML cannot hold some characters JSON can (control characters, lone surrogates).
            throw new BadRequestException($"The ADF document holds text storage format cannot: {e.Message}");
        }
    }
}
