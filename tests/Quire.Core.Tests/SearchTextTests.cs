using Quire.Core.Formats;
using Quire.Core.Search;

namespace Quire.Core.Tests;

public class SearchTextTests
{
    [Fact]
    public void Body_text_is_what_a_reader_sees_without_tags_or_macro_parameters()
    {
        var text = StorageText.Extract(
            """<p>One<b>two</b></p><p>three&nbsp;four</p><ac:structured-macro ac:name="code"><ac:parameter ac:name="language">zebra</ac:parameter><ac:plain-text-body><![CDATA[var x = 1;]]></ac:plain-text-body></ac:structured-macro><ac:link><ri:page ri:content-title="Hidden title" /><ac:plain-text-link-body><![CDATA[shown]]></ac:plain-text-link-body></ac:link>""");
        Assert.Equal("One two three four var x = 1; shown", text);
        Assert.Equal("", StorageText.Extract(""));
        Assert.Equal("<p>not closed", StorageText.Extract("<p>not closed"));
    }

    [Fact]
    public void Free_text_becomes_words_phrases_and_prefixes()
    {
        var terms = CqlToFilter.Terms("alpha \"exact words\" conf* foo-bar \"\" !!! a&b*");
        Assert.Equal(
            ["alpha", "exact words", "conf*", "foo bar", "a", "b*"],
            terms.Select(t => string.Join(' ', t.Words) + (t.Prefix ? "*" : "")).ToList());
        Assert.True(terms[1].Phrase);
    }
}
