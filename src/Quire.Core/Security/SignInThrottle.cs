namespace Quire.Core.Security;

/// <summary>
/// How many failed sign-ins are tolerated before more attempts are refused (429): per login and
/// per client address, within a window that starts at the first failure. 0 turns a limit off.
/// </summary>
public sealed record SignInLimits(int FailuresPerLogin, int FailuresPerAddress, TimeSpan Window, int MaxTracked)
{
    public static readonly SignInLimits Default = new(10, 50, TimeSpan.FromMinutes(5), 100_000);
}

/// <summary>
/// Counts failed sign-ins per login (case-insensitively) and per client address, in memory on this
/// node. A key that reached its limit is refused until its window ends: an attacker gets at most the
/// limit's guesses per window and login, and per window and address, whatever the rate. The count
/// is kept only for keys with failures, and at most <see cref="SignInLimits.MaxTracked"/> of them:
/// when full, expired windows go first, then the oldest half, so memory stays bounded under a
/// flood of distinct logins (the address limit still holds such a flood back).
/// </summary>
public sealed class SignInThrottle(SignInLimits limits, TimeProvider time)
{
    private sealed class Window(long startedAt)
    {
        public long StartedAt { get; } = startedAt;
        public int Failures { get; set; }
    }

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly long _windowMillis = (long)limits.Window.TotalMilliseconds;

    /// <summary>How long until the login or the address may try again; null when neither is throttled.</summary>
    public TimeSpan? RetryAfter(string login, string? address)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock)
        {
            var wait = Math.Max(Wait(LoginKey(login), limits.FailuresPerLogin, now), address is null ? 0 : Wait(AddressKey(address), limits.FailuresPerAddress, now));
            return wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
        }
    }

    public void Failed(string login, string? address)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock)
        {
            if (limits.FailuresPerLogin > 0) Count(LoginKey(login), now);
            if (address is not null && limits.FailuresPerAddress > 0) Count(AddressKey(address), now);
        }
    }

    /// <summary>
    /// A successful sign-in forgets the login's failures (a user's own typos). The address keeps
    /// its count: otherwise signing in to one's own account between guesses would reset it.
    /// </summary>
    public void Succeeded(string login)
    {
        lock (_lock) _windows.Remove(LoginKey(login));
    }

    private long Wait(string key, int limit, long now)
    {
        if (limit <= 0 || !_windows.TryGetValue(key, out var window)) return 0;
        var endsAt = window.StartedAt + _windowMillis;
        return window.Failures >= limit && endsAt > now ? endsAt - now : 0;
    }

    private void Count(string key, long now)
    {
        if (!_windows.TryGetValue(key, out var window) || window.StartedAt + _windowMillis <= now)
        {
            if (!_windows.ContainsKey(key) && _windows.Count >= limits.MaxTracked) MakeRoom(now);
            _windows[key] = window = new Window(now);
        }
        window.Failures++;
    }

    private void MakeRoom(long now)
    {
        foreach (var (key, window) in _windows.ToList())
            if (window.StartedAt + _windowMillis <= now) _windows.Remove(key);
        if (_windows.Count < limits.MaxTracked) return;
        foreach (var (key, _) in _windows.OrderBy(w => w.Value.StartedAt).Take(Math.Max(1, _windows.Count / 2)).ToList())
            _windows.Remove(key);
    }

    private static string LoginKey(string login) => "login:" + login.ToLowerInvariant();

    private static string AddressKey(string address) => "address:" + address;

    /// <summary>How many keys hold failures now (for tests of the bound).</summary>
    public int TrackedCount
    {
        get { lock (_lock) return _windows.Count; }
    }
}
