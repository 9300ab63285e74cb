using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Threading;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Soap;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Vcsim.Tests;

/// <summary>
/// VMDKs, first-class disks, datastores and storage policies on one simulator. vcsim's datastores are real
/// directories (the datastore URL is their path), so a test can see the files vCenter would have made. Each test
/// uses its own file names.
/// </summary>
public sealed class DiskTests : IClassFixture<VcsimFixture>
{
    private readonly VcsimFixture vcsim;

    public DiskTests(VcsimFixture vcsim) => this.vcsim = vcsim;

    private async Task<(VsphereConnection Connection, string DatastoreDirectory)> ConnectAsync()
    {
        var connection = await vcsim.Server.ConnectAsync();
        var datastore = (await GetVsphereDatastore.RunAsync(new GetVsphereDatastoreRequest { Connection = connection, Names = new[] { "LocalDS_0" } }, new RecordingHost(), CancellationToken.None)).Single();
        return (connection, datastore.Url);
    }

    private static NewVsphereVmdkRequest Vmdk(VsphereConnection connection, params string[] paths) =>
        new() { Connection = connection, Disks = paths.Select(p => new VmdkSpec { Path = p, Capacity = "2Gi" }).ToList() };

    [SkippableFact]
    public async Task A_VMDK_is_created_with_its_missing_folders_and_its_path_is_what_a_PersistentVolume_takes()
    {
        var (connection, directory) = await ConnectAsync();
        var host = new RecordingHost();

        var disk = Assert.Single(await NewVsphereVmdk.RunAsync(Vmdk(connection, "[LocalDS_0] kubevols/nested/myDisk.vmdk"), host, CancellationToken.None));

        Assert.Equal("[LocalDS_0] kubevols/nested/myDisk.vmdk", disk.VolumePath);
        Assert.Equal(("LocalDS_0", "kubevols/nested/myDisk.vmdk", "2Gi", 2L << 30, "thin", "lsiLogic", "DC0"), (disk.Datastore, disk.FilePath, disk.Capacity, disk.CapacityBytes, disk.DiskType, disk.AdapterType, disk.Datacenter));
        Assert.True(File.Exists(Path.Combine(directory, "kubevols", "nested", "myDisk.vmdk")));
        Assert.Equal(("[LocalDS_0] kubevols/nested/myDisk.vmdk", "Create a 2Gi thin virtual disk"), Assert.Single(host.ShouldProcessCalls));
        Assert.Empty(host.Errors);
    }

    [SkippableFact]
    public async Task An_existing_VMDK_is_an_error_and_is_not_overwritten_and_the_other_disks_are_still_made()
    {
        var (connection, directory) = await ConnectAsync();
        await NewVsphereVmdk.RunAsync(Vmdk(connection, "[LocalDS_0] exists/disk.vmdk"), new RecordingHost(), CancellationToken.None);
        var file = Path.Combine(directory, "exists", "disk.vmdk");
        File.WriteAllText(file, "data that must survive");
        var host = new RecordingHost();

        var created = await NewVsphereVmdk.RunAsync(Vmdk(connection, "[LocalDS_0] exists/disk.vmdk", "[LocalDS_0] exists/other.vmdk"), host, CancellationToken.None);

        var error = Assert.Single(host.Errors);
        Assert.Equal(("NewVsphereVmdkFileExists", ErrorKind.ResourceExists, (object?)"[LocalDS_0] exists/disk.vmdk"), (error.ErrorId, error.Kind, error.Target));
        Assert.Equal(VsphereFaultKind.FileAlreadyExists, Assert.IsType<VsphereFaultException>(error).FaultKind);
        Assert.StartsWith("[LocalDS_0] exists/disk.vmdk already exists; nothing was changed.", error.Message);
        Assert.Equal("data that must survive", File.ReadAllText(file));
        Assert.Equal("[LocalDS_0] exists/other.vmdk", Assert.Single(created).VolumePath);
    }

    [SkippableFact]
    public async Task Declining_creates_neither_the_disk_nor_its_folder()
    {
        var (connection, directory) = await ConnectAsync();
        var host = new RecordingHost { ShouldProcessAnswer = false };

        var created = await NewVsphereVmdk.RunAsync(Vmdk(connection, "[LocalDS_0] whatif/disk.vmdk"), host, CancellationToken.None);

        Assert.Empty(created);
        Assert.Single(host.ShouldProcessCalls);
        Assert.False(Directory.Exists(Path.Combine(directory, "whatif")));
    }

    [SkippableFact]
    public async Task Bad_disks_are_reported_one_by_one_before_anything_is_asked()
    {
        var (connection, _) = await ConnectAsync();
        var host = new RecordingHost();

        var created = await NewVsphereVmdk.RunAsync(
            new NewVsphereVmdkRequest
            {
                Connection = connection,
                Disks = new[]
                {
                    new VmdkSpec { Path = "[nope] a.vmdk", Capacity = "1Gi" },
                    new VmdkSpec { Path = "LocalDS_0/a.vmdk", Capacity = "1Gi" },
                    new VmdkSpec { Path = "[LocalDS_0] a.vmdk", Capacity = "2 gigs" },
                },
            },
            host,
            CancellationToken.None);

        Assert.Empty(created);
        Assert.Empty(host.ShouldProcessCalls);
        Assert.Equal(new[] { "VsphereDatastoreNotFound", "DatastorePathInvalid", "DiskCapacityInvalid" }, host.Errors.Select(e => e.ErrorId));
        Assert.Contains("Datastores there: LocalDS_0", host.Errors[0].Message);
    }

    public static TheoryData<string, string, bool, VsphereFaultKind> TaskFaults => new()
    {
        // name, datastore path, create the folder first, the fault the task ends with
        { "no such folder", "[LocalDS_0] missing-folder/a.vmdk", false, VsphereFaultKind.FileNotFound },
        { "no such datastore", "[NoSuchDatastore] a.vmdk", false, VsphereFaultKind.InvalidDatastore },
        { "the file exists", "[LocalDS_0] taskfault/a.vmdk", true, VsphereFaultKind.FileAlreadyExists },
    };

    [SkippableTheory]
    [MemberData(nameof(TaskFaults))]
    public async Task Task_faults_surface_as_typed_errors(string name, string path, bool twice, VsphereFaultKind expected)
    {
        var (connection, _) = await ConnectAsync();
        var index = await DatastoreReader.ReadAsync(connection, CancellationToken.None);
        var datacenter = index.DatacenterOf(index.OfType("Datastore").Single().Obj)!.Value;
        async Task CreateAsync()
        {
            await VimMethods.MakeDirectoryAsync(connection.Soap, connection.Content.FileManager!.Value, "[LocalDS_0] taskfault", datacenter, true, CancellationToken.None);
            var task = await VimMethods.CreateVirtualDiskAsync(connection.Soap, connection.Content.VirtualDiskManager!.Value, path, datacenter, "thin", "lsiLogic", 1024, CancellationToken.None);
            await TaskWaiter.WaitAsync(connection, task, $"Creating {path}", CancellationToken.None);
        }

        if (twice)
        {
            await CreateAsync();
        }

        var error = await Assert.ThrowsAsync<VsphereFaultException>(() => twice ? CreateAsync() : CreateWithoutFolderAsync());

        Assert.True(expected == error.FaultKind, $"{name}: {error.Fault}");
        Assert.StartsWith($"Creating {path} failed: {error.Fault.TypeName}", error.Message);

        async Task CreateWithoutFolderAsync()
        {
            var task = await VimMethods.CreateVirtualDiskAsync(connection.Soap, connection.Content.VirtualDiskManager!.Value, path, datacenter, "thin", "lsiLogic", 1024, CancellationToken.None);
            await TaskWaiter.WaitAsync(connection, task, $"Creating {path}", CancellationToken.None);
        }
    }

    [SkippableFact]
    public async Task A_first_class_disk_is_created_found_by_id_and_name_and_not_made_twice()
    {
        var (connection, directory) = await ConnectAsync();
        var host = new RecordingHost();

        var fcd = Assert.Single(await NewVsphereFcd.RunAsync(new NewVsphereFcdRequest { Connection = connection, Disks = new[] { new FcdSpec { Name = "pv-static-0", Capacity = "1536Mi", Datastore = "LocalDS_0" } } }, host, CancellationToken.None));
        var again = await NewVsphereFcd.RunAsync(new NewVsphereFcdRequest { Connection = connection, Disks = new[] { new FcdSpec { Name = "pv-static-0", Capacity = "1536Mi", Datastore = "LocalDS_0" } } }, host, CancellationToken.None);
        var byId = await GetVsphereFcd.RunAsync(new GetVsphereFcdRequest { Connection = connection, Ids = new[] { fcd.VolumeHandle } }, new RecordingHost(), CancellationToken.None);
        var byName = await GetVsphereFcd.RunAsync(new GetVsphereFcdRequest { Connection = connection, Names = new[] { "pv-static-*" }, Datastores = new[] { "LocalDS_*" } }, new RecordingHost(), CancellationToken.None);

        Assert.Matches("^[0-9a-f-]{36}$", fcd.VolumeHandle);
        Assert.Equal(("pv-static-0", "1536Mi", 1536L, "LocalDS_0", "thin"), (fcd.Name, fcd.Capacity, fcd.CapacityMB, fcd.Datastore, fcd.ProvisioningType));
        Assert.Equal($"[LocalDS_0] fcd/{fcd.VolumeHandle}.vmdk", fcd.FilePath);
        Assert.True(File.Exists(Path.Combine(directory, "fcd", fcd.VolumeHandle + ".vmdk")));
        Assert.Empty(again);
        Assert.Equal("NewVsphereFcdExists", Assert.Single(host.Errors).ErrorId);
        Assert.Equal(fcd.VolumeHandle, Assert.Single(byId).VolumeHandle);
        Assert.Contains(byName, d => d.VolumeHandle == fcd.VolumeHandle);
    }

    [SkippableTheory]
    [InlineData("a name", "LocalDS_0", true, null)]
    [InlineData("an inventory path", "/DC0/datastore/LocalDS_0", true, null)]
    [InlineData("a wildcard", "Local*", true, null)]
    [InlineData("a wildcard that matches none", "Remote*", false, null)]
    [InlineData("a name that matches none", "RemoteDS_0", false, "VsphereDatastoreNotFound")]
    public async Task First_class_disks_are_listed_from_the_datastores_a_name_path_or_wildcard_chooses(string given, string datastore, bool listed, string? error)
    {
        var (connection, _) = await ConnectAsync();
        var name = "pv-select-" + Guid.NewGuid().ToString("n")[..8];
        var host = new RecordingHost();
        var fcd = Assert.Single(await NewVsphereFcd.RunAsync(new NewVsphereFcdRequest { Connection = connection, Disks = new[] { new FcdSpec { Name = name, Capacity = "1Gi", Datastore = "LocalDS_0" } } }, new RecordingHost(), CancellationToken.None));

        var found = await GetVsphereFcd.RunAsync(new GetVsphereFcdRequest { Connection = connection, Names = new[] { name }, Datastores = new[] { datastore } }, host, CancellationToken.None);

        Assert.True(listed == found.Any(d => d.VolumeHandle == fcd.VolumeHandle), $"{given}: listed should be {listed}");
        Assert.Equal(error is null ? Array.Empty<string>() : new[] { error }, host.Errors.Where(e => e.ErrorId != "VsphereFcdNotFound").Select(e => e.ErrorId).ToArray());
    }

    [SkippableFact]
    public async Task Declining_an_FCD_creates_nothing_and_unknown_ids_are_errors()
    {
        var (connection, _) = await ConnectAsync();
        var whatIf = new RecordingHost { ShouldProcessAnswer = false };
        var lookup = new RecordingHost();

        var created = await NewVsphereFcd.RunAsync(new NewVsphereFcdRequest { Connection = connection, Disks = new[] { new FcdSpec { Name = "pv-whatif", Capacity = "1Gi", Datastore = "LocalDS_0" } } }, whatIf, CancellationToken.None);
        var found = await GetVsphereFcd.RunAsync(new GetVsphereFcdRequest { Connection = connection, Names = new[] { "pv-whatif" }, Ids = new[] { "00000000-0000-0000-0000-000000000000" } }, lookup, CancellationToken.None);

        Assert.Empty(created);
        Assert.Equal("pv-whatif on [LocalDS_0]", Assert.Single(whatIf.ShouldProcessCalls).Target);
        Assert.Empty(found);
        Assert.Equal(new[] { "VsphereFcdNotFound", "VsphereFcdNotFound" }, lookup.Errors.Select(e => e.ErrorId));
    }

    [SkippableFact]
    public async Task Datastores_report_type_url_capacity_and_hosts()
    {
        var (connection, directory) = await ConnectAsync();

        var datastore = Assert.Single(await GetVsphereDatastore.RunAsync(new GetVsphereDatastoreRequest { Connection = connection }, new RecordingHost(), CancellationToken.None));

        Assert.Equal(("LocalDS_0", "/DC0/datastore/LocalDS_0", "OTHER", "DC0", true), (datastore.Name, datastore.Path, datastore.Type, datastore.Datacenter, datastore.Accessible));
        Assert.True(Directory.Exists(directory)); // vcsim's URL is a local directory, not ds:///vmfs/volumes/…
        Assert.True(datastore.CapacityBytes > 0 && datastore.FreeSpaceBytes > 0 && datastore.FreeSpaceBytes <= datastore.CapacityBytes);
        Assert.NotEmpty(datastore.Hosts);
        Assert.Null(datastore.DatastoreCluster);
    }

    [SkippableFact]
    public async Task Storage_policies_list_the_datastores_they_can_place_volumes_on()
    {
        var (connection, directory) = await ConnectAsync();
        var host = new RecordingHost();

        var all = await GetVsphereStoragePolicy.RunAsync(new GetVsphereStoragePolicyRequest { Connection = connection }, host, CancellationToken.None);
        var vsan = await GetVsphereStoragePolicy.RunAsync(new GetVsphereStoragePolicyRequest { Connection = connection, Names = new[] { "vSAN*", "No such policy" } }, host, CancellationToken.None);

        Assert.Equal(new[] { "Host-local PMem Default Storage Policy", "VM Encryption Policy", "VVol No Requirements Policy", "vSAN Default Storage Policy" }, all.Select(p => p.Name));
        var policy = Assert.Single(vsan);
        Assert.Equal("aa6d5a82-1c88-45da-85d3-3d74b91a5bad", policy.Id);
        Assert.Equal(new[] { "LocalDS_0" }, policy.CompatibleDatastores); // vcsim does not filter: every datastore is compatible
        Assert.Equal(new[] { directory }, policy.CompatibleDatastoreUrls);
        Assert.Equal(("VsphereStoragePolicyNotFound", (object?)"No such policy"), (Assert.Single(host.Errors).ErrorId, host.Errors[0].Target));
    }

    [SkippableFact]
    public async Task A_first_class_disk_takes_a_policy_by_name_and_an_unknown_policy_is_refused()
    {
        var (connection, _) = await ConnectAsync();

        var fcd = Assert.Single(await NewVsphereFcd.RunAsync(new NewVsphereFcdRequest { Connection = connection, StoragePolicyName = "vSAN Default Storage Policy", Disks = new[] { new FcdSpec { Name = "pv-policy", Capacity = "1Gi", Datastore = "LocalDS_0" } } }, new RecordingHost(), CancellationToken.None));
        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => NewVsphereFcd.RunAsync(new NewVsphereFcdRequest { Connection = connection, StoragePolicyName = "gold", Disks = new[] { new FcdSpec { Name = "pv-gold", Capacity = "1Gi", Datastore = "LocalDS_0" } } }, new RecordingHost(), CancellationToken.None));

        Assert.Equal("pv-policy", fcd.Name);
        Assert.Equal(("VsphereStoragePolicyNotFound", "StoragePolicyName"), (error.ErrorId, error.ParameterName));
        Assert.Contains("vSAN Default Storage Policy", error.Message);
    }
}
