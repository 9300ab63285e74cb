#!/usr/bin/env bash
# Builds govc-lite (../shared/tools/govc-lite), a small govc over Debian's govmomi, for checks that should not
# trust the project's own vSphere client (cns.create registers a CNS volume as the vSphere CSI driver does).
# It lands in $PEERS_CACHE/bin beside vcsim; a rebuild happens only when its source, this script or the installed
# Go/govmomi versions change.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
src=${GOVC_LITE_SOURCE:-$here/../../../shared/tools/govc-lite}
if [ ! -f "$src/main.go" ]; then
  echo "peers: govc-lite source not found at $src (the shared folder beside the repository)" >&2
  exit 1
fi

apt_install golang-go golang-github-vmware-govmomi-dev

stamp="$PEERS_CACHE/bin/.govc-lite.sha256"
hash=$( { cat "$src/"*.go "$0"; go version; dpkg-query -W -f='${Version}' golang-github-vmware-govmomi-dev; } | sha256sum | cut -d' ' -f1)
if [ -x "$PEERS_CACHE/bin/govc-lite" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$hash" ]; then
  echo "peers: govc-lite cached ($PEERS_CACHE/bin)"; exit 0
fi

echo "peers: building govc-lite from Debian's govmomi"
export GOPATH=/usr/share/gocode GO111MODULE=off GOPROXY=off GOFLAGS= GOCACHE="$PEERS_CACHE/gocache"
( cd "$src" && go build -o "$PEERS_CACHE/bin/govc-lite" . )
echo "$hash" > "$stamp"
echo "peers: govc-lite ready ($PEERS_CACHE/bin)"
