using System.Net;
using Quire.Core.Apps;
using Quire.Core.Security;

namespace Quire.Server.RateLimits;

/// <summary>
/// The request budgets of this node: every API request spends one token of its user's budget (or
/// its client address's, when nobody signed in), and a request an app makes spends one of the app's
/// budget too, which all the app's users share. In memory, no database: each node counts its own.
/// </summary>
public sealed class ApiRateLimiter : IDisposable
{
    private readonly RateLimitBudget<RateLimitClient>? _users;
    /// <summary>Keyed by kind and key: an OAuth client id and a Connect app key are never the same app.</summary>
    private readonly RateLimitBudget<(AppKind, string)>? _apps;

    public ApiRateLimiter(RateLimitSettings settings)
    {
        if (settings.PerUser.TokenLimit > 0)
            _users = new(settings.PerUser, RateLimitReasons.Burst, "Rate limit exceeded for this user (or, without sign-in, this client address)");
        if (settings.PerApp.TokenLimit > 0)
            _apps = new(settings.PerApp, RateLimitReasons.TenantQuota, "Rate limit exceeded for this app, across all its users");
    }

    /// <summary>
    /// Spends the request's tokens: the user's first, then the app's. A refusal names the budget that
    /// refused; an allowed request reports the budget with the smaller share left (what a client
    /// pacing itself must watch).
    /// </summary>
    public RateLimitOutcome Take(Caller? caller, IPAddress? address) => Take(RateLimitClient.Of(caller, address), caller?.App);

    /// <summary>Spends one token of <paramref name="client"/>'s budget and, for an app's request, of <paramref name="app"/>'s.</summary>
    public RateLimitOutcome Take(RateLimitClient client, AppAccess? app)
    {
        var outcome = RateLimitOutcome.Unlimited;
        if (_users is not null)
        {
            outcome = _users.Take(client);
            if (!outcome.IsAllowed) return outcome;
        }
        if (_apps is not null && app is not null)
        {
            var appOutcome = _apps.Take((app.Kind, app.AppKey));
            if (!appOutcome.IsAllowed || outcome.Budget is null || appOutcome.Share < outcome.Share) return appOutcome;
        }
        return outcome;
    }

    public void Dispose()
    {
        _users?.Dispose();
        _apps?.Dispose();
    }
}
