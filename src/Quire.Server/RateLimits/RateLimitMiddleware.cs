using System.Globalization;
using Quire.Server.Authentication;
using Quire.Server.Http;

namespace Quire.Server.RateLimits;

/// <summary>
/// Spends each API request's tokens once authentication has named the caller, and answers 429 when a
/// budget is empty, before authorization or the handler run. An allowed request carries the budget's
/// <c>X-RateLimit-Limit</c> and <c>X-RateLimit-Remaining</c> (and <c>X-RateLimit-NearLimit: true</c>
/// under 20% left), as Cloud's answers do, whatever status it ends with.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, ApiRateLimiter limiter, TimeProvider time)
{
    public Task InvokeAsync(HttpContext context, CallerContext callers)
    {
        if (!RateLimitedPaths.Contains(context.Request.Path)) return next(context);
        var outcome = limiter.Take(callers.Caller, context.Connection.RemoteIpAddress);
        if (outcome.Budget is not { } budget) return next(context);
        if (!outcome.IsAllowed)
        {
            var seconds = TooManyRequestsAnswer.SecondsOf(outcome.RetryAfter);
            return TooManyRequestsAnswer.WriteAsync(context, time, seconds,
                $"{budget.Refusal}: try again in {TooManyRequestsAnswer.Describe(seconds)}.", budget.Limit, budget.Reason);
        }
        // At the start of the answer, so an error answer (which clears the headers) carries them too.
        context.Response.OnStarting(AddHeaders, new AllowedHeaders(context.Response, budget.Limit, outcome.Remaining, outcome.NearLimit));
        return next(context);
    }

    private static readonly Func<object, Task> AddHeaders = static state =>
    {
        var (response, limit, remaining, nearLimit) = (AllowedHeaders)state;
        // A 429 sent later (sign-in throttling) names its own wait; this budget's count would only confuse it.
        if (response.StatusCode == StatusCodes.Status429TooManyRequests) return Task.CompletedTask;
        response.Headers[RateLimitHeaders.Limit] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers[RateLimitHeaders.Remaining] = remaining.ToString(CultureInfo.InvariantCulture);
        if (nearLimit) response.Headers[RateLimitHeaders.NearLimit] = "true";
        return Task.CompletedTask;
    };

    private sealed record AllowedHeaders(HttpResponse Response, int Limit, long Remaining, bool NearLimit);
}
