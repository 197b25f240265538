#!/usr/bin/env bash
# Runs the same BenchmarkDotNet filter on an earlier revision of NetSym and on the working tree,
# one after the other in this one run, and prints each benchmark's mean on both and the ratio
# (working tree / revision). The revision is built from a temporary git worktree with its own
# bench project, so benchmarks whose code changed between the two still run as each side wrote them.
#   bash bench/run-vs-revision.sh REV FILTER...   e.g. bash bench/run-vs-revision.sh fb862e6 '*FunctionalDimension*'
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: run-vs-revision.sh REV FILTER}
shift
[ $# -gt 0 ] || { echo "usage: run-vs-revision.sh REV FILTER..."; exit 2; }
filters=("$@")
base=$(mktemp -d)
trap 'git worktree remove --force "$base" >/dev/null 2>&1 || true' EXIT
git worktree add -q --detach "$base" "$rev"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run() { # $1 = tree, $2 = label
  (cd "$1" && rm -rf BenchmarkDotNet.Artifacts && dotnet run -c Release --project bench/NetSym.Benchmarks -- \
     --filter "${filters[@]}" --exporters json >"/tmp/bench-$2.log" 2>&1)
  python3 - "$1" <<'PY'
import glob, json, sys
for path in glob.glob(sys.argv[1] + "/BenchmarkDotNet.Artifacts/results/*-report-full-compressed.json"):
    for b in json.load(open(path))["Benchmarks"]:
        print(b["Method"], b["Statistics"]["Mean"] / 1e9)
PY
}
run "$base" base >/tmp/bench-base.txt
run . head >/tmp/bench-head.txt
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - <<'PY'
base = dict(l.split() for l in open("/tmp/bench-base.txt"))
head = dict(l.split() for l in open("/tmp/bench-head.txt"))
print("| benchmark | revision (s) | working tree (s) | working tree / revision |")
print("|---|---:|---:|---:|")
for name in sorted(set(base) & set(head)):
    b, h = float(base[name]), float(head[name])
    print(f"| {name} | {b:.4f} | {h:.4f} | {h / b:.2f} |")
PY
