namespace Quire.Core.Formats.Adf;

/// <summary>
/// Confluence's legacy emoticons (<c>&lt;ac:emoticon ac:name="smile"/&gt;</c>, older than emoji
/// support) and the emoji ADF names them by, both ways.
/// </summary>
internal static class Emoticons
{
    private static readonly (string Name, string ShortName, string Id, string Text)[] Known =
    [
        ("smile", ":slight_smile:", "1f642", "🙂"), ("sad", ":slight_frown:", "1f641", "🙁"),
        ("cheeky", ":stuck_out_tongue:", "1f61b", "😛"), ("laugh", ":grinning:", "1f600", "😀"),
        ("wink", ":wink:", "1f609", "😉"), ("thumbs-up", ":thumbsup:", "1f44d", "👍"),
        ("thumbs-down", ":thumbsdown:", "1f44e", "👎"), ("information", ":information_source:", "2139", "ℹ"),
        ("tick", ":white_check_mark:", "2705", "✅"), ("cross", ":x:", "274c", "❌"),
        ("warning", ":warning:", "26a0", "⚠"), ("plus", ":heavy_plus_sign:", "2795", "➕"),
        ("minus", ":heavy_minus_sign:", "2796", "➖"), ("question", ":question:", "2753", "❓"),
        ("light-on", ":bulb:", "1f4a1", "💡"), ("yellow-star", ":star:", "2b50", "⭐"),
        ("heart", ":heart:", "2764", "❤"), ("broken-heart", ":broken_heart:", "1f494", "💔"),
    ];

    /// <summary>The legacy name Confluence stores beside an emoji's short name; "blue-star" stands for any other.</summary>
    public static string LegacyName(string shortName) =>
        Known.Where(k => k.ShortName == shortName).Select(k => k.Name).FirstOrDefault() ?? "blue-star";

    /// <summary>The emoji a legacy emoticon name stands for, when storage gives no short name.</summary>
    public static (string ShortName, string? Id, string? Text) FromLegacyName(string name)
    {
        foreach (var known in Known)
            if (known.Name == name) return (known.ShortName, known.Id, known.Text);
        return ($":{name}:", null, null);
    }
}
