using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Presentation;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Threading;
using VsphereK8sStorage.Vsphere;
using VsphereK8sStorage.Vsphere.Inventory;
using VsphereK8sStorage.Vsphere.Methods;
using VsphereK8sStorage.Vsphere.Objects;
using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Operations.Vsphere;

/// <summary>Test-DiskUuid: whether disk.enableUUID is on for the selected VMs (one read, changes nothing).</summary>
public static class TestDiskUuid
{
    public static async Task<IReadOnlyList<DiskUuidResult>> RunAsync(DiskUuidRequest request, IOperationHost host, CancellationToken ct)
    {
        var (vms, _) = await EnableDiskUuid.ReadSelectionAsync(request, host, ct).ConfigureAwait(false);
        return vms.Select(vm => EnableDiskUuid.Result(vm, changed: false)).ToList();
    }
}
