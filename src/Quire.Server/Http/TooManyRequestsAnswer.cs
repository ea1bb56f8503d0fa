using System.Globalization;

namespace Quire.Server.Http;

/// <summary>
/// The one 429 answer, as Confluence Cloud's rate limiting gives it: <c>Retry-After</c> (seconds),
/// <c>X-RateLimit-Reset</c> (when the wait ends, ISO 8601 to the minute, as Cloud documents it), the
/// budget's <c>X-RateLimit-Limit</c>, <c>X-RateLimit-Remaining</c> (0), <c>X-RateLimit-NearLimit</c>
/// and <c>RateLimit-Reason</c> when a budget refused, and the API's error body (v1's or v2's). Sign-in
/// throttling, the request budgets and the injected 429s all answer through it.
/// </summary>
public static class TooManyRequestsAnswer
{
    /// <param name="seconds">The wait in whole seconds (see <see cref="SecondsOf"/>); the message should name it too.</param>
    /// <param name="message">The error body's message.</param>
    /// <param name="limit">The refusing budget's size; null when no budget refused (sign-in throttling).</param>
    /// <param name="reason">Cloud's <c>RateLimit-Reason</c>; null when none applies.</param>
    public static Task WriteAsync(HttpContext context, TimeProvider time, long seconds, string message, int? limit = null, string? reason = null)
    {
        var headers = context.Response.Headers;
        headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        headers[RateLimitHeaders.Reset] = time.GetUtcNow().AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
        if (limit is { } size)
        {
            headers[RateLimitHeaders.Limit] = size.ToString(CultureInfo.InvariantCulture);
            headers[RateLimitHeaders.Remaining] = "0";
            headers[RateLimitHeaders.NearLimit] = "true";
        }
        if (reason is not null) headers[RateLimitHeaders.Reason] = reason;
        return ErrorBody.WriteAsync(context, StatusCodes.Status429TooManyRequests, message);
    }

    /// <summary>A wait as <c>Retry-After</c> names it: whole seconds, rounded up, at least one.</summary>
    public static long SecondsOf(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));

    /// <summary>A wait in words for a message: "1 second", "30 seconds".</summary>
    public static string Describe(long seconds) => seconds == 1 ? "1 second" : $"{seconds} seconds";
}

/// <summary>The names of Cloud's rate-limit headers.</summary>
public static class RateLimitHeaders
{
    public const string Limit = "X-RateLimit-Limit";
    public const string Remaining = "X-RateLimit-Remaining";
    public const string Reset = "X-RateLimit-Reset";
    public const string NearLimit = "X-RateLimit-NearLimit";
    public const string Reason = "RateLimit-Reason";
}
