namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>
/// A SOAP service on the vCenter host: vim25 at /sdk, storage policies (SPBM) at /pbm, Cloud Native Storage
/// (CNS) at /vsanHealth. All share the vCenter session; the action header names a namespace and the API version
/// (CNS's bodies are in urn:vsan, its action in urn:vim25, as govmomi's CNS client sends them).
/// </summary>
internal sealed class SoapEndpoint
{
    public static readonly SoapEndpoint Vim = new("/sdk", "urn:vim25");

    public static readonly SoapEndpoint Pbm = new("/pbm", "urn:pbm");

    public static readonly SoapEndpoint Cns = new("/vsanHealth", "urn:vsan", "urn:vim25");

    private SoapEndpoint(string path, string xmlNamespace, string? actionNamespace = null)
    {
        Path = path;
        Namespace = xmlNamespace;
        ActionNamespace = actionNamespace ?? xmlNamespace;
    }

    public string Path { get; }

    public string Namespace { get; }

    /// <summary>The namespace the SOAPAction header names.</summary>
    public string ActionNamespace { get; }

    public override string ToString() => Path;
}
