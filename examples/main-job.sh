#!/usr/bin/env bash
# The main job on the embedded default: plan the seed guides' manifests in examples/ with vk8s.
# Offline: no cluster and no vCenter are needed. Exit status 0 means every step behaved as documented.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build src/VsphereK8sStorage.Cli -c Release -nologo -v quiet
vk8s() { dotnet src/VsphereK8sStorage.Cli/bin/Release/net8.0/vk8s.dll "$@"; }

run() {
  echo "\$ vk8s $*"
  vk8s "$@"
  echo
}

for example in examples/*/; do
  run get-pvc-binding --path "${example%/}"
done

# WaitForFirstConsumer: what the local-storage claim would bind on each node.
run get-pvc-binding --path examples/local-storage --node minikube
run get-pvc-binding --path examples/local-storage --node worker-2 --detailed

# The same plan as JSON, for scripts.
run get-pvc-binding --path examples/static-pv-with-default-class --output json

# The storage chapter's dir-pv as printed ("ReadWriteOMany"): one line naming file, line, field and fix; exit code 2.
echo "\$ vk8s get-pvc-binding --path tests/fixtures/manifests/invalid/access-mode-typo.yaml"
set +e
vk8s get-pvc-binding --path tests/fixtures/manifests/invalid/access-mode-typo.yaml
status=$?
set -e
if [ "$status" -ne 2 ]; then
  echo "expected exit code 2 for a malformed manifest, got $status" >&2
  exit 1
fi
echo "(exit code $status, as documented)"
