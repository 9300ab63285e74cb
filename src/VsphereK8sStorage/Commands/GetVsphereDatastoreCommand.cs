using System.Collections.Generic;
using System.Management.Automation;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Operations.Vsphere;

namespace VsphereK8sStorage.Commands;

/// <summary>Get-VsphereDatastore: datastores with type, URL (for StorageClasses), capacity, free space, hosts and cluster.</summary>
[Cmdlet(VerbsCommon.Get, "VsphereDatastore")]
[OutputType(typeof(VsphereDatastore))]
public sealed class GetVsphereDatastoreCommand : VsphereCmdlet
{
    private readonly List<string> names = new();

    /// <summary>Datastore names or inventory paths; wildcards allowed. All when left out.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void ProcessRecord() => names.AddRange(Name ?? System.Array.Empty<string>());

    protected override void EndProcessing()
    {
        var datastores = RunVsphere((connection, host, ct) => GetVsphereDatastore.RunAsync(new GetVsphereDatastoreRequest { Connection = connection, Names = names }, host, ct));
        WriteObject(datastores, enumerateCollection: true);
    }
}
