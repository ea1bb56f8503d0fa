using System.Text;
using System.Text.Json.Nodes;
using Quire.Core.Errors;
using Quire.Core.Formats;
using Quire.Core.Formats.Adf;

namespace Quire.Core.Tests.Formats.Adf;

/// <summary>
/// Seeded fuzzing of both converters: any input gives a result or a
/// <see cref="BadRequestException"/>, never another exception, and what StorageToAdf gives
/// always validates.
/// </summary>
public sealed class AdfFuzzTests
{
    /// <summary>Cases per test; QUIRE_ADF_FUZZ_CASES runs more by hand.</summary>
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("QUIRE_ADF_FUZZ_CASES"), out var cases) ? cases : 400;

    private static readonly string[] Types = ["paragraph", "text", "heading", "bulletList", "listItem", "table", "tableRow", "tableCell", "panel",
        "codeBlock", "mediaSingle", "media", "status", "mention", "emoji", "date", "extension", "bodiedExtension", "inlineExtension", "expand",
        "nestedExpand", "taskList", "taskItem", "decisionList", "layoutSection", "layoutColumn", "blockCard", "inlineCard", "hardBreak", "rule", "bogus"];

    private static readonly JsonNode?[] Values = [null, 0, -1, 7, 1e308, "", "x", "#ff0000", "DONE", "file", "f-1", "center", true,
        new JsonArray(), new JsonObject(), "1717200000000", "not-a-number", "\u0001", "]]>", "<p>"];

    [Fact]
    public void Mutated_adf_converts_or_is_refused()
    {
        var random = new Random(1313);
        var corpus = RoundTrip.CorpusFiles("json").Select(f => File.ReadAllText(RoundTrip.CorpusPath(f))).ToList();
        for (var i = 0; i < Cases; i++)
        {
            var document = JsonNode.Parse(corpus[random.Next(corpus.Count)])!;
            for (var m = random.Next(1, 4); m > 0; m--) Mutate(document, random);
            var json = document.ToJsonString();
            try
            {
                var storage = AdfToStorage.Convert(json, random.Next(2) == 0 ? TestMediaFiles.Instance : NoAdfMediaFiles.Instance);
                Assert.Null(StorageFormat.Validate(storage));
            }
            catch (BadRequestException) { }
        }
    }

    [Fact]
    public void Random_storage_converts_or_is_refused_and_what_converts_validates()
    {
        var random = new Random(4242);
        string[] pieces = ["<p>", "</p>", "<h1>", "</h1>", "<ul>", "<li>", "</li>", "</ul>", "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>",
            "<blockquote>", "</blockquote>", "<strong>", "</strong>", "<code>", "</code>", "<br/>", "<hr/>", "text ", "&nbsp;", "&amp;", "<",
            "<ac:structured-macro ac:name=\"info\"><ac:rich-text-body>", "</ac:rich-text-body></ac:structured-macro>",
            "<ac:structured-macro ac:name=\"expand\"><ac:rich-text-body>", "<ac:structured-macro ac:name=\"code\"><ac:plain-text-body><![CDATA[c]]></ac:plain-text-body></ac:structured-macro>",
            "<ac:task-list><ac:task><ac:task-body>", "</ac:task-body></ac:task></ac:task-list>",
            "<ac:image><ri:attachment ri:filename=\"diagram.png\"/></ac:image>", "<ac:layout><ac:layout-section ac:type=\"two_equal\"><ac:layout-cell>", "</ac:layout-cell><ac:layout-cell>", "</ac:layout-cell></ac:layout-section></ac:layout>",
            "<ac:adf-extension><ac:adf-node type=\"panel\"><ac:adf-attribute key=\"panelType\">note</ac:adf-attribute><ac:adf-content>", "</ac:adf-content></ac:adf-node></ac:adf-extension>",
            "<span style=\"color: #123456\">", "</span>", "<a href=\"https://x\" data-card-appearance=\"block\">", "</a>", "<time datetime=\"2024-13-45\"/>",
            "<ac:link><ri:user ri:account-id=\"a\"/></ac:link>", "<div>", "</div>"];
        for (var i = 0; i < Cases; i++)
        {
            var storage = new StringBuilder();
            for (var n = random.Next(1, 40); n > 0; n--) storage.Append(pieces[random.Next(pieces.Length)]);
            // Close what the pieces opened often enough that many bodies are well formed.
            var body = random.Next(2) == 0 ? storage.ToString() : Balance(storage.ToString());
            try
            {
                var json = StorageToAdf.Convert(body, random.Next(2) == 0 ? TestMediaFiles.Instance : NoAdfMediaFiles.Instance);
                Assert.Null(AdfSchema.Validate(JsonNode.Parse(json)!));
                AdfToStorage.Convert(json, TestMediaFiles.Instance);
            }
            catch (BadRequestException) { }
        }
    }

    private static string Balance(string body)
    {
        var validation = StorageFormat.Validate(body);
        return validation is null ? body : "<div>" + System.Net.WebUtility.HtmlEncode(body) + "</div>";
    }

    private static void Mutate(JsonNode document, Random random)
    {
        var nodes = new List<JsonObject>();
        Collect(document, nodes);
        var target = nodes[random.Next(nodes.Count)];
        switch (random.Next(5))
        {
            case 0: target["type"] = Types[random.Next(Types.Length)]; break;
            case 1: (target["attrs"] as JsonObject ?? (JsonObject)(target["attrs"] = new JsonObject()))[random.Next(2) == 0 ? "level" : "url"] = Values[random.Next(Values.Length)]?.DeepClone(); break;
            case 2: target.Remove("content"); break;
            case 3: target["text"] = Values[random.Next(Values.Length)]?.DeepClone(); break;
            default:
                if (target["content"] is JsonArray content && nodes.Count > 1)
                    content.Add(nodes[random.Next(nodes.Count)].DeepClone());
                break;
        }
    }

    private static void Collect(JsonNode? node, List<JsonObject> nodes)
    {
        if (node is not JsonObject obj) return;
        nodes.Add(obj);
        if (obj["content"] is JsonArray content) foreach (var child in content) Collect(child, nodes);
        if (obj["marks"] is JsonArray marks) foreach (var mark in marks) Collect(mark, nodes);
    }
}
