namespace VsphereK8sStorage.Errors;

/// <summary>
/// What went wrong, independent of the host. The cmdlet layer maps each kind to a PowerShell
/// ErrorCategory in one table; vk8s maps it to an exit code.
/// </summary>
public enum ErrorKind
{
    /// <summary>A parameter or option has a value that cannot be used.</summary>
    InvalidArgument,

    /// <summary>Input data (a manifest, a quantity, a name) is malformed.</summary>
    InvalidData,

    /// <summary>Something named by the input does not exist.</summary>
    ObjectNotFound,

    /// <summary>The object to be created already exists.</summary>
    ResourceExists,

    /// <summary>The input is well formed but the request cannot be carried out in this state.</summary>
    InvalidOperation,

    /// <summary>Credentials were rejected.</summary>
    AuthenticationFailed,

    /// <summary>The caller is authenticated but not allowed.</summary>
    PermissionDenied,

    /// <summary>A peer could not be reached or the connection broke.</summary>
    ConnectionFailed,

    /// <summary>A certificate or thumbprint check failed.</summary>
    SecurityError,

    /// <summary>A wait ran out of time.</summary>
    OperationTimeout,

    /// <summary>The user cancelled.</summary>
    OperationStopped,

    /// <summary>A file could not be read or written.</summary>
    ReadWriteError,
}
