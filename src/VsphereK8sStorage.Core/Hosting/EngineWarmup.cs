using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Operations.Kubernetes;

namespace VsphereK8sStorage.Hosting;

/// <summary>
/// Plans a few manifests held in memory, so that a PowerShell session's first command finds the engine, YamlDotNet,
/// the reader and the planner loaded and compiled. The module's assemblies are precompiled, but pwsh still compiles
/// at first use the framework's generic code over the engine's types, and YamlDotNet's parser compiles a regular
/// expression. The module runs this on a thread-pool thread as it is imported, so that work is done on another core
/// while PowerShell finishes the import and binds the first command's parameters. It plans first and reads second:
/// a first command that starts meanwhile reads its files, compiling the reader on its own core, and finds the
/// planner compiled when it gets there (on two cores, the two would otherwise compile the same methods in turn).
/// It writes nothing and touches no file, cluster or server.
/// </summary>
public static class EngineWarmup
{
    // A default class, a static volume that a claim binds, a claim left to a provisioner and one that waits: the
    // paths a first Get-PvcBinding takes.
    internal const string Manifests = """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata:
          name: warm
          annotations:
            storageclass.kubernetes.io/is-default-class: "true"
        provisioner: csi.vsphere.vmware.com
        volumeBindingMode: WaitForFirstConsumer
        ---
        apiVersion: v1
        kind: PersistentVolume
        metadata:
          name: warm-pv
        spec:
          capacity:
            storage: 2Gi
          accessModes: [ReadWriteOnce]
          storageClassName: ""
          csi:
            driver: csi.vsphere.vmware.com
            volumeHandle: warm
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: warm-static
          namespace: default
        spec:
          storageClassName: ""
          accessModes: [ReadWriteOnce]
          resources:
            requests:
              storage: 1Gi
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: warm-dynamic
        spec:
          accessModes: [ReadWriteOnce]
          resources:
            requests:
              storage: 1Gi
        """;

    /// <summary>Plans the manifests and returns how many claims it planned; 0 when it failed, which only leaves the first command as slow as before.</summary>
    public static int Run()
    {
        try
        {
            BindingPlanner.Plan(Snapshot());
            var request = new GetPvcBindingRequest
            {
                Source = ClusterSourceSpec.Manifests(new[] { ManifestSourceSpec.StandardInputPath }, standardInput: () => new StringReader(Manifests)),
            };
            var result = GetPvcBinding.RunAsync(request, SilentHost.Instance, CancellationToken.None).GetAwaiter().GetResult();
            return result.InputFailure is null ? result.Plan.Claims.Count : 0;
        }
        catch (Exception)
        {
            // A warm-up that fails must not reach the session: the command it prepared reports its own errors.
            return 0;
        }
    }

    /// <summary>The objects of <see cref="Manifests"/>, made here rather than read, for the planner's turn.</summary>
    internal static ClusterSnapshot Snapshot()
    {
        var storageClass = new StorageClass
        {
            Metadata = new ObjectMeta { Name = "warm", Annotations = new Dictionary<string, string> { [WellKnown.DefaultClassAnnotation] = "true" } },
            Provisioner = "csi.vsphere.vmware.com",
            VolumeBindingMode = VolumeBindingMode.WaitForFirstConsumer,
        };
        var volume = new PersistentVolume
        {
            Metadata = new ObjectMeta { Name = "warm-pv" },
            Capacity = Quantity.Parse("2Gi"),
            AccessModes = AccessModes.ReadWriteOnce,
            StorageClassName = string.Empty,
            Source = new VolumeSource("csi", "warm"),
        };
        PersistentVolumeClaim Claim(string name, string? storageClass) => new()
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            AccessModes = AccessModes.ReadWriteOnce,
            Request = Quantity.Parse("1Gi"),
            StorageClassName = storageClass,
        };
        return new ClusterSnapshot(new[] { volume }, new[] { Claim("warm-static", string.Empty), Claim("warm-dynamic", null) }, new[] { storageClass }, Array.Empty<Node>());
    }
}
