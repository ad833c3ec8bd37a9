using System.Xml.Linq;
using Spicetime.Tree.Cache.Keys;
using Spicetime.Tree.Tests.Build;

namespace Spicetime.Tree.Tests.Cache;

/// <summary>Compile keys: what enters them, how paths are named, and the table of compiler parameters against the SDK and the targets.</summary>
public class CompileKeyTests : BuildFolderTests
{
    private static readonly KeyValuePair<string, string>[] Compiler = { new("SdkVersion", "10.0.401") };

    private PathRoots Roots(string clone) =>
        new(Path.Combine(_root, clone, "src/Lib/obj/Debug/net10.0"), Path.Combine(_root, clone), Path.Combine(_root, "nuget"), Path.Combine(_root, "dotnet"));

    private string Clone(string clone, string code = "class C { }")
    {
        Write($"{clone}/src/Lib/Code.cs", code);
        Write($"{clone}/src/Lib/obj/Debug/net10.0/Lib.GeneratedMSBuildEditorConfig.editorconfig",
            $"is_global = true\nbuild_property.ProjectDir = {Path.Combine(_root, clone).Replace('\\', '/')}/src/Lib/\n");
        return Path.Combine(_root, clone);
    }

    private static CompileFile File(string parameter, string path, params (string, string)[] metadata) =>
        new(parameter, path, metadata.Select(m => new KeyValuePair<string, string>(m.Item1, m.Item2)).ToList());

    private CompileKey Key(string clone, IEnumerable<KeyValuePair<string, string>>? values = null, IEnumerable<CompileFile>? extra = null)
    {
        var root = Path.Combine(_root, clone);
        var files = new List<CompileFile>
        {
            File("Sources", Path.Combine(root, "src/Lib/Code.cs")),
            File("AnalyzerConfigFiles", Path.Combine(root, "src/Lib/obj/Debug/net10.0/Lib.GeneratedMSBuildEditorConfig.editorconfig")),
            File("References", Path.Combine(_root, "nuget/some.package/1.0.0/lib/net10.0/Some.dll")),
        };
        files.AddRange(extra ?? Array.Empty<CompileFile>());
        values ??= new[]
        {
            new KeyValuePair<string, string>("DefineConstants", "DEBUG;TRACE"),
            new KeyValuePair<string, string>("PathMap", $"{root}/=/_/"),
            new KeyValuePair<string, string>("OutputAssembly", Path.Combine(root, "src/Lib/obj/Debug/net10.0/Lib.dll")),
        };
        return CompileKey.Compute(Compiler, values, files, Roots(clone), new FileHashes());
    }

    [Test]
    public void A_project_with_Razor_views_keeps_the_checkout_folder_in_its_key_and_others_do_not()
    {
        Clone("one");
        Clone("second-clone");
        CompileFile View(string clone) => File("AdditionalFiles", Path.Combine(_root, clone, "src/Lib/Views/Index.cshtml"));
        Write("one/src/Lib/Views/Index.cshtml", "<p>hi</p>");
        Write("second-clone/src/Lib/Views/Index.cshtml", "<p>hi</p>");
        var one = Key("one", extra: new[] { View("one") });
        var other = Key("second-clone", extra: new[] { View("second-clone") });
        Assert.That(other.Key, Is.Not.EqualTo(one.Key), "the generator writes the view's full path into the PDB");
        Assert.That(one.Inputs.Last().Line, Is.EqualTo($"checkout\t{CompileKey.PathDependence(new[] { View("one") })}\t{Path.Combine(_root, "one").Replace('\\', '/')}/"));
        Assert.That(Key("one", extra: new[] { View("one") }).Key, Is.EqualTo(one.Key), "at the same path: shared");

        Write("one/src/Lib/stylecop.json", "{}");
        Write("second-clone/src/Lib/stylecop.json", "{}");
        Assert.That(Key("one", extra: new[] { File("AdditionalFiles", Path.Combine(_root, "one/src/Lib/stylecop.json")) }).Key,
            Is.EqualTo(Key("second-clone", extra: new[] { File("AdditionalFiles", Path.Combine(_root, "second-clone/src/Lib/stylecop.json")) }).Key),
            "other additional files are named by their root");
        Assert.That(Key("one").Inputs.Select(i => i.Kind), Has.None.EqualTo("checkout"));
    }

    [Test]
    public void Clones_at_other_paths_have_the_same_key_and_every_path_is_named_by_its_root()
    {
        Clone("one");
        Clone("second-clone");
        var one = Key("one");
        Assert.That(Key("second-clone").Key, Is.EqualTo(one.Key));
        Assert.That(one.Key, Does.Match("^[0-9a-f]{64}$"));
        var lines = one.Inputs.Select(i => i.Line).ToList();
        Assert.That(lines, Does.Contain("parameter\tPathMap\t{repo}/=/_/"));
        Assert.That(lines, Does.Contain("output\tOutputAssembly\t{intermediate}/Lib.dll"));
        Assert.That(lines, Has.Some.StartWith("file\tSources\t{repo}/src/Lib/Code.cs\t"));
        Assert.That(lines, Has.Some.EqualTo("file\tReferences\t{nuget}/some.package/1.0.0/lib/net10.0/Some.dll\timmutable"), "a package's file by its path alone");
        Assert.That(lines, Has.Some.StartWith("file\tAnalyzerConfigFiles\t{intermediate}/Lib.GeneratedMSBuildEditorConfig.editorconfig\ttext:"));
        Assert.That(string.Join("\n", lines), Does.Not.Contain(_root.Replace('\\', '/')));
    }

    [Test]
    public void Every_input_kind_changes_the_key()
    {
        Clone("c");
        var before = Key("c").Key;
        Assert.That(Key("c", new[] { new KeyValuePair<string, string>("DefineConstants", "RELEASE") }).Key, Is.Not.EqualTo(before), "a value");
        Assert.That(Key("c", extra: new[] { File("References", Path.Combine(_root, "c/lib/Local.dll")) }).Key, Is.Not.EqualTo(before), "a file more");
        var aliased = Key("c", extra: new[] { File("References", Path.Combine(_root, "c/lib/Local.dll"), ("Aliases", "other")) }).Key;
        var bookkeeping = Key("c", extra: new[] { File("References", Path.Combine(_root, "c/lib/Local.dll"), ("ResolvedFrom", "{HintPathFromItem}")) }).Key;
        Assert.That(aliased, Is.Not.EqualTo(Key("c", extra: new[] { File("References", Path.Combine(_root, "c/lib/Local.dll")) }).Key), "metadata the compiler reads");
        Assert.That(bookkeeping, Is.EqualTo(Key("c", extra: new[] { File("References", Path.Combine(_root, "c/lib/Local.dll")) }).Key), "metadata it does not");

        Write("c/src/Lib/Code.cs", "class C { int x; }");
        Assert.That(Key("c").Key, Is.Not.EqualTo(before), "a source's content");
        Write("c/src/Lib/Code.cs", "class C { }");
        Assert.That(Key("c").Key, Is.EqualTo(before), "the same content again");
        Write("c/src/Lib/obj/Debug/net10.0/Lib.GeneratedMSBuildEditorConfig.editorconfig", "is_global = true\nbuild_property.Nullable = enable\n");
        Assert.That(Key("c").Key, Is.Not.EqualTo(before), "a generated file's content");

        Write("c/src/Lib/Other.cs", "class D { }");
        var order = new[] { File("Sources", Path.Combine(_root, "c/src/Lib/Other.cs")) };
        var withOther = CompileKey.Compute(Compiler, Array.Empty<KeyValuePair<string, string>>(), order.Concat(new[] { File("Sources", Path.Combine(_root, "c/src/Lib/Code.cs")) }), Roots("c"), new FileHashes());
        var otherLast = CompileKey.Compute(Compiler, Array.Empty<KeyValuePair<string, string>>(), new[] { File("Sources", Path.Combine(_root, "c/src/Lib/Code.cs")) }.Concat(order), Roots("c"), new FileHashes());
        Assert.That(withOther.Key, Is.Not.EqualTo(otherLast.Key), "the order of sources is the compiler's too");
    }

    [Test]
    public void A_generated_file_is_compared_byte_for_byte_after_its_roots_are_named()
    {
        Clone("a");
        var roots = Roots("a");
        var path = Write("a/src/Lib/obj/Debug/net10.0/x.bin", "");
        System.IO.File.WriteAllBytes(path, new byte[] { 0xff, 0xfe, 0x00 });
        var first = FileHashes.OfGenerated(path, roots);
        System.IO.File.WriteAllBytes(path, new byte[] { 0xff, 0xfd, 0x00 });
        Assert.That(FileHashes.OfGenerated(path, roots), Is.Not.EqualTo(first), "bytes that are not UTF-8 still count");
        Assert.That(FileHashes.OfGenerated(Path.Combine(_root, "a/none"), roots), Is.EqualTo("missing"));
    }

    [Test]
    public void A_parameter_the_table_does_not_know_is_refused()
    {
        Clone("p");
        Assert.Throws<ArgumentException>(() => Key("p", new[] { new KeyValuePair<string, string>("Sources", "x") }), "a file parameter as a value");
        Assert.Throws<ArgumentException>(() => Key("p", new[] { new KeyValuePair<string, string>("NoLogo", "true") }), "an ignored one");
        Assert.Throws<ArgumentException>(() => Key("p", extra: new[] { File("DefineConstants", "x") }));
    }

    /// <summary>Every SDK installed here calls Csc as the table says (a new SDK that does not fails here first, and turns the cache off with SPT0901 in builds).</summary>
    [Test]
    public void The_table_matches_the_Csc_call_of_every_installed_SDK()
    {
        var dotnet = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var targets = Directory.GetDirectories(Path.Combine(dotnet, "sdk")).Select(s => Path.Combine(s, "Roslyn", "Microsoft.CSharp.Core.targets")).Where(System.IO.File.Exists).ToList();
        Assert.That(targets, Is.Not.Empty);
        foreach (var file in targets)
        {
            Assert.That(CompilerParameters.Check(System.IO.File.ReadAllText(file)), Is.Null, file);
        }

        var text = System.IO.File.ReadAllText(targets[0]);
        Assert.That(CompilerParameters.Check(text.Replace("Sources=\"@(Compile)\"", "Sources=\"@(Compile)\" NewThing=\"$(NewThing)\"")), Does.Contain("NewThing"));
        Assert.That(CompilerParameters.Check(text.Replace("DefineConstants=\"$(DefineConstants)\"", "DefineConstants=\"$(OtherConstants)\"")), Does.Contain("DefineConstants"));
        Assert.That(CompilerParameters.Check("<Project"), Does.Contain("could not be read"));
    }

    /// <summary>Spicetime.Cache.targets hands the key task what the table names, with the same expressions.</summary>
    [Test]
    public void The_cache_targets_pass_every_parameter_of_the_table_with_its_expression()
    {
        var targets = SdkFiles.Load("Spicetime.Cache.targets");
        XNamespace ns = "http://schemas.microsoft.com/developer/msbuild/2003";
        var values = targets.Descendants(ns + "_SpicetimeCompileParameter").ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Value")!);
        var files = targets.Descendants(ns + "_SpicetimeCompileFile").ToDictionary(e => (string)e.Attribute("Parameter")!, e => (string)e.Attribute("Include")!);
        foreach (var parameter in CompilerParameters.All)
        {
            var expression = parameter.Name == "ApplicationConfiguration" ? "$(_SpicetimeAppConfigForCompiler)" : parameter.Expression;
            switch (parameter.Kind)
            {
                case ParameterKind.Value or ParameterKind.Output:
                    Assert.That(values.GetValueOrDefault(parameter.Name), Is.EqualTo(expression), parameter.Name);
                    break;
                case ParameterKind.Files:
                    Assert.That(files.GetValueOrDefault(parameter.Name), Is.EqualTo(expression), parameter.Name);
                    break;
                default:
                    Assert.That(values.ContainsKey(parameter.Name) || files.ContainsKey(parameter.Name), Is.False, $"{parameter.Name} is left out ({parameter.Why})");
                    break;
            }
        }

        Assert.That(values.Count + files.Count, Is.EqualTo(CompilerParameters.All.Count(p => p.Kind != ParameterKind.Ignored)));
    }
}
