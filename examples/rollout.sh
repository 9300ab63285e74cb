#!/usr/bin/env bash
# The seed guide's whole day (vsphere-cpi-csi-install-guide.txt) as one re-runnable pipeline through vk8s, the twin of
# rollout.ps1: readiness, disk UUIDs, taints, the CPI, the CSI driver, a default StorageClass from a storage policy, a
# test claim, readiness again. Run it again at any time: every step leaves alone what is already as asked.
#
#   export VSPHERE_SERVER=vcenter.example.com VSPHERE_USER=k8s-admin@vsphere.local VSPHERE_THUMBPRINT=…
#   read -rs VSPHERE_PASSWORD; export VSPHERE_PASSWORD      # never on the command line
#   ./examples/rollout.sh --folder /DC/vm/k8s --cpi-manifest cpi.yaml --csi-manifest csi.yaml --cluster-id prod-east
#
# Options: --kubeconfig FILE, --node NAME (the nodes to taint for the CPI; wildcards, repeatable; every node by
# default, as the guide does), --cluster-id ID (cluster01), --storage-policy NAME ('vSAN Default Storage Policy'),
# --storage-class NAME (vsphere-sc), --claim-namespace NS (default), --skip-version-check, --force (install despite
# failing readiness rows, each repeated as a warning), --no-wait (where no kubelet runs), --results DIR (each step's
# JSON into DIR/<step>.json instead of a table). VK8S names the vk8s to run (default: out/vk8s/vk8s, else vk8s on PATH;
# a command with arguments such as "dotnet path/vk8s.dll" works). The installs refuse to change anything while a
# readiness check fails, unless --force. Exit status: 0 when every step did what it was asked, else the failing
# step's status, after a line naming it.
set -euo pipefail
cd "$(dirname "$0")/.."

folder="" cpi="" csi="" cluster_id=cluster01 policy='vSAN Default Storage Policy' class=vsphere-sc claim_ns=default results=""
kube=() install=() nodes=()
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --folder) folder=$2; shift 2 ;;
    --cpi-manifest) cpi=$2; shift 2 ;;
    --csi-manifest) csi=$2; shift 2 ;;
    --cluster-id) cluster_id=$2; shift 2 ;;
    --storage-policy) policy=$2; shift 2 ;;
    --storage-class) class=$2; shift 2 ;;
    --claim-namespace) claim_ns=$2; shift 2 ;;
    --kubeconfig) kube+=(--kubeconfig "$2"); shift 2 ;;
    --node) nodes+=(--node "$2"); shift 2 ;;
    --skip-version-check) install+=(--skip-version-check); shift ;;
    --force) install+=(--force); shift ;;
    --no-wait) install+=(--no-wait); shift ;;
    --results) results=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "rollout.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$folder" ] && [ -n "$cpi" ] && [ -n "$csi" ] || { echo "rollout.sh: --folder, --cpi-manifest and --csi-manifest are required (see --help)" >&2; exit 2; }
[ -n "${VSPHERE_SERVER:-}" ] && [ -n "${VSPHERE_PASSWORD:-}" ] || { echo "rollout.sh: set VSPHERE_SERVER, VSPHERE_USER and VSPHERE_PASSWORD (and VSPHERE_THUMBPRINT) in the environment" >&2; exit 2; }

if [ -n "${VK8S:-}" ]; then read -r -a vk8s_cmd <<<"$VK8S"
elif [ -x out/vk8s/vk8s ]; then vk8s_cmd=(out/vk8s/vk8s)
else vk8s_cmd=(vk8s); fi
[ -n "$results" ] && mkdir -p "$results"
[ ${#nodes[@]} -gt 0 ] || nodes=(--node '*')
skip_version=()
for option in "${install[@]}"; do [ "$option" = --skip-version-check ] && skip_version=(--skip-version-check); done

# step NAME TITLE ARGS…: runs vk8s ARGS, printing its table (or writing its JSON under --results); a failing step
# stops the run with a line that names it. Readiness rows that fail are a report, not a failure of the step.
step() {
  local name=$1 title=$2 status=0
  shift 2
  echo "== $title"
  if [ -n "$results" ]; then
    "${vk8s_cmd[@]}" "$@" --output json > "$results/$name.json" || status=$?
  else
    "${vk8s_cmd[@]}" "$@" || status=$?
  fi
  if [ "$status" -ne 0 ]; then
    echo "rollout.sh: step '$title' failed (vk8s exit status $status); what the earlier steps did stays done, and a re-run starts over safely" >&2
    exit "$status"
  fi
}

step readiness-before '1. Readiness before the rollout (what is wrong, and how to fix it)' \
  test-vsphere-k8s-readiness "${skip_version[@]}" "${kube[@]}"
step disk-uuid "2. disk.enableUUID on every VM in $folder" enable-disk-uuid --folder "$folder"
step taints '3. Nodes tainted uninitialized, for the CPI to initialise them' \
  add-k8s-node-taint "${nodes[@]}" --key node.cloudprovider.kubernetes.io/uninitialized --value true --effect NoSchedule "${kube[@]}"
step cpi '4. The vSphere cloud provider (CPI)' install-vsphere-cpi --manifest-path "$cpi" "${install[@]}" "${kube[@]}"
step csi '5. The vSphere CSI driver (controller replicas fit to the control-plane nodes)' \
  install-vsphere-csi --manifest-path "$csi" --cluster-id "$cluster_id" "${install[@]}" "${kube[@]}"
step storage-class "6. StorageClass $class (default) from storage policy '$policy'" \
  new-k8s-storage-class --name "$class" --storage-policy-name "$policy" --default "${kube[@]}"
step claim '7. A test claim' \
  new-k8s-persistent-volume-claim --name vsphere-pvc --namespace "$claim_ns" --capacity 5Gi --storage-class-name "$class" "${kube[@]}"
step binding '7. How it binds' get-pvc-binding --namespace "$claim_ns" --name vsphere-pvc "${kube[@]}"
step readiness-after '8. Readiness after the rollout' test-vsphere-k8s-readiness "${skip_version[@]}" "${kube[@]}"
echo "rollout.sh: every step done"
