namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// A stream read once from front to back, the base of the readers' stream wrappers, which differ only in
/// Read: it cannot seek or be written, and disposing it disposes the stream it reads from, if it owns one.
/// </summary>
internal abstract class ForwardOnlyStream : Stream
{
    private readonly Stream? owned;

    protected ForwardOnlyStream(Stream? owned) => this.owned = owned;

    public sealed override bool CanRead => true;

    public sealed override bool CanSeek => false;

    public sealed override bool CanWrite => false;

    public sealed override long Length => throw new NotSupportedException();

    public sealed override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public sealed override void Flush()
    {
    }

    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public sealed override void SetLength(long value) => throw new NotSupportedException();

    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            owned?.Dispose();
        }

        base.Dispose(disposing);
    }
}
