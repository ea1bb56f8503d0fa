namespace Quire.Server.Http;

/// <summary>
/// The <c>expand</c> parameter parsed once into a tree: <c>a.b,c</c> expands <c>a</c>
/// (and <c>b</c> inside it) and <c>c</c>. Representations ask it what to render and list
/// the rest under <c>_expandable</c>.
/// </summary>
public sealed class Expansion
{
    public static readonly Expansion None = new(new Dictionary<string, Expansion>(StringComparer.Ordinal));
    private const int MaxPaths = 100;
    private const int MaxDepth = 8;

    private readonly Dictionary<string, Expansion> _children;

    private Expansion(Dictionary<string, Expansion> children) => _children = children;

    /// <summary>
    /// Parsed trees by their text: a client asks the same few expansions again and again, and a tree is never changed
    /// once parsed (<see cref="With"/> makes a new one), so one tree serves every request that spells it alike. Bounded
    /// in count and in the length of the texts kept, so a client sending a different text each time only misses.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Expansion> Parsed = new(StringComparer.Ordinal);
    private const int MaxParsedKept = 1_000;
    private static int _parsedKept; // Parsed.Count takes every lock of the dictionary; this is one read
    private const int MaxParsedTextKept = 512;

    public static Expansion Parse(string? expand)
    {
        if (string.IsNullOrWhiteSpace(expand)) return None;
        if (expand.Length > MaxParsedTextKept) return ParseText(expand);
        if (Parsed.TryGetValue(expand, out var known)) return known;
        var parsed = ParseText(expand);
        if (Volatile.Read(ref _parsedKept) < MaxParsedKept && Parsed.TryAdd(expand, parsed)) Interlocked.Increment(ref _parsedKept);
        return parsed;
    }

    private static Expansion ParseText(string expand)
    {
        var root = new Expansion(new Dictionary<string, Expansion>(StringComparer.Ordinal));
        foreach (var path in expand.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaxPaths))
        {
            var node = root;
            foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaxDepth))
            {
                if (!node._children.TryGetValue(segment, out var child))
                    node._children[segment] = child = new Expansion(new Dictionary<string, Expansion>(StringComparer.Ordinal));
                node = child;
            }
        }
        return root;
    }

    /// <summary>The request's expand parameter; Confluence accepts it repeated as well as comma-separated.</summary>
    public static Expansion From(HttpRequest request, string parameter = "expand")
    {
        var values = request.Query[parameter];
        return values.Count == 1 ? Parse(values[0]) : Parse(string.Join(',', values.Where(v => v is not null)));
    }

    public bool IsEmpty => _children.Count == 0;

    public bool Has(string name) => _children.ContainsKey(name);

    /// <summary>The names expanded at this level, e.g. the property keys under <c>metadata.properties</c>.</summary>
    public IReadOnlyCollection<string> Names => _children.Keys;

    /// <summary>The expansion below <paramref name="name"/>; empty when it was not asked for.</summary>
    public Expansion this[string name] => _children.TryGetValue(name, out var child) ? child : None;

    /// <summary>Adds a default expansion the operation always applies.</summary>
    public Expansion With(string path) => IsEmpty ? Parse(path) : Parse(ToString() + "," + path);

    public override string ToString() =>
        string.Join(',', _children.SelectMany(kv => kv.Value.IsEmpty
            ? [kv.Key]
            : kv.Value.ToString().Split(',').Select(p => kv.Key + "." + p)));
}
