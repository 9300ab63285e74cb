namespace VsphereK8sStorage.Binding;

/// <summary>How the controller treats a class's provisioner (findProvisionablePlugin).</summary>
internal enum ProvisionerKind
{
    /// <summary>Not a <c>kubernetes.io/</c> name, or an in-tree name migrated to CSI: the controller posts ExternalProvisioning.</summary>
    External,

    /// <summary>An in-tree plugin of that release provisions; the result depends on the cloud, so the plan predicts no event.</summary>
    InTree,

    /// <summary>A <c>kubernetes.io/</c> name with no plugin (kubernetes.io/no-provisioner among them): ProvisioningFailed.</summary>
    NoPlugin,
}

/// <summary>
/// What differs between the Kubernetes releases the plan can model: the texts of the controller's
/// events and the few behaviours that changed. The plan models <see cref="Modelled"/> (current
/// Kubernetes) unless asked for another release; v1.20 is the oldest, and the one the project's
/// own control plane runs, so every difference from it is recorded here for a differential check.
/// </summary>
internal sealed class KubernetesRelease
{
    /// <summary>The release whose behaviour and texts the plan follows by default.</summary>
    public static readonly Version Modelled = new(1, 32);

    /// <summary>The oldest release the differences are recorded for.</summary>
    public static readonly Version Oldest = new(1, 20);

    private readonly Version version;

    public KubernetesRelease(Version? version) => this.version = version ?? Modelled;

    /// <summary>
    /// An existing claim without a class gets the default class once nothing without a class fits
    /// (RetroactiveDefaultStorageClass: beta and on by default in 1.26, GA in 1.28). v1.20 leaves the
    /// claim without a class and posts FailedBinding instead.
    /// </summary>
    public bool AssignsDefaultClassRetroactively => AtLeast(1, 26);

    /// <summary>
    /// volumeAttributesClassName takes part in matching since the field exists (1.29). In v1.20 the
    /// field does not exist: the API server drops it, so binding ignores it.
    /// </summary>
    public bool MatchesVolumeAttributesClass => AtLeast(1, 29);

    /// <summary>
    /// The ExternalProvisioning message. Kubernetes 1.28 reworded it (kubernetes/kubernetes#118262);
    /// v1.20 says "waiting for a volume to be created, either by external provisioner "x" or manually
    /// created by system administrator".
    /// </summary>
    public string ExternalProvisioningMessage(string provisioner) => AtLeast(1, 28)
        ? $"Waiting for a volume to be created either by the external provisioner '{provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."
        : $"waiting for a volume to be created, either by external provisioner \"{provisioner}\" or manually created by system administrator";

    /// <summary>
    /// findProvisionablePlugin: names outside <c>kubernetes.io/</c> are external; an in-tree name is
    /// external under its CSI driver's name once its CSI migration is on, an in-tree provisioner until
    /// its plugin is removed, and after that (or when no plugin had the name) "no volume plugin matched".
    /// </summary>
    public ProvisionerKind Classify(string provisioner, out string effectiveName)
    {
        effectiveName = provisioner;
        if (!provisioner.StartsWith(InTreePrefix, StringComparison.Ordinal))
        {
            return ProvisionerKind.External;
        }

        if (!InTreeProvisioners.TryGetValue(provisioner.Substring(InTreePrefix.Length), out var plugin))
        {
            return ProvisionerKind.NoPlugin;
        }

        if (plugin.CsiDriver is not null && AtLeast(plugin.MigratedIn!))
        {
            effectiveName = plugin.CsiDriver;
            return ProvisionerKind.External;
        }

        return plugin.RemovedIn is not null && AtLeast(plugin.RemovedIn) ? ProvisionerKind.NoPlugin : ProvisionerKind.InTree;
    }

    private const string InTreePrefix = "kubernetes.io/";

    /// <summary>
    /// In-tree provisioners: the CSI driver migration hands them to and the release where migration
    /// is on by default, and the release that removed the plugin. Only v1.20 and the modelled release
    /// are checked against the real controller; other releases follow the release notes.
    /// </summary>
    private static readonly Dictionary<string, (string? CsiDriver, Version? MigratedIn, Version? RemovedIn)> InTreeProvisioners = new(StringComparer.Ordinal)
    {
        ["aws-ebs"] = ("ebs.csi.aws.com", new Version(1, 23), new Version(1, 27)),
        ["gce-pd"] = ("pd.csi.storage.gke.io", new Version(1, 23), new Version(1, 28)),
        ["azure-disk"] = ("disk.csi.azure.com", new Version(1, 23), new Version(1, 27)),
        ["azure-file"] = ("file.csi.azure.com", new Version(1, 24), new Version(1, 30)),
        ["cinder"] = ("cinder.csi.openstack.org", new Version(1, 21), new Version(1, 26)),
        ["vsphere-volume"] = ("csi.vsphere.vmware.com", new Version(1, 25), new Version(1, 30)),
        ["portworx-volume"] = ("pxd.portworx.com", new Version(1, 31), null),
        ["rbd"] = (null, null, new Version(1, 31)),
        ["glusterfs"] = (null, null, new Version(1, 26)),
        ["quobyte"] = (null, null, new Version(1, 25)),
        ["storageos"] = (null, null, new Version(1, 25)),
        ["scaleio"] = (null, null, new Version(1, 22)),
        ["host-path"] = (null, null, null),
    };

    private bool AtLeast(int major, int minor) => version.Major > major || (version.Major == major && version.Minor >= minor);

    private bool AtLeast(Version release) => AtLeast(release.Major, release.Minor);
}
