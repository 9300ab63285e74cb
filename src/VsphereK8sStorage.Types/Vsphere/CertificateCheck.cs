namespace VsphereK8sStorage.Vsphere;

/// <summary>How the server's certificate is checked: by the system's trust store (the default), against a pinned thumbprint, or not at all.</summary>
public enum CertificateCheck
{
    Verify,
    Thumbprint,
    Skip,
}
