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
/// New-K8sStorageClass -Default and what the API server then does with claims that name no class. Where
/// v1.20 differs from current Kubernetes, the test's name says so and only that assertion depends on the version.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class DefaultStorageClassTests
{
    private readonly KubeControlPlane cluster;

    public DefaultStorageClassTests(KubeControlPlane cluster) => this.cluster = cluster;

    [SkippableFact]
    public async Task A_claim_without_a_class_gets_the_default_class_when_it_is_created()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "default");
        var sc = await Class(scratch, "vsphere-sc", makeDefault: true);

        var claim = await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = "vsphere-pvc", Namespace = scratch.Namespace, Capacity = "5Gi" }, scratch.Host, CancellationToken.None);
        var explicitNone = await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = "no-class", Namespace = scratch.Namespace, Capacity = "5Gi", StorageClassName = string.Empty }, scratch.Host, CancellationToken.None);

        Assert.True(sc.IsDefault);
        Assert.Equal(sc.Name, claim!.StorageClass);
        Assert.Equal(string.Empty, explicitNone!.StorageClass);
        Assert.Empty(scratch.Host.Warnings);
    }

    [SkippableFact]
    public async Task A_second_default_class_warns_and_v1_20_then_refuses_claims_without_a_class_where_1_26_picks_the_newest()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "two-defaults");
        var version = await scratch.Api.GetServerVersionAsync(CancellationToken.None);
        var first = await Class(scratch, "first", makeDefault: true);
        var second = await Class(scratch, "second", makeDefault: true);

        var warning = Assert.Single(scratch.Host.Warnings);
        Assert.Contains($"'{first.Name}' is already default", warning);
        Assert.Contains(version.ToString(), warning);

        var create = () => NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = "claim", Namespace = scratch.Namespace, Capacity = "1Gi" }, scratch.Host, CancellationToken.None);
        if (version.IsAtLeast(1, 26))
        {
            Assert.Equal(second.Name, (await create())!.StorageClass);
        }
        else
        {
            var refused = await Assert.ThrowsAsync<KubernetesApiException>(create);
            Assert.Contains("2 default StorageClasses were found", refused.ServerMessage);
            Assert.Equal(ErrorKind.PermissionDenied, refused.Kind); // the admission plugin answers 403 Forbidden
        }
    }

    [SkippableFact]
    public async Task A_claim_made_before_any_default_existed_keeps_no_class_on_v1_20_where_1_26_assigns_it_retroactively()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "retroactive");
        var version = await scratch.Api.GetServerVersionAsync(CancellationToken.None);
        await NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = "early", Namespace = scratch.Namespace, Capacity = "1Gi" }, scratch.Host, CancellationToken.None);
        var sc = await Class(scratch, "late", makeDefault: true);

        if (version.IsAtLeast(1, 26))
        {
            var assigned = await scratch.Api.WaitAsync(Resources.PersistentVolumeClaim, "early", scratch.Namespace, $"of class {sc.Name}",
                c => new WaitState(c?.Spec.StorageClassName == sc.Name, c?.Spec.StorageClassName ?? "no class"), System.TimeSpan.FromSeconds(60), scratch.Host, CancellationToken.None);
            Assert.Equal(sc.Name, assigned!.Spec.StorageClassName);
        }
        else
        {
            // Give the PV controller two of its resyncs (2 s each here) to prove it leaves the claim alone.
            await Task.Delay(5000);
            var claim = await scratch.Api.GetAsync(Resources.PersistentVolumeClaim, "early", scratch.Namespace, CancellationToken.None);
            Assert.Null(claim!.Spec.StorageClassName);
        }
    }

    [SkippableFact]
    public async Task ReadWriteOncePod_is_refused_by_v1_20_which_does_not_know_it()
    {
        cluster.Require();
        await using var scratch = await Scratch.CreateAsync(cluster, "rwop");
        var version = await scratch.Api.GetServerVersionAsync(CancellationToken.None);
        var create = () => NewK8sPersistentVolumeClaim.RunAsync(new NewK8sPersistentVolumeClaimRequest { Session = scratch.Session, Name = "single", Namespace = scratch.Namespace, Capacity = "1Gi", AccessModes = new[] { "ReadWriteOncePod" }, StorageClassName = string.Empty }, scratch.Host, CancellationToken.None);

        if (version.IsAtLeast(1, 22))
        {
            Assert.Equal(new[] { "ReadWriteOncePod" }, (await create())!.AccessModes);
        }
        else
        {
            var refused = await Assert.ThrowsAsync<KubernetesApiException>(create);
            Assert.Equal("KubernetesInvalid", refused.ErrorId);
            Assert.Contains(refused.Causes, c => c.Field == "spec.accessModes" && c.Message.Contains("ReadWriteOncePod"));
        }
    }

    private static async Task<StorageClassResult> Class(Scratch scratch, string suffix, bool makeDefault)
    {
        var name = scratch.Name(suffix);
        scratch.Owns(Resources.StorageClass, name);
        return (await NewK8sStorageClass.RunAsync(new NewK8sStorageClassRequest { Session = scratch.Session, Name = name, Default = makeDefault }, scratch.Host, CancellationToken.None))!;
    }
}
