#!/usr/bin/env bash
# Issue 12's wall-clock targets on torchvision's resnet18 (11.7M parameters) and the CIFAR ResNet-20, through
# the Release CLI as a user runs it (process start and model load included): load, evaluation against
# PyTorch's float64 outputs on 16 images, count, canon, equiv with a permuted and rescaled copy.
# Needs Debian's python3-torch and python3-torchvision for the models (not committed: 47 MB and more).
#     bash bench/run-cnn-targets.sh [DIR]     (DIR holds the generated models; default /tmp/netsym-large)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/netsym-large}
mkdir -p "$dir"
r18=$dir/torchvision_resnet18_3x224x224_opset13.onnx
r20=$dir/resnet20_cifar_3x32x32_opset13.onnx
[ -f "$r18" ] || /usr/bin/python3 tests/NetSym.Tests/Fixtures/onnx/make_cnn_fixtures.py --large "$dir" --large-inputs 16
[ -f "$dir/torchvision_resnet18_permuted.onnx" ] || /usr/bin/python3 bench/resnet18_permuted_copy.py "$dir"
dotnet build -c Release -v q src/NetSym.Cli >/dev/null
netsym() { dotnet src/NetSym.Cli/bin/Release/net10.0/NetSym.Cli.dll "$@"; }
timed() { local start; start=$(date +%s.%N); "$@" >/dev/null; printf "%.2f" "$(echo "$(date +%s.%N) - $start" | bc)"; }

/usr/bin/python3 - "$r18" "$dir/r18_inputs.csv" <<'PY'
import json, sys
d = json.load(open(sys.argv[1][:-len(".onnx")] + ".expected.json"))
with open(sys.argv[2], "w") as f:
    for row in d["inputs"]:
        f.write(",".join(repr(v) for v in row) + "\n")
PY
netsym orbit "$r20" -k 1 -o "$dir/r20_orbit" >/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| run | seconds |"
echo "|---|---:|"
echo "| resnet18 info (load) | $(timed netsym info "$r18") |"
echo "| resnet18 eval, 16 images | $(timed netsym eval "$r18" --inputs "$dir/r18_inputs.csv" -o "$dir/r18_outputs.csv") |"
echo "| resnet18 count | $(timed netsym count "$r18") |"
echo "| resnet18 canon | $(timed netsym canon "$r18") |"
echo "| resnet18 equiv with its permuted, rescaled copy | $(timed netsym equiv "$r18" "$dir/torchvision_resnet18_permuted.onnx") |"
echo "| ResNet-20 equiv with an orbit copy | $(timed netsym equiv "$r20" "$dir/r20_orbit/orbit-000.json") |"
echo "| ResNet-20 align with an orbit copy | $(timed netsym align "$r20" "$dir/r20_orbit/orbit-000.json") |"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$r18" "$dir/r18_outputs.csv" <<'PY'
import json, sys
d = json.load(open(sys.argv[1][:-len(".onnx")] + ".expected.json"))
ours = [[float(v) for v in line.split(",")] for line in open(sys.argv[2])]
scale = max(abs(v) for row in d["outputs"] for v in row)
worst = max(abs(a - b) for r, s in zip(ours, d["outputs"]) for a, b in zip(r, s))
print(f"resnet18 eval: max |NetSym - PyTorch float64| / max |output| = {worst / scale:.2e} on {len(ours)} images (target 1e-5)")
PY
