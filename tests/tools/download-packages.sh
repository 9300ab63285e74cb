# Shared by tests/tools/install-test-tools.sh and tests/benchmarks/readytorun-pwsh.sh. Source it; do not run it.
# download_packages FOLDER ID VERSION [ID VERSION ...]: NuGet packages into FOLDER/<id>/<version>/, with the ordinary
# dotnet client, through a throwaway project outside the clone (so the repository's central package versions do not
# apply).
download_packages() {
  local folder=$1 items="" download
  shift
  while [ $# -ge 2 ]; do
    items="$items    <PackageDownload Include=\"$1\" Version=\"[$2]\" />"$'\n'
    shift 2
  done
  download=$(mktemp -d)
  cat > "$download/download.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
$items  </ItemGroup>
</Project>
PROJECT
  mkdir -p "$folder"
  dotnet restore "$download/download.csproj" --packages "$folder" -nologo -v quiet || { rm -rf "$download"; return 1; }
  rm -rf "$download"
}
