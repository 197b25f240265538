namespace NetSym.IO;

/// <summary>
/// Reads a model file's bytes whole, a mebibyte at a time, so that reading a huge file can report
/// how far it has got; every model reader reads its file through it.
/// </summary>
internal static class ModelFileBytes
{
    /// <summary>Bytes read per stage: one mebibyte.</summary>
    public const int ChunkBytes = 1 << 20;

    /// <summary>The stages <see cref="Read"/> begins for a file of <paramref name="length"/> bytes: one per mebibyte begun.</summary>
    public static int Chunks(long length) => (int)Math.Min(int.MaxValue, (length + ChunkBytes - 1) / ChunkBytes);

    /// <summary>Reads <paramref name="path"/> whole, beginning a stage of <paramref name="stages"/> (when given) per mebibyte.</summary>
    /// <exception cref="ModelFileException">The file cannot be read, or holds more bytes than one array can.</exception>
    public static byte[] Read(string path, ProgressStages? stages = null)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            if (!stream.CanSeek) return ReadUnsized(stream);
            long length = stream.Length;
            if (length > Array.MaxLength)
                throw new ModelFileException(path, $"cannot read: the file has {length} bytes, more than the {Array.MaxLength} that one array holds");
            var bytes = new byte[length];
            int read = 0, chunks = Chunks(length);
            for (int chunk = 0; chunk < chunks; chunk++)
            {
                stages?.Begin($"reading MiB {chunk + 1} of {chunks}");
                int end = (int)Math.Min(length, (long)(chunk + 1) * ChunkBytes);
                while (read < end)
                {
                    int n = stream.Read(bytes, read, end - read);
                    // The file shrank while it was read: what is there is parsed, and the parser names what is missing.
                    if (n == 0) return bytes[..read];
                    read += n;
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
