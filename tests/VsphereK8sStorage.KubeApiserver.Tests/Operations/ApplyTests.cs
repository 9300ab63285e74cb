using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.KubeApiserver.Tests.TestSupport;
using VsphereK8sStorage.Tests.TestSupport;
using VsphereK8sStorage.Operations.Kubernetes;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.KubeApiserver.Tests.Operations;

/// <summary>
/// What re-running a New-K8s* command does: the same input changes nothing (no write, same resourceVersion);
/// a mutable change is Configured; an immutable one fails naming the field; fields another manager owns
/// fail until -Force; and bad input is refused before any request.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class ApplyTests
{
    private readonly KubeControlPlane cluster;

    public ApplyTests(KubeControlPlane cluster) => this.cluster = cluster;

    [SkippableFact]
    public async Task Re_running_each_New_K8s_command_with_the_same_input_changes_nothing()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "rerun");
        var pv = Volume(scratch, "rerun");
        var pvc = new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = "claim", Namespace = scratch.Namespace, Capacity = "1Gi", StorageClassName = scratch.Name("unmatched") }; // a class no volume has, so nothing binds in between
        var sc = new NewK8sStorageClassRequest { Session = scratch.Session, Name = scratch.Name("sc"), StoragePolicyName = "vSAN Default Storage Policy", ReclaimPolicy = "Retain" };
        scratch.Owns(Resources.PersistentVolume, pv.Name);
        scratch.Owns(Resources.StorageClass, sc.Name);

        var first = new KubernetesObjectResult?[]
        {
            await NewK8sPersistentVolume.RunAsync(pv, scratch.Host, CancellationToken.None),
            await NewK8sPersistentVolumeClaim.RunAsync(pvc, scratch.Host, CancellationToken.None),
            await NewK8sStorageClass.RunAsync(sc, scratch.Host, CancellationToken.None),
        };
        await scratch.WaitAvailableAsync(pv.Name);
        var versions = await ResourceVersions(scratch, pv.Name, sc.Name);
        scratch.Host.ShouldProcessCalls.Clear();
        var second = new KubernetesObjectResult?[]
        {
            await NewK8sPersistentVolume.RunAsync(pv, scratch.Host, CancellationToken.None),
            await NewK8sPersistentVolumeClaim.RunAsync(pvc, scratch.Host, CancellationToken.None),
            await NewK8sStorageClass.RunAsync(sc, scratch.Host, CancellationToken.None),
        };

        Assert.All(first, r => Assert.Equal(ApplyOutcome.Created, r!.Outcome));
        Assert.All(second, r => Assert.Equal(ApplyOutcome.Unchanged, r!.Outcome));
        Assert.Empty(scratch.Host.ShouldProcessCalls);
        Assert.Equal(versions, await ResourceVersions(scratch, pv.Name, sc.Name));
    }

    [SkippableFact]
    public async Task A_claim_without_a_class_created_while_a_default_class_exists_can_be_re_run()
    {
        // The DefaultStorageClass admission plugin writes storageClassName at creation, in our apply: a re-run that
        // does not say it must not try to take it away again (the claim's spec cannot change).
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "default-rerun");
        var sc = new NewK8sStorageClassRequest { Session = scratch.Session, Name = scratch.Name("default"), Default = true };
        scratch.Owns(Resources.StorageClass, sc.Name);
        await NewK8sStorageClass.RunAsync(sc, scratch.Host, CancellationToken.None);
        var pvc = new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = "claim", Namespace = scratch.Namespace, Capacity = "1Gi" };

        var first = await NewK8sPersistentVolumeClaim.RunAsync(pvc, scratch.Host, CancellationToken.None);
        var second = await NewK8sPersistentVolumeClaim.RunAsync(pvc, scratch.Host, CancellationToken.None);

        Assert.Equal(sc.Name, first!.StorageClass);
        Assert.Equal(ApplyOutcome.Unchanged, second!.Outcome);
        Assert.Equal(sc.Name, second.StorageClass);
    }

    [SkippableFact]
    public async Task A_mutable_change_is_Configured_and_asks_ShouldProcess_naming_the_fields()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "mutable");
        var pv = Volume(scratch, "grow");
        scratch.Owns(Resources.PersistentVolume, pv.Name);
        await NewK8sPersistentVolume.RunAsync(pv, scratch.Host, CancellationToken.None);
        await scratch.WaitAvailableAsync(pv.Name);
        scratch.Host.ShouldProcessCalls.Clear();

        var grown = await NewK8sPersistentVolume.RunAsync(pv with { Capacity = "3Gi", Labels = new Dictionary<string, string> { ["tier"] = "gold" } }, scratch.Host, CancellationToken.None);

        Assert.Equal(ApplyOutcome.Configured, grown!.Outcome);
        Assert.Equal("3Gi", grown.Capacity);
        var (target, action) = Assert.Single(scratch.Host.ShouldProcessCalls);
        Assert.Equal($"PersistentVolume {pv.Name}", target);
        Assert.Contains("spec.capacity.storage", action);
        Assert.Contains("metadata.labels.tier", action);
    }

    public static TheoryData<string, string> ImmutableChanges => new()
    {
        { "PersistentVolume volumePath", "spec.vsphereVolume.volumePath" },
        { "PersistentVolume source kind", "spec.csi" },
        { "PersistentVolumeClaim storageClassName", "spec.storageClassName" },
        { "StorageClass parameters", "parameters.storagepolicyname" },
        { "StorageClass reclaimPolicy", "reclaimPolicy" },
    };

    [SkippableTheory]
    [MemberData(nameof(ImmutableChanges))]
    public async Task Changing_an_immutable_field_fails_naming_the_field_and_changes_nothing(string change, string field)
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "immutable");
        Func<Task> second;
        switch (change)
        {
            case "PersistentVolume volumePath":
            case "PersistentVolume source kind":
                var pv = Volume(scratch, "fixed");
                scratch.Owns(Resources.PersistentVolume, pv.Name);
                await NewK8sPersistentVolume.RunAsync(pv, scratch.Host, CancellationToken.None);
                second = () => NewK8sPersistentVolume.RunAsync(
                    change.EndsWith("volumePath") ? pv with { VolumePath = "[datastore2] volumes/other.vmdk" } : pv with { VolumePath = null, VolumeHandle = "0c75d40e-7576-4fe7-8aaa-a92946e2805d" },
                    scratch.Host,
                    CancellationToken.None);
                break;
            case "PersistentVolumeClaim storageClassName":
                var pvc = new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = "claim", Namespace = scratch.Namespace, Capacity = "1Gi", StorageClassName = "gold" };
                await NewK8sPersistentVolumeClaim.RunAsync(pvc, scratch.Host, CancellationToken.None);
                second = () => NewK8sPersistentVolumeClaim.RunAsync(pvc with { StorageClassName = "silver" }, scratch.Host, CancellationToken.None);
                break;
            default:
                var sc = new NewK8sStorageClassRequest { Session = scratch.Session, Name = scratch.Name("sc"), StoragePolicyName = "gold", ReclaimPolicy = "Delete" };
                scratch.Owns(Resources.StorageClass, sc.Name);
                await NewK8sStorageClass.RunAsync(sc, scratch.Host, CancellationToken.None);
                second = () => NewK8sStorageClass.RunAsync(change.EndsWith("parameters") ? sc with { StoragePolicyName = "silver" } : sc with { ReclaimPolicy = "Retain" }, scratch.Host, CancellationToken.None);
                break;
        }

        scratch.Host.ShouldProcessCalls.Clear();
        var error = await Assert.ThrowsAnyAsync<VsphereK8sException>(second);

        Assert.Equal("KubernetesFieldImmutable", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidOperation, error.Kind);
        Assert.Contains(field, error.Message);
        Assert.Contains("Delete it first", error.Message);
        Assert.Empty(scratch.Host.ShouldProcessCalls); // refused by the dry run, before asking
    }

    [SkippableFact]
    public async Task Fields_kubectl_set_to_other_values_conflict_naming_the_manager_until_Force()
    {
        cluster.RequireKubectl();
        await using var scratch = await Scratch.CreateAsync(cluster, "conflict");
        var name = scratch.Name("kubectl");
        scratch.Owns(Resources.PersistentVolume, name);
        var (exit, _, stderr) = await cluster.KubectlAsync(Manifest(name, "2Gi"), "create", "-f", "-");
        Assert.True(exit == 0, stderr);
        var pv = Volume(scratch, "kubectl") with { Capacity = "5Gi" };

        var conflict = await Assert.ThrowsAnyAsync<VsphereK8sException>(() => NewK8sPersistentVolume.RunAsync(pv, scratch.Host, CancellationToken.None));
        var forced = await NewK8sPersistentVolume.RunAsync(pv with { Force = true }, scratch.Host, CancellationToken.None);

        Assert.Equal("KubernetesFieldConflict", conflict.ErrorId);
        Assert.Contains("spec.capacity.storage (is \"2Gi\", set by kubectl-create)", conflict.Message);
        Assert.Contains("-Force", conflict.Message);
        Assert.Equal(ApplyOutcome.Configured, forced!.Outcome);
        Assert.Equal("5Gi", forced.Capacity);
    }

    [SkippableFact]
    public async Task An_object_kubectl_created_with_the_same_values_is_Unchanged()
    {
        // The walkthrough's own step: kubectl create -f vsphere-volume-pv.yaml, then the cmdlet with the same values.
        cluster.RequireKubectl();
        await using var scratch = await Scratch.CreateAsync(cluster, "same");
        var name = scratch.Name("kubectl");
        scratch.Owns(Resources.PersistentVolume, name);
        var (exit, _, stderr) = await cluster.KubectlAsync(Manifest(name, "2Gi"), "create", "-f", "-");
        Assert.True(exit == 0, stderr);
        await scratch.WaitAvailableAsync(name);

        var result = await NewK8sPersistentVolume.RunAsync(Volume(scratch, "kubectl"), scratch.Host, CancellationToken.None);

        Assert.Equal(ApplyOutcome.Unchanged, result!.Outcome);
    }

    [SkippableFact]
    public async Task Server_side_apply_records_our_field_manager_on_v1_20_where_it_is_beta()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "manager");
        var pv = Volume(scratch, "managed");
        scratch.Owns(Resources.PersistentVolume, pv.Name);

        await NewK8sPersistentVolume.RunAsync(pv, scratch.Host, CancellationToken.None);
        var stored = await scratch.Api.GetAsync(Resources.PersistentVolume, pv.Name, null, CancellationToken.None);

        Assert.Contains(stored!.Metadata.ManagedFields, m => m.Manager == KubernetesApi.FieldManager && m.Operation == "Apply");
    }

    [SkippableFact]
    public async Task Bad_input_is_refused_before_any_request()
    {
        cluster.Require();

        // A session that would fail on any request: the errors below can only come from validation.
        using var nowhere = new KubernetesSession(KubernetesConnection.From("/nonexistent/kubeconfig", null));
        var host = new VsphereK8sStorage.Tests.TestSupport.RecordingHost();
        var cases = new (Func<Task> Run, string ErrorId, string Words)[]
        {
            (() => NewK8sPersistentVolume.RunAsync(new NewK8sPersistentVolumeRequest { Session = nowhere, Name = "PV_1", Capacity = "1Gi", VolumePath = "[ds] a.vmdk" }, host, CancellationToken.None), "InvalidName", "'PV_1'"),
            (() => NewK8sPersistentVolume.RunAsync(new NewK8sPersistentVolumeRequest { Session = nowhere, Name = "pv", Capacity = "5GB", VolumePath = "[ds] a.vmdk" }, host, CancellationToken.None), "InvalidCapacity", "'5GB'"),
            (() => NewK8sPersistentVolume.RunAsync(new NewK8sPersistentVolumeRequest { Session = nowhere, Name = "pv", Capacity = "1Gi", AccessModes = new[] { "ReadWriteOMany" }, VolumePath = "[ds] a.vmdk" }, host, CancellationToken.None), "InvalidAccessMode", "did you mean 'ReadWriteMany'?"),
            (() => NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest { Session = nowhere, Name = "c", Capacity = "1Gi", Selector = "tier in (gold" }, host, CancellationToken.None), "InvalidSelector", "tier in (gold"),
            (() => NewK8sStorageClass.RunAsync(new NewK8sStorageClassRequest { Session = nowhere, Name = "sc", Labels = new Dictionary<string, string> { ["bad key!"] = "x" } }, host, CancellationToken.None), "InvalidLabel", "bad key!"),
        };

        foreach (var (run, errorId, words) in cases)
        {
            var error = await Assert.ThrowsAsync<InvalidParameterException>(run);
            Assert.Equal(errorId, error.ErrorId);
            Assert.Contains(words, error.Message);
        }

        Assert.Null(nowhere.Endpoint);
    }

    private static NewK8sPersistentVolumeRequest Volume(Scratch scratch, string suffix) => new()
    {
        Session = scratch.Session,
        Name = scratch.Name(suffix),
        Capacity = "2Gi",
        AccessModes = new[] { "ReadWriteOnce" },
        ReclaimPolicy = "Retain",
        StorageClassName = scratch.Name("none"),
        VolumePath = "[datastore1] volumes/myDisk",
        FsType = "ext4",
    };

    private static string Manifest(string name, string capacity) => $"""
        apiVersion: v1
        kind: PersistentVolume
        metadata:
          name: {name}
        spec:
          capacity:
            storage: {capacity}
          accessModes:
          - ReadWriteOnce
          persistentVolumeReclaimPolicy: Retain
          storageClassName: {name.Substring(0, name.LastIndexOf('-'))}-none
          vsphereVolume:
            volumePath: "[datastore1] volumes/myDisk"
            fsType: ext4
        """;

    private static async Task<string[]> ResourceVersions(Scratch scratch, string pv, string sc) => new[]
    {
        (await scratch.Api.GetAsync(Resources.PersistentVolume, pv, null, CancellationToken.None))!.Metadata.ResourceVersion,
        (await scratch.Api.GetAsync(Resources.PersistentVolumeClaim, "claim", scratch.Namespace, CancellationToken.None))!.Metadata.ResourceVersion,
        (await scratch.Api.GetAsync(Resources.StorageClass, sc, null, CancellationToken.None))!.Metadata.ResourceVersion,
    };
}
