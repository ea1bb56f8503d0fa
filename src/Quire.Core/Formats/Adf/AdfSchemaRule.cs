using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Quire.Core.Formats.Adf;

/// <summary>
/// One schema of the ADF schema, compiled: the keywords that schema uses (type, enum,
/// properties, required, additionalProperties, items, minItems/maxItems, minLength, pattern,
/// minimum/maximum, anyOf, allOf, $ref), with JSON Schema's meaning. A node definition is gated
/// by its "type" (a node of another type fails at once), anyOf stops at the first match and
/// allOf at the first failure, and a node's content is checked after its other properties, so
/// an ADF document is checked in time linear in its size.
/// </summary>
internal sealed class AdfSchemaRule
{
    private string[]? _types;
    private JsonNode?[]? _enum;
    private Regex? _pattern;
    private double? _minimum, _maximum;
    private int? _minLength, _minItems, _maxItems;
    private (string Name, AdfSchemaRule Rule)[]? _properties;
    private string[]? _required;
    private bool _closed;
    private AdfSchemaRule? _items;
    private AdfSchemaRule[]? _tuple;
    private AdfSchemaRule[]? _anyOf, _allOf;
    private string? _reference;
    private AdfSchemaRule? _resolved;
    private string? _nodeType;
    private bool _false;
    private HashSet<string>? _propertyNames;
    /// <summary>An anyOf's alternatives by the node type they accept, and those that accept any.</summary>
    private Dictionary<string, AdfSchemaRule[]>? _byNodeType;
    private AdfSchemaRule[] _untyped = [];

    public static AdfSchemaRule Compile(JsonNode? schema)
    {
        var rule = new AdfSchemaRule();
        if (schema is JsonValue v && v.TryGetValue<bool>(out var allows)) { rule._false = !allows; return rule; }
        if (schema is not JsonObject obj) return rule;
        rule._reference = (string?)obj["$ref"];
        if (obj["type"] is JsonValue type) rule._types = [type.GetValue<string>()];
        else if (obj["type"] is JsonArray typeList) rule._types = typeList.Select(t => t!.GetValue<string>()).ToArray();
        if (obj["enum"] is JsonArray values) rule._enum = values.Select(e => e?.DeepClone()).ToArray();
        if ((string?)obj["pattern"] is { } pattern) rule._pattern = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        rule._minimum = (double?)obj["minimum"];
        rule._maximum = (double?)obj["maximum"];
        rule._minLength = (int?)obj["minLength"];
        rule._minItems = (int?)obj["minItems"];
        rule._maxItems = (int?)obj["maxItems"];
        if (obj["properties"] is JsonObject properties)
        {
            // Content last: a node that fails on its type, attrs or marks fails before its subtree is walked.
            rule._properties = properties.OrderBy(p => p.Key == "content" ? 1 : 0).Select(p => (p.Key, Compile(p.Value))).ToArray();
            if (properties["type"]?["enum"] is JsonArray { Count: 1 } nodeType) rule._nodeType = (string?)nodeType[0];
        }
        if (obj["required"] is JsonArray required) rule._required = required.Select(r => r!.GetValue<string>()).ToArray();
        rule._closed = obj["additionalProperties"] is JsonValue additional && additional.TryGetValue<bool>(out var open) && !open;
        if (obj["items"] is JsonArray tuple) rule._tuple = tuple.Select(Compile).ToArray();
        else if (obj["items"] is { } items) rule._items = Compile(items);
        if (obj["anyOf"] is JsonArray anyOf) rule._anyOf = anyOf.Select(Compile).ToArray();
        if (obj["allOf"] is JsonArray allOf) rule._allOf = allOf.Select(Compile).ToArray();
        return rule;
    }

    /// <summary>Resolves every "#/definitions/name" reference against <paramref name="definitions"/>.</summary>
    public void Resolve(IReadOnlyDictionary<string, AdfSchemaRule> definitions, HashSet<AdfSchemaRule> done)
    {
        if (!done.Add(this)) return;
        if (_reference is not null)
        {
            const string prefix = "#/definitions/";
            if (!_reference.StartsWith(prefix, StringComparison.Ordinal) || !definitions.TryGetValue(_reference[prefix.Length..], out _resolved))
                throw new InvalidOperationException($"The ADF schema refers to {_reference}, which it does not define");
        }
        foreach (var child in Children()) child.Resolve(definitions, done);
    }

    /// <summary>Indexes each anyOf by node type, once every reference is resolved.</summary>
    public void Index(HashSet<AdfSchemaRule> done)
    {
        if (!done.Add(this)) return;
        _propertyNames = _properties?.Select(p => p.Name).ToHashSet();
        if (_anyOf is not null)
        {
            _byNodeType = _anyOf.Where(a => a.NodeType() is not null).GroupBy(a => a.NodeType()!).ToDictionary(g => g.Key, g => g.ToArray());
            _untyped = _anyOf.Where(a => a.NodeType() is null).ToArray();
        }
        _resolved?.Index(done);
        foreach (var child in Children()) child.Index(done);
    }

    /// <summary>The one node type this rule accepts, through references and allOf, or null.</summary>
    private string? NodeType() => _nodeType ?? _resolved?.NodeType() ?? (_allOf is { Length: > 0 } ? _allOf[0].NodeType() : null);

    private IEnumerable<AdfSchemaRule> Children() =>
        (_properties?.Select(p => p.Rule) ?? []).Concat(_tuple ?? []).Concat(_anyOf ?? []).Concat(_allOf ?? [])
            .Concat(_items is null ? [] : [_items]);

    public bool Check(JsonNode? instance, AdfSchemaCheck check)
    {
        check.Step();
        if (_false) return check.Fail("is not allowed here", rank: 1);
        if (_resolved is not null && !_resolved.Check(instance, check)) return false;
        if (_nodeType is not null && instance is JsonObject node && check.TypeOf(node) is { } name && name != _nodeType)
            return check.Fail($"\"{name}\" is not allowed here", rank: 0, segment: "type");
        if (_types is not null && !HasAnyType(instance))
            return check.Fail($"should be {(_types.Length == 1 ? _types[0] : string.Join(" or ", _types))}", rank: 1);
        if (_enum is not null && !InEnum(instance))
            return check.Fail($"should be one of {string.Join(", ", _enum.Select(e => e?.ToJsonString()))}", rank: 1);
        if (instance is JsonValue value && !CheckValue(value, check)) return false;
        if (instance is JsonObject obj && !CheckObject(obj, check)) return false;
        if (instance is JsonArray array && !CheckArray(array, check)) return false;
        if (_allOf is not null)
            foreach (var rule in _allOf)
                if (!rule.Check(instance, check)) return false;
        if (_anyOf is not null && !AnyOf(instance, check)) return false;
        return true;
    }

    private bool AnyOf(JsonNode? instance, AdfSchemaCheck check)
    {
        foreach (var rule in _untyped)
            if (rule.Check(instance, check)) return true;
        if (instance is JsonObject node && check.TypeOf(node) is { } name && _byNodeType!.Count > 0)
        {
            if (!_byNodeType.TryGetValue(name, out var candidates))
                return check.Fail($"\"{name}\" is not allowed here", rank: 0, segment: "type");
            foreach (var rule in candidates)
                if (rule.Check(instance, check)) return true;
            return false;
        }
        foreach (var rules in _byNodeType!.Values)
            foreach (var rule in rules)
                if (rule.Check(instance, check)) return true;
        return check.Fail("matches none of the shapes allowed here", rank: 0);
    }

    private bool HasAnyType(JsonNode? instance)
    {
        foreach (var type in _types!)
            if (HasType(instance, type)) return true;
        return false;
    }

    private bool InEnum(JsonNode? instance)
    {
        foreach (var value in _enum!)
            if (SameValue(value, instance)) return true;
        return false;
    }

    private bool CheckValue(JsonValue value, AdfSchemaCheck check)
    {
        if (value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (_minLength is { } minLength && text.Length < minLength) return check.Fail($"should have at least {minLength} character(s)", rank: 1);
            if (_pattern is not null && !_pattern.IsMatch(text)) return check.Fail($"should match {_pattern}", rank: 1);
        }
        else if (value.GetValueKind() == JsonValueKind.Number)
        {
            var number = AdfJson.AsDouble(value)!.Value;
            if (number < _minimum) return check.Fail($"should be at least {_minimum.Value.ToString(CultureInfo.InvariantCulture)}", rank: 1);
            if (number > _maximum) return check.Fail($"should be at most {_maximum.Value.ToString(CultureInfo.InvariantCulture)}", rank: 1);
        }
        return true;
    }

    private bool CheckObject(JsonObject obj, AdfSchemaCheck check)
    {
        if (_required is not null)
            foreach (var name in _required)
                if (!obj.ContainsKey(name)) return check.Fail($"\"{name}\" is required", rank: 1);
        if (_closed)
            foreach (var (name, _) in obj)
                if (_propertyNames is null || !_propertyNames.Contains(name)) return check.Fail($"\"{name}\" is not allowed here", rank: 1, segment: name);
        if (_properties is not null)
        {
            foreach (var (name, rule) in _properties)
            {
                if (!obj.TryGetPropertyValue(name, out var property)) continue;
                check.Enter(name);
                var ok = rule.Check(property, check);
                check.Leave();
                if (!ok) return false;
            }
        }
        return true;
    }

    private bool CheckArray(JsonArray array, AdfSchemaCheck check)
    {
        if (array.Count < _minItems) return check.Fail($"should have at least {_minItems} item(s)", rank: 1);
        if (array.Count > _maxItems) return check.Fail($"should have at most {_maxItems} item(s)", rank: 1);
        for (var i = 0; i < array.Count; i++)
        {
            var rule = _tuple is not null ? i < _tuple.Length ? _tuple[i] : null : _items;
            if (rule is null) continue;
            check.Enter(i);
            var ok = rule.Check(array[i], check);
            check.Leave();
            if (!ok) return false;
        }
        return true;
    }

    private static bool HasType(JsonNode? node, string type) => type switch
    {
        "object" => node is JsonObject,
        "array" => node is JsonArray,
        "string" => node is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "number" => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
        "integer" => node is JsonValue v && AdfJson.AsDouble(v) % 1 == 0,
        "boolean" => node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "null" => node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.Null),
        _ => false,
    };

    private static bool SameValue(JsonNode? expected, JsonNode? actual)
    {
        if (expected is JsonValue e && actual is JsonValue a && e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number)
            return AdfJson.AsDouble(e) == AdfJson.AsDouble(a);
        return JsonNode.DeepEquals(expected, actual);
    }
}
