#!/usr/bin/env bash
# The one test command (README, .ci/run): sets up everything a fresh machine lacks, then runs every test.
#   1. tests/tools/install-test-tools.sh: pwsh 7.6.9, Pester 5.7.1, YamlDotNet 11.2.1 (cached under ~/.cache)
#   2. tests/peers/install-*.sh: the real peers (vcsim, kube-apiserver, ...), cached under ~/.cache
#   3. pwsh ./build.ps1 -Task Test: dotnet test of the solution, then the Pester suite against the staged module
# With CI=true anything missing is a failure. Elsewhere a tool or peer that cannot be installed is reported
# on a line starting with SKIPPED and the tests that need it skip, saying how to install it.
set -euo pipefail
cd "$(dirname "$0")"
in_ci=false; [ "${CI:-}" = true ] && in_ci=true

skip_or_fail() {
  if $in_ci; then echo "test.sh: CI: $1" >&2; exit 1; fi
  echo "SKIPPED: $1"
}

echo "== Test tools (tests/tools/install-test-tools.sh)"
pwsh=""
if tools_log=$(bash tests/tools/install-test-tools.sh 2>&1); then
  echo "$tools_log" | sed '$d'
  pwsh=$(echo "$tools_log" | tail -n 1)
else
  echo "$tools_log"
  skip_or_fail "pwsh and Pester could not be installed: the Pester suite will not run."
fi

for peer in tests/peers/install-*.sh; do
  echo "== Peer ($peer)"
  bash "$peer" || skip_or_fail "$peer failed: the tests that need that peer skip."
done

if [ -n "$pwsh" ]; then
  echo "== Tests: pwsh ./build.ps1 -Task Test"
  "$pwsh" -NoProfile -NonInteractive -File ./build.ps1 -Task Test
else
  echo "== Tests: dotnet test VsphereK8sStorage.slnx -c Release (no pwsh, so no Pester)"
  dotnet test VsphereK8sStorage.slnx -c Release
fi
