namespace VsphereK8sStorage.Kubernetes;

/// <summary>Annotation and label keys whose meaning the PV controller and the scheduler define.</summary>
public static class WellKnown
{
    /// <summary>Set on a claim once the controller has finished binding it.</summary>
    public const string BindCompletedAnnotation = "pv.kubernetes.io/bind-completed";

    /// <summary>Set when the controller (not the user) wrote the binding.</summary>
    public const string BoundByControllerAnnotation = "pv.kubernetes.io/bound-by-controller";

    /// <summary>The scheduler's choice of node for a WaitForFirstConsumer claim.</summary>
    public const string SelectedNodeAnnotation = "volume.kubernetes.io/selected-node";

    /// <summary>Deprecated class annotation; when present it wins over spec.storageClassName.</summary>
    public const string BetaStorageClassAnnotation = "volume.beta.kubernetes.io/storage-class";

    public const string DefaultClassAnnotation = "storageclass.kubernetes.io/is-default-class";

    public const string BetaDefaultClassAnnotation = "storageclass.beta.kubernetes.io/is-default-class";

    /// <summary>The provisioner name of classes whose volumes are only ever created by hand.</summary>
    public const string NoProvisioner = "kubernetes.io/no-provisioner";

    public const string HostnameLabel = "kubernetes.io/hostname";

    public const string VsphereCsiDriver = "csi.vsphere.vmware.com";
}
