namespace Spicetime.Tree.Git;

/// <summary>
/// Git's delta format (https://git-scm.com/docs/pack-format, "Deltified representation"): the base's size and the
/// result's size as little-endian base-128 numbers, then instructions that copy a range of the base or insert bytes.
/// </summary>
internal static class GitDelta
{
    public static byte[] Apply(byte[] source, byte[] delta)
    {
        var position = 0;
        var sourceSize = ReadSize(delta, ref position);
        if (sourceSize != source.Length)
        {
            throw new GitFormatException($"a delta expects a base of {sourceSize} bytes, its base has {source.Length}");
        }

        var targetSize = ReadSize(delta, ref position);
        if (targetSize > int.MaxValue)
        {
            throw new GitFormatException($"a delta's result of {targetSize} bytes is larger than an object can be");
        }

        var target = new byte[targetSize];
        var written = 0;
        while (position < delta.Length)
        {
            var instruction = delta[position++];
            if ((instruction & 0x80) != 0)
            {
                // Copy: bits 0-3 say which offset bytes follow, bits 4-6 which size bytes; a size of 0 means 0x10000.
                long offset = 0;
                var size = 0;
                for (var i = 0; i < 4; i++)
                {
                    if ((instruction & (1 << i)) != 0)
                    {
                        offset |= (long)Next(delta, ref position) << (8 * i);
                    }
                }

                for (var i = 0; i < 3; i++)
                {
                    if ((instruction & (0x10 << i)) != 0)
                    {
                        size |= Next(delta, ref position) << (8 * i);
                    }
                }

                if (size == 0)
                {
                    size = 0x10000;
                }

                if (offset + size > source.Length || written + size > target.Length)
                {
                    throw new GitFormatException("a delta copies outside its base or result");
                }

                Buffer.BlockCopy(source, (int)offset, target, written, size);
                written += size;
            }
            else if (instruction != 0)
            {
                if (position + instruction > delta.Length || written + instruction > target.Length)
                {
                    throw new GitFormatException("a delta inserts outside its result");
                }

                Buffer.BlockCopy(delta, position, target, written, instruction);
                position += instruction;
                written += instruction;
            }
            else
            {
                throw new GitFormatException("a delta holds the reserved instruction 0");
            }
        }

        if (written != target.Length)
        {
            throw new GitFormatException($"a delta produced {written} bytes instead of {target.Length}");
        }

        return target;
    }

    private static long ReadSize(byte[] delta, ref int position)
    {
        long size = 0;
        var shift = 0;
        byte b;
        do
        {
            b = Next(delta, ref position);
            if (shift > 56)
            {
                throw new GitFormatException("a delta's size does not end");
            }

            size |= (long)(b & 0x7f) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return size;
    }

    private static byte Next(byte[] delta, ref int position) =>
        position < delta.Length ? delta[position++] : throw new GitFormatException("a delta ends in the middle of an instruction");
}
