using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quire.Server.Api.Content;

/// <summary>
/// A body's <c>value</c>: a string, or the UTF-8 bytes the content query read
/// (<see cref="Quire.Storage.Content.ContentRecord.BodyStorageUtf8"/>), which are written into the
/// answer as they are: a 4 KB body then costs no 8 KB .NET string and no transcoding there and back.
/// </summary>
[JsonConverter(typeof(BodyTextConverter))]
public readonly struct BodyText
{
    private readonly string? _text;
    private readonly byte[]? _utf8;

    public BodyText(string text) => _text = text;
    public BodyText(byte[] utf8) => _utf8 = utf8;

    public static implicit operator BodyText(string text) => new(text);

    public override string ToString() => _text ?? (_utf8 is null ? "" : System.Text.Encoding.UTF8.GetString(_utf8));

    internal void WriteTo(Utf8JsonWriter writer)
    {
        if (_utf8 is not null) writer.WriteStringValue(_utf8);
        else writer.WriteStringValue(_text ?? "");
    }
}

/// <summary>Writes a <see cref="BodyText"/> as a JSON string; requests carry bodies as <c>BodyRequest</c>, never as this.</summary>
public sealed class BodyTextConverter : JsonConverter<BodyText>
{
    public override BodyText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A body's value is read from requests as a string.");

    public override void Write(Utf8JsonWriter writer, BodyText value, JsonSerializerOptions options) => value.WriteTo(writer);
}
