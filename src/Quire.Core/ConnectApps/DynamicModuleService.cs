using System.Text.Json.Nodes;
using Quire.Core.Errors;
using Quire.Storage;
using Quire.Storage.ConnectApps;

namespace Quire.Core.ConnectApps;

/// <summary>
/// Dynamic modules: modules a Connect app registers, lists and removes at run time, on top of its
/// descriptor's. A module's key may appear once per app, across the descriptor and earlier registrations;
/// a registration is all or nothing, with every problem named in one 400. Quire stores modules as
/// declared (it has no user interface to show them in); webhooks, which Quire would act on, are declared
/// in the descriptor only.
/// </summary>
public sealed class DynamicModuleService(DbSession db, ConnectAppStore apps, TimeProvider time)
{
    public const int MaxModulesPerRequest = 100;

    public async Task<IReadOnlyList<JsonNode>> ListAsync(string appKey, CancellationToken ct = default) =>
        [.. (await apps.ModulesAsync(appKey, ct)).Select(m => JsonNode.Parse(m.Module)!)];

    /// <summary>
    /// Registers the modules of <paramref name="body"/>: as the descriptor's <c>modules</c> ({"webItems": [...], ...}),
    /// or as <c>{"modules": [...]}</c> (each module may name its <c>type</c>).
    /// </summary>
    public async Task RegisterAsync(string appKey, JsonNode? body, CancellationToken ct = default)
    {
        if (body is not JsonObject root) throw new BadRequestException("The body must be a JSON object of modules, as the descriptor's 'modules'.");
        var problems = new List<string>();
        var declared = new List<(string Type, JsonObject Module)>();
        foreach (var (type, modules) in root)
        {
            if (type == "modules" && modules is JsonArray list)
            {
                foreach (var module in ConnectDescriptorReader.ModuleList(type, list, problems))
                    declared.Add((module["type"] is JsonValue t && t.TryGetValue<string>(out var name) ? name : "modules", module));
                continue;
            }
            if (type == "webhooks")
            {
                problems.Add("webhooks cannot be registered dynamically: declare them in the app descriptor.");
                continue;
            }
            declared.AddRange(ConnectDescriptorReader.ModuleList(type, modules, problems).Select(m => (type, m)));
        }
        if (declared.Count == 0 && problems.Count == 0) problems.Add("No modules were given.");
        if (declared.Count > MaxModulesPerRequest) problems.Add($"At most {MaxModulesPerRequest} modules may be registered at once.");

        await db.InTransactionAsync(async () =>
        {
            var app = await apps.FindAsync(appKey, ct) ?? throw new NotAuthenticatedException("The request is not from a Connect app.");
            var descriptorKeys = ConnectDescriptorReader.Read(app.Descriptor).ModuleKeys;
            var registered = (await apps.ModulesAsync(appKey, ct)).Select(m => m.ModuleKey).ToHashSet(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var duplicates = new List<string>();
            foreach (var (type, module) in declared)
            {
                var key = module["key"] is JsonValue k && k.TryGetValue<string>(out var text) ? text : null;
                if (key is null || !ConnectDescriptorReader.ModuleKeyPattern().IsMatch(key))
                    problems.Add($"A module of {type} needs a key of 1 to 100 letters, digits or '-' (got {module["key"]?.ToJsonString() ?? "none"}).");
                else if (!seen.Add(key) || descriptorKeys.Contains(key) || registered.Contains(key)) duplicates.Add(key);
            }
            if (duplicates.Count > 0)
                problems.Add($"Installation failed. The app {appKey} has duplicate module keys: [{string.Join(", ", duplicates.Distinct())}]. Please contact the app vendor.");
            if (problems.Count > 0) throw new BadRequestException(string.Join(" ", problems));

            var now = time.NowMillis();
            foreach (var (type, module) in declared)
            {
                var stored = await apps.TryInsertModuleAsync(new ConnectModuleRecord
                {
                    AppKey = appKey, ModuleKey = (string)module["key"]!, ModuleType = type, Module = module.ToJsonString(), CreatedAt = now,
                }, ct);
                if (!stored) throw new BadRequestException($"Installation failed. The app {appKey} has duplicate module keys: [{module["key"]}].");
            }
        }, ct);
    }

    /// <summary>Removes the named modules (every one when none is named); keys the app has not registered are ignored.</summary>
    public Task RemoveAsync(string appKey, IReadOnlyCollection<string>? moduleKeys, CancellationToken ct = default) =>
        apps.DeleteModulesAsync(appKey, moduleKeys is { Count: > 0 } ? moduleKeys : null, ct);
}
