using System.Text.Json.Nodes;
using Json.Schema;
using Quire.Core.Formats.Adf;

namespace Quire.Core.Tests.Formats.Adf;

/// <summary>
/// AdfSchema's compiled rules give the verdicts a general JSON Schema validator (JsonSchema.Net,
/// reading the published schema as draft-07) gives, and name where a document goes wrong.
/// </summary>
public sealed class AdfSchemaTests
{
    private static readonly Lazy<JsonSchema> Reference = new(() =>
    {
        using var stream = typeof(AdfSchema).Assembly.GetManifestResourceStream("Quire.Core.Formats.Adf.adf-full.schema.json")!;
        var schema = JsonNode.Parse(stream)!.AsObject();
        schema["$schema"] = "http://json-schema.org/draft-07/schema#";
        return JsonSchema.FromText(schema.ToJsonString());
    });

    private static readonly EvaluationOptions Flag = new() { OutputFormat = OutputFormat.Flag, EvaluateAs = SpecVersion.Draft7 };

    private static string Doc(string content) => $$"""{"type":"doc","version":1,"content":[{{content}}]}""";

    public static TheoryData<string> SmallDocuments() =>
    [
        Doc(""),
        Doc("""{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"strong"},{"type":"code"}]}]}"""),
        Doc("""{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"code"},{"type":"link","attrs":{"href":"h"}}]}]}"""),
        Doc("""{"type":"paragraph","content":[{"type":"text","text":""}]}"""),
        Doc("""{"type":"paragraph","marks":[{"type":"alignment","attrs":{"align":"center"}},{"type":"indentation","attrs":{"level":1}}]}"""),
        Doc("""{"type":"heading","attrs":{"level":7}}"""),
        Doc("""{"type":"heading","attrs":{"level":6},"content":[{"type":"text","text":"h"}]}"""),
        Doc("""{"type":"blockquote","content":[{"type":"heading","attrs":{"level":1}}]}"""),
        Doc("""{"type":"bulletList","content":[]}"""),
        Doc("""{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph"}]}]}"""),
        Doc("""{"type":"panel","attrs":{"panelType":"purple"},"content":[{"type":"paragraph"}]}"""),
        Doc("""{"type":"panel","attrs":{"panelType":"note"},"content":[{"type":"table","content":[{"type":"tableRow","content":[]}]}]}"""),
        Doc("""{"type":"table","content":[{"type":"tableRow","content":[{"type":"tableCell","content":[{"type":"paragraph"}]}]}]}"""),
        Doc("""{"type":"table","content":[{"type":"tableRow","content":[{"type":"tableCell","content":[{"type":"table","content":[]}]}]}]}"""),
        Doc("""{"type":"paragraph","content":[{"type":"text","text":"c","marks":[{"type":"textColor","attrs":{"color":"red"}}]}]}"""),
        Doc("""{"type":"paragraph","content":[{"type":"status","attrs":{"text":"OK","color":"green"}},{"type":"mention","attrs":{"id":"a"}}]}"""),
        Doc("""{"type":"paragraph","content":[{"type":"status","attrs":{"text":"OK","color":"pink"}}]}"""),
        Doc("""{"type":"mediaSingle","attrs":{"layout":"center"},"content":[{"type":"media","attrs":{"type":"file","id":"f","collection":""}}]}"""),
        Doc("""{"type":"mediaSingle","attrs":{"layout":"center","width":300,"widthType":"percentage"},"content":[{"type":"media","attrs":{"type":"file","id":"f","collection":""}}]}"""),
        Doc("""{"type":"layoutSection","content":[{"type":"layoutColumn","attrs":{"width":50},"content":[{"type":"paragraph"}]}]}"""),
        Doc("""{"type":"layoutSection","content":[{"type":"layoutColumn","attrs":{"width":50},"content":[{"type":"paragraph"}]},{"type":"layoutColumn","attrs":{"width":50},"content":[{"type":"paragraph"}]}]}"""),
        Doc("""{"type":"taskList","attrs":{"localId":"l"},"content":[{"type":"taskItem","attrs":{"localId":"t","state":"DONE"}}]}"""),
        Doc("""{"type":"taskList","attrs":{"localId":"l"},"content":[{"type":"taskItem","attrs":{"localId":"t","state":"done"}}]}"""),
        Doc("""{"type":"extension","attrs":{"extensionType":"t","extensionKey":""}}"""),
        Doc("""{"type":"codeBlock","marks":[{"type":"breakout","attrs":{"mode":"wide"}}]}"""),
        Doc("""{"type":"expand","content":[{"type":"codeBlock","marks":[{"type":"breakout","attrs":{"mode":"wide"}}]}]}"""),
        Doc("""{"type":"unknownNode"}"""),
        Doc("""{"type":"rule","attrs":{"extra":1}}"""),
        """{"type":"doc","version":2,"content":[]}""",
        """{"type":"doc","content":[]}""",
    ];

    [Theory]
    [MemberData(nameof(SmallDocuments))]
    public void Verdict_matches_a_general_json_schema_validator(string json)
    {
        var document = JsonNode.Parse(json)!;
        var expected = Reference.Value.Evaluate(document, Flag).IsValid;
        Assert.Equal(expected, AdfSchema.Validate(document) is null);
    }

    [Theory]
    [MemberData(nameof(AdfCorpusTests.AdfDocuments), MemberType = typeof(AdfCorpusTests))]
    public void Corpus_documents_are_valid(string file) =>
        Assert.Null(AdfSchema.Validate(JsonNode.Parse(File.ReadAllText(RoundTrip.CorpusPath(file)))!));

    [Theory]
    [InlineData("""{"type":"heading","attrs":{"level":7}}""", "$.content[0].attrs.level: should be at most 6")]
    [InlineData("""{"type":"paragraph","content":[{"type":"text","text":"x"},{"type":"bogus"}]}""", "$.content[0].content[1].type: \"bogus\" is not allowed here")]
    [InlineData("""{"type":"paragraph","content":[{"type":"text","text":"c","marks":[{"type":"textColor","attrs":{"color":"red"}}]}]}""", "$.content[0].content[0].marks[0].attrs.color: should match")]
    [InlineData("""{"type":"panel","attrs":{"panelType":"purple"},"content":[{"type":"paragraph"}]}""", "$.content[0].attrs.panelType: should be one of")]
    [InlineData("""{"type":"rule","attrs":{"extra":1}}""", "$.content[0].attrs.extra: \"extra\" is not allowed here")]
    public void Error_names_the_path_and_the_problem(string block, string expected)
    {
        var error = AdfSchema.Validate(JsonNode.Parse(Doc(block))!);
        Assert.NotNull(error);
        Assert.StartsWith(expected, error);
    }
}
