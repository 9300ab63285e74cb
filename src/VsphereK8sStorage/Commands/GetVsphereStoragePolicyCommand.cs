using System.Collections.Generic;
using System.Management.Automation;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Vsphere;

namespace VsphereK8sStorage.Commands;

/// <summary>Get-VsphereStoragePolicy: VM storage policies (SPBM) and the datastores compatible with each.</summary>
[Cmdlet(VerbsCommon.Get, "VsphereStoragePolicy")]
[OutputType(typeof(VsphereStoragePolicy))]
public sealed class GetVsphereStoragePolicyCommand : VsphereCmdlet
{
    private readonly List<string> names = new();

    /// <summary>Policy names; wildcards allowed. All when left out.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void ProcessRecord() => names.AddRange(Name ?? System.Array.Empty<string>());

    protected override void EndProcessing()
    {
        var policies = RunVsphere((connection, host, ct) => GetVsphereStoragePolicy.RunAsync(new GetVsphereStoragePolicyRequest { Connection = connection, Names = names }, host, ct));
        WriteObject(policies, enumerateCollection: true);
    }
}
