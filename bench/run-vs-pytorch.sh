#!/usr/bin/env bash
# Forward pass and parameter Jacobian of 784-256-256-10: NetSym (BenchmarkDotNet) and PyTorch
# (bench/pytorch_baseline.py, float64) on the same machine, one after the other in this one run,
# then the ratios. Needs Debian's python3-torch (with libopenblas0-pthread installed).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/NetSym.Benchmarks -- \
  --filter '*ForwardBenchmarks*' '*ParameterJacobianBenchmarks*' --exporters json >/tmp/netsym-bench.log
torch_json=$(/usr/bin/python3 bench/pytorch_baseline.py)
/usr/bin/python3 - "$torch_json" <<'PY'
import glob, json, sys
torch = json.loads(sys.argv[1])
means = {}
for path in glob.glob("BenchmarkDotNet.Artifacts/results/*-report-full-compressed.json"):
    for b in json.load(open(path))["Benchmarks"]:
        means[b["Method"]] = b["Statistics"]["Mean"] / 1e9
rows = [("forward 784-256-256-10, N=10,000", means["Forward784"], torch["forward_784_256_256_10_n10000_s"]),
        ("parameter Jacobian 784-256-256-10, N=100", means["Jacobian784"], torch["jacobian_784_256_256_10_n100_s"])]
print(f"PyTorch {torch['torch']}, {torch['threads']} threads, {torch['dtype']}")
print("| workload | NetSym (s) | PyTorch (s) | NetSym / PyTorch |")
print("|---|---:|---:|---:|")
for name, ours, theirs in rows:
    print(f"| {name} | {ours:.4f} | {theirs:.4f} | {ours / theirs:.2f} |")
PY
