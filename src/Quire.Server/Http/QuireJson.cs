using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Quire.Server.Http;

/// <summary>JSON as Confluence writes it: camelCase names, absent rather than null members.</summary>
public static class QuireJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // Requests must carry JSON numbers as numbers: "1" for a version number is a client error.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.MaxDepth = 64;
        // A key named twice (also in two spellings that bind to one member) is a 400, not "the last one wins".
        options.AllowDuplicateProperties = false;
        // The read path's answers from generated metadata first; everything else by reflection.
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(QuireJsonContext.Default, options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver());
        return options;
    }

    /// <summary>ISO-8601 with milliseconds and offset, as Confluence's dates are.</summary>
    public static string Date(long epochMillis) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMillis).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
}
