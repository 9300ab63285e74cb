<#
    The package as users get it: build.ps1 -Task Package, published with Publish-PSResource to a local folder
    repository, saved back with Save-PSResource and imported by name in a fresh session, as from the Gallery.
    And vk8s installed as a .NET tool from the package folder.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    $package = Join-Path $TestDrive 'package'
    $built = & (Join-Path $RepoRoot 'build.ps1') -Task Package -NoBuild -PackagePath $package *>&1
    $module = Join-Path $package 'VsphereK8sStorage'
    $manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $module 'VsphereK8sStorage.psd1')
    $files = @(Get-ChildItem -LiteralPath $module -File -Recurse | ForEach-Object {
            [System.IO.Path]::GetRelativePath($module, $_.FullName).Replace('\', '/') })

    $repositoryName = "vk8s-test-$PID"
    $repository = Join-Path $TestDrive 'repository'
    New-Item -ItemType Directory -Path $repository | Out-Null
    Register-PSResourceRepository -Name $repositoryName -Uri $repository -Trusted
}

AfterAll {
    Unregister-PSResourceRepository -Name $repositoryName -ErrorAction SilentlyContinue
}

Describe 'build.ps1 -Task Package' {
    It 'produces a module folder that Test-ModuleManifest accepts' {
        $info = Test-ModuleManifest -Path (Join-Path $module 'VsphereK8sStorage.psd1') -ErrorAction Stop

        $info.Version.ToString() | Should -Be ((Import-PowerShellDataFile -LiteralPath $StagedManifest).ModuleVersion)
        $info.PowerShellVersion.ToString() | Should -Be '7.4'
    }

    It 'lists every file in FileList, and nothing else' {
        @($manifest.FileList | Sort-Object) | Should -Be @($files | Sort-Object)
    }

    It 'ships no test, build or debug assets' {
        $allowed = '^(LICENSE|VsphereK8sStorage\.(dll|psd1|Types\.dll)|[^/]+\.(Format|types)\.ps1xml|dependencies/[^/]+\.dll|en-US/(VsphereK8sStorage\.dll-Help\.xml|about_[^/]+\.help\.txt))$'
        @($files | Where-Object { $_ -notmatch $allowed }) | Should -BeNullOrEmpty
        @($files | Where-Object { $_ -match 'Test|HelpGenerator|MetadataLoadContext|System\.Management\.Automation|xunit|Pester' }) | Should -BeNullOrEmpty
    }

    It 'ships the license the manifest links to' {
        $files | Should -Contain 'LICENSE'
        Get-Content -LiteralPath (Join-Path $module 'LICENSE') -Raw | Should -Match 'MIT License'
    }

    It 'gives the vk8s tool package its readme and license' {
        $nupkg = Get-ChildItem -LiteralPath $package -Filter 'VsphereK8sStorage.Cli.*.nupkg' | Select-Object -First 1
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg.FullName)
        try {
            $zip.Entries.FullName | Should -Contain 'README.md'
            $nuspec = $zip.Entries | Where-Object FullName -Like '*.nuspec' | Select-Object -First 1
            $reader = [System.IO.StreamReader]::new($nuspec.Open())
            $text = $reader.ReadToEnd()
            $reader.Dispose()
            $text | Should -Match '<readme>README.md</readme>'
            $text | Should -Match '<license type="expression">MIT</license>'
        }
        finally {
            $zip.Dispose()
        }
    }

    It 'packs vk8s as a .NET tool that installs and runs' {
        $tools = Join-Path $TestDrive 'tools'
        $nupkg = @(Get-ChildItem -LiteralPath $package -Filter 'VsphereK8sStorage.Cli.*.nupkg')
        $nupkg.Count | Should -Be 1

        $install = & dotnet tool install --tool-path $tools VsphereK8sStorage.Cli --add-source $package --version $manifest.ModuleVersion 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($install -join "`n")
        $plan = & (Join-Path $tools 'vk8s') get-pvc-binding --path (Join-Path $ExamplesDir 'vsphere-pv-pvc-walkthrough') --output json 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($plan -join "`n")
        (($plan -join "`n") | ConvertFrom-Json).claim | Should -Be 'default/pvc0001'
    }
}

Describe 'Installed from a PowerShell repository' {
    BeforeAll {
        Publish-PSResource -Path $module -Repository $repositoryName -ErrorAction Stop
        $saved = Join-Path $TestDrive 'modules'
        New-Item -ItemType Directory -Path $saved | Out-Null
        Save-PSResource -Name VsphereK8sStorage -Repository $repositoryName -Path $saved -TrustRepository -ErrorAction Stop
        $installed = Get-ChildItem -LiteralPath (Join-Path $saved 'VsphereK8sStorage') -Directory | Select-Object -First 1
        $report = Invoke-FreshPwsh (Join-Path $PSScriptRoot 'sessions/ImportInstalled.ps1') @{
            ModulesPath = $saved; Example = (Join-Path $ExamplesDir 'static-pv-with-default-class')
        }
    }

    It 'publishes one package to the repository' {
        @(Get-ChildItem -LiteralPath $repository -Filter 'vspherek8sstorage.*.nupkg').Count | Should -Be 1
    }

    It 'installs every file the manifest lists' {
        $installed.Name | Should -Be $manifest.ModuleVersion
        foreach ($file in $manifest.FileList) {
            Join-Path $installed.FullName $file | Should -Exist
        }
    }

    It 'imports by name in a fresh session from the installed folder' {
        $report.Path | Should -BeLike "$saved*"
        $report.Version | Should -Be $manifest.ModuleVersion
    }

    It 'exports exactly the manifest''s cmdlets' {
        @($report.Commands | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    It 'loads the format file, so the table has its REASON column' {
        $report.FormatViews | Should -BeGreaterThan 0
        $report.Table | Should -Match 'NAMESPACE +NAME +STATUS +VOLUME +REASON'
    }

    # What the help says is checked once, on the help file (Module.Tests' HelpTests) and through Get-Help in process
    # (PowerShell.Tests' HelpTests); here only that the installed copy ships it where Get-Help finds it.
    It 'ships its help where Get-Help finds it' {
        $report.Synopsis | Should -Match 'PersistentVolumeClaim'
    }

    It 'runs Get-PvcBinding' {
        $report.Claims | Should -Be 2
    }
}
