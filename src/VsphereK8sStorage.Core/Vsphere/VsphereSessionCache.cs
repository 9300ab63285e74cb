using System.Security.Cryptography;
using System.Text;

namespace VsphereK8sStorage.Vsphere;

/// <summary>
/// vCenter session cookies kept between processes, as govc keeps its sessions, for hosts that run one process per
/// command (vk8s): the next run joins the session instead of logging in again. One file per server, user and pinned
/// thumbprint, named by a hash of the three, in a folder only its owner can open (0700), each file readable only by
/// its owner (0600, set when the file is created, never widened afterwards). A file holds the cookie and nothing
/// else: never the password or any other part of the credential. A file that is readable by others, too long, or
/// holds anything but cookie characters is not used. The PowerShell module keeps its session in its own process and
/// does not use this.
/// </summary>
public sealed class VsphereSessionCache
{
    /// <summary>Longest cookie accepted from a file: vCenter's are about 40 characters.</summary>
    private const int MaxCookieLength = 4096;

    public VsphereSessionCache(string directory)
    {
        Directory = directory;
    }

    /// <summary>The folder that holds the session files.</summary>
    public string Directory { get; }

    /// <summary>
    /// The per-user cache folder: <c>$XDG_CACHE_HOME/vk8s/sessions</c>, else <c>~/.cache/vk8s/sessions</c>
    /// (<c>%LOCALAPPDATA%\vk8s\sessions</c> on Windows); null when the user has no home folder.
    /// </summary>
    public static string? DefaultDirectory(Func<string, string?> environment)
    {
        if (OperatingSystem.IsWindows())
        {
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return local.Length == 0 ? null : Path.Combine(local, "vk8s", "sessions");
        }

        if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "vk8s", "sessions");
        }

        var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.Length == 0 ? null : Path.Combine(home, ".cache", "vk8s", "sessions");
    }

    /// <summary>
    /// The file of one server, user and certificate decision (<paramref name="trust"/>: the pinned thumbprint, or how
    /// the certificate is checked), named by a hash so the folder listing names none of them. A session kept while the
    /// certificate was checked is never sent where it is not.
    /// </summary>
    public string PathFor(VsphereServerAddress server, string user, string trust)
    {
        var key = $"https://{server.DisplayName}/sdk\n{user}\n{trust}";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();
        return Path.Combine(Directory, hash);
    }

    /// <summary>The cookie kept for this server, user and certificate decision; null when there is none, or the file is not one this cache wrote.</summary>
    public string? Read(VsphereServerAddress server, string user, string trust)
    {
        var path = PathFor(server, user, trust);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxCookieLength || (info.LinkTarget is not null))
            {
                return null;
            }

            if (!OperatingSystem.IsWindows() && (info.UnixFileMode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            {
                return null;
            }

            var cookie = File.ReadAllText(path, Encoding.ASCII).Trim();
            return IsCookie(cookie) ? cookie : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Keeps the cookie (only the cookie) for this server, user and certificate decision; false when the folder cannot be written.</summary>
    public bool Write(VsphereServerAddress server, string user, string trust, string cookie)
    {
        if (!IsCookie(cookie))
        {
            return false;
        }

        var path = PathFor(server, user, trust);
        var temporary = path + "." + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant() + ".tmp";
        try
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(Directory);
                File.WriteAllText(temporary, cookie, Encoding.ASCII);
            }
            else
            {
                System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                var options = new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                };
                using var stream = new FileStream(temporary, options);
                stream.Write(Encoding.ASCII.GetBytes(cookie));
            }

            File.Move(temporary, path, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return false;
        }
    }

    /// <summary>Forgets the session of this server, user and certificate decision (it ended, or was refused).</summary>
    public void Remove(VsphereServerAddress server, string user, string trust) => TryDelete(PathFor(server, user, trust));

    /// <summary>Cookie characters only (RFC 6265's cookie-octet): nothing that could end a header or start another.</summary>
    private static bool IsCookie(string value)
    {
        if (value.Length == 0 || value.Length > MaxCookieLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c <= ' ' || c >= 0x7f || c is '"' or ',' or ';' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file left behind is ignored or replaced by the next run.
        }
    }
}
