using System.Text.Json;

namespace Quire.Core.OAuth;

/// <summary>
/// The scopes an OAuth 2.0 app may be registered with and ask for: every scope the v1 and v2 API
/// descriptions declare or name on an operation (classic and granular; <c>oauth-scopes.json</c>, kept
/// equal to the specs by a test), plus Atlassian's platform scopes <c>offline_access</c> (refresh
/// tokens), <c>read:me</c> and <c>read:account</c> (the user's profile). Each has the description the
/// consent page shows: the spec's where it gives one.
/// </summary>
public static class OAuthScopeCatalog
{
    public const string OfflineAccess = "offline_access";
    public const string ReadMe = "read:me";
    public const string ReadAccount = "read:account";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Descriptions = new(Load);

    /// <summary>Every known scope with its description, in name order.</summary>
    public static IReadOnlyDictionary<string, string> All => Descriptions.Value;

    public static bool IsKnown(string scope) => Descriptions.Value.ContainsKey(scope);

    public static string Describe(string scope) => Descriptions.Value.TryGetValue(scope, out var text) ? text : scope;

    /// <summary>The specs' scopes as embedded (a null description: the spec names the scope on operations only).</summary>
    public static IReadOnlyDictionary<string, string?> FromSpecs()
    {
        using var stream = typeof(OAuthScopeCatalog).Assembly.GetManifestResourceStream("Quire.Core.OAuth.oauth-scopes.json")
                           ?? throw new InvalidOperationException("The embedded oauth-scopes.json is missing.");
        return JsonSerializer.Deserialize<Dictionary<string, string?>>(stream)!;
    }

    private static IReadOnlyDictionary<string, string> Load()
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [OfflineAccess] = "Keep access to the data you granted while you are away: the app receives refresh tokens.",
            [ReadMe] = "View your user profile: account id, name, e-mail address and picture.",
            [ReadAccount] = "View your account's profile information.",
        };
        foreach (var (scope, description) in FromSpecs()) all[scope] = description ?? Derived(scope);
        return all;
    }

    /// <summary>A description from the scope's name, for granular scopes the specs name without describing (read:label:confluence).</summary>
    private static string Derived(string scope)
    {
        var parts = scope.Split(':');
        var verb = parts[0] switch { "read" => "View", "write" => "Create and update", "delete" => "Delete", "manage" => "Manage", var v => v };
        var subject = parts.Length > 1 ? parts[1].Replace('.', ' ').Replace('-', ' ') : scope;
        return $"{verb} {subject} (Confluence).";
    }
}
