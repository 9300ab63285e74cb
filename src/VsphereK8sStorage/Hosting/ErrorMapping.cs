using VsphereK8sStorage.Errors;

namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>The one table that turns core errors into PowerShell ErrorRecords.</summary>
internal static class ErrorMapping
{
    public static ErrorCategory CategoryFor(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ErrorKind.InvalidData => ErrorCategory.InvalidData,
        ErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        ErrorKind.ResourceExists => ErrorCategory.ResourceExists,
        ErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        ErrorKind.AuthenticationFailed => ErrorCategory.AuthenticationError,
        ErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        ErrorKind.ConnectionFailed => ErrorCategory.ConnectionError,
        ErrorKind.SecurityError => ErrorCategory.SecurityError,
        ErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
        ErrorKind.OperationStopped => ErrorCategory.OperationStopped,
        ErrorKind.ReadWriteError => ErrorCategory.ReadError,
        _ => ErrorCategory.NotSpecified,
    };

    public static ErrorRecord ToErrorRecord(VsphereK8sException exception) =>
        new(exception, exception.ErrorId, CategoryFor(exception.Kind), exception.Target);
}
