#!/usr/bin/env bash
# Installs what the tests need besides the .NET SDK, outside the clone and cached between runs:
#   pwsh 7.6.9 (the PowerShell .NET tool)          -> $VK8S_CACHE/pwsh-7.6.9/pwsh
#   Pester 5.7.1 and YamlDotNet 11.2.1 (packages)   -> $VK8S_CACHE/packages/<id>/<version>/
# YamlDotNet 11.2.1 is the version powershell-yaml 0.4 ships; the conflict tests load it beside the module.
# Prints the pwsh path on the last line. Both are registry packages, fetched with the ordinary dotnet clients.
set -euo pipefail
. "$(dirname "$0")/download-packages.sh"

VK8S_CACHE=${VK8S_CACHE:-$HOME/.cache/vsphere-k8s-storage}
PWSH_VERSION=7.6.9
PESTER_VERSION=5.7.1
YAMLDOTNET_VERSION=11.2.1
pwsh_dir="$VK8S_CACHE/pwsh-$PWSH_VERSION"
packages="$VK8S_CACHE/packages"

if [ -x "$pwsh_dir/pwsh" ]; then
  echo "test tools: pwsh $PWSH_VERSION cached ($pwsh_dir)"
else
  echo "test tools: dotnet tool install PowerShell $PWSH_VERSION (about 20 s)"
  rm -rf "$pwsh_dir"
  dotnet tool install --tool-path "$pwsh_dir" PowerShell --version "$PWSH_VERSION" >/dev/null
fi

if [ -f "$packages/pester/$PESTER_VERSION/tools/Pester.psd1" ] && [ -d "$packages/yamldotnet/$YAMLDOTNET_VERSION/lib" ]; then
  echo "test tools: Pester $PESTER_VERSION and YamlDotNet $YAMLDOTNET_VERSION cached ($packages)"
else
  echo "test tools: fetching Pester $PESTER_VERSION and YamlDotNet $YAMLDOTNET_VERSION into $packages"
  download_packages "$packages" Pester "$PESTER_VERSION" YamlDotNet "$YAMLDOTNET_VERSION"
fi

"$pwsh_dir/pwsh" -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' >/dev/null
echo "$pwsh_dir/pwsh"
