namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>How a round trip failed below SOAP, which decides whether it may be retried.</summary>
public enum SoapTransportFailure
{
    /// <summary>No connection was made (no route to the host or its network): the request was certainly not processed.</summary>
    Unreachable,

    /// <summary>The connection broke after the request was sent: it may have been processed.</summary>
    Broken,

    /// <summary>A proxy in front of vCenter said 502/503/504: the service did not process it.</summary>
    Unavailable,

    /// <summary>No answer in time: it may have been processed.</summary>
    Timeout,

    /// <summary>An HTTP status or a body that is not SOAP: retrying will not help.</summary>
    InvalidResponse,

    /// <summary>The certificate check failed: retrying will not help.</summary>
    Certificate,

    /// <summary>Nothing listens at that address, or its name does not resolve: retrying only delays the answer (govc and kubectl fail at once).</summary>
    Refused,
}

/// <summary>A failure below SOAP (network, TLS, HTTP), with a message that names the server.</summary>
public sealed class SoapTransportException : VsphereK8sException
{
    public SoapTransportException(string errorId, SoapTransportFailure failure, string message, string server, Exception? innerException = null)
        : base(errorId, failure switch
        {
            SoapTransportFailure.Certificate => ErrorKind.SecurityError,
            SoapTransportFailure.Timeout => ErrorKind.OperationTimeout,
            _ => ErrorKind.ConnectionFailed,
        }, message, server, innerException)
    {
        Failure = failure;
    }

    public SoapTransportFailure Failure { get; }

    /// <summary>Whether the same request may be sent again: always when it was not processed, only when idempotent otherwise.</summary>
    internal bool MayRetry(SoapRequest request) => Failure switch
    {
        SoapTransportFailure.Unreachable or SoapTransportFailure.Unavailable => true,
        SoapTransportFailure.Broken or SoapTransportFailure.Timeout => request.Idempotent,
        _ => false,
    };
}
