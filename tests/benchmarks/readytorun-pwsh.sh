#!/usr/bin/env bash
# A copy of the test tools' pwsh with PowerShell's own assemblies ReadyToRun-compiled, as in PowerShell's release
# packages (their packaging refuses a System.Management.Automation.dll that is not ReadyToRun). The pwsh dotnet tool
# that tests/tools/install-test-tools.sh installs ships them as IL only, so every session compiles PowerShell itself
# as it goes; startup.ps1 run in this copy times the module's import as users of the packages see it:
#   "$(tests/benchmarks/readytorun-pwsh.sh | tail -n 1)" -NoProfile -File tests/benchmarks/startup.ps1 -SkipVk8s
# Cached under $VK8S_CACHE; prints the copy's pwsh on the last line. A benchmark aid only: no test uses it.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/download-packages.sh

VK8S_CACHE=${VK8S_CACHE:-$HOME/.cache/vsphere-k8s-storage}
tool_pwsh=$(bash tests/tools/install-test-tools.sh | tail -n 1)
tool_dir=$(dirname "$(find "$(dirname "$tool_pwsh")/.store" -path '*/tools/*/any/unix/pwsh.dll' | head -n 1)")
copy="$VK8S_CACHE/pwsh-$(basename "$(dirname "$tool_pwsh")" | sed 's/^pwsh-//')-readytorun"
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { version = $2 } END { print version }')

if [ ! -x "$copy/pwsh-readytorun" ]; then
  echo "readytorun-pwsh: compiling PowerShell's assemblies for .NET $runtime (about a minute)"
  packages="$VK8S_CACHE/packages"
  crossgen="$packages/microsoft.netcore.app.crossgen2.linux-x64/$runtime/tools/crossgen2"
  if [ ! -x "$crossgen" ]; then
    download_packages "$packages" Microsoft.NETCore.App.Crossgen2.linux-x64 "$runtime"
  fi
  rm -rf "$copy"
  cp -r "$tool_dir" "$copy"
  framework="$dotnet_root/shared/Microsoft.NETCore.App/$runtime"
  for assembly in System.Management.Automation.dll Microsoft.PowerShell.*.dll pwsh.dll; do
    for file in "$tool_dir"/$assembly; do
      "$crossgen" -r "$framework/*.dll" -r "$tool_dir/*.dll" --targetos:linux --targetarch:x64 -O \
        "$file" -o "$copy/$(basename "$file")" > /dev/null
    done
  done
  # The copy's apphost finds the runtime where dotnet is, as the tool's shim does.
  printf '#!/bin/sh\nDOTNET_ROOT=%s exec "%s/pwsh" "$@"\n' "$dotnet_root" "$copy" > "$copy/pwsh-readytorun"
  chmod +x "$copy/pwsh-readytorun"
fi
echo "$copy/pwsh-readytorun"
