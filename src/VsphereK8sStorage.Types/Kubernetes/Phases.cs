namespace VsphereK8sStorage.Kubernetes;

/// <summary><c>status.phase</c> of a PersistentVolumeClaim, and the phase a plan predicts.</summary>
public enum ClaimPhase
{
    Pending,
    Bound,
    Lost,
}

/// <summary><c>spec.volumeMode</c> of a volume or claim.</summary>
public enum VolumeMode
{
    Filesystem,
    Block,
}
