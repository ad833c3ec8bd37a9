using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Projects.Cache;

/// <summary>
/// A <see cref="ProjectInfo"/> as the facts cache stores it: every property, strings as indexes into the file's
/// string table (paths repeat across thousands of projects). <c>FactsCodecTests</c> fails when a property of
/// ProjectInfo is not carried through, so a new fact cannot be forgotten here.
/// </summary>
internal static class ProjectFactsCodec
{
    public static void Write(BinaryWriter output, ProjectInfo project, Func<string?, int> index)
    {
        output.Write(index(project.RelativePath));
        output.Write(index(project.RootFullPath));
        output.Write(index(project.Branch));
        output.Write((byte)((project.UsesSpicetimeSdk ? 1 : 0) | (project.HasDefaultItems ? 2 : 0) | (project.UsesUnknownPackages ? 4 : 0) | (project.MayPinTransitively ? 8 : 0)));
        output.Write((byte)project.ReferencesTestPackage);
        Strings(output, project.References, index);
        output.Write(project.Packages.Count);
        foreach (var package in project.Packages)
        {
            output.Write(index(package.Id));
            output.Write(package.HasVersionOverride);
        }

        output.Write(project.DefaultItemExtensions is not null);
        if (project.DefaultItemExtensions is { } extensions)
        {
            Strings(output, extensions, index);
        }

        output.Write(project.ReferencePatterns.Count);
        foreach (var pattern in project.ReferencePatterns)
        {
            Pattern(output, pattern, index);
        }

        output.Write(project.Imports.Count);
        foreach (var import in project.Imports)
        {
            output.Write(index(import.Path));
            output.Write(index(import.ImportedBy));
        }

        output.Write(project.Items.Count);
        foreach (var item in project.Items)
        {
            Pattern(output, item.Files, index);
            output.Write(index(item.ItemType));
            output.Write(index(item.DefinedIn));
            output.Write(item.Line);
        }

        Strings(output, project.PropertyValues, index);
        Strings(output, project.Probes.ToList(), index);
        output.Write(project.Imprecisions.Count);
        foreach (var diagnostic in project.Imprecisions)
        {
            output.Write(index(diagnostic.Code));
            output.Write((int)diagnostic.Severity);
            output.Write(index(diagnostic.Message));
            output.Write(index(diagnostic.File));
            output.Write(diagnostic.Position.Line);
            output.Write(diagnostic.Position.Column);
        }
    }

    /// <param name="shared">What this file's projects share, made once (<see cref="FactsDecoding"/>).</param>
    public static ProjectInfo Read(FactsBytes input, FactsDecoding shared)
    {
        var strings = shared.Strings;
        string? Text() => Lookup(strings, input.ReadInt32());
        string Required() => Text() ?? throw new InvalidDataException("a required string is missing");

        var pathIndex = input.ReadInt32();
        var relativePath = Lookup(strings, pathIndex) ?? throw new InvalidDataException("a required string is missing");
        var rootFullPath = Required();
        var branch = Text();
        var flags = input.ReadByte();
        var testPackage = (Truth)input.ReadByte();
        var references = ReadStrings(input, strings);
        var packages = Sized<PackageUse>(Count(input));
        for (var i = 0; i < packages.Length; i++)
        {
            packages[i] = shared.Package(input.ReadInt32(), input.ReadBoolean());
        }

        var extensions = input.ReadBoolean() ? ReadStrings(input, strings) : null;
        var referencePatterns = Sized<PathPattern>(Count(input));
        for (var i = 0; i < referencePatterns.Length; i++)
        {
            referencePatterns[i] = ReadPattern(input, shared);
        }

        var imports = Sized<ImportedFile>(Count(input));
        for (var i = 0; i < imports.Length; i++)
        {
            imports[i] = shared.Import(input.ReadInt32(), input.ReadInt32(), pathIndex);
        }

        var items = Sized<ItemInput>(Count(input));
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new ItemInput(ReadPattern(input, shared), Required(), Required(), input.ReadInt32());
        }

        var propertyValues = ReadStrings(input, strings);
        var probes = ReadStrings(input, strings);
        var imprecisions = Sized<Diagnostic>(Count(input));
        for (var i = 0; i < imprecisions.Length; i++)
        {
            var code = Required();
            var severity = (DiagnosticSeverity)input.ReadInt32();
            var message = Required();
            var file = Text();
            imprecisions[i] = new Diagnostic(code, severity, message, file, new SourcePosition(input.ReadInt32(), input.ReadInt32()));
        }

        return new ProjectInfo(relativePath, references, packages)
        {
            Branch = branch,
            UsesSpicetimeSdk = (flags & 1) != 0,
            HasDefaultItems = (flags & 2) != 0,
            UsesUnknownPackages = (flags & 4) != 0,
            MayPinTransitively = (flags & 8) != 0,
            ReferencesTestPackage = testPackage,
            DefaultItemExtensions = extensions,
            ReferencePatterns = referencePatterns,
            Imports = imports,
            Items = items,
            PropertyValues = propertyValues,
            RootFullPath = rootFullPath,
            Probes = probes,
            Imprecisions = imprecisions,
        };
    }

    private static void Strings(BinaryWriter output, IReadOnlyList<string> values, Func<string?, int> index)
    {
        output.Write(values.Count);
        foreach (var value in values)
        {
            output.Write(index(value));
        }
    }

    private static string[] ReadStrings(FactsBytes input, string?[] strings)
    {
        var values = Sized<string>(Count(input));
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Lookup(strings, input.ReadInt32()) ?? throw new InvalidDataException("a list holds a missing string");
        }

        return values;
    }

    private static void Pattern(BinaryWriter output, PathPattern pattern, Func<string?, int> index)
    {
        output.Write(index(pattern.Exact));
        output.Write(index(pattern.RegexText));
        output.Write(index(pattern.Folder));
        output.Write(pattern.HasUnknown);
    }

    private static PathPattern ReadPattern(FactsBytes input, FactsDecoding shared)
    {
        var (strings, patterns) = (shared.Strings, shared.Patterns);
        var exact = input.ReadInt32();
        var regex = input.ReadInt32();
        var folder = input.ReadInt32();
        var unknown = input.ReadBoolean();
        var key = (exact, regex, folder, unknown);
        if (!patterns.TryGetValue(key, out var pattern))
        {
            patterns[key] = pattern = PathPattern.Restore(Lookup(strings, exact), Lookup(strings, regex), unknown, Lookup(strings, folder));
        }

        return pattern;
    }

    private static int Count(FactsBytes input) => input.ReadCount(10_000_000);

    /// <summary>An array of <paramref name="count"/> elements; the one empty array when there are none (most lists of most projects).</summary>
    private static T[] Sized<T>(int count) => count == 0 ? Array.Empty<T>() : new T[count];

    internal static string? Lookup(string?[] strings, int index) =>
        index == -1 ? null : index >= 0 && index < strings.Length ? strings[index] : throw new InvalidDataException("a damaged string index");
}
