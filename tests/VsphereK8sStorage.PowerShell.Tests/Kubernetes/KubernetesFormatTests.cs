using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.PowerShell.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.PowerShell.Tests.Kubernetes;

/// <summary>
/// module/VsphereK8sStorage.Kubernetes.Format.ps1xml as PowerShell renders it at 80, 120 and 250 columns: the
/// headers a user expects, one line per object, nothing wider than the console; Format-List shows everything.
/// </summary>
public sealed class KubernetesFormatTests : IClassFixture<ModuleSession>
{
    private readonly ModuleSession session;

    public KubernetesFormatTests(ModuleSession session) => this.session = session;

    public static TheoryData<int> Widths => new() { 80, 120, 250 };

    [SkippableTheory]
    [MemberData(nameof(Widths))]
    public void Each_result_is_one_table_line_with_its_headers(int width)
    {
        KubePeer.Require();
        var name = KubePeer.UniqueName("fmt");
        var variables = KubePeer.Variables(("name", name), ("width", width));
        KubePeer.Kubectl($"apiVersion: v1\nkind: Node\nmetadata:\n  name: {name}\n", "apply", "-f", "-");

        var volume = Lines(session.Run("New-K8sPersistentVolume -Kubeconfig $kubeconfig -Name $name -Capacity 2Gi -VolumePath \"[datastore1] volumes/$name.vmdk\" -StorageClassName $name | Out-String -Width $width", variables));
        var claim = Lines(session.Run("New-K8sPersistentVolumeClaim -Kubeconfig $kubeconfig -Name $name -Namespace default -Capacity 2Gi -StorageClassName $name | Out-String -Width $width", variables));
        var storageClass = Lines(session.Run("New-K8sStorageClass -Kubeconfig $kubeconfig -Name $name -StoragePolicyName 'vSAN Default Storage Policy' -VolumeBindingMode WaitForFirstConsumer | Out-String -Width $width", variables));
        var taint = Lines(session.Run("Add-K8sNodeTaint -Kubeconfig $kubeconfig -Node $name -Key node.cloudprovider.kubernetes.io/uninitialized -Value true -Effect NoSchedule | Out-String -Width $width", variables));

        Assert.Matches("^NAME +CAPACITY +MODES +RECLAIM +STATUS +RESULT +SOURCE$", volume[0]);
        Assert.Matches($"^{name} +2Gi +RWO +Retain +(Pending|Available) +Created +vsphereVolume", volume[2]); // Retain: the API server's default
        Assert.Matches("^NAME +STATUS +VOLUME +CAPACITY +MODES +RESULT +STORAGECLASS$", claim[0]);
        Assert.Matches($"^{name} +(Pending|Bound) .*Created +{name}", claim[2]);
        Assert.Matches("^NAME +PROVISIONER +RECLAIM +DEFAULT +RESULT +BINDING MODE$", storageClass[0]);
        Assert.Matches($"^{name} +csi.vsphere.vmware.com +Delete +False +Created +WaitFor", storageClass[2]);
        Assert.Matches("^NODE +RESULT +TAINT$", taint[0]);
        Assert.Matches($"^{name} +Added +node.cloudprovider.kubernetes.io/uninit", taint[2]);
        Assert.All(new[] { volume, claim, storageClass, taint }, table => Assert.Equal(3, table.Count));
        Assert.All(volume.Concat(claim).Concat(storageClass).Concat(taint), line => Assert.True(line.Length <= width, $"'{line}' is wider than {width}"));
    }

    [SkippableFact]
    public void The_Wide_view_and_Format_List_show_what_the_narrow_table_leaves_out()
    {
        KubePeer.Require();
        var name = KubePeer.UniqueName("wide");
        var variables = KubePeer.Variables(("name", name), ("width", 200));

        var wide = Lines(session.Run("New-K8sPersistentVolume -Kubeconfig $kubeconfig -Name $name -Capacity 2Gi -VolumePath '[datastore1] volumes/w.vmdk' -StorageClassName gold -Label @{ tier = 'gold' } | Format-Table -View Wide | Out-String -Width $width", variables));
        var list = Lines(session.Run("New-K8sPersistentVolume -Kubeconfig $kubeconfig -Name $name -Capacity 2Gi -VolumePath '[datastore1] volumes/w.vmdk' -StorageClassName gold -Label @{ tier = 'gold' } | Format-List | Out-String -Width $width", variables));

        Assert.Matches("^NAME +CAPACITY +ACCESS MODES +RECLAIM POLICY +STATUS +CLAIM +STORAGECLASS +RESULT +SOURCE$", wide[0]);
        Assert.Matches($"^{name} +2Gi +RWO .* gold +Created +vsphereVolume", wide[2]);
        Assert.Contains("Outcome       : Unchanged", list);
        Assert.Contains("StorageClass  : gold", list);
        Assert.Contains("Labels        : tier=gold", list);
        Assert.Contains("Source        : vsphereVolume [datastore1] volumes/w.vmdk", list);
    }


    private static List<string> Lines(PowerShellRun run) =>
        run.AssertSucceeded().Text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
}
