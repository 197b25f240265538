namespace NetSym.IO;

/// <summary>
/// Reads a model file's bytes whole, a mebibyte at a time, so that reading a huge file can report
/// how far it has got; every model reader reads its file through it.
/// </summary>
internal static class ModelFileBytes
{
    /// <summary>Bytes read between two reports: one mebibyte.</summary>
    private const int ChunkBytes = 1 << 20;

    /// <summary>Reads <paramref name="path"/> whole, telling <paramref name="read"/> (when given) the share read before each mebibyte.</summary>
    /// <exception cref="ModelFileException">The file cannot be read, or holds more bytes than one array can.</exception>
    public static byte[] Read(string path, Action<double>? read = null)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            if (!stream.CanSeek) return ReadUnsized(stream);
            long length = stream.Length;
            if (length > Array.MaxLength)
                throw new ModelFileException(path, $"cannot read: the file has {length} bytes, more than the {Array.MaxLength} that one array holds");
            var bytes = new byte[length];
            int done = 0;
            while (done < length)
            {
                read?.Invoke((double)done / length);
                int end = (int)Math.Min(length, (long)done + ChunkBytes);
                while (done < end)
                {
                    int n = stream.Read(bytes, done, end - done);
                    // The file shrank while it was read: what is there is parsed, and the parser names what is missing.
                    if (n == 0) return bytes[..done];
                    done += n;
                }
            }
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, $"cannot read: {e.Message}", e);
        }
    }

    /// <summary>A pipe or device (a process substitution named x.json), whose length is known only at its end: read in one stage.</summary>
    private static byte[] ReadUnsized(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
