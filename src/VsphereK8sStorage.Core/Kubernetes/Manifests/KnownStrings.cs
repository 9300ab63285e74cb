using System.Text;
using System.Text.Json;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// The keys and values every manifest repeats (apiVersion, kind, spec, ReadWriteOnce, ...), handed out
/// as one shared string each: a hundred thousand objects then cost no string for them.
/// </summary>
internal static class KnownStrings
{
    private static readonly string[] Words =
    {
        "apiVersion", "kind", "metadata", "spec", "status", "items", "name", "namespace", "uid", "labels", "annotations",
        "creationTimestamp", "deletionTimestamp", "generation", "resourceVersion", "finalizers", "ownerReferences", "managedFields",
        "capacity", "storage", "accessModes", "claimRef", "storageClassName", "volumeMode", "volumeName", "volumeAttributesClassName",
        "persistentVolumeReclaimPolicy", "mountOptions", "nodeAffinity", "required", "nodeSelectorTerms", "matchExpressions",
        "matchFields", "matchLabels", "matchLabelExpressions", "key", "operator", "values", "resources", "requests", "limits",
        "selector", "dataSource", "dataSourceRef", "apiGroup", "phase", "provisioner", "parameters", "reclaimPolicy",
        "volumeBindingMode", "allowVolumeExpansion", "allowedTopologies", "hostPath", "path", "type", "local", "nfs", "server",
        "csi", "driver", "volumeHandle", "fsType", "vsphereVolume", "volumePath", "storagePolicyName",
        "v1", "List", "storage.k8s.io/v1", "PersistentVolume", "PersistentVolumeClaim", "StorageClass", "Node",
        "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod", "Filesystem", "Block", "Retain", "Delete", "Recycle",
        "Immediate", "WaitForFirstConsumer", "Available", "Bound", "Released", "Pending", "Failed", "Lost", "In", "NotIn",
        "Exists", "DoesNotExist", "default", "kubernetes.io/hostname", "topology.kubernetes.io/zone", "csi.vsphere.vmware.com",
        "kubernetes.io/no-provisioner", "kubernetes.io/pv-protection", "kubernetes.io/pvc-protection",
        "pv.kubernetes.io/bind-completed", "pv.kubernetes.io/bound-by-controller", "volume.kubernetes.io/selected-node",
        "storageclass.kubernetes.io/is-default-class", "true", "false", "yes", "",
    };

    // Bucketed by UTF-8 length, then first byte: a lookup compares a handful of candidates at most.
    private static readonly Dictionary<int, (byte[] Utf8, string Text)[]> ByShape = Build();

    /// <summary>The string of the reader's current string or property name, shared when it is a known word or one <paramref name="recent"/> holds.</summary>
    public static string Get(ref Utf8JsonReader reader, RecentStrings recent)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var span = reader.ValueSpan;
            return Known(span) ?? recent.Get(span);
        }

        return reader.GetString()!;
    }

    /// <summary>The string of the reader's current string or property name, shared when it is a known word.</summary>
    public static string Get(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var span = reader.ValueSpan;
            if (ByShape.TryGetValue(Shape(span), out var candidates))
            {
                foreach (var (utf8, text) in candidates)
                {
                    if (span.SequenceEqual(utf8))
                    {
                        return text;
                    }
                }
            }
        }

        return reader.GetString()!;
    }

    private static string? Known(ReadOnlySpan<byte> span)
    {
        if (ByShape.TryGetValue(Shape(span), out var candidates))
        {
            foreach (var (utf8, text) in candidates)
            {
                if (span.SequenceEqual(utf8))
                {
                    return text;
                }
            }
        }

        return null;
    }

    private static int Shape(ReadOnlySpan<byte> utf8) => utf8.Length == 0 ? 0 : (utf8.Length << 8) | utf8[0];

    private static Dictionary<int, (byte[], string)[]> Build()
    {
        var buckets = new Dictionary<int, List<(byte[], string)>>();
        foreach (var word in Words)
        {
            var utf8 = Encoding.UTF8.GetBytes(word);
            if (!buckets.TryGetValue(Shape(utf8), out var list))
            {
                buckets[Shape(utf8)] = list = new List<(byte[], string)>();
            }

            list.Add((utf8, word));
        }

        var result = new Dictionary<int, (byte[], string)[]>();
        foreach (var bucket in buckets)
        {
            result[bucket.Key] = bucket.Value.ToArray();
        }

        return result;
    }
}

/// <summary>
/// The short strings one reader met last (class names, namespaces, label values, node names, sizes),
/// handed out again instead of a new string each time they repeat: a table of fixed size, where a new
/// string takes the slot of the one with the same hash, so unique values (names, uids) cost nothing more.
/// </summary>
/// <remarks>One table per reader: it is not shared between threads.</remarks>
internal sealed class RecentStrings
{
    private const int MaxLength = 40;
    private const int Slots = 4096;
    private readonly string?[] slots = new string?[Slots];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        // FNV-1a over the bytes; only ASCII strings are kept, so bytes and characters compare one to one.
        var hash = 2166136261u;
        var ascii = true;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 16777619u;
            ascii &= b < 0x80;
        }

        if (!ascii)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        ref var slot = ref slots[hash % Slots];
        if (slot is { } known && known.Length == utf8.Length && SameAscii(utf8, known))
        {
            return known;
        }

        var text = Encoding.UTF8.GetString(utf8);
        slot = text;
        return text;
    }

    private static bool SameAscii(ReadOnlySpan<byte> utf8, string text)
    {
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] != text[i])
            {
                return false;
            }
        }

        return true;
    }
}
