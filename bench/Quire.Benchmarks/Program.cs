using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Quire.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
