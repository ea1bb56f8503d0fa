using Quire.Core.Formats;
using Quire.Core.Formats.Wiki;

namespace Quire.Core.Tests.Formats.Wiki;

/// <summary>Wiki markup shown as a reader sees it: converted to storage, then rendered as the view representation.</summary>
public sealed class WikiViewTests
{
    [Fact]
    public void Converted_markup_renders_its_headings_strong_text_tables_and_links()
    {
        var storage = WikiMarkup.ToStorage("h2. Plan\n\nThe *first* step: [docs|https://example.com/docs]\n\n||Who||What||\n|Ann|_write_|");
        var view = StorageView.Render(storage, "KEY");
        Assert.Contains(">Plan</h2>", view); // headings carry Confluence's ids (<h2 id="...">)
        Assert.Contains("<strong>first</strong>", view);
        Assert.Contains("<a href=\"https://example.com/docs\">docs</a>", view);
        Assert.Contains(">Who</th>", view);
        Assert.Contains("><em>write</em></td>", view); // cells carry Confluence's classes
    }
}
