using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Vsphere.Soap;

/// <summary>
/// The TLS decision for one connection. Verification is the default; a pinned thumbprint replaces chain
/// and name checks (as govc's thumbprint option does, for vCenters with self-signed certificates);
/// skipping is only ever explicit. The thumbprint of the certificate actually seen is kept so a failure
/// can show it to the user.
/// </summary>
internal sealed class CertificatePolicy
{
    private volatile string? observedSha1;
    private volatile string? observedSha256;
    private volatile string? lastErrors;

    private CertificatePolicy(CertificateCheck check, string? pinned)
    {
        Check = check;
        PinnedThumbprint = pinned;
    }

    public static CertificatePolicy Verify { get; } = new(CertificateCheck.Verify, null);

    public CertificateCheck Check { get; }

    /// <summary>The pinned thumbprint, normalized to upper-case hex pairs joined by colons.</summary>
    public string? PinnedThumbprint { get; }

    /// <summary>Whether the pin is a SHA-256 thumbprint (32 bytes) rather than SHA-1 (20).</summary>
    public bool PinnedIsSha256 => PinnedThumbprint is { Length: > 59 };

    /// <summary>The SHA-1 thumbprint of the server certificate seen on the last handshake.</summary>
    public string? ObservedThumbprint => observedSha1;

    /// <summary>The policy for a connection; <paramref name="thumbprintSource"/> names where a thumbprint not given as the parameter came from.</summary>
    public static CertificatePolicy Create(string? thumbprint, bool skipCertificateCheck, string? thumbprintSource = null)
    {
        if (thumbprint is not null && skipCertificateCheck)
        {
            var pinned = thumbprintSource is null ? Param.Name("Thumbprint") : $"{thumbprintSource} is set";
            var unpin = thumbprintSource is null ? $"leave out {Param.Name("Thumbprint")}" : $"unset {thumbprintSource}";
            throw new InvalidParameterException(
                "VsphereThumbprintAndSkip", "SkipCertificateCheck",
                $"A pinned thumbprint ({pinned}) and skipping the certificate check ({Param.Name("SkipCertificateCheck")}) contradict each other, and skipping would silently undo the pin: keep the pin and drop {Param.Name("SkipCertificateCheck")}, or, for a lab only, {unpin}.");
        }

        if (skipCertificateCheck)
        {
            return new CertificatePolicy(CertificateCheck.Skip, null);
        }

        return thumbprint is null ? new CertificatePolicy(CertificateCheck.Verify, null) : new CertificatePolicy(CertificateCheck.Thumbprint, NormalizeThumbprint(thumbprint));
    }

    /// <summary>
    /// "2c11edd7…" or "2C:11:ED:…" (SHA-1, 40 hex digits, or SHA-256, 64) → "2C:11:ED:…".
    /// </summary>
    public static string NormalizeThumbprint(string thumbprint)
    {
        var hex = new string(thumbprint.Where(c => c != ':' && !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if ((hex.Length != 40 && hex.Length != 64) || !hex.All(Uri.IsHexDigit))
        {
            throw new InvalidParameterException(
                "VsphereThumbprintInvalid", "Thumbprint",
                $"The thumbprint '{Truncate(thumbprint)}' is not a certificate thumbprint: give the certificate's SHA-1 thumbprint (40 hex digits) or SHA-256 thumbprint (64 hex digits), with or without colons (for example 2C:11:ED:D7:13:87:7D:B5:74:18:B8:1C:42:C2:56:1F:0D:B9:5B:B9).",
                thumbprint);
        }

        return Format(Convert.FromHexString(hex));
    }

    public static string Sha1Thumbprint(X509Certificate certificate) => Format(SHA1.HashData(certificate.GetRawCertData()));

    public static string Sha256Thumbprint(X509Certificate certificate) => Format(SHA256.HashData(certificate.GetRawCertData()));

    /// <summary>The TLS callback.</summary>
    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            lastErrors = "no certificate";
            return Check == CertificateCheck.Skip;
        }

        observedSha1 = Sha1Thumbprint(certificate);
        observedSha256 = Sha256Thumbprint(certificate);
        lastErrors = errors == SslPolicyErrors.None ? null : Describe(errors);
        return Check switch
        {
            CertificateCheck.Skip => true,
            CertificateCheck.Thumbprint => PinnedThumbprint!.Length == observedSha1.Length
                ? PinnedThumbprint == observedSha1
                : PinnedThumbprint == observedSha256,
            _ => errors == SslPolicyErrors.None,
        };
    }

    /// <summary>Why the handshake with <paramref name="server"/> was refused, with the thumbprint the user can check.</summary>
    public SoapTransportException Failure(string server, Exception? inner)
    {
        var seen = observedSha1;
        if (seen is null)
        {
            return new SoapTransportException(
                "VsphereTlsFailed", SoapTransportFailure.Certificate,
                $"The TLS handshake with {server} failed before a certificate was seen ({Truncate(inner?.Message ?? "no detail")}); check the address and port.", server, inner);
        }

        return Check == CertificateCheck.Thumbprint
            ? new SoapTransportException(
                "VsphereThumbprintMismatch", SoapTransportFailure.Certificate,
                PinnedIsSha256
                    ? $"The certificate of {server} has the SHA-256 thumbprint {observedSha256}, not the pinned {PinnedThumbprint}; nothing was sent. Check the thumbprint with the vCenter administrator before trusting it."
                    : $"The certificate of {server} has the SHA-1 thumbprint {seen}, not the pinned {PinnedThumbprint}; nothing was sent. Check the thumbprint with the vCenter administrator before trusting it.",
                server, inner)
            : new SoapTransportException(
                "VsphereCertificateUntrusted", SoapTransportFailure.Certificate,
                $"The certificate of {server} is not trusted ({lastErrors ?? "rejected"}); nothing was sent. Its SHA-1 thumbprint is {seen} (SHA-256 {observedSha256}): if that is your vCenter's, pass {Param.Name("Thumbprint")} {seen} (either thumbprint pins it), or trust its CA on this machine.",
                server, inner);
    }

    private static string Describe(SslPolicyErrors errors)
    {
        var parts = new System.Collections.Generic.List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            parts.Add("its issuer is not a trusted certificate authority");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            parts.Add("it was issued for another host name");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            parts.Add("the server sent none");
        }

        return string.Join(", ", parts);
    }

    private static string Format(byte[] hash) => string.Join(":", hash.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    private static string Truncate(string text) => text.Length <= 100 ? text : text.Substring(0, 100) + "…";
}
