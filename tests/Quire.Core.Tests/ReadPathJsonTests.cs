using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Quire.Server.Api.Content;
using Quire.Server.Api.Space;
using Quire.Server.Api.Users;
using Quire.Server.Http;

namespace Quire.Core.Tests;

/// <summary>
/// The read path's answers have System.Text.Json's generated writers. A member typed <c>object</c> (or
/// carrying a converter of its own) silently takes a whole type back to the metadata-driven writer, so the
/// types are checked here, as are the two converters that keep them off it. (ASP.NET Core's JSON options escape
/// with the relaxed encoder, with which System.Text.Json uses no generated writer; the answers that use them go
/// through <c>GeneratedJsonResult</c>, tested in <c>GeneratedJsonResultTests</c>.)
/// </summary>
public sealed class ReadPathJsonTests
{
    public static TheoryData<Type> ReadPathTypes => [typeof(ContentJson), typeof(SpaceJson), typeof(UserJson), typeof(VersionJson), typeof(ContentBodiesJson), typeof(ContentBodyJson)];

    [Theory]
    [MemberData(nameof(ReadPathTypes))]
    public void Read_path_types_have_generated_writers(Type type)
    {
        var info = QuireJsonContext.Default.GetTypeInfo(type)!;
        Assert.NotNull(info.GetType().GetProperty("SerializeHandler")!.GetValue(info));
        QuireJson.Options.MakeReadOnly();
        var canUse = typeof(JsonTypeInfo).GetProperty("CanUseSerializeHandler", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance);
        // An internal of System.Text.Json: checked when present, so a runtime that renames it does not fail the build.
        if (canUse is not null) Assert.True((bool)canUse.GetValue(QuireJson.Options.GetTypeInfo(type))!);
    }

    [Fact]
    public void A_body_read_as_utf8_is_written_as_the_same_json_string_as_its_text()
    {
        const string storage = "<p>caf\u00e9 \"quoted\" <b>&amp;</b> \u2028 \ud83d\ude00 \\ end</p>";
        string Write(BodyText value) => JsonSerializer.Serialize(new ContentBodyJson
        {
            Value = value, Representation = "storage", Expandable = new VersionExpandableJson(),
        }, QuireJson.Options);
        Assert.Equal(Write(storage), Write(new BodyText(Encoding.UTF8.GetBytes(storage))));
        using var parsed = JsonDocument.Parse(Write(new BodyText(Encoding.UTF8.GetBytes(storage))));
        Assert.Equal(storage, parsed.RootElement.GetProperty("value").GetString());
    }

    [Fact]
    public void A_container_is_written_as_the_space_or_content_it_holds()
    {
        var space = new SpaceJson { Id = 7, Key = "DOCS", Name = "Docs", Type = "global", Status = "current",
            Expandable = new SpaceExpandableJson(), Links = new LinksJson { Self = "/space/DOCS" } };
        var written = JsonSerializer.Serialize(new ContainerJson(space), QuireJson.Options);
        Assert.Equal(JsonSerializer.Serialize(space, QuireJson.Options), written);
    }
}
