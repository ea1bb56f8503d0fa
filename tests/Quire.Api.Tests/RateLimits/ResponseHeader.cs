using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.RateLimits;

public static class ResponseHeader
{
    /// <summary>A response header's value (its values joined by commas), or null when the answer has none.</summary>
    public static string? Of(ApiResponse response, string name) =>
        response.Message.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
