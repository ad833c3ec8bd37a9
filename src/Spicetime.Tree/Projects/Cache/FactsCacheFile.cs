using System.IO.Hashing;
using System.Reflection;
using System.Text;

namespace Spicetime.Tree.Projects.Cache;

/// <summary>One project's entry: the inputs its evaluation read, each with its fingerprint then, and the facts (null: not a project).</summary>
internal sealed record FactsEntry(string Project, IReadOnlyList<KeyValuePair<EvaluationInput, Fingerprint>> Inputs, ProjectInfo? Facts);

/// <summary>
/// A cache file as read: the (input, fingerprint) pairs its entries share, the stamp of each file input's content (none
/// for other inputs, and for files that had none), and each project's entry (indexes into the pairs, and the facts).
/// </summary>
internal sealed record StoredFacts(KeyValuePair<EvaluationInput, Fingerprint>[] Inputs, FileStamp[] Stamps, Dictionary<string, StoredEntry> Entries)
{
    /// <summary>
    /// Per input, whether its file was found at its stored stamp: looked at while the entries were decoded
    /// (<see cref="FactsCache.Load"/>); null when nobody looked yet.
    /// </summary>
    public Task<bool[]>? StampsHeld { get; init; }
}

/// <summary>A stored project: which of the file's (input, fingerprint) pairs key it, and its facts (null: not a project).</summary>
internal sealed class StoredEntry
{
    public StoredEntry(int[] inputs, ProjectInfo? facts)
    {
        Inputs = inputs;
        Facts = facts;
    }

    public int[] Inputs { get; }

    public ProjectInfo? Facts { get; }

    /// <summary>Whether the run that read the file took this entry (set by that run's <see cref="FactsCacheRun"/> only; its next write keeps it).</summary>
    public bool Used { get; set; }
}

/// <summary>
/// The facts cache's file: a header (format, the reader's version, the analysed folder), a string table, the table of
/// (input, fingerprint) pairs the entries share (a file's with its <see cref="FileStamp"/>), the entries, and a checksum
/// of everything before it. Anything that
/// does not read back exactly (another version, another folder, a truncated or damaged file) reads as no cache.
/// </summary>
internal static class FactsCacheFile
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("SPTFACTS");

    /// <summary>
    /// The version of the reader that wrote an entry: the format, and the identity of this build of Spicetime.Tree (its
    /// module version id changes with every compilation), so a different Spicetime never takes an entry it did not write.
    /// </summary>
    public static readonly string ReaderVersion = "2;" + BuildIdentity();

    /// <summary>The entries of the file at <paramref name="path"/> for <paramref name="root"/>, with the input table they index; null when there is none or it cannot be used.</summary>
    /// <param name="inputsRead">Given the input table and its stamps as soon as they are decoded, before the entries (the
    /// larger part): a caller can start looking at the files meanwhile.</param>
    public static StoredFacts? Read(string path, string root, Action<KeyValuePair<EvaluationInput, Fingerprint>[], FileStamp[]>? inputsRead = null)
    {
        try
        {
            using var file = Framework.MappedFile.Open(path, p => new InvalidDataException($"{p} ends early"));
            var bytes = file is null || file.Length > int.MaxValue ? default : file.All;
            // The checksum first: a damaged file's counts are never trusted to size anything.
            if (bytes.Length < Magic.Length + 8 || !bytes[..Magic.Length].SequenceEqual(Magic)
                || XxHash3.HashToUInt64(bytes[..^8]) != System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[^8..]))
            {
                return null;
            }

            return Decode(file!, root, inputsRead);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException
            or ArgumentException or FormatException or OverflowException)
        {
            return null; // no cache, or one that cannot be trusted: a cold run
        }
    }

    /// <summary>The file's content after its magic; null when it is another version's or another folder's, or does not decode.</summary>
    private static StoredFacts? Decode(Framework.MappedFile file, string root, Action<KeyValuePair<EvaluationInput, Fingerprint>[], FileStamp[]>? inputsRead)
    {
        try
        {
            var input = new FactsBytes(file, Magic.Length, (int)file.Length - 8);
            if (input.ReadString() != ReaderVersion || input.ReadString() != root)
            {
                return null;
            }

            var strings = new string?[Count(input)];
            for (var i = 0; i < strings.Length; i++)
            {
                strings[i] = input.ReadString();
            }

            string Text(int index) => index >= 0 && index < strings.Length ? strings[index]! : throw new InvalidDataException("a damaged string index");
            var inputs = new KeyValuePair<EvaluationInput, Fingerprint>[Count(input)];
            var stamps = new FileStamp[inputs.Length];
            for (var i = 0; i < inputs.Length; i++)
            {
                var kind = (InputKind)input.ReadByte();
                var name = Text(input.ReadInt32());
                inputs[i] = new(new EvaluationInput(kind, name), new Fingerprint(input.ReadUInt64(), input.ReadUInt64()));
                if (kind == InputKind.File)
                {
                    stamps[i] = new FileStamp(input.ReadInt64(), input.ReadInt64());
                }
            }

            inputsRead?.Invoke(inputs, stamps);
            var shared = new FactsDecoding(strings);
            var entries = new Dictionary<string, StoredEntry>(StringComparer.Ordinal);
            for (var count = Count(input); count > 0; count--)
            {
                var project = Text(input.ReadInt32());
                var used = new int[Count(input)];
                for (var i = 0; i < used.Length; i++)
                {
                    used[i] = input.ReadInt32() is var at && at >= 0 && at < inputs.Length ? at : throw new InvalidDataException("a damaged input index");
                }

                var facts = input.ReadBoolean() ? ProjectFactsCodec.Read(input, shared) : null;
                entries[project] = new StoredEntry(used, facts);
            }

            return new StoredFacts(inputs, stamps, entries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException
            or ArgumentException or FormatException or OverflowException)
        {
            return null; // no cache, or one that cannot be trusted: a cold run
        }
    }

    /// <summary>
    /// Writes the file whole to a temporary file beside <paramref name="path"/>, then renames it over: a reader sees the
    /// old file or the new one, never part of one. <paramref name="stampOf"/> gives the stamp of a file input's content.
    /// </summary>
    public static void Write(string path, string root, IEnumerable<FactsEntry> entries, Func<string, Fingerprint, FileStamp> stampOf)
    {
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new List<string>();
        int Index(string? text)
        {
            if (text is null)
            {
                return -1;
            }

            if (!strings.TryGetValue(text, out var at))
            {
                strings[text] = at = table.Count;
                table.Add(text);
            }

            return at;
        }

        // A tuple, not the KeyValuePair itself: KeyValuePair has no equality of its own, and ValueType's compares by reflection.
        var inputIndexes = new Dictionary<(EvaluationInput, Fingerprint), int>();
        var inputs = new List<KeyValuePair<EvaluationInput, Fingerprint>>();
        var body = new MemoryStream();
        using (var output = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            var list = entries.ToList();
            output.Write(list.Count);
            foreach (var entry in list)
            {
                output.Write(Index(entry.Project));
                output.Write(entry.Inputs.Count);
                foreach (var pair in entry.Inputs)
                {
                    if (!inputIndexes.TryGetValue((pair.Key, pair.Value), out var at))
                    {
                        inputIndexes[(pair.Key, pair.Value)] = at = inputs.Count;
                        inputs.Add(pair);
                        Index(pair.Key.Name);
                    }

                    output.Write(at);
                }

                output.Write(entry.Facts is not null);
                if (entry.Facts is not null)
                {
                    ProjectFactsCodec.Write(output, entry.Facts, Index);
                }
            }
        }

        var file = new MemoryStream();
        using (var output = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
        {
            output.Write(Magic);
            output.Write(ReaderVersion);
            output.Write(root);
            output.Write(table.Count);
            foreach (var text in table)
            {
                output.Write(text);
            }

            output.Write(inputs.Count);
            foreach (var pair in inputs)
            {
                output.Write((byte)pair.Key.Kind);
                output.Write(strings[pair.Key.Name]);
                output.Write(pair.Value.High);
                output.Write(pair.Value.Low);
                if (pair.Key.Kind == InputKind.File)
                {
                    var stamp = stampOf(pair.Key.Name, pair.Value);
                    output.Write(stamp.Length);
                    output.Write(stamp.LastWriteTicks);
                }
            }

        }

        // The two parts written as they are (no copy of ~10 MB into one array), the checksum hashed across both.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            var checksum = new XxHash3();
            foreach (var part in new[] { file, body })
            {
                var bytes = new ArraySegment<byte>(part.GetBuffer(), 0, (int)part.Length);
                stream.Write(bytes.Array!, bytes.Offset, bytes.Count);
                checksum.Append(bytes);
            }

            stream.Write(BitConverter.GetBytes(checksum.GetCurrentHashAsUInt64()), 0, 8);
        }

        try
        {
#if NET
            File.Move(temporary, path, overwrite: true);
#else
            if (File.Exists(path))
            {
                File.Replace(temporary, path, null);
            }
            else
            {
                File.Move(temporary, path);
            }
#endif
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static int Count(FactsBytes input) => input.ReadCount(50_000_000);

    private static string BuildIdentity()
    {
        var assembly = typeof(FactsCacheFile).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? string.Empty;
        try
        {
            return $"{version};{assembly.ManifestModule.ModuleVersionId:N}";
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException)
        {
            // No module version id (a native build): the executable itself, as its size and time of writing.
#if NET
            var executable = new FileInfo(Environment.ProcessPath ?? string.Empty);
#else
            var executable = new FileInfo(System.Diagnostics.Process.GetCurrentProcess().MainModule?.FileName ?? string.Empty);
#endif
            return $"{version};{executable.FullName};{(executable.Exists ? executable.Length : 0)};{(executable.Exists ? executable.LastWriteTimeUtc.Ticks : 0)}";
        }
    }
}
