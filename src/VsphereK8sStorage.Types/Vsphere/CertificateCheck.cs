using System;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VsphereK8sStorage.Vsphere;

/// <summary>How the server's certificate is checked: by the system's trust store (the default), against a pinned thumbprint, or not at all.</summary>
public enum CertificateCheck
{
    Verify,
    Thumbprint,
    Skip,
}
