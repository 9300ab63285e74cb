using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>
/// One SOAP call: a method on a managed object with arguments written by <see cref="WriteArguments"/>
/// through <see cref="SoapBodyWriter"/> (which escapes every value), so no request is ever built by
/// concatenating strings.
/// </summary>
internal sealed class SoapRequest
{
    public SoapRequest(string method, ManagedObjectReference target, Action<SoapBodyWriter>? writeArguments = null, SoapEndpoint? endpoint = null)
    {
        Method = method;
        Target = target;
        WriteArguments = writeArguments;
        Endpoint = endpoint ?? SoapEndpoint.Vim;
    }

    public string Method { get; }

    /// <summary>The managed object the method is called on (the <c>_this</c> argument).</summary>
    public ManagedObjectReference Target { get; }

    public Action<SoapBodyWriter>? WriteArguments { get; }

    public SoapEndpoint Endpoint { get; }

    /// <summary>
    /// True when sending the request twice has the effect of sending it once (reads, and writes that set a
    /// value). Only such requests are retried after a transport failure, where the first may have run.
    /// </summary>
    public bool Idempotent { get; init; }

    /// <summary>False for Login and friends: the re-login decorator must not answer their faults with a login.</summary>
    public bool NeedsSession { get; init; } = true;

    /// <summary>The request carries a secret (a password): never trace its body.</summary>
    public bool Sensitive { get; init; }

    public override string ToString() => $"{Method} on {Target.ToMoRefString()}";
}
