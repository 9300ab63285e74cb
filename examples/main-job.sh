#!/usr/bin/env bash
# The main job on the embedded default, with vk8s:
#   1. plan the seed guides' manifests in examples/ (offline YAML: no cluster, no vCenter);
#   2. the seed guides' vSphere rollout against a local vCenter simulator (vcsim on 127.0.0.1, built once
#      from Debian's govmomi by tests/peers/install-vcsim.sh and cached in ~/.cache): enable disk UUIDs on
#      the node VMs, create the VMDK, render the StorageClass, PersistentVolume and claim offline, and plan
#      the rendered YAML.
# Exit status 0 means every step behaved as documented; each check that fails says which.
set -euo pipefail
cd "$(dirname "$0")/.."

# vk8s as build.ps1 -Task Publish writes it: a NativeAOT executable (out/vk8s/vk8s, no .NET runtime needed at run
# time; the publish is incremental, so a second run only checks it). VK8S_JIT=1 uses the JIT build instead.
if [ "${VK8S_JIT:-}" = 1 ]; then
  dotnet build src/VsphereK8sStorage.Cli -c Release -nologo -v quiet
  vk8s() { dotnet src/VsphereK8sStorage.Cli/bin/Release/net8.0/vk8s.dll "$@"; }
else
  rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
  dotnet publish src/VsphereK8sStorage.Cli -c Release -r "$rid" -p:VsphereK8sAot=true -o out/vk8s -nologo -v quiet
  vk8s() { out/vk8s/vk8s "$@"; }
fi

run() {
  echo "\$ vk8s $*"
  vk8s "$@"
  echo
}

fail() {
  echo "main job: $*" >&2
  exit 1
}

echo "### 1. The seed guides' manifests, planned offline"
echo
for example in examples/*/; do
  run get-pvc-binding --path "${example%/}"
done

# WaitForFirstConsumer: what the local-storage claim would bind on each node.
run get-pvc-binding --path examples/local-storage --node minikube
run get-pvc-binding --path examples/local-storage --node worker-2 --detailed

# The same plan as JSON, for scripts: they filter on reasonCode, not on the prose.
run get-pvc-binding --path examples/static-pv-with-default-class --output json

# The storage chapter's dir-pv as printed ("ReadWriteOMany"): one line naming file, line, field and fix; exit code 2.
echo "\$ vk8s get-pvc-binding --path tests/fixtures/manifests/invalid/access-mode-typo.yaml"
set +e
vk8s get-pvc-binding --path tests/fixtures/manifests/invalid/access-mode-typo.yaml
status=$?
set -e
[ "$status" -eq 2 ] || fail "expected exit code 2 for a malformed manifest, got $status"
echo "(exit code $status, as documented)"
echo

echo "### 2. The vSphere rollout against a local simulator"
echo
if ! bash tests/peers/install-vcsim.sh; then
  # As with the tests: on a laptop that cannot build the simulator (no apt, no Go) say so and stop here; in CI
  # a missing peer is a failure.
  [ "${CI:-}" = "true" ] && fail "tests/peers/install-vcsim.sh could not build the simulator"
  echo "SKIPPED: the vSphere rollout needs vcsim, and tests/peers/install-vcsim.sh could not build it here (see above)."
  exit 0
fi
vcsim="${PEERS_CACHE:-$HOME/.cache/vsphere-k8s-storage/peers}/bin/vcsim"
work=$(mktemp -d /tmp/vk8s-main-job.XXXXXX)
# Two node VMs in /DC0/vm/k8s, as the seed guides' folder of Kubernetes nodes; the simulator exits when
# this script closes its standard input, so nothing is left running.
password="main-job-$$-$RANDOM"
coproc VCSIM { VCSIM_PASSWORD=$password "$vcsim" -exit-with-stdin -place 'k8s=DC0_C0_RP0_VM*' -username k8s-admin 2>"$work/vcsim.log"; }
trap 'exec {VCSIM[1]}>&- 2>/dev/null || true; rm -rf "$work"' EXIT
read -r -t 60 url <&"${VCSIM[0]}" || fail "vcsim did not start: $(cat "$work/vcsim.log")"
server=${url#https://}
server=${server%/sdk}

# The certificate is verified by default; vcsim's is self-signed. First contact: read its thumbprint (the
# admin compares it with the one vCenter shows), then pin it for every later command.
export VSPHERE_SERVER=$server VSPHERE_USER=k8s-admin
thumbprint=$(VSPHERE_PASSWORD=$password vk8s connect-vsphere-server --skip-certificate-check --output json 2>/dev/null \
  | sed -n 's/.*"certificateThumbprint": "\([0-9A-F:]*\)".*/\1/p')
[ -n "$thumbprint" ] || fail "connect-vsphere-server did not show the simulator's thumbprint"
export VSPHERE_THUMBPRINT=$thumbprint
export VSPHERE_PASSWORD=$password   # from the environment, never from the command line

run connect-vsphere-server
run get-vsphere-vm --folder /DC0/vm/k8s
run enable-disk-uuid --vm '/DC0/vm/k8s/*'

# Idempotent: a re-run reads once and changes nothing.
echo "\$ vk8s enable-disk-uuid --vm '/DC0/vm/k8s/*' --output json"
again=$(vk8s enable-disk-uuid --vm '/DC0/vm/k8s/*' --output json)
echo "$again"
echo
grep -q '"changed": true' <<<"$again" && fail "the second enable-disk-uuid changed a VM again"
[ "$(grep -c '"enabled": true' <<<"$again")" -eq 2 ] || fail "expected both node VMs enabled after the re-run"

run get-vsphere-datastore
run get-vsphere-storage-policy
run new-vsphere-vmdk --path '[LocalDS_0] kubevols/pv0001.vmdk' --capacity 2Gi

# An existing VMDK is an error and is never overwritten.
echo "\$ vk8s new-vsphere-vmdk --path '[LocalDS_0] kubevols/pv0001.vmdk' --capacity 2Gi"
set +e
vk8s new-vsphere-vmdk --path '[LocalDS_0] kubevols/pv0001.vmdk' --capacity 2Gi
status=$?
set -e
[ "$status" -ne 0 ] || fail "creating an existing VMDK again succeeded"
echo "(exit code $status: nothing overwritten)"
echo

# The CSI driver for this vCenter, rendered offline from the release manifest kept in tests/fixtures/upstream: one file
# per object, csi-vsphere.conf rendered from the connection, the password redacted unless asked for.
rendered="$work/csi"
run install-vsphere-csi --offline --output-directory "$rendered" --manifest-path tests/fixtures/upstream/vsphere-csi-driver-v3.3.1.yaml \
  --cluster-id main-job --replicas 1
secret=$(grep -l 'kind: Secret' "$rendered"/*.yaml | head -n 1)
[ -n "$secret" ] || fail "the offline CSI render wrote no Secret"
grep -rq -- "$password" "$rendered" && fail "the offline CSI render wrote the password"
grep -q 'replicas: 1' "$rendered"/*vsphere-csi-controller*.yaml || fail "the offline CSI render did not set the controller's replicas"

run new-vsphere-fcd --name pv-csi-0001 --capacity 1Gi --datastore LocalDS_0 --storage-policy-name 'vSAN Default Storage Policy'

# The Kubernetes objects for these disks, rendered offline (the same commands send them to a cluster
# without --offline), then planned: the claim must bind the static volume.
manifests="$work/manifests"
mkdir -p "$manifests"
vk8s new-k8s-storage-class --name vsphere-gold --storage-policy-name 'vSAN Default Storage Policy' --default \
  --offline > "$manifests/storageclass.yaml"
vk8s new-k8s-persistent-volume --name pv0001 --capacity 2Gi --access-mode ReadWriteOnce --reclaim-policy Retain \
  --volume-path '[LocalDS_0] kubevols/pv0001.vmdk' --fs-type ext4 --offline > "$manifests/pv0001.yaml"
vk8s new-k8s-persistent-volume-claim --name pvc0001 --namespace default --capacity 2Gi --access-mode ReadWriteOnce \
  --storage-class-name '' --offline > "$manifests/pvc0001.yaml"
vk8s new-k8s-persistent-volume-claim --name data --namespace default --capacity 1Gi --access-mode ReadWriteOnce \
  --offline > "$manifests/data.yaml"
cat "$manifests"/*.yaml
echo

echo "\$ vk8s get-pvc-binding --path $manifests"
plan=$(vk8s get-pvc-binding --path "$manifests")
echo "$plan"
echo
grep -Eq '^default +pvc0001 +Bound +pv0001 ' <<<"$plan" || fail "pvc0001 should bind pv0001"
grep -Eq '^default +data +Pending .*csi\.vsphere\.vmware\.com' <<<"$plan" \
  || fail "the claim of the default class should wait for the CSI provisioner"

echo "main job: every step behaved as documented"
