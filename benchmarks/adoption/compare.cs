// Compares two build outputs of one repository (before and after `spicetime init`), folder by folder:
//   dotnet run benchmarks/adoption/compare.cs -- BEFORE_DIR AFTER_DIR
// The same set of files; each file byte for byte; for each assembly that is not byte-identical, what must stay
// equal (assembly name and version, references, every type and member with its flags and signature, every method
// body) and what the tree may change (assembly-level attributes, listed with both values). Exit 1 when the file sets
// or anything that must stay equal differ.
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: compare.cs BEFORE_DIR AFTER_DIR");
    return 2;
}

var before = Files(args[0]);
var after = Files(args[1]);
var failed = false;
foreach (var only in before.Except(after))
{
    Console.WriteLine($"only before: {only}");
    failed = true;
}

foreach (var only in after.Except(before))
{
    Console.WriteLine($"only after: {only}");
    failed = true;
}

int identical = 0, assemblies = 0, assembliesIdentical = 0, assembliesSameApi = 0;
var attributeChanges = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
var otherFiles = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
foreach (var file in before.Intersect(after).Order(StringComparer.Ordinal))
{
    var a = File.ReadAllBytes(Path.Combine(args[0], file));
    var b = File.ReadAllBytes(Path.Combine(args[1], file));
    var isAssembly = Assembly.TryRead(a) is not null;
    assemblies += isAssembly ? 1 : 0;
    if (a.AsSpan().SequenceEqual(b))
    {
        identical++;
        assembliesIdentical += isAssembly ? 1 : 0;
        continue;
    }

    var left = Assembly.TryRead(a);
    var right = Assembly.TryRead(b);
    if (left is null || right is null)
    {
        otherFiles.Add(file, TextDifference(a, b));
        continue;
    }

    var mismatches = left.Invariant.Keys.Union(right.Invariant.Keys)
        .Where(k => left.Invariant.GetValueOrDefault(k) != right.Invariant.GetValueOrDefault(k)).ToList();
    if (mismatches.Count > 0)
    {
        failed = true;
        Console.WriteLine($"DIFFERENT {file}: {string.Join("; ", mismatches.Take(5).Select(k => $"{k}: {left.Invariant.GetValueOrDefault(k) ?? "(none)"} -> {right.Invariant.GetValueOrDefault(k) ?? "(none)"}"))}");
        continue;
    }

    assembliesSameApi++;
    foreach (var name in left.Attributes.Keys.Union(right.Attributes.Keys))
    {
        var was = left.Attributes.GetValueOrDefault(name) ?? "(none)";
        var now = right.Attributes.GetValueOrDefault(name) ?? "(none)";
        if (was != now)
        {
            var key = $"{name}: {was} -> {now}";
            if (!attributeChanges.TryGetValue(key, out var files))
            {
                attributeChanges[key] = files = new SortedSet<string>(StringComparer.Ordinal);
            }

            files.Add(Path.GetFileName(file));
        }
    }
}

Console.WriteLine($"files: {before.Count} before, {after.Count} after, {before.Intersect(after).Count()} in both, {identical} byte-identical");
Console.WriteLine($"assemblies: {assemblies}; {assembliesIdentical} byte-identical; {assembliesSameApi} differ only in assembly attributes " +
    "(name, version, references, types, members, signatures and method bodies equal)");
foreach (var (change, files) in attributeChanges)
{
    Console.WriteLine($"  {change}  [{string.Join(", ", files)}]");
}

foreach (var (file, lines) in otherFiles)
{
    Console.WriteLine($"other file differs: {file}{(lines.Count == 0 ? " (binary)" : string.Empty)}");
    foreach (var line in lines)
    {
        Console.WriteLine($"    {line}");
    }
}

Console.WriteLine(failed ? "RESULT: different" : "RESULT: same, except for the attributes and files listed");
return failed ? 1 : 0;

static HashSet<string> Files(string root) =>
    Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
        .ToHashSet(StringComparer.Ordinal);

// Up to 4 changed lines of a text file (a .deps.json, a static web assets manifest); none for a binary file.
static List<string> TextDifference(byte[] a, byte[] b)
{
    if (a.Contains((byte)0) || b.Contains((byte)0))
    {
        return new List<string>();
    }

    var left = Encoding.UTF8.GetString(a).Split('\n');
    var right = Encoding.UTF8.GetString(b).Split('\n');
    var result = new List<string>();
    for (var i = 0; i < Math.Max(left.Length, right.Length) && result.Count < 4; i++)
    {
        var l = i < left.Length ? left[i].Trim() : "(end)";
        var r = i < right.Length ? right[i].Trim() : "(end)";
        if (l != r)
        {
            result.Add($"line {i + 1}: {Cut(l)} -> {Cut(r)}");
        }
    }

    return result;

    static string Cut(string s) => s.Length > 120 ? s[..117] + "..." : s;
}

sealed class Assembly
{
    // What the tree must not change, by key (a type, a member, a reference), each with a value to compare.
    public Dictionary<string, string> Invariant { get; } = new(StringComparer.Ordinal);

    // Assembly-level custom attributes: type name -> first string argument (or the value blob in hex).
    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    public static Assembly? TryRead(byte[] bytes)
    {
        try
        {
            using var pe = new PEReader(new MemoryStream(bytes));
            if (!pe.HasMetadata)
            {
                return null;
            }

            var md = pe.GetMetadataReader();
            if (!md.IsAssembly)
            {
                return null;
            }

            var result = new Assembly();
            result.Read(pe, md);
            return result;
        }
        catch (BadImageFormatException e)
        {
            if (Environment.GetEnvironmentVariable("COMPARE_DEBUG") is not null) Console.Error.WriteLine(e);
            return null;
        }
    }

    private void Read(PEReader pe, MetadataReader md)
    {
        var definition = md.GetAssemblyDefinition();
        Invariant["assembly"] = $"{md.GetString(definition.Name)} {definition.Version} {md.GetString(definition.Culture)} {Hex(md.GetBlobBytes(definition.PublicKey))} {definition.Flags}";
        foreach (var handle in md.AssemblyReferences)
        {
            var reference = md.GetAssemblyReference(handle);
            Invariant[$"reference {md.GetString(reference.Name)}"] = $"{reference.Version} {Hex(md.GetBlobBytes(reference.PublicKeyOrToken))}";
        }

        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            var name = TypeName(md, type);
            Invariant[$"type {name}"] = $"{type.Attributes} base {BaseName(md, type.BaseType)}";
            foreach (var methodHandle in type.GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                var key = $"method {name}::{md.GetString(method.Name)} {Hex(md.GetBlobBytes(method.Signature))}";
                var body = method.RelativeVirtualAddress == 0 ? "no body" : Hash(pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes() ?? Array.Empty<byte>());
                Invariant[key] = $"{method.Attributes} {method.ImplAttributes} {body}";
            }

            foreach (var fieldHandle in type.GetFields())
            {
                var field = md.GetFieldDefinition(fieldHandle);
                Invariant[$"field {name}::{md.GetString(field.Name)}"] = $"{field.Attributes} {Hex(md.GetBlobBytes(field.Signature))}";
            }

            foreach (var propertyHandle in type.GetProperties())
            {
                var property = md.GetPropertyDefinition(propertyHandle);
                Invariant[$"property {name}::{md.GetString(property.Name)}"] = $"{property.Attributes} {Hex(md.GetBlobBytes(property.Signature))}";
            }

            foreach (var eventHandle in type.GetEvents())
            {
                var @event = md.GetEventDefinition(eventHandle);
                Invariant[$"event {name}::{md.GetString(@event.Name)}"] = @event.Attributes.ToString();
            }
        }

        Invariant["counts"] = $"{md.TypeDefinitions.Count} types, {md.MethodDefinitions.Count} methods, {md.TypeReferences.Count} type references, {md.MemberReferences.Count} member references";

        foreach (var handle in md.GetCustomAttributes(EntityHandle.AssemblyDefinition))
        {
            var attribute = md.GetCustomAttribute(handle);
            var type = AttributeType(md, attribute);
            var value = md.GetBlobReader(attribute.Value);
            string text;
            try
            {
                text = value.ReadUInt16() == 1 ? value.ReadSerializedString() ?? "(null)" : Hex(md.GetBlobBytes(attribute.Value));
            }
            catch (BadImageFormatException)
            {
                text = Hex(md.GetBlobBytes(attribute.Value));
            }

            // AssemblyMetadata("key", "value") appears once per key.
            if (type == "System.Reflection.AssemblyMetadataAttribute")
            {
                type = $"{type}({text})";
                text = value.RemainingBytes > 0 ? value.ReadSerializedString() ?? "(null)" : string.Empty;
            }

            Attributes[Attributes.ContainsKey(type) ? $"{type}#{Attributes.Count}" : type] = text;
        }
    }

    private static string TypeName(MetadataReader md, TypeDefinition type)
    {
        var name = md.GetString(type.Name);
        var space = md.GetString(type.Namespace);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil ? (space.Length == 0 ? name : $"{space}.{name}") : $"{TypeName(md, md.GetTypeDefinition(declaring))}+{name}";
    }

    private static string BaseName(MetadataReader md, EntityHandle handle) => handle.IsNil ? "none" : handle.Kind switch
    {
        HandleKind.TypeDefinition => TypeName(md, md.GetTypeDefinition((TypeDefinitionHandle)handle)),
        HandleKind.TypeReference => $"{md.GetString(md.GetTypeReference((TypeReferenceHandle)handle).Namespace)}.{md.GetString(md.GetTypeReference((TypeReferenceHandle)handle).Name)}",
        HandleKind.TypeSpecification => Hex(md.GetBlobBytes(md.GetTypeSpecification((TypeSpecificationHandle)handle).Signature)),
        _ => "none",
    };

    private static string AttributeType(MetadataReader md, CustomAttribute attribute)
    {
        var parent = attribute.Constructor.Kind == HandleKind.MemberReference
            ? md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent
            : md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
        return BaseName(md, (EntityHandle)parent);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);

    private static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes))[..16];
}
