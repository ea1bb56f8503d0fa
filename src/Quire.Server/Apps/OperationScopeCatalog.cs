using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Quire.Core.Apps;

namespace Quire.Server.Apps;

/// <summary>
/// The scopes each API operation demands of apps, read from <c>operation-scopes.json</c>: the
/// <c>x-atlassian-oauth2-scopes</c> and <c>x-atlassian-connect-scope</c> of every operation of
/// Atlassian's v1 and v2 descriptions, kept equal to them by a test (OperationScopeCatalogTests). A
/// route finds its operation by method and path template, parameters compared by position.
/// Routes the descriptions do not have (Quire's admin API, webhooks) have no entry, so no app may call them.
/// </summary>
public sealed partial class OperationScopeCatalog
{
    private readonly Dictionary<string, OperationScopes> _byRoute;
    private readonly ConcurrentDictionary<Endpoint, OperationScopes?> _byEndpoint = new();

    public OperationScopeCatalog()
    {
        using var stream = typeof(OperationScopeCatalog).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        var entries = JsonSerializer.Deserialize<List<Entry>>(stream, JsonOptions) ?? [];
        _byRoute = entries.ToDictionary(
            e => Key(e.Method, e.Path),
            e => new OperationScopes(e.OperationId, e.Classic, e.Granular, e.Connect));
    }

    /// <summary>The name the catalog is embedded under (the project's root namespace and the file's path).</summary>
    public const string ResourceName = "Quire.Server.Apps.operation-scopes.json";

    /// <summary>Every operation, by "METHOD /path/{}" (for tests that walk them).</summary>
    public IReadOnlyDictionary<string, OperationScopes> Operations => _byRoute;

    /// <summary>The operation an endpoint serves; null for a route no description has.</summary>
    public OperationScopes? For(Endpoint endpoint) => _byEndpoint.GetOrAdd(endpoint, e =>
        e is RouteEndpoint { RoutePattern.RawText: { } pattern } route &&
        route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods
            ? methods.Select(m => _byRoute.GetValueOrDefault(Key(m, "/" + pattern.TrimStart('/')))).FirstOrDefault(s => s is not null)
            : null);

    /// <summary>"METHOD /path/{}/...": parameters compared by position, not by name, as routes and the descriptions name them differently.</summary>
    public static string Key(string method, string path) => method.ToUpperInvariant() + " " + Parameter().Replace(path.TrimEnd('/'), "{}");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record Entry(string Method, string Path, string OperationId, List<string> Classic, List<string> Granular, string? Connect);
}
