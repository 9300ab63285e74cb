#!/usr/bin/env bash
# vk8s get-pvc-binding end to end, as a user runs it (read manifests, plan, write JSON to a file),
# on N volumes + N claims as YAML and as a kubectl-style JSON List: the current tree against a baseline
# revision (default 547af9f, the state issue 11 measured), both built here and timed in the same run.
# Usage: tests/VsphereK8sStorage.Benchmarks/cli-end-to-end.sh [baseline-rev] [N...]   (default N: 5000 50000)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
baseline=${1:-547af9f}
shift || true
sizes=("${@:-5000 50000}")
work=$(mktemp -d /tmp/vk8s-e2e.XXXXXX)
trap 'git -C "$root" worktree remove --force "$work/baseline" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

echo "building vk8s (current) and vk8s ($baseline)"
dotnet build "$root/src/VsphereK8sStorage.Cli" -c Release -o "$work/current" -nologo -v q >/dev/null
git -C "$root" worktree add --detach "$work/baseline" "$baseline" >/dev/null 2>&1
dotnet build "$work/baseline/src/VsphereK8sStorage.Cli" -c Release -o "$work/old" -nologo -v q >/dev/null

for n in ${sizes[@]}; do
  dotnet run -c Release --project "$root/tests/VsphereK8sStorage.Benchmarks" -- generate "$n" "$work/data" >/dev/null
  for input in "$work/data/cluster-$n.yaml" "$work/data/cluster-$n.json"; do
    for build in old current; do
      # One untimed run warms the file cache; then three timed runs: wall seconds, CPU seconds, peak memory.
      dotnet "$work/$build/vk8s.dll" get-pvc-binding --path "$input" -o json >/dev/null 2>&1 || true
      for run in 1 2 3; do
        /usr/bin/time -f "%e %U %S %M" -o "$work/time" dotnet "$work/$build/vk8s.dll" get-pvc-binding --path "$input" -o json >"$work/out.json" 2>/dev/null || true
        read -r wall user sys rss <"$work/time"
        printf '%-8s N=%-6s %-5s run %s: %6.2f s wall, %6.2f s CPU, %5d MB peak, exit-ok=%s\n' \
          "$build" "$n" "${input##*.}" "$run" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$(test -s "$work/out.json" && echo yes || echo no)"
      done
    done
  done
done
