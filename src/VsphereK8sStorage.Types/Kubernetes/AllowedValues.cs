namespace VsphereK8sStorage.Kubernetes;

// The values Kubernetes allows for the fields the New-K8s* and taint commands set. The core validates against
// them; the cmdlets' [ValidateSet(nameof(...))] and vk8s's option help name them, so no host writes its own list.

/// <summary>spec.persistentVolumeReclaimPolicy of a PersistentVolume.</summary>
public enum PersistentVolumeReclaimPolicy
{
    Retain,
    Delete,
    Recycle,
}

/// <summary>reclaimPolicy of a StorageClass: what happens to the volumes it provisions.</summary>
public enum StorageClassReclaimPolicy
{
    Delete,
    Retain,
}

/// <summary>A node taint's effect.</summary>
public enum TaintEffect
{
    NoSchedule,
    PreferNoSchedule,
    NoExecute,
}

/// <summary>spec.hostPath.type of a hostPath PersistentVolume.</summary>
public enum HostPathType
{
    DirectoryOrCreate,
    Directory,
    FileOrCreate,
    File,
    Socket,
    CharDevice,
    BlockDevice,
}
