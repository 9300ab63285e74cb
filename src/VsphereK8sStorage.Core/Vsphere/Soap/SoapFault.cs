using System.Xml.Linq;
using VsphereK8sStorage.Text;

namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>The vSphere faults callers act on; everything else is <see cref="Other"/> with its type name kept.</summary>
public enum VsphereFaultKind
{
    Other,
    InvalidLogin,
    NotAuthenticated,
    NoPermission,
    FileAlreadyExists,
    FileNotFound,

    /// <summary>Another FileFault subtype (CannotCreateFile, FileLocked, …).</summary>
    FileFault,
    InvalidDatastore,
    InvalidDatastorePath,
    ManagedObjectNotFound,
    NotFound,
    AlreadyExists,
    DuplicateName,
    InvalidArgument,
    InvalidRequest,
    InvalidState,
    TaskInProgress,
    NotSupported,
    NotImplemented,
    MethodNotFound,
    RequestCanceled,
}

/// <summary>
/// A fault vCenter returned, for a SOAP call or inside a task's <c>info.error</c>: its type name
/// (<c>FileAlreadyExists</c>), the server's message and the fault element for its properties (<c>file</c>, <c>obj</c>).
/// </summary>
public sealed class VsphereFault
{
    private static readonly string[] FileFaultTypes =
    {
        "CannotCreateFile", "CannotDeleteFile", "FileLocked", "FileTooLarge", "FileNameTooLong", "FileBackedPortNotSupported",
        "NotADirectory", "NotAFile", "DirectoryNotEmpty", "CannotAccessFile", "InvalidDiskFormat", "NoDiskSpace", "FileFault",
    };

    public VsphereFault(string typeName, string? message, XElement? detail)
    {
        TypeName = string.IsNullOrEmpty(typeName) ? "SystemError" : MessageText.Printable(typeName, 80);
        Message = MessageText.Printable(message);
        Detail = detail;
        Kind = KindOf(TypeName);
    }

    public string TypeName { get; }

    /// <summary>The server's explanation, cleaned of control characters and bounded in length.</summary>
    public string Message { get; }

    public XElement? Detail { get; }

    public VsphereFaultKind Kind { get; }

    /// <summary>A property of the fault such as <c>file</c> (FileFault) or <c>name</c> (InvalidDatastore).</summary>
    public string? Property(string name) => Detail?.ChildText(name);

    public static VsphereFaultKind KindOf(string typeName)
    {
        if (Enum.TryParse<VsphereFaultKind>(typeName, ignoreCase: false, out var kind) && kind != VsphereFaultKind.Other)
        {
            return kind;
        }

        return Array.IndexOf(FileFaultTypes, typeName) >= 0 ? VsphereFaultKind.FileFault : VsphereFaultKind.Other;
    }

    /// <summary>A SOAP fault: <c>&lt;soapenv:Fault&gt;&lt;faultstring/&gt;&lt;detail&gt;&lt;InvalidLoginFault xsi:type="InvalidLogin"/&gt;</c>.</summary>
    internal static VsphereFault FromSoapFault(XElement fault)
    {
        var detail = fault.Child("detail");
        XElement? faultElement = null;
        foreach (var child in detail?.Elements() ?? Array.Empty<XElement>())
        {
            faultElement = child;
            break;
        }

        var type = faultElement?.XsiType() ?? TrimFaultSuffix(faultElement?.Name.LocalName);
        return new VsphereFault(type ?? "SystemError", fault.ChildText("faultstring"), faultElement);
    }

    /// <summary>A task's <c>info.error</c> (LocalizedMethodFault): <c>&lt;fault xsi:type="FileAlreadyExists"&gt;…&lt;/fault&gt;&lt;localizedMessage/&gt;</c>.</summary>
    public static VsphereFault FromLocalizedMethodFault(XElement error)
    {
        var fault = error.Child("fault");
        var type = fault?.XsiType() ?? "SystemError";
        var message = error.ChildText("localizedMessage");
        if (string.IsNullOrWhiteSpace(message) || message == type)
        {
            // vcsim puts the Go type name here; the fault's own faultMessage, if any, says more.
            message = fault?.Child("faultMessage")?.ChildText("message") ?? string.Empty;
        }

        return new VsphereFault(type, message, fault);
    }

    private static string? TrimFaultSuffix(string? name) =>
        name is not null && name.EndsWith("Fault", StringComparison.Ordinal) && name.Length > "Fault".Length
            ? name.Substring(0, name.Length - "Fault".Length)
            : name;

    public override string ToString() => Message.Length == 0 ? TypeName : $"{TypeName}: {Message}";
}

/// <summary>A vSphere fault as the one exception type hosts understand, with the fault kept for callers that branch on it.</summary>
public sealed class VsphereFaultException : VsphereK8sException
{
    public VsphereFaultException(VsphereFault fault, string message, string? errorId = null, object? target = null)
        : base(errorId ?? "Vsphere" + fault.TypeName, ErrorKindOf(fault.Kind), message, target)
    {
        Fault = fault;
    }

    public VsphereFault Fault { get; }

    public VsphereFaultKind FaultKind => Fault.Kind;

    /// <summary>The default message: what was called, then what vCenter said.</summary>
    public static VsphereFaultException ForCall(VsphereFault fault, string what) =>
        new(fault, $"{what} failed: {fault}");

    public static ErrorKind ErrorKindOf(VsphereFaultKind kind) => kind switch
    {
        VsphereFaultKind.InvalidLogin or VsphereFaultKind.NotAuthenticated => ErrorKind.AuthenticationFailed,
        VsphereFaultKind.NoPermission => ErrorKind.PermissionDenied,
        VsphereFaultKind.FileAlreadyExists or VsphereFaultKind.AlreadyExists or VsphereFaultKind.DuplicateName => ErrorKind.ResourceExists,
        VsphereFaultKind.FileNotFound or VsphereFaultKind.NotFound or VsphereFaultKind.ManagedObjectNotFound or VsphereFaultKind.InvalidDatastore => ErrorKind.ObjectNotFound,
        VsphereFaultKind.InvalidArgument or VsphereFaultKind.InvalidDatastorePath => ErrorKind.InvalidArgument,
        VsphereFaultKind.RequestCanceled => ErrorKind.OperationStopped,
        _ => ErrorKind.InvalidOperation,
    };
}
