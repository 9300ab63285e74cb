#!/usr/bin/env bash
# Builds a real Kubernetes control plane for the integration tests from Debian's kubernetes source
# package (upstream v1.20.2 with vendor/), and installs etcd: kube-apiserver,
# kube-controller-manager and kubectl are cached in $PEERS_CACHE/bin (default ~/.cache/vsphere-k8s-storage/peers),
# so only the first run on a machine pays for the build (about 6 minutes on 2 cores).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

build_kube() {
  local version=1.20.5+really1.20.2-1.1+deb12u1 work="$PEERS_CACHE/kubernetes-src"
  apt_install golang-go etcd-server openssl rsync dpkg-dev
  if [ -x "$PEERS_CACHE/bin/kube-apiserver" ] && [ -x "$PEERS_CACHE/bin/kube-controller-manager" ] && [ -x "$PEERS_CACHE/bin/kubectl" ]; then
    echo "peers: kube-apiserver, kube-controller-manager and kubectl cached ($PEERS_CACHE/bin)"; return
  fi
  local srclist=/etc/apt/sources.list.d/vk8s-bookworm-src.sources
  if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
    # Same mirror and keyring as the binary entries, for source packages.
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | $sudo_ tee "$srclist" >/dev/null
    $sudo_ apt-get update -qq
  fi
  mkdir -p "$work"
  ( cd "$work"
    [ -f kubernetes_1.20.5+really1.20.2.orig.tar.gz ] || apt-get source --download-only "kubernetes=$version" >/dev/null
    [ -d kubernetes-1.20.2 ] || tar xzf kubernetes_1.20.5+really1.20.2.orig.tar.gz
    cd kubernetes-1.20.2
    echo "peers: building kube-apiserver, kube-controller-manager and kubectl (about 6 minutes on 2 cores)"
    make WHAT="cmd/kube-apiserver cmd/kube-controller-manager cmd/kubectl" >/dev/null 2>make.err \
      || { rm -rf _output; make WHAT="cmd/kube-apiserver cmd/kube-controller-manager cmd/kubectl" >/dev/null 2>make.err; } \
      || { tail -n 30 make.err; exit 1; }
    # Copy then rename: a test may be running the old binary, and a running file cannot be overwritten in place.
    for binary in kube-apiserver kube-controller-manager kubectl; do
      cp "_output/bin/$binary" "$PEERS_CACHE/bin/.$binary.new"
      mv -f "$PEERS_CACHE/bin/.$binary.new" "$PEERS_CACHE/bin/$binary"
    done )
  rm -rf "$work"
}

build_kube
echo "peers: kube-apiserver, kube-controller-manager, kubectl and etcd ready ($PEERS_CACHE/bin, /usr/bin/etcd)"
