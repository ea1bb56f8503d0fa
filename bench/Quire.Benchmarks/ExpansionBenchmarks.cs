using BenchmarkDotNet.Attributes;
using Quire.Server.Http;

namespace Quire.Benchmarks;

/// <summary>Parsing <c>expand</c> happens once per request; it must stay trivial next to I/O.</summary>
[MemoryDiagnoser]
public class ExpansionBenchmarks
{
    [Benchmark]
    public Expansion TypicalContentExpand() =>
        Expansion.Parse("body.storage,version,history.lastUpdated,space,ancestors,metadata.labels,children.page");
}
