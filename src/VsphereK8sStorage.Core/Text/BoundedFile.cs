using System.Text;

namespace VsphereK8sStorage.Text;

/// <summary>
/// Reads a file the user named, up to a limit: reading stops there, so a device that never ends (such as /dev/zero,
/// whose length is 0) or a wrong multi-gigabyte file is refused at once instead of read until memory runs out.
/// </summary>
internal static class BoundedFile
{
    /// <summary>The file's bytes, or null when it holds more than <paramref name="maxBytes"/>.</summary>
    public static byte[]? ReadBytes(string path, int maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        using var content = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (content.Length + read > maxBytes)
            {
                return null;
            }

            content.Write(chunk, 0, read);
        }

        return content.ToArray();
    }

    /// <summary>The file's text as File.ReadAllText reads it (UTF-8 unless a byte order mark says otherwise), or null when it holds more than <paramref name="maxBytes"/>.</summary>
    public static string? ReadText(string path, int maxBytes)
    {
        if (ReadBytes(path, maxBytes) is not { } bytes)
        {
            return null;
        }

        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
