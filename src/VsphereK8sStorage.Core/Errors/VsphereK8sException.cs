using System;

namespace VsphereK8sStorage.Errors;

/// <summary>
/// The one exception type hosts need to understand. The message is a single line that names the
/// failing input and, where there is one, the fix; hosts print it as is.
/// </summary>
public class VsphereK8sException : Exception
{
    public VsphereK8sException(string errorId, ErrorKind kind, string message, object? target = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Kind = kind;
        Target = target;
    }

    /// <summary>A specific, stable identifier such as <c>ManifestInvalid</c>; PowerShell appends the command name.</summary>
    public string ErrorId { get; }

    public ErrorKind Kind { get; }

    /// <summary>The object the error is about (a file path, a claim key, a parameter value).</summary>
    public object? Target { get; }
}

/// <summary>A parameter value that cannot be used. The message names the parameter and how to fix it.</summary>
public sealed class InvalidParameterException : VsphereK8sException
{
    public InvalidParameterException(string errorId, string parameterName, string message, object? value = null)
        : base(errorId, ErrorKind.InvalidArgument, message, value)
    {
        ParameterName = parameterName;
    }

    public string ParameterName { get; }
}
