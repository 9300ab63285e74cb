#Requires -Version 7.4
<#
    Pester 5 tests of the staged module in the pwsh that runs them (./build.ps1 -Task Test runs this folder).
    The cmdlets' behaviour is covered in depth in-process by VsphereK8sStorage.PowerShell.Tests; this suite checks
    what a user sees in a real pwsh session, and (Isolation, Package) what needs fresh processes.

        ./test.sh                        # everything, with the tools installed
        Invoke-Pester -Path tests/VsphereK8sStorage.Module.Tests/pester -Output Detailed
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    $manifestPath = $StagedManifest
    $manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
    Import-Module $manifestPath -Force -ErrorAction Stop

    # One line per claim, order-independent, for comparing two runs.
    function Get-Summary([object[]] $Bindings) {
        ($Bindings | ForEach-Object { "$($_.Claim) $($_.Phase) $($_.Volume)" } | Sort-Object) -join '; '
    }
}

AfterAll {
    Remove-Module VsphereK8sStorage -Force -ErrorAction SilentlyContinue
}

Describe 'The VsphereK8sStorage module' {
    It 'exports exactly the cmdlets its manifest lists' {
        $exported = @(Get-Command -Module VsphereK8sStorage | ForEach-Object Name | Sort-Object)
        $listed = @($manifest.CmdletsToExport | Sort-Object)

        $exported.Count | Should -BeGreaterThan 0
        ($exported -join ', ') | Should -Be ($listed -join ', ')
    }

    It 'exports nothing but cmdlets' {
        @(Get-Command -Module VsphereK8sStorage | Where-Object CommandType -ne 'Cmdlet').Count | Should -Be 0
    }

    It 'loads with the version stamped into the staged manifest' {
        (Get-Module VsphereK8sStorage).Version.ToString() | Should -Be $manifest.ModuleVersion
    }
}

Describe 'Get-PvcBinding' {
    It 'binds the walkthrough claim to its volume' {
        $result = @(Get-PvcBinding -Path (Join-Path $ExamplesDir 'vsphere-pv-pvc-walkthrough'))

        $result.Count | Should -Be 1
        $result[0].PSObject.TypeNames[0] | Should -Be 'VsphereK8sStorage.Binding.PvcBinding'
        $result[0].Claim | Should -Be 'default/pvc0001'
        "$($result[0].Phase)" | Should -Be 'Bound'
        $result[0].Volume | Should -Be 'pv0001'
    }

    It 'explains that a claim without a class waits for the provisioner while the "" claim binds' {
        $result = @(Get-PvcBinding -Path (Join-Path $ExamplesDir 'static-pv-with-default-class'))
        $pending = @($result | Where-Object Claim -eq 'default/pvc0001')
        $static = @($result | Where-Object Claim -eq 'default/pvc0001-static')

        $result.Count | Should -Be 2
        $pending.Count | Should -Be 1
        "$($pending[0].Phase)" | Should -Be 'Pending'
        $pending[0].Reason | Should -Match 'waiting for provisioner csi\.vsphere\.vmware\.com'
        $static.Count | Should -Be 1
        "$($static[0].Phase)" | Should -Be 'Bound'
        $static[0].Volume | Should -Be 'pv0001'
    }

    It 'reports a malformed manifest with a ManifestInvalid error and plans nothing' {
        $fixture = Join-Path $FixturesDir 'manifests/invalid/access-mode-typo.yaml'
        $output = $null
        $caught = @()

        # One problem is the terminating error itself; several are written one each, then a terminating summary.
        try {
            $output = Get-PvcBinding -Path $fixture -ErrorAction SilentlyContinue -ErrorVariable nonTerminating
        }
        catch {
            $caught += $_
        }
        $errors = @($nonTerminating) + @($caught) | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }

        $output | Should -BeNullOrEmpty
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'ManifestInvalid*' }).Count | Should -BeGreaterThan 0
    }

    It 'prints the table view with a REASON column at the width of a non-interactive session' {
        $text = Get-PvcBinding -Path (Join-Path $ExamplesDir 'static-pv-with-default-class') | Format-Table | Out-String

        $text | Should -Match 'NAMESPACE +NAME +STATUS +VOLUME +REASON'
        $text | Should -Match 'waiting for'
    }

    It 'takes Get-ChildItem output through -LiteralPath' {
        $source = Join-Path $ExamplesDir 'static-pv-with-default-class'
        $copy = Join-Path $TestDrive 'manifests'
        New-Item -ItemType Directory -Path $copy | Out-Null
        # Names with wildcard characters: only -LiteralPath (bound from PSPath) can name these files;
        # -Path would read '[claims].yaml' as a pattern and find nothing.
        Get-ChildItem -LiteralPath $source -File | ForEach-Object {
            [System.IO.File]::Copy($_.FullName, (Join-Path $copy ('[' + $_.BaseName + ']' + $_.Extension)))
        }

        $viaPipeline = @(Get-ChildItem -LiteralPath $copy -File | Get-PvcBinding -ErrorAction Stop)
        $viaPath = @(Get-PvcBinding -Path $source)

        $viaPipeline.Count | Should -Be 2
        Get-Summary $viaPipeline | Should -Be (Get-Summary $viaPath)
    }
}
