using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Quire.Server.Api.Space;

namespace Quire.Server.Api.Content;

/// <summary>
/// A content's <c>container</c>: its space (a page or blog post) or the content it hangs off (a
/// comment's page, an attachment's page), written as whichever it holds. A type of its own rather
/// than <c>object</c> because one member typed <c>object</c> takes the whole of
/// <see cref="ContentJson"/> off System.Text.Json's generated writer: this converter handles only the
/// container. (Which answers are written by the generated writers: see <c>GeneratedJsonResult</c>.)
/// </summary>
[JsonConverter(typeof(ContainerJsonConverter))]
public sealed class ContainerJson
{
    public ContainerJson(SpaceJson space) => Space = space;
    public ContainerJson(ContentJson content) => Content = content;

    public SpaceJson? Space { get; }
    public ContentJson? Content { get; }
}

/// <summary>Writes a <see cref="ContainerJson"/> as the space or content it holds; requests never carry one.</summary>
public sealed class ContainerJsonConverter : JsonConverter<ContainerJson>
{
    public override ContainerJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A content's container is not read from requests.");

    public override void Write(Utf8JsonWriter writer, ContainerJson value, JsonSerializerOptions options)
    {
        if (value.Space is { } space) JsonSerializer.Serialize(writer, space, (JsonTypeInfo<SpaceJson>)options.GetTypeInfo(typeof(SpaceJson)));
        else JsonSerializer.Serialize(writer, value.Content!, (JsonTypeInfo<ContentJson>)options.GetTypeInfo(typeof(ContentJson)));
    }
}
