namespace Quire.Core.Formats.Wiki;

/// <summary>
/// One conversion: the source, the storage being written, the index of macro tags, and the
/// parsers for blocks, lines of inline markup and macros, which call each other for nested
/// content (a panel's body is blocks, a table cell's text is inline markup, and so on).
/// </summary>
internal sealed class WikiConverter
{
    public WikiConverter(string wiki, CancellationToken cancellationToken)
    {
        Source = new WikiSource(wiki);
        Output = new StorageBuilder(Source, cancellationToken);
        Tags = new MacroTagIndex(Source.Text, cancellationToken);
        Blocks = new BlockParser(this);
        Inline = new InlineParser(this);
        Macros = new MacroWriter(this);
        Lists = new ListWriter(this);
        Tables = new TableWriter(this);
        Links = new LinkWriter(this);
    }

    public WikiSource Source { get; }
    public string Text => Source.Text;
    public StorageBuilder Output { get; }
    public MacroTagIndex Tags { get; }
    public BlockParser Blocks { get; }
    public InlineParser Inline { get; }
    public MacroWriter Macros { get; }
    public ListWriter Lists { get; }
    public TableWriter Tables { get; }
    public LinkWriter Links { get; }

    public string Convert()
    {
        Blocks.Parse(0, Text.Length);
        return Output.ToString();
    }
}
