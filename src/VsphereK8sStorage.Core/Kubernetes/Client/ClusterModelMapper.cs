using k8s.Models;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>
/// KubernetesClient's objects as the binding engine's model: the same fields the manifest reader takes
/// from YAML, read the same way (a test plans both from one cluster and compares). The API server has
/// validated these objects already, so nothing is checked here; values the model has no name for (an
/// unknown phase) are left unset, as the reader leaves them.
/// </summary>
internal static class ClusterModelMapper
{
    public static PersistentVolume Volume(V1PersistentVolume volume)
    {
        var spec = volume.Spec ?? new V1PersistentVolumeSpec();
        return new PersistentVolume
        {
            Metadata = Meta(volume.Metadata, namespaced: false),
            Capacity = Storage(spec.Capacity),
            AccessModes = Modes(spec.AccessModes),
            ClaimRef = spec.ClaimRef is { } claimRef ? new ClaimReference(claimRef.NamespaceProperty ?? string.Empty, claimRef.Name ?? string.Empty, claimRef.Uid) : null,
            StorageClassName = spec.StorageClassName,
            VolumeMode = Parse<VolumeMode>(spec.VolumeMode),
            VolumeAttributesClassName = spec.VolumeAttributesClassName,
            NodeAffinity = spec.NodeAffinity?.Required is { } required
                ? new NodeSelector((required.NodeSelectorTerms ?? new List<V1NodeSelectorTerm>()).Select(t => new NodeSelectorTerm(Requirements(t.MatchExpressions), Requirements(t.MatchFields))).ToList())
                : null,
            ReclaimPolicy = spec.PersistentVolumeReclaimPolicy,
            MountOptions = spec.MountOptions?.ToList() ?? (IReadOnlyList<string>)Array.Empty<string>(),
            Source = Source(spec),
            Phase = Parse<VolumePhase>(volume.Status?.Phase),
        };
    }

    public static PersistentVolumeClaim Claim(V1PersistentVolumeClaim claim)
    {
        var spec = claim.Spec ?? new V1PersistentVolumeClaimSpec();
        var dataSource = spec.DataSourceRef is { } reference
            ? new TypedReference(reference.ApiGroup, reference.Kind, reference.Name)
            : spec.DataSource is { } source ? new TypedReference(source.ApiGroup, source.Kind, source.Name) : null;
        return new PersistentVolumeClaim
        {
            Metadata = Meta(claim.Metadata, namespaced: true),
            AccessModes = Modes(spec.AccessModes),
            Request = Storage(spec.Resources?.Requests),
            Selector = spec.Selector is { } selector
                ? new LabelSelector((selector.MatchLabels ?? new Dictionary<string, string>())
                    .Select(l => new SelectorRequirement(l.Key, SelectorOperator.In, new[] { l.Value }))
                    .Concat((selector.MatchExpressions ?? new List<V1LabelSelectorRequirement>()).Select(e => Requirement(e.Key, e.OperatorProperty, e.Values)))
                    .ToList())
                : null,
            StorageClassName = spec.StorageClassName,
            VolumeMode = Parse<VolumeMode>(spec.VolumeMode),
            VolumeName = spec.VolumeName,
            VolumeAttributesClassName = spec.VolumeAttributesClassName,
            DataSource = dataSource,
            Phase = Parse<ClaimPhase>(claim.Status?.Phase),
        };
    }

    public static StorageClass Class(V1StorageClass storageClass) => new()
    {
        Metadata = Meta(storageClass.Metadata, namespaced: false),
        Provisioner = storageClass.Provisioner ?? string.Empty,
        VolumeBindingMode = Parse<VolumeBindingMode>(storageClass.VolumeBindingMode) ?? VolumeBindingMode.Immediate,
        ReclaimPolicy = storageClass.ReclaimPolicy,
        AllowVolumeExpansion = storageClass.AllowVolumeExpansion,
        Parameters = Copy(storageClass.Parameters),
        AllowedTopologies = storageClass.AllowedTopologies?
            .Select(t => new NodeSelectorTerm(
                (t.MatchLabelExpressions ?? new List<V1TopologySelectorLabelRequirement>()).Select(e => new SelectorRequirement(e.Key, SelectorOperator.In, e.Values?.ToList() ?? new List<string>())).ToList(),
                Array.Empty<SelectorRequirement>()))
            .ToList(),
    };

    /// <summary>The volume source in one line, as the binding engine's model names it.</summary>
    public static VolumeSource? Source(V1PersistentVolumeSpec spec) => spec switch
    {
        { VsphereVolume: { } v } => new VolumeSource("vsphereVolume", v.VolumePath),
        { Csi: { } c } => new VolumeSource("csi", $"{c.Driver} {c.VolumeHandle}"),
        { HostPath: { } h } => new VolumeSource("hostPath", h.Path),
        { Local: { } l } => new VolumeSource("local", l.Path),
        { Nfs: { } n } => new VolumeSource("nfs", $"{n.Server}:{n.Path}"),
        { AwsElasticBlockStore: { } a } => new VolumeSource("awsElasticBlockStore", a.VolumeID),
        { AzureDisk: { } a } => new VolumeSource("azureDisk", a.DiskName),
        { AzureFile: { } a } => new VolumeSource("azureFile", a.ShareName),
        { Cephfs: { } c } => new VolumeSource("cephfs", c.Path),
        { Cinder: { } c } => new VolumeSource("cinder", c.VolumeID),
        { Fc: not null } => new VolumeSource("fc", null),
        { FlexVolume: { } f } => new VolumeSource("flexVolume", f.Driver),
        { Flocker: { } f } => new VolumeSource("flocker", f.DatasetName),
        { GcePersistentDisk: { } g } => new VolumeSource("gcePersistentDisk", g.PdName),
        { Glusterfs: { } g } => new VolumeSource("glusterfs", g.Path),
        { Iscsi: { } i } => new VolumeSource("iscsi", i.Iqn),
        { PhotonPersistentDisk: { } p } => new VolumeSource("photonPersistentDisk", p.PdID),
        { PortworxVolume: { } p } => new VolumeSource("portworxVolume", p.VolumeID),
        { Quobyte: { } q } => new VolumeSource("quobyte", q.Volume),
        { Rbd: { } r } => new VolumeSource("rbd", r.Image),
        { ScaleIO: { } s } => new VolumeSource("scaleIO", s.VolumeName),
        { Storageos: { } s } => new VolumeSource("storageos", s.VolumeName),
        _ => null,
    };

    /// <summary>A StatefulSet's claim templates and what names and labels its claims; each template planned as a claim would be.</summary>
    public static StatefulSet StatefulSet(V1StatefulSet set)
    {
        var meta = Meta(set.Metadata, namespaced: true);
        var spec = set.Spec ?? new V1StatefulSetSpec();
        return new StatefulSet
        {
            Metadata = meta,
            Replicas = spec.Replicas,
            OrdinalStart = spec.Ordinals?.Start ?? 0,
            SelectorLabels = Copy(spec.Selector?.MatchLabels),
            ClaimTemplates = (spec.VolumeClaimTemplates ?? new List<V1PersistentVolumeClaim>())
                .Select(t => Claim(t))
                .Select(claim => new ClaimTemplate(claim with { Metadata = claim.Metadata with { Namespace = meta.Namespace, Uid = null } }))
                .ToList(),
        };
    }

    public static Node Node(V1Node node) => new() { Metadata = Meta(node.Metadata, namespaced: false) };

    private static ObjectMeta Meta(V1ObjectMeta? metadata, bool namespaced) => new()
    {
        Name = metadata?.Name ?? string.Empty,
        Namespace = namespaced ? metadata?.NamespaceProperty ?? "default" : null,
        Uid = metadata?.Uid,
        CreationTimestamp = Time(metadata?.CreationTimestamp),
        DeletionTimestamp = Time(metadata?.DeletionTimestamp),
        Labels = Copy(metadata?.Labels),
        Annotations = Copy(metadata?.Annotations),
    };

    private static DateTimeOffset? Time(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    private static IReadOnlyDictionary<string, string> Copy(IDictionary<string, string>? entries) =>
        entries is null || entries.Count == 0 ? ObjectMeta.NoEntries : new Dictionary<string, string>(entries, StringComparer.Ordinal);

    private static Quantity Storage(IDictionary<string, ResourceQuantity>? resources) =>
        resources is not null && resources.TryGetValue("storage", out var storage) && Quantity.TryParse(storage?.ToString(), out var quantity, out _)
            ? quantity
            : default;

    private static AccessModes Modes(IEnumerable<string>? names)
    {
        var modes = AccessModes.None;
        foreach (var name in names ?? Enumerable.Empty<string>())
        {
            if (AccessModeNames.TryParse(name, out var mode))
            {
                modes |= mode;
            }
        }

        return modes;
    }

    private static IReadOnlyList<SelectorRequirement> Requirements(IList<V1NodeSelectorRequirement>? requirements) =>
        (requirements ?? new List<V1NodeSelectorRequirement>()).Select(r => Requirement(r.Key, r.OperatorProperty, r.Values)).ToList();

    private static SelectorRequirement Requirement(string key, string op, IList<string>? values) =>
        new(key, Parse<SelectorOperator>(op) ?? SelectorOperator.In, values?.ToList() ?? (IReadOnlyList<string>)Array.Empty<string>());

    private static T? Parse<T>(string? text)
        where T : struct, Enum =>
        text is not null && Enum.TryParse<T>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) ? value : null;
}
