using BenchmarkDotNet.Running;

namespace Quire.Benchmarks;

// An explicit class in this project's namespace rather than top-level statements: top-level
// statements compile to a global `Program`, which collides with quire's own top-level
// `Program` from the referenced server assembly (warning CS0436).
public static class Program
{
    // dotnet run -c Release --project bench/Quire.Benchmarks -- --filter '*'
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
