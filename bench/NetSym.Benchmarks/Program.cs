using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/NetSym.Benchmarks -- --filter '*Gemm*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
