namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>A PersistentVolume, checked as ValidatePersistentVolumeSpec checks it.</summary>
internal static class VolumeDecoder
{
    private static readonly string[] ReclaimPolicies = { "Delete", "Recycle", "Retain" };
    private static readonly string[] VolumeModes = { "Block", "Filesystem" };
    private static readonly string[] HostPathTypes = { string.Empty, "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice" };

    /// <summary>
    /// The volume types in the order upstream counts them (the first one present is validated, each
    /// later one is "may not specify more than 1 volume type"), the path segment upstream reports
    /// under (gcePersistentDisk and cephfs are reported under other names there), and required fields.
    /// </summary>
    private static readonly (string Key, string ForbiddenPath, string ValidationPath, string[] Required)[] Sources =
    {
        ("hostPath", "spec.hostPath", "spec.hostPath", new[] { "path" }),
        ("gcePersistentDisk", "spec.gcePersistentDisk", "spec.persistentDisk", new[] { "pdName" }),
        ("awsElasticBlockStore", "spec.awsElasticBlockStore", "spec.awsElasticBlockStore", new[] { "volumeID" }),
        ("glusterfs", "spec.glusterfs", "spec.glusterfs", new[] { "endpoints", "path" }),
        ("flocker", "spec.flocker", "spec.flocker", Array.Empty<string>()),
        ("nfs", "spec.nfs", "spec.nfs", new[] { "server", "path" }),
        ("rbd", "spec.rbd", "spec.rbd", new[] { "monitors", "image" }),
        ("quobyte", "spec.quobyte", "spec.quobyte", new[] { "registry", "volume" }),
        ("cephfs", "spec.cephFS", "spec.cephfs", new[] { "monitors" }),
        ("iscsi", "spec.iscsi", "spec.iscsi", new[] { "targetPortal", "iqn" }),
        ("cinder", "spec.cinder", "spec.cinder", new[] { "volumeID" }),
        ("fc", "spec.fc", "spec.fc", Array.Empty<string>()),
        ("flexVolume", "spec.flexVolume", "spec.flexVolume", new[] { "driver" }),
        ("azureFile", "spec.azureFile", "spec.azureFile", new[] { "secretName", "shareName" }),
        ("vsphereVolume", "spec.vsphereVolume", "spec.vsphereVolume", new[] { "volumePath" }),
        ("photonPersistentDisk", "spec.photonPersistentDisk", "spec.photonPersistentDisk", new[] { "pdID" }),
        ("portworxVolume", "spec.portworxVolume", "spec.portworxVolume", new[] { "volumeID" }),
        ("azureDisk", "spec.azureDisk", "spec.azureDisk", new[] { "diskName", "diskURI" }),
        ("scaleIO", "spec.scaleIO", "spec.scaleIO", new[] { "gateway", "system", "volumeName" }),
        ("local", "spec.local", "spec.local", new[] { "path" }),
        ("storageos", "spec.storageos", "spec.storageos", new[] { "volumeName" }),
        ("csi", "spec.csi", "spec.csi", new[] { "volumeHandle" }),
    };

    /// <summary>What to write for a missing required source field, where we know.</summary>
    private static readonly Dictionary<string, string> RequiredFieldFixes = new(StringComparer.Ordinal)
    {
        ["vsphereVolume.volumePath"] = "write the datastore path as \"[datastore1] volumes/myDisk\"",
        ["csi.volumeHandle"] = "for the vSphere CSI driver it is the first-class disk's id",
        ["csi.driver"] = $"the vSphere CSI driver is '{WellKnown.VsphereCsiDriver}'",
    };

    public static PersistentVolume Decode(FieldReader reader, MappingNode root, ObjectMeta meta)
    {
        var spec = reader.Mapping(root, "spec", string.Empty) ?? new MappingNode(root.Line, root.Column);
        var capacity = DecodeCapacity(reader, spec);
        var accessModes = DecodeAccessModes(reader, spec, ManifestRules.PvAccessModesRequired);
        var reclaimPolicy = reader.String(spec, "persistentVolumeReclaimPolicy", "spec");
        if (!string.IsNullOrEmpty(reclaimPolicy) && !ReclaimPolicies.Contains(reclaimPolicy, StringComparer.Ordinal))
        {
            reader.Report(ManifestRules.PvReclaimPolicyNotSupported, spec["persistentVolumeReclaimPolicy"], "spec.persistentVolumeReclaimPolicy", reclaimPolicy);
        }

        var affinityNode = reader.Mapping(spec, "nodeAffinity", "spec");
        NodeSelector? nodeAffinity = null;
        if (affinityNode is not null)
        {
            var required = reader.Mapping(affinityNode, "required", "spec.nodeAffinity");
            if (required is null)
            {
                reader.Report(ManifestRules.PvNodeAffinityRequiredMissing, affinityNode, "spec.nodeAffinity.required");
            }
            else
            {
                nodeAffinity = SelectorDecoder.DecodeNodeSelector(reader, required, "spec.nodeAffinity.required");
            }
        }

        var source = DecodeSource(reader, spec, affinityNode is not null);
        if (source?.Kind == "hostPath" && reclaimPolicy == "Recycle" && IsRoot(reader.String((MappingNode)spec["hostPath"]!, "path", "spec.hostPath")))
        {
            reader.Report(ManifestRules.PvRecycleHostPathRoot, spec["persistentVolumeReclaimPolicy"], "spec.persistentVolumeReclaimPolicy");
        }

        var storageClassName = reader.String(spec, "storageClassName", "spec");
        CheckClassName(reader, spec, "storageClassName", storageClassName, ManifestRules.StorageClassNameInvalid);
        var volumeMode = DecodeVolumeMode(reader, spec);
        var attributesClass = reader.String(spec, "volumeAttributesClassName", "spec");
        if (attributesClass is not null)
        {
            if (attributesClass.Length == 0)
            {
                reader.Report(ManifestRules.PvVolumeAttributesClassEmpty, spec["volumeAttributesClassName"], "spec.volumeAttributesClassName");
            }
            else
            {
                CheckClassName(reader, spec, "volumeAttributesClassName", attributesClass, ManifestRules.VolumeAttributesClassNameInvalid);
            }

            if (source?.Kind != "csi")
            {
                reader.Report(ManifestRules.PvVolumeAttributesClassNeedsCsi, spec["volumeAttributesClassName"], "spec.csi");
            }
        }

        return new PersistentVolume
        {
            Metadata = meta,
            Capacity = capacity,
            AccessModes = accessModes,
            ClaimRef = DecodeClaimRef(reader, spec),
            StorageClassName = storageClassName,
            VolumeMode = volumeMode,
            VolumeAttributesClassName = attributesClass,
            NodeAffinity = nodeAffinity,
            ReclaimPolicy = reclaimPolicy,
            MountOptions = reader.StringList(spec, "mountOptions", "spec"),
            Source = source,
            Phase = DecodePhase<VolumePhase>(reader, root),
        };
    }

    /// <summary>Access modes as both kinds validate them: required, known spellings, ReadWriteOncePod alone.</summary>
    public static AccessModes DecodeAccessModes(FieldReader reader, MappingNode spec, ManifestRule requiredRule)
    {
        // The items are read where they are, twice (types first, then modes, the order the messages have always come
        // in), instead of into a list of (value, node) pairs per object.
        var sequence = reader.Sequence(spec, "accessModes", "spec");
        var strings = 0;
        for (var i = 0; sequence is not null && i < sequence.Items.Count; i++)
        {
            strings += reader.ItemString(sequence.Items[i], "spec", "accessModes", i) is null ? 0 : 1;
        }

        if (strings == 0)
        {
            reader.Report(requiredRule, spec["accessModes"] ?? spec, "spec.accessModes");
            return AccessModes.None;
        }

        var modes = AccessModes.None;
        foreach (var node in sequence!.Items)
        {
            if (FieldReader.PlainString(node) is not { } text)
            {
                continue;
            }

            if (AccessModeNames.TryParse(text, out var mode))
            {
                modes |= mode;
                continue;
            }

            var suggestion = AccessModeNames.Suggest(text);
            reader.Report(ManifestRules.AccessModeNotSupported, node, "spec.accessModes", text, fix: suggestion is null ? null : $"did you mean \"{suggestion}\"?");
        }

        if ((modes & AccessModes.ReadWriteOncePod) != 0 && modes != AccessModes.ReadWriteOncePod)
        {
            reader.Report(ManifestRules.ReadWriteOncePodCombined, spec["accessModes"], "spec.accessModes");
        }

        return modes;
    }

    /// <summary>storageClassName and volumeAttributesClassName: ValidateClassName when non-empty.</summary>
    public static void CheckClassName(FieldReader reader, MappingNode spec, string key, string? value, ManifestRule rule)
    {
        if (!string.IsNullOrEmpty(value))
        {
            reader.ReportEach(rule, spec[key], "spec." + key, value!, KubernetesNames.IsDns1123Subdomain(value!));
        }
    }

    public static VolumeMode? DecodeVolumeMode(FieldReader reader, MappingNode spec) =>
        reader.OneOf(spec, "volumeMode", "spec", ManifestRules.VolumeModeNotSupported, VolumeModes) is { } mode
            ? mode == "Block" ? VolumeMode.Block : VolumeMode.Filesystem
            : null;

    /// <summary>status.phase is never validated; a phase Kubernetes does not define is read as unknown, with a warning.</summary>
    public static T? DecodePhase<T>(FieldReader reader, MappingNode root)
        where T : struct, Enum
    {
        var status = reader.Mapping(root, "status", string.Empty);
        var phase = status is null ? null : reader.String(status, "phase", "status");
        if (string.IsNullOrEmpty(phase))
        {
            return null;
        }

        // A name, not a number: Enum.TryParse would take "2" too.
        if (char.IsLetter(phase![0]) && Enum.TryParse<T>(phase, ignoreCase: false, out var value) && Enum.IsDefined(value))
        {
            return value;
        }

        reader.Report(ManifestRules.PhaseUnknown, status!["phase"], "status.phase", phase);
        return null;
    }

    // The keys a capacity names, for its message: the first few, then how many more.
    private static string FoundKeys(MappingNode capacity)
    {
        const int Shown = 5;
        var keys = string.Join(", ", capacity.Entries.Take(Shown).Select(e => FieldReader.Quote(e.Key.Value)));
        return capacity.Entries.Count > Shown ? $"{keys} and {capacity.Entries.Count - Shown} more" : keys;
    }

    private static Quantity DecodeCapacity(FieldReader reader, MappingNode spec)
    {
        var capacity = reader.Mapping(spec, "capacity", "spec");
        if (capacity is null || capacity.Entries.Count == 0)
        {
            // Upstream also says NotSupported here (no storage key); one problem is one line.
            reader.Report(ManifestRules.PvCapacityRequired, capacity ?? spec, "spec.capacity", fix: "add 'capacity: {storage: 10Gi}'");
            return default;
        }

        if (capacity["storage"] is null || capacity.Entries.Count > 1)
        {
            reader.Report(ManifestRules.PvCapacityNotSupported, capacity, "spec.capacity", detail: $"supported values: \"storage\" (found {FoundKeys(capacity)})");
        }

        Quantity storage = default;
        foreach (var entry in capacity.Entries)
        {
            if (reader.Quantity(entry.Value, "spec.capacity", entry.Key.Value) is not { } quantity)
            {
                continue;
            }

            if (quantity.Sign < 0)
            {
                reader.Report(ManifestRules.PvCapacityNegative, entry.Value, FieldReader.Key("spec.capacity", entry.Key.Value), quantity.ToString());
            }

            if (quantity.Sign <= 0)
            {
                reader.Report(ManifestRules.PvCapacityNotPositive, entry.Value, FieldReader.Key("spec.capacity", entry.Key.Value), quantity.ToString());
            }

            if (entry.Key.Value == "storage")
            {
                storage = quantity;
            }
        }

        return storage;
    }

    private static VolumeSource? DecodeSource(FieldReader reader, MappingNode spec, bool nodeAffinitySpecified)
    {
        VolumeSource? counted = null;
        foreach (var (key, forbiddenPath, validationPath, required) in Sources)
        {
            var node = FieldReader.Child(spec, key);
            if (node is null)
            {
                continue;
            }

            if (node is not MappingNode source)
            {
                reader.Mapping(spec, key, "spec");
                continue;
            }

            // flexVolume is counted without the check, as upstream does.
            if (counted is not null && key != "flexVolume")
            {
                reader.Report(ManifestRules.PvVolumeTypeMultiple, node, forbiddenPath, fix: $"keep one of {counted.Kind} and {key}");
                continue;
            }

            var path = validationPath;
            foreach (var field in required)
            {
                if (IsEmpty(FieldReader.Child(source, field)))
                {
                    RequiredFieldFixes.TryGetValue($"{key}.{field}", out var fix);
                    reader.Report(ManifestRules.PvSourceFieldRequired, source[field] ?? source, FieldReader.Join(path, field), fix: fix);
                }
            }

            var identity = CheckSource(reader, key, source, path);
            counted ??= new VolumeSource(key, identity);

            if (key == "local" && !nodeAffinitySpecified)
            {
                reader.Report(ManifestRules.PvLocalNeedsNodeAffinity, spec, "spec.nodeAffinity", fix: "name the node that has the disk (kubernetes.io/hostname In [node])");
            }
        }

        if (counted is null)
        {
            reader.Report(ManifestRules.PvVolumeTypeRequired, spec, "spec", fix: "name one volume source, such as vsphereVolume, csi, hostPath, local or nfs");
        }

        return counted;
    }

    // The format rules of the sources this project meets; returns the identity the model keeps.
    private static string? CheckSource(FieldReader reader, string key, MappingNode source, string path)
    {
        var identityField = VolumeSource.IdentityField(key);
        var identity = identityField is null ? null : StringOrNull(reader, source, identityField, path);
        switch (key)
        {
            case "hostPath":
                CheckNoBacksteps(reader, source, path, identity);
                var type = reader.String(source, "type", path);
                if (type is not null && !HostPathTypes.Contains(type, StringComparer.Ordinal))
                {
                    reader.Report(ManifestRules.PvHostPathTypeNotSupported, source["type"], path + ".type", type);
                }

                break;
            case "local":
                CheckNoBacksteps(reader, source, path, identity);
                break;
            case "nfs":
                if (!string.IsNullOrEmpty(identity) && !identity!.StartsWith("/", StringComparison.Ordinal))
                {
                    reader.Report(ManifestRules.PvNfsPathNotAbsolute, source["path"], path + ".path", identity);
                }

                identity = $"{StringOrNull(reader, source, "server", path)}:{identity}";
                break;
            case "csi":
                var driver = reader.String(source, "driver", path) ?? string.Empty;
                CheckCsiDriver(reader, source, path, driver);
                identity = $"{driver} {identity}";
                break;
        }

        return identity;
    }

    private static void CheckCsiDriver(FieldReader reader, MappingNode source, string path, string driver)
    {
        var driverPath = FieldReader.Field(path, "driver");
        if (driver.Length == 0)
        {
            reader.Report(ManifestRules.PvSourceFieldRequired, source["driver"] ?? source, driverPath, fix: RequiredFieldFixes["csi.driver"]);
        }

        if (driver.Length > 63)
        {
            reader.Report(ManifestRules.PvCsiDriverTooLong, source["driver"], driverPath);
        }

        reader.ReportEach(ManifestRules.PvCsiDriverInvalid, source["driver"] ?? source, driverPath, driver, KubernetesNames.IsDns1123Subdomain(driver.ToLowerInvariant()));
    }

    private static void CheckNoBacksteps(FieldReader reader, MappingNode source, string path, string? value)
    {
        if (value is not null && HasBackstep(value))
        {
            reader.Report(ManifestRules.PvPathBacksteps, source["path"], path + ".path", value);
        }
    }

    // validatePathNoBacksteps: ".." as a whole element of the path split on '/' (the API server runs on Linux, where '\\' is no separator).
    private static bool HasBackstep(string path)
    {
        for (var at = path.IndexOf("..", StringComparison.Ordinal); at >= 0; at = path.IndexOf("..", at + 1, StringComparison.Ordinal))
        {
            var startsElement = at == 0 || path[at - 1] == '/';
            var endsElement = at + 2 == path.Length || path[at + 2] == '/';
            if (startsElement && endsElement)
            {
                return true;
            }
        }

        return false;
    }

    private static ClaimReference? DecodeClaimRef(FieldReader reader, MappingNode spec)
    {
        // Upstream validates nothing here: any subset of namespace, name and uid is a claimRef the
        // controller honours (a volume reserved for a claim that may not exist).
        var claimRef = reader.Mapping(spec, "claimRef", "spec");
        if (claimRef is null)
        {
            return null;
        }

        return new ClaimReference(
            reader.String(claimRef, "namespace", "spec.claimRef") ?? string.Empty,
            reader.String(claimRef, "name", "spec.claimRef") ?? string.Empty,
            reader.String(claimRef, "uid", "spec.claimRef"));
    }

    private static string? StringOrNull(FieldReader reader, MappingNode source, string field, string path) =>
        FieldReader.Child(source, field) is ScalarNode or null ? reader.String(source, field, path) : null;

    // A required field is missing when absent, null, "" or an empty list.
    private static bool IsEmpty(ManifestNode? node) => node switch
    {
        null => true,
        ScalarNode scalar => scalar.Value.Length == 0,
        SequenceNode sequence => sequence.Items.Count == 0,
        _ => false,
    };

    // path.Clean(p) == "/": an absolute path that climbs back to the root.
    private static bool IsRoot(string? path)
    {
        if (path is null || !path.StartsWith("/", StringComparison.Ordinal))
        {
            return false;
        }

        var depth = 0;
        foreach (var segment in path.Split('/'))
        {
            depth = segment switch
            {
                "" or "." => depth,
                ".." => Math.Max(0, depth - 1),
                _ => depth + 1,
            };
        }

        return depth == 0;
    }
}
