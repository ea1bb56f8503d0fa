using System.Text.Json;

namespace Quire.Core.Tasks;

/// <summary>A task's messages, stored as a JSON array of strings.</summary>
public static class LongTaskMessages
{
    public static IReadOnlyList<string> Parse(string json)
    {
        try { return JsonSerializer.Deserialize<List<string>>(json) ?? []; }
        catch (JsonException) { return []; }
    }

    public static string Serialize(IEnumerable<string> messages) => JsonSerializer.Serialize(messages);
}
