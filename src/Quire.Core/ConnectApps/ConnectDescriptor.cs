using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Quire.Core.Errors;

namespace Quire.Core.ConnectApps;

/// <summary>A webhook the descriptor declares (<c>modules.webhooks</c>): an event, where to send it (relative to baseUrl), and whether without a body.</summary>
public sealed record ConnectWebhookModule(string Event, string Url, bool ExcludeBody, string? Filter);

/// <summary>The lifecycle callbacks' paths (relative to baseUrl), each null when the descriptor declares none.</summary>
public sealed record ConnectLifecycle(string? Installed, string? Enabled, string? Disabled, string? Uninstalled);

/// <summary>
/// What Quire reads from a Connect app descriptor. Only what Quire acts on is interpreted: the key,
/// baseUrl, JWT authentication, lifecycle callbacks, scopes and webhooks. Other modules are kept as
/// declared (their keys count, so a dynamic module may not reuse one).
/// </summary>
public sealed record ConnectDescriptor(
    string Key, string Name, string? Description, string BaseUrl, ConnectLifecycle Lifecycle, IReadOnlySet<string> Scopes,
    IReadOnlyList<ConnectWebhookModule> Webhooks, IReadOnlySet<string> ModuleKeys, string Json)
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Connect's scopes: the nested five, impersonation, and e-mail addresses.</summary>
    public static readonly IReadOnlySet<string> KnownScopes =
        new HashSet<string>(["READ", "WRITE", "DELETE", "SPACE_ADMIN", "ADMIN", "ACT_AS_USER", "ACCESS_EMAIL_ADDRESSES"]);

    /// <summary>The scopes that include READ: Connect's five nest, so any of them lets the app read.</summary>
    public static readonly IReadOnlySet<string> ReadOrHigher = new HashSet<string>(["READ", "WRITE", "DELETE", "SPACE_ADMIN", "ADMIN"]);

    public bool ActsAsUser => Scopes.Contains("ACT_AS_USER");
}

/// <summary>
/// Reads and checks a descriptor, as Connect's installer does: every problem found is listed in one
/// 400, so the app's developer fixes them in one go.
/// </summary>
public static partial class ConnectDescriptorReader
{
    /// <summary>Atlassian's rule for an app key: letters, digits, <c>-</c>, <c>.</c>, <c>_</c>; at most 64.</summary>
    [GeneratedRegex("^[a-zA-Z0-9._-]{1,64}$")]
    private static partial Regex AppKeyPattern();

    /// <summary>Atlassian's rule for a module key: letters, digits and <c>-</c>; at most 100.</summary>
    [GeneratedRegex("^[a-zA-Z0-9-]{1,100}$")]
    public static partial Regex ModuleKeyPattern();

    public static ConnectDescriptor Read(string json)
    {
        JsonNode? root;
        try
        {
            // Duplicate keys are refused while parsing: JsonObject would otherwise throw ArgumentException (a 500) on first access.
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new BadRequestException($"The app descriptor is not valid JSON: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new BadRequestException($"The app descriptor is not valid JSON: {e.Message}");
        }
        if (root is not JsonObject descriptor) throw new BadRequestException("The app descriptor must be a JSON object.");

        var problems = new List<string>();
        var key = Text(descriptor, "key");
        if (key is null) problems.Add("key is required.");
        else if (!AppKeyPattern().IsMatch(key)) problems.Add($"key '{key}' must be 1 to 64 letters, digits, '-', '.' or '_'.");

        var baseUrl = Text(descriptor, "baseUrl")?.TrimEnd('/');
        if (baseUrl is null) problems.Add("baseUrl is required.");
        else if (!IsHttpUrl(baseUrl)) problems.Add($"baseUrl '{baseUrl}' must be an absolute http or https URL.");

        var name = Text(descriptor, "name") ?? key ?? "";
        var description = Text(descriptor, "description");

        var authentication = descriptor["authentication"] as JsonObject;
        var type = authentication is null ? null : Text(authentication, "type");
        if (!"jwt".Equals(type, StringComparison.OrdinalIgnoreCase))
            problems.Add("authentication.type must be 'jwt': Quire installs apps that sign their requests with JWT.");

        var lifecycle = Lifecycle(descriptor["lifecycle"], problems);
        if (lifecycle.Installed is null) problems.Add("lifecycle.installed is required: it receives the installation's shared secret.");

        var scopes = Scopes(descriptor["scopes"], problems);
        var (webhooks, moduleKeys) = Modules(descriptor["modules"], problems);
        // Atlassian: an app that registers webhooks must declare the READ scope (or one that includes it), since events carry content.
        if (webhooks.Count > 0 && !scopes.Overlaps(ConnectDescriptor.ReadOrHigher))
            problems.Add("modules.webhooks needs the READ scope (or WRITE, DELETE, SPACE_ADMIN or ADMIN): webhooks tell the app about content.");

        if (problems.Count > 0)
            throw new BadRequestException($"The app descriptor{(key is null ? "" : $" of '{key}'")} is not valid: {string.Join(" ", problems)}");
        return new ConnectDescriptor(key!, name, description, baseUrl!, lifecycle, scopes, webhooks, moduleKeys, descriptor.ToJsonString());
    }

    private static ConnectLifecycle Lifecycle(JsonNode? node, List<string> problems)
    {
        if (node is null) return new ConnectLifecycle(null, null, null, null);
        if (node is not JsonObject lifecycle)
        {
            problems.Add("lifecycle must be an object.");
            return new ConnectLifecycle(null, null, null, null);
        }
        string? Path(string name)
        {
            var path = Text(lifecycle, name);
            if (path is not null && !IsRelativePath(path)) problems.Add($"lifecycle.{name} '{path}' must be a path relative to baseUrl.");
            return path;
        }
        return new ConnectLifecycle(Path("installed"), Path("enabled"), Path("disabled"), Path("uninstalled"));
    }

    private static HashSet<string> Scopes(JsonNode? node, List<string> problems)
    {
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        if (node is null) return scopes;
        if (node is not JsonArray array)
        {
            problems.Add("scopes must be an array of scope names.");
            return scopes;
        }
        foreach (var item in array)
        {
            var scope = item is JsonValue value && value.TryGetValue<string>(out var s) ? s.ToUpperInvariant() : null;
            if (scope is null || !ConnectDescriptor.KnownScopes.Contains(scope))
                problems.Add($"scope {item?.ToJsonString() ?? "null"} is not one of {string.Join(", ", ConnectDescriptor.KnownScopes)}.");
            else scopes.Add(scope);
        }
        return scopes;
    }

    private static (List<ConnectWebhookModule>, HashSet<string>) Modules(JsonNode? node, List<string> problems)
    {
        var webhooks = new List<ConnectWebhookModule>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (node is null) return (webhooks, keys);
        if (node is not JsonObject modules)
        {
            problems.Add("modules must be an object of module lists.");
            return (webhooks, keys);
        }
        foreach (var (type, declared) in modules)
        {
            if (type == "webhooks")
            {
                foreach (var webhook in ModuleList(type, declared, problems)) ReadWebhook(webhook, webhooks, problems);
                continue;
            }
            foreach (var module in ModuleList(type, declared, problems))
            {
                // Some module types take one object without a key (postInstallPage, ...): only keyed modules are checked.
                if (module["key"] is null) continue;
                var moduleKey = Text(module, "key");
                if (moduleKey is null || !ModuleKeyPattern().IsMatch(moduleKey))
                    problems.Add($"modules.{type}: key {module["key"]!.ToJsonString()} must be 1 to 100 letters, digits or '-'.");
                else if (!keys.Add(moduleKey)) problems.Add($"modules.{type}: the module key '{moduleKey}' is used twice.");
            }
        }
        return (webhooks, keys);
    }

    /// <summary>A module type's modules: an array of objects, or one object.</summary>
    public static IEnumerable<JsonObject> ModuleList(string type, JsonNode? declared, List<string> problems)
    {
        switch (declared)
        {
            case JsonObject single:
                yield return single;
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is JsonObject module) yield return module;
                    else problems.Add($"modules.{type} must hold objects.");
                }
                break;
            default:
                problems.Add($"modules.{type} must be an array of modules.");
                break;
        }
    }

    private static void ReadWebhook(JsonObject webhook, List<ConnectWebhookModule> webhooks, List<string> problems)
    {
        var @event = Text(webhook, "event");
        var url = Text(webhook, "url");
        if (string.IsNullOrWhiteSpace(@event)) problems.Add("modules.webhooks: each webhook needs an event.");
        if (url is null || !IsRelativePath(url)) problems.Add($"modules.webhooks: the url of '{@event}' must be a path relative to baseUrl.");
        var excludeBody = webhook["excludeBody"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        if (!string.IsNullOrWhiteSpace(@event) && url is not null && IsRelativePath(url))
            webhooks.Add(new ConnectWebhookModule(@event, url, excludeBody, Text(webhook, "filter")));
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    public static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.UserInfo) && url.Length <= 2000;

    /// <summary>A path below baseUrl: starts with '/', no scheme or host of its own.</summary>
    private static bool IsRelativePath(string path) =>
        path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && path.Length <= 2000 && !path.Any(char.IsControl);
}
