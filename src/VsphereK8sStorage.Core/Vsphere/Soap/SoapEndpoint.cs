namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>
/// A SOAP service on the vCenter host: vim25 at /sdk, storage policies (SPBM) at /pbm. Both share the
/// vCenter session; the action header names the namespace and the API version.
/// </summary>
internal sealed class SoapEndpoint
{
    public static readonly SoapEndpoint Vim = new("/sdk", "urn:vim25");

    public static readonly SoapEndpoint Pbm = new("/pbm", "urn:pbm");

    private SoapEndpoint(string path, string xmlNamespace)
    {
        Path = path;
        Namespace = xmlNamespace;
    }

    public string Path { get; }

    public string Namespace { get; }

    public override string ToString() => Path;
}
