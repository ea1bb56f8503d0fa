using System.Net;
using System.Xml;
using System.Xml.Linq;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Quire.Core.Errors;

namespace Quire.Core.Formats.Markdown;

/// <summary>
/// The web editor's Markdown as storage format. Markdig parses (CommonMark with pipe tables and
/// <c>~~strikethrough~~</c>) and writes XHTML; raw HTML is off, so whatever a person types between
/// angle brackets stays text and only Markdown's own constructs make elements. Two kinds of fenced
/// code become storage of their own: a fence whose info string is <see cref="StorageFence"/> is
/// storage format kept as it is (how <see cref="StorageToMarkdown"/> hands macros and everything
/// else Markdown cannot say through an edit untouched), and any other code block is Confluence's
/// code macro, with its language when the fence names one.
/// </summary>
public static class MarkdownToStorage
{
    /// <summary>The info string of a fenced block that holds storage format verbatim.</summary>
    public const string StorageFence = "storage";

    private static readonly XNamespace Ac = StorageFormat.AcNamespace;

    /// <summary>The element Markdig's output carries where a code block's storage goes in afterwards.</summary>
    private const string SlotName = "quire-slot";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .DisableHtml()
        .Build();

    /// <summary>Elements whose whitespace-only text Markdig writes between blocks, which storage does not need.</summary>
    private static readonly HashSet<string> BlockContainers = ["root", "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr"];

    private static readonly HashSet<string> Blocks = ["p", "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6", SlotName];

    /// <summary>Storage format for <paramref name="markdown"/>; 400 when a storage block in it is not well formed.</summary>
    public static string Convert(string markdown, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var slots = new List<XNode[]>();
        using var writer = new StringWriter();
        try
        {
            var document = Markdig.Markdown.Parse(markdown, Pipeline);
            var renderer = new HtmlRenderer(writer);
            Pipeline.Setup(renderer);
            renderer.ObjectRenderers.Replace<CodeBlockRenderer>(new SlotCodeBlockRenderer(slots, cancellationToken));
            renderer.Render(document);
            writer.Flush();
        }
        catch (ArgumentException e)
        {
            // Markdig refuses documents nested past its own depth bound.
            throw new BadRequestException("The Markdown cannot be converted: " + e.Message);
        }

        XElement root;
        try
        {
            root = StorageFormat.Parse(writer.ToString(), cancellationToken);
        }
        catch (XmlException e)
        {
            // Markdig's own output is well formed; only a document nested past storage's depth bound is not.
            throw new BadRequestException("The Markdown does not make valid storage format: " + e.Message);
        }
        Tidy(root);
        foreach (var slot in root.Descendants(SlotName).ToList())
            slot.ReplaceWith(slots[int.Parse((string)slot.Attribute("n")!, System.Globalization.CultureInfo.InvariantCulture)]);
        var storage = StorageFormat.Write(root.Nodes());
        if (StorageFormat.Validate(storage, cancellationToken) is { } error)
            throw new BadRequestException("The Markdown does not make valid storage format: " + error.Message);
        return storage;
    }

    /// <summary>
    /// Markdig's XHTML shaped as Confluence writes storage: no whitespace between blocks, a table's
    /// header row in its <c>tbody</c> (storage tables have no <c>thead</c>), images as <c>ac:image</c>.
    /// </summary>
    private static void Tidy(XElement root)
    {
        foreach (var element in root.DescendantsAndSelf().Where(e => BlockContainers.Contains(e.Name.LocalName)).ToList())
        {
            foreach (var text in element.Nodes().OfType<XText>().ToList())
            {
                // Only white space between blocks goes: the space between two inline elements of a list item is text.
                if (string.IsNullOrWhiteSpace(text.Value) && IsBlockOrEdge(text.PreviousNode) && IsBlockOrEdge(text.NextNode)) text.Remove();
                else if (text.NextNode is XElement next && Blocks.Contains(next.Name.LocalName)) text.Value = text.Value.TrimEnd();
            }
        }
        // Markdig writes a newline after each <br />, which the line break already is.
        foreach (var text in root.Descendants("br").Select(b => b.NextNode).OfType<XText>().ToList())
            text.Value = text.Value.TrimStart('\n');
        foreach (var element in root.Descendants().ToList())
        {
            var name = element.Name.LocalName;
            if (name == "table" && element.Element("thead") is { } head)
            {
                var body = element.Element("tbody");
                if (body is null) element.Add(body = new XElement("tbody"));
                body.AddFirst(head.Elements());
                head.Remove();
            }
            // A link or image to a script URL does nothing a page wants: the view drops it anyway, storage need not keep it.
            if (name == "a" && (string?)element.Attribute("href") is { } href && !HtmlPolicy.IsSafeUrl(href)) element.Attribute("href")!.Remove();
            if (name == "img" && (string?)element.Attribute("src") is { } src && !HtmlPolicy.IsSafeUrl(src)) element.SetAttributeValue("src", "");
            if (name == "img")
            {
                var image = new XElement(Ac + "image");
                if ((string?)element.Attribute("alt") is { Length: > 0 } alt) image.Add(new XAttribute(Ac + "alt", alt));
                image.Add(new XElement(XName.Get("url", StorageFormat.RiNamespace),
                    new XAttribute(XName.Get("value", StorageFormat.RiNamespace), (string?)element.Attribute("src") ?? "")));
                element.ReplaceWith(image);
            }
        }
        // A paragraph's last line ends with the newline Markdig writes before </p>.
        foreach (var text in root.Descendants().Where(e => e.Name.LocalName is "p" or "li" or "th" or "td").Select(e => e.LastNode).OfType<XText>())
            text.Value = text.Value.TrimEnd('\n');
    }

    private static bool IsBlockOrEdge(XNode? node) => node is null || node is XElement e && Blocks.Contains(e.Name.LocalName);

    /// <summary>The code macro for a code block, written as Confluence writes it.</summary>
    internal static XElement CodeMacro(string? language, string code)
    {
        var macro = new XElement(Ac + "structured-macro", new XAttribute(Ac + "name", "code"));
        if (!string.IsNullOrWhiteSpace(language))
            macro.Add(new XElement(Ac + "parameter", new XAttribute(Ac + "name", "language"), language.Trim()));
        macro.Add(new XElement(Ac + "plain-text-body", new XCData(code)));
        return macro;
    }

    /// <summary>
    /// Writes a slot for each code block and keeps its storage aside: a storage fence parsed as
    /// storage (400 naming its line when it is not well formed), any other block a code macro.
    /// </summary>
    private sealed class SlotCodeBlockRenderer(List<XNode[]> slots, CancellationToken cancellationToken) : HtmlObjectRenderer<CodeBlock>
    {
        protected override void Write(HtmlRenderer renderer, CodeBlock block)
        {
            var code = block.Lines.ToString();
            var info = (block as FencedCodeBlock)?.Info;
            if (string.Equals(info, StorageFence, StringComparison.Ordinal))
            {
                if (StorageFormat.Validate(code, cancellationToken) is { } error)
                    throw new BadRequestException($"The storage block at line {block.Line + 1} is not valid storage format: {error.Message}");
                slots.Add(StorageFormat.Parse(code, cancellationToken).Nodes().ToArray());
            }
            else
                slots.Add([CodeMacro(info, code)]);
            renderer.Write("<" + SlotName + " n=\"").Write(WebUtility.HtmlEncode((slots.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))).Write("\"></" + SlotName + ">");
        }
    }
}
