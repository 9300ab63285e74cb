#!/usr/bin/env bash
# Builds the vSphere peers for the integration tests and the benchmark from Debian's govmomi library:
#   vcsim         VMware's vCenter simulator behind our own launcher (tests/peers/vcsim)
#   govc-standin  the seed guide's per-VM govc calls, for the benchmark baseline (tests/peers/govcstandin)
#   govc-lite     a govc stand-in that keeps its session as govc does (../shared/tools/govc-lite), the baseline
#                 of tests/benchmarks/vsphere-vs-govc.sh and of the README's vSphere speed claims
# Both land in $PEERS_CACHE/bin (default ~/.cache/vsphere-k8s-storage/peers/bin); a rebuild happens only
# when the launcher sources, this script or the installed Go/govmomi versions change.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
govc_lite_src=$(cd "$here/../../.." && pwd)/shared/tools/govc-lite

apt_install golang-go golang-github-vmware-govmomi-dev

stamp="$PEERS_CACHE/bin/.vcsim.sha256"
hash=$( { cat "$here/vcsim/"*.go "$here/govcstandin/"*.go "$govc_lite_src/"*.go "$0"; go version;
          dpkg-query -W -f='${Version}' golang-github-vmware-govmomi-dev; } | sha256sum | cut -d' ' -f1)
if [ -x "$PEERS_CACHE/bin/vcsim" ] && [ -x "$PEERS_CACHE/bin/govc-standin" ] && [ -x "$PEERS_CACHE/bin/govc-lite" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$hash" ]; then
  echo "peers: vcsim, govc-standin and govc-lite cached ($PEERS_CACHE/bin)"; exit 0
fi

echo "peers: building vcsim, govc-standin and govc-lite from Debian's govmomi (about a minute cold)"
export GOPATH=/usr/share/gocode GO111MODULE=off GOPROXY=off GOFLAGS= GOCACHE="$PEERS_CACHE/gocache"
( cd "$here/vcsim" && go build -o "$PEERS_CACHE/bin/vcsim" . )
( cd "$here/govcstandin" && go build -o "$PEERS_CACHE/bin/govc-standin" . )
( cd "$govc_lite_src" && go build -o "$PEERS_CACHE/bin/govc-lite" . )
echo "$hash" > "$stamp"
echo "peers: vcsim, govc-standin and govc-lite ready ($PEERS_CACHE/bin)"
