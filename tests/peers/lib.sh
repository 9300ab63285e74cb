# Shared by the install-*.sh scripts: where built peers are cached, and apt installs that survive
# this image's apt hook. Source it; do not run it.
PEERS_CACHE=${PEERS_CACHE:-$HOME/.cache/vsphere-k8s-storage/peers}
mkdir -p "$PEERS_CACHE/bin"
sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo"

apt_install() {
  # The hook deletes downloaded .debs between dpkg runs, which can leave a package half-configured
  # on the first try: configure what is there and try once more.
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "peers: apt-get install ${missing[*]}"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { $sudo_ dpkg --configure -a; DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${missing[@]}" >/dev/null; }
}
