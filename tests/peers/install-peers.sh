#!/usr/bin/env bash
# Installs the real peers the integration tests run against, from Debian's registry, and caches the
# built binaries outside the clone (PEERS_CACHE, default ~/.cache/vsphere-k8s-storage/peers) so a
# second run on the same machine takes seconds:
#   vcsim                                  our launcher (tests/peers/vcsim) over Debian's govmomi simulator
#   kube-apiserver, kube-controller-manager built from Debian's kubernetes source package (v1.20.2)
#   etcd                                   Debian's etcd-server
# Usage: install-peers.sh [vcsim] [kube]     (both when no argument is given)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${PEERS_CACHE:-$HOME/.cache/vsphere-k8s-storage/peers}
mkdir -p "$cache/bin"
want=${*:-vcsim kube}
sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo"

apt_install() {
  # This image's apt hook deletes downloaded .debs between dpkg runs, which can leave a package
  # half-configured on the first try; configure and try once more.
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "peers: apt-get install ${missing[*]}"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { $sudo_ dpkg --configure -a; DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${missing[@]}" >/dev/null; }
}

build_vcsim() {
  local src_hash bin="$cache/bin/vcsim" stamp="$cache/bin/vcsim.src"
  apt_install golang-go golang-github-vmware-govmomi-dev
  src_hash=$(cat "$here"/vcsim/*.go | sha256sum | cut -c1-16)
  if [ -x "$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$src_hash" ]; then echo "peers: vcsim cached ($bin)"; return; fi
  echo "peers: building vcsim"
  local gopath; gopath=$(mktemp -d)
  mkdir -p "$gopath/src/vk8speers"
  cp -r "$here/vcsim" "$here/govcstandin" "$gopath/src/vk8speers/"
  ( cd "$gopath/src/vk8speers" &&
    GOPATH="$gopath:/usr/share/gocode" GO111MODULE=off GOPROXY=off GOFLAGS= GOCACHE="$cache/gocache" \
      go build -o "$bin" ./vcsim &&
    GOPATH="$gopath:/usr/share/gocode" GO111MODULE=off GOPROXY=off GOFLAGS= GOCACHE="$cache/gocache" \
      go build -o "$cache/bin/govc-standin" ./govcstandin )
  rm -rf "$gopath"
  echo "$src_hash" > "$stamp"
}

build_kube() {
  local version=1.20.5+really1.20.2-1.1+deb12u1 work="$cache/kubernetes-src"
  apt_install golang-go etcd-server openssl rsync dpkg-dev
  if [ -x "$cache/bin/kube-apiserver" ] && [ -x "$cache/bin/kube-controller-manager" ]; then
    echo "peers: kube-apiserver and kube-controller-manager cached ($cache/bin)"; return
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
    echo "peers: building kube-apiserver and kube-controller-manager (about 6 minutes on 2 cores)"
    make WHAT="cmd/kube-apiserver cmd/kube-controller-manager" >/dev/null 2>make.err \
      || { rm -rf _output; make WHAT="cmd/kube-apiserver cmd/kube-controller-manager" >/dev/null 2>make.err; } \
      || { tail -n 30 make.err; exit 1; }
    cp _output/bin/kube-apiserver _output/bin/kube-controller-manager "$cache/bin/" )
  rm -rf "$work"
}

for w in $want; do
  case "$w" in
    vcsim) build_vcsim ;;
    kube) build_kube ;;
    *) echo "install-peers: unknown peer '$w' (use vcsim or kube)" >&2; exit 2 ;;
  esac
done
echo "peers: ready in $cache/bin"
