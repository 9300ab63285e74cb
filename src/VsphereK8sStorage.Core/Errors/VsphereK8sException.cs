using VsphereK8sStorage.Hosting;

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

    /// <summary>The message, with parameter names in the syntax of the host reading it (see <see cref="Param"/>).</summary>
    public override string Message => Param.Render(base.Message, Param.Syntax);

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

/// <summary>
/// A file or folder the input names is not there: ObjectNotFound (exit code 2 in vk8s), with the path
/// as given as the target; the message says how the lookup failed.
/// </summary>
public sealed class PathNotFoundException : VsphereK8sException
{
    public PathNotFoundException(string path, string why)
        : base("PathNotFound", ErrorKind.ObjectNotFound, $"Cannot find path '{path}': {why}. Check the spelling, or pass the folder that holds the manifests.", path)
    {
    }
}
