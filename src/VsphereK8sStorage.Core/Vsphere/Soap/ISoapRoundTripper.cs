using System.Xml;
using System.Xml.Linq;

namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>
/// One SOAP round trip: a request in, the method's response element out, faults as
/// <see cref="VsphereFaultException"/> and transport failures as <see cref="SoapTransportException"/>.
/// Retries and re-login are decorators of this interface, so callers never repeat that logic.
/// </summary>
internal interface ISoapRoundTripper
{
    Task<XElement> RoundTripAsync(SoapRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The same round trip, with the method's response element decoded by <paramref name="read"/> from a reader
    /// positioned on it, for large answers that should not become a whole XML tree first. Round trippers that hold
    /// answers as trees (tests) get this from the tree.
    /// </summary>
    async Task<T> RoundTripAsync<T>(SoapRequest request, Func<XmlReader, T> read, CancellationToken cancellationToken)
    {
        var element = await RoundTripAsync(request, cancellationToken).ConfigureAwait(false);
        using var reader = element.CreateReader();
        reader.MoveToContent();
        return read(reader);
    }
}
