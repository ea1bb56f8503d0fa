using Quire.Core.ContentBody;
using Quire.Core.Errors;
using Quire.Core.Formats;
using Quire.Core.Formats.View;
using static Quire.Core.Tests.Formats.View.ViewTestSupport;

namespace Quire.Core.Tests.Formats.View;

/// <summary>Storage written to attack readers: nothing executable may reach any HTML representation.</summary>
public class HostileViewTests
{
    public static TheoryData<string> Hostile() => new()
    {
        "<p><a href=\"javascript:alert(1)\">x</a></p>",
        "<p style=\"width: expression(alert(1))\">x</p>",
        "<p onclick=\"alert(1)\">x</p><script>alert(1)</script>",
        "<ac:link><ri:url ri:value=\"javascript:alert(1)\" /><ac:plain-text-link-body><![CDATA[x]]></ac:plain-text-link-body></ac:link>",
        "<ac:image><ri:url ri:value=\"javascript:alert(1)\" /></ac:image>",
        Macro("info", Parameter("title", "&lt;img src=x onerror=alert(1)&gt;")),
        Macro("panel", Parameter("title", "\"><script>alert(1)</script>") + Parameter("bgColor", "red;behavior:url(javascript:alert(1))"), rich: "<p>x</p>"),
        Macro("status", Parameter("title", "<script>alert(1)</script>")),
        Macro("code", Parameter("title", "&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), plain: "</pre><script>alert(1)</script>"),
        Macro("anchor", Parameter("", "\" onmouseover=\"alert(1)")),
        "<ac:emoticon ac:name=\"x&quot; onerror=&quot;alert(1)\" />",
        "<h1 onmouseover=\"alert(1)\">T</h1>" + Macro("toc"),
        "<p><iframe src=\"javascript:alert(1)\"></iframe><object data=\"javascript:alert(1)\"></object></p>",
        "<time datetime=\"&lt;script&gt;alert(1)&lt;/script&gt;\" />",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Nothing_executable_survives_view_export_or_styled_view(string storage)
    {
        foreach (var linkBase in new[] { "/wiki", "https://wiki.example.com/wiki" })
        {
            var view = ViewOf(storage, linkBase: linkBase, title: "T");
            AssertInert(view);
            var styled = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(StyledView.Wrap(view));
            Assert.Single(styled.Head!.QuerySelectorAll("style")); // the document's own stylesheet, nothing the body brought
            AssertInert(styled.Body!.InnerHtml);
        }
        AssertInert(StorageView.Render(storage, "KEY"));
        AssertInert(StorageEditor.ToEditor(storage));
    }

    /// <summary>Read as a browser reads it: no script, frame or object element, no event handler, no script URL, no CSS expression.</summary>
    private static void AssertInert(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, style, link, base, meta, form"));
        foreach (var element in document.All)
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} on {element.LocalName}");
                if (attribute.Name is "href" or "src" or "style" or "action" or "formaction" or "background")
                {
                    Assert.DoesNotContain("javascript:", attribute.Value, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain("expression(", attribute.Value, StringComparison.OrdinalIgnoreCase);
                }
            }
    }

    /// <summary>
    /// Seeded random bodies built from storage fragments, well formed or broken: rendering answers
    /// HTML or a BadRequestException (a body not yet saved), never another exception.
    /// </summary>
    [Fact]
    public void Random_bodies_render_or_are_refused_with_a_bad_request()
    {
        string[] opens =
        [
            "<p>", "<div>", "<table><tbody><tr><td>", "<ac:structured-macro ac:name=\"info\"><ac:rich-text-body>",
            "<ac:structured-macro ac:name=\"expand\"><ac:rich-text-body>", "<ac:task-list><ac:task><ac:task-body>",
            "<ac:layout><ac:layout-section ac:type=\"two_equal\"><ac:layout-cell>", "<ac:link><ac:link-body>", "<h2>", "<ul><li>",
        ];
        string[] closes =
        [
            "</p>", "</div>", "</td></tr></tbody></table>", "</ac:rich-text-body></ac:structured-macro>",
            "</ac:rich-text-body></ac:structured-macro>", "</ac:task-body></ac:task></ac:task-list>",
            "</ac:layout-cell></ac:layout-section></ac:layout>", "</ac:link-body></ac:link>", "</h2>", "</li></ul>",
        ];
        string[] leaves =
        [
            "text &amp; more", "&nbsp;", Macro("toc"), Macro("status", Parameter("colour", "Red")), Macro("code", plain: "x < y"),
            "<ac:link><ri:page ri:content-title=\"P\" /></ac:link>", "<ac:image><ri:attachment ri:filename=\"a.png\" /></ac:image>",
            "<ac:emoticon ac:name=\"smile\" />", "<time datetime=\"2024-13-45\" />", "<ac:link><ri:user ri:account-id=\"u\" /></ac:link>",
            "<", "&bogus;", "</p>", "<![CDATA[", "<ac:parameter>", "\u0001",
        ];
        var random = new Random(13);
        for (var run = 0; run < 400; run++)
        {
            var body = new System.Text.StringBuilder();
            var open = new Stack<int>();
            for (var step = random.Next(1, 60); step > 0; step--)
            {
                var roll = random.Next(3);
                if (roll == 0 && open.Count < 500) { var i = random.Next(opens.Length); open.Push(i); body.Append(opens[i]); }
                else if (roll == 1 && open.Count > 0) body.Append(closes[open.Pop()]);
                else body.Append(leaves[random.Next(random.Next(4) == 0 ? leaves.Length : 10)]);
            }
            while (open.Count > 0) body.Append(closes[open.Pop()]);
            var storage = body.ToString();
            try
            {
                var root = ParseLikeBodyRenderer(storage);
                ViewReferences.Collect(root, "KEY", default);
                AssertInert(HtmlPolicy.Sanitize(ViewRenderer.Render(root, new ViewContext(0, "T", "KEY", "/wiki", ViewResolutions.None)).Html));
            }
            catch (BadRequestException)
            {
            }
        }
    }

    /// <summary>A body not yet saved: malformed storage is the client's mistake (BodyRenderer answers 400 the same way).</summary>
    private static System.Xml.Linq.XElement ParseLikeBodyRenderer(string storage)
    {
        try
        {
            return StorageFormat.Parse(storage);
        }
        catch (System.Xml.XmlException)
        {
            throw new BadRequestException(StorageFormat.Validate(storage)?.Message ?? "malformed");
        }
    }
}
