using System;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using VsphereK8sStorage.Errors;

namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>
/// One SOAP round trip: a request in, the method's response element out, faults as
/// <see cref="VsphereFaultException"/> and transport failures as <see cref="SoapTransportException"/>.
/// Retries and re-login are decorators of this interface, so callers never repeat that logic.
/// </summary>
internal interface ISoapRoundTripper
{
    Task<XElement> RoundTripAsync(SoapRequest request, CancellationToken cancellationToken);
}
