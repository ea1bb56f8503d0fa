using System.Text.Json;
using Quire.Core.ContentBody;
using Quire.Core.Content;
using Quire.Core.Errors;

namespace Quire.Server.ApiV2.Common;

/// <summary>
/// A body as v2 writes take it: either flat, <c>{"representation": "storage", "value": "..."}</c>
/// (<c>PageBodyWrite</c>), or nested under its representation, <c>{"storage": {...}}</c>
/// (<c>PageNestedBodyWrite</c>). Either becomes Core's <see cref="BodyInput"/>, converted to storage there.
/// </summary>
public static class V2BodyWrite
{
    public static readonly IReadOnlyList<string> Representations = [BodyRepresentations.Storage, BodyRepresentations.AtlasDocFormat, BodyRepresentations.Wiki];

    public static BodyInput? Parse(JsonElement? body, string member = "body")
    {
        if (body is not { } element || element.ValueKind == JsonValueKind.Null) return null;
        if (element.ValueKind != JsonValueKind.Object) throw new BadRequestException($"{member} must be an object.");
        if (element.TryGetProperty("value", out _) || element.TryGetProperty("representation", out _))
            return Flat(element, member, null);
        foreach (var property in element.EnumerateObject())
        {
            if (!Representations.Contains(property.Name))
                throw new BadRequestException($"{member}.{property.Name} is not a body representation; use one of {string.Join(", ", Representations)}.");
            if (property.Value.ValueKind != JsonValueKind.Object) throw new BadRequestException($"{member}.{property.Name} must be an object.");
            return Flat(property.Value, $"{member}.{property.Name}", property.Name);
        }
        return null;
    }

    private static BodyInput Flat(JsonElement element, string member, string? nestedUnder)
    {
        var representation = String(element, "representation", member) ?? nestedUnder
            ?? throw new BadRequestException($"{member}.representation is required.");
        if (!Representations.Contains(representation))
            throw new BadRequestException($"{member}.representation must be one of {string.Join(", ", Representations)}; '{representation}' is not.");
        var value = String(element, "value", member) ?? throw new BadRequestException($"{member}.value is required.");
        return new BodyInput(value, representation);
    }

    private static string? String(JsonElement element, string name, string member)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) throw new BadRequestException($"{member}.{name} must be a string.");
        return value.GetString();
    }
}
