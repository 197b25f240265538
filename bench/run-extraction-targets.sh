#!/usr/bin/env bash
# Issue 13's extraction targets: random ReLU networks of the shapes in Carlini et al. (CRYPTO 2020),
# Canales-Martínez et al. (EUROCRYPT 2024) and Foerster et al. (NeurIPS 2024), each made by `netsym random`
# (PyTorch's nn.Linear initialisation, a fixed seed), written as a float64 ONNX model by
# bench/netsym_json_to_onnx64.py (NetSym's own ONNX writer stores float32, whose 24-bit answers the
# extractor refuses), and extracted through the Release CLI as a user runs it (process start, model load,
# the certificate's 100,000 inputs and the comparison with the truth included):
#     netsym extract --oracle X.onnx --truth X.json --json -o X.recovered.json
# Needs /usr/bin/python3 with numpy and onnx.
#     bash bench/run-extraction-targets.sh [--limit SECONDS] [--seed S] [--dir DIR] [--balanced] [--domain BOX] [SHAPE…]
# --balanced: hidden biases rebalanced to minus the median pre-activation (bench/balance_biases.py, the
# generator of Canales-Martínez et al.), so that no unit is dead or always on.
# --domain: extract on the box BOX (e.g. 0,1 for images), passed to extract; its outputs end in _box.
# --limit: wall-clock seconds per network (default 3600, the issue's hour), past which the run is stopped
# (timeout sends SIGTERM: the CLI deletes its temporary file and writes nothing). DIR (default
# /tmp/netsym-extraction) keeps the models, reports and recoveries. SHAPEs default to the issue's six.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=3600
seed=1
dir=/tmp/netsym-extraction
balanced=0
domain=
shapes=()
while [ $# -gt 0 ]; do
    case $1 in
        --limit) limit=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        --balanced) balanced=1; shift ;;
        --domain) domain=$2; shift 2 ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) shapes+=("$1"); shift ;;
    esac
done
[ ${#shapes[@]} -gt 0 ] || shapes=(10-10-10-1 10-20-20-1 40-20-10-10-1 80-40-20-1 784-128-1 784-64-64-10)
mkdir -p "$dir"
dotnet build -c Release -v q src/NetSym.Cli >/dev/null
netsym() { dotnet src/NetSym.Cli/bin/Release/net10.0/NetSym.Cli.dll "$@"; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); seed $seed; limit ${limit} s per network${domain:+; domain $domain}"
echo "| shape | parameters | queries (log2) | extraction queries (log2) | wall time (s) | max error (log2) | certified | outcome |"
echo "|---|---:|---:|---:|---:|---:|---|---|"
for shape in "${shapes[@]}"; do
    base=$dir/relu_${shape}_seed${seed}
    [ $balanced = 1 ] && base=${base}_balanced
    if [ ! -f "$base.json" ]; then
        netsym random "$shape" --init pytorch --seed "$seed" -o "$base.json" >/dev/null
        [ $balanced = 1 ] && /usr/bin/python3 bench/balance_biases.py "$base.json" "$seed"
    fi
    [ -f "$base.onnx" ] || /usr/bin/python3 bench/netsym_json_to_onnx64.py "$base.json" "$base.onnx"
    model=$base
    [ -n "$domain" ] && base=${base}_box
    rm -f "$base.recovered.json"
    start=$(date +%s.%N)
    set +e
    timeout "$limit" dotnet src/NetSym.Cli/bin/Release/net10.0/NetSym.Cli.dll extract --oracle "$model.onnx" --truth "$model.json" \
        --seed "$seed" ${domain:+--domain "$domain"} --json -o "$base.recovered.json" >"$base.report.json" 2>"$base.stderr"
    rc=$?
    set -e
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    /usr/bin/python3 - "$shape" "$base" "$rc" "$wall" "$limit" <<'PY'
import json, math, sys
shape, base, rc, wall, limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
widths = [int(w) for w in shape.split("-")]
params = sum((a + 1) * b for a, b in zip(widths, widths[1:]))
try:
    report = json.load(open(base + ".report.json"))
except (OSError, ValueError):
    report = {}
ex, cert, truth = report.get("extraction", {}), report.get("certificate"), report.get("truth")
def log2(n):
    return f"{math.log2(n):.1f}" if n else "–"
stderr = open(base + ".stderr").read().strip().splitlines()
if rc == 124:
    outcome = f"stopped by the {limit} s limit"
elif rc == 0:
    outcome = "recovered " + ex.get("architecture", "")
elif rc == 1:
    outcome = (f"recovered {ex.get('architecture', '')}, not equivalent to the truth (reduced: truth "
               f"{truth.get('truth_reduced', '?')}, recovery {truth.get('recovery_reduced', '?')})")
else:
    outcome = f"exit {rc}: " + (stderr[-1].removeprefix("netsym: error: ") if stderr else "no message")
error = cert["max_error_log2"] if cert else None
certified = {"equivalent": "yes", "same_function": "same function"}.get((truth or {}).get("verdict"), "no")
print(f"| {shape} | {params:,} | {log2(ex.get('queries'))} | {log2(ex.get('extraction_queries'))} | {wall:.1f} | "
      f"{'–' if error is None else f'{error:.1f}'} | {certified} | {outcome.replace('|', '/')} |")
PY
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
