using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Spicetime.Sdk.Tests;

/// <summary>
/// What a registry page shows of the two packages (docs/packaging.md): readme, icon, release notes, license, no invented
/// project URL, repository URL and commit from the git remote when there is one (SourceLink), and a .snupkg beside each
/// .nupkg whose pdbs match the assemblies shipped. Spicetime.Sdk is read as SdkPackage packed it for every test; the CLI
/// is packed once, in a copy of its sources committed to a fresh git repository with an origin remote. What the
/// repository metadata is before the remote exists is asked of MSBuild alone (the target that fills it for the nuspec,
/// seconds instead of a second pack).
/// </summary>
[TestFixture]
public sealed class PackageMetadataTests
{
    private const string Origin = "https://github.com/example/spicetime.git";

    /// <summary>What the CLI's pack needs, copied with the working tree's changes (tracked and untracked, not ignored).</summary>
    private static readonly string[] CliSources =
    {
        "src/Spicetime.Cli/", "src/Spicetime.Tree/", "docs/packages/", "Directory.Build.props", "Directory.Packages.props",
        "NuGet.config", "global.json", "CHANGELOG.md", ".gitignore",
    };

    private string _copy = "";
    private string _cliCommit = "";
    private string _withoutRemote = "";

    private static string SdkPackagePath => Path.Combine(SdkPackage.Feed, $"Spicetime.Sdk.{SdkPackage.Version}.nupkg");

    private string CliPackagePath => Path.Combine(_copy, "out", $"Spicetime.Cli.{SdkPackage.Version}.nupkg");

    [OneTimeSetUp]
    public void PackTheCliInACopy()
    {
        _copy = Path.Combine(SdkPackage.WorkRoot, "cli-copy");
        var listed = DotnetRun.Run("git", SdkPackage.RepositoryRoot, new[] { "ls-files", "-co", "--exclude-standard" }).ShouldSucceed().Output;
        foreach (var file in listed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var source = Path.Combine(SdkPackage.RepositoryRoot, file);
            if (CliSources.Any(s => file.StartsWith(s, StringComparison.Ordinal) || file == s) && File.Exists(source))
            {
                var target = Path.Combine(_copy, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target);
            }
        }

        // Not disposed: disposing deletes the folder; SdkPackage deletes its WorkRoot after the run.
        var git = new GitWorkspace(_copy);
        _cliCommit = git.Commit("the CLI's sources");
        _withoutRemote = DotnetRun.Run("dotnet", _copy, new[]
        {
            "msbuild", "src/Spicetime.Cli/Spicetime.Cli.csproj", "-t:_InitializeNuspecRepositoryInformationProperties", "-p:Configuration=Release",
            "-getProperty:RepositoryUrl", "-getProperty:RepositoryCommit", "-nodeReuse:false",
        }).ShouldSucceed().Output;
        git.Git("remote", "add", "origin", Origin);
        DotnetRun.Run("dotnet", _copy, new[]
        {
            "pack", "src/Spicetime.Cli/Spicetime.Cli.csproj", "-c", "Release", "-o", "out", $"-p:PackageVersion={SdkPackage.Version}", "-nodeReuse:false",
        }).ShouldSucceed();
    }

    [TestCase("Spicetime.Sdk")]
    [TestCase("Spicetime.Cli")]
    public void A_package_carries_its_readme_icon_release_notes_and_license(string id)
    {
        var path = id == "Spicetime.Sdk" ? SdkPackagePath : CliPackagePath;
        using var zip = ZipFile.OpenRead(path);
        var metadata = Metadata(zip, id);

        Assert.That(Element(metadata, "readme")?.Value, Is.EqualTo("README.md"));
        var readme = Text(zip, "README.md");
        Assert.That(readme, Is.EqualTo(File.ReadAllText(Path.Combine(SdkPackage.RepositoryRoot, "docs", "packages", id + ".md"))));
        // nuget.org renders the readme away from the repository: a relative link would lead nowhere.
        var links = Regex.Matches(readme, @"\]\(([^)]*)\)").Select(m => m.Groups[1].Value);
        Assert.That(links.Where(l => !l.StartsWith("https://", StringComparison.Ordinal)), Is.Empty, "relative links in the package readme");

        Assert.That(Element(metadata, "icon")?.Value, Is.EqualTo("icon.png"));
        var icon = Bytes(zip, "icon.png");
        Assert.That(icon.Take(8), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG");
        Assert.That((BigEndian(icon, 16), BigEndian(icon, 20)), Is.EqualTo((128, 128)), "128x128");

        Assert.That(Normalized(Element(metadata, "releaseNotes")?.Value), Is.EqualTo(NewestChangelogEntry()));
        Assert.That(Element(metadata, "license")?.Value, Is.EqualTo("MIT"));
        Assert.That(Element(metadata, "license")?.Attribute("type")?.Value, Is.EqualTo("expression"));
        Assert.That(Element(metadata, "authors")?.Value, Is.Not.Empty);
        Assert.That(Element(metadata, "description")?.Value, Does.Contain("tree of forks"));
        Assert.That(Element(metadata, "tags")?.Value.Split(' '), Does.Contain("MSBuildSdk").Or.Contain("dotnet-tool"));
        Assert.That(Element(metadata, "projectUrl"), Is.Null, "no project URL is invented");
    }

    [Test]
    public void Without_a_git_remote_the_package_would_name_the_commit_and_no_repository_url()
    {
        var json = _withoutRemote[_withoutRemote.IndexOf('{', StringComparison.Ordinal)..(_withoutRemote.LastIndexOf('}') + 1)];
        var properties = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("Properties");
        Assert.That(properties.GetProperty("RepositoryCommit").GetString(), Is.EqualTo(_cliCommit), _withoutRemote);
        Assert.That(properties.GetProperty("RepositoryUrl").GetString(), Is.Empty, _withoutRemote);
    }

    [Test]
    public void With_an_origin_remote_the_package_names_its_url_and_commit_and_the_pdbs_link_to_its_sources()
    {
        using var zip = ZipFile.OpenRead(CliPackagePath);
        var repository = Element(Metadata(zip, "Spicetime.Cli"), "repository");
        Assert.That(repository?.Attribute("url")?.Value, Does.StartWith("https://github.com/example/spicetime"), repository?.ToString());
        Assert.That(repository?.Attribute("type")?.Value, Is.EqualTo("git"));
        Assert.That(repository?.Attribute("commit")?.Value, Is.EqualTo(_cliCommit));

        using var symbols = ZipFile.OpenRead(Path.ChangeExtension(CliPackagePath, ".snupkg"));
        var sourceLink = SourceLinkJson(Bytes(symbols, "tools/net10.0/any/spicetime.pdb"));
        Assert.That(sourceLink, Does.Contain($"https://raw.githubusercontent.com/example/spicetime/{_cliCommit}/"));
    }

    [Test]
    public void The_sdk_package_names_the_repository_as_its_git_checkout_does()
    {
        using var zip = ZipFile.OpenRead(SdkPackagePath);
        var repository = Element(Metadata(zip, "Spicetime.Sdk"), "repository");
        var head = DotnetRun.Run("git", SdkPackage.RepositoryRoot, new[] { "rev-parse", "HEAD" });
        if (head.ExitCode == 0)
        {
            Assert.That(repository?.Attribute("commit")?.Value, Is.EqualTo(head.Output.Trim()));
        }

        // A URL only from an origin that is one (a clone of a local folder, as CI's, has none: nothing is invented).
        var origin = DotnetRun.Run("git", SdkPackage.RepositoryRoot, new[] { "remote", "get-url", "origin" });
        var originIsUrl = origin.ExitCode == 0 && Uri.TryCreate(origin.Output.Trim(), UriKind.Absolute, out var url) && url.Scheme is "https" or "http" or "ssh" or "git";
        Assert.That(repository?.Attribute("url"), originIsUrl ? Is.Not.Null : Is.Null, $"{repository}\n{origin}");
    }

    [TestCase("Spicetime.Sdk", "tasks/net10.0/Spicetime.Sdk.Tasks", "tasks/net10.0/Spicetime.Tree", "tasks/net472/Spicetime.Sdk.Tasks", "tasks/net472/Spicetime.Tree")]
    [TestCase("Spicetime.Cli", "tools/net10.0/any/spicetime", "tools/net10.0/any/Spicetime.Tree")]
    public void A_symbols_package_lies_beside_each_package_with_a_matching_pdb_for_each_of_Spicetimes_assemblies(string id, params string[] assemblies)
    {
        var path = id == "Spicetime.Sdk" ? SdkPackagePath : CliPackagePath;
        using var package = ZipFile.OpenRead(path);
        using var symbols = ZipFile.OpenRead(Path.ChangeExtension(path, ".snupkg"));

        var pdbs = symbols.Entries.Where(e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal)).Select(e => e.FullName).ToList();
        Assert.That(pdbs, Is.EquivalentTo(assemblies.Select(a => a + ".pdb")));
        Assert.That(Element(Metadata(symbols, id), "packageTypes")?.Elements().Select(e => e.Attribute("name")?.Value), Is.EqualTo(new[] { "SymbolsPackage" }));
        foreach (var assembly in assemblies)
        {
            var (guid, stamp) = CodeViewOf(Bytes(package, assembly + ".dll"));
            var id20 = PdbId(Bytes(symbols, assembly + ".pdb"));
            Assert.That((new Guid(id20.AsSpan(0, 16)), BitConverter.ToUInt32(id20, 16)), Is.EqualTo((guid, stamp)), $"{assembly}.pdb is the pdb of {assembly}.dll");
        }
    }

    [Test]
    public void The_portable_tool_s_assemblies_are_ReadyToRun_for_linux_x64_with_their_IL_and_a_RID_free_deps_file()
    {
        using var package = ZipFile.OpenRead(CliPackagePath);
        var assemblies = package.Entries.Where(e => e.FullName.StartsWith("tools/net10.0/any/", StringComparison.Ordinal)
            && e.FullName.Count(c => c == '/') == 3 && e.FullName.EndsWith(".dll", StringComparison.Ordinal)).Select(e => e.FullName).ToList();
        Assert.That(assemblies, Does.Contain("tools/net10.0/any/spicetime.dll").And.Contain("tools/net10.0/any/Spicetime.Tree.dll").And.Contain("tools/net10.0/any/System.CommandLine.dll"));
        foreach (var assembly in assemblies)
        {
            using var pe = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(Bytes(package, assembly)));
            Assert.That(pe.HasMetadata, Is.True, $"{assembly} keeps its IL and metadata (any other platform JIT-compiles it)");
            Assert.That(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size, Is.GreaterThan(0), $"{assembly} is ReadyToRun");
            // A ReadyToRun image's machine is the architecture's XOR the OS's value (Linux: 0x7B79).
            Assert.That((int)pe.PEHeaders.CoffHeader.Machine, Is.EqualTo(0x8664 ^ 0x7B79), $"{assembly} is compiled for linux-x64");
        }

        using var deps = System.Text.Json.JsonDocument.Parse(Text(package, "tools/net10.0/any/spicetime.deps.json"));
        Assert.That(deps.RootElement.GetProperty("runtimeTarget").GetProperty("name").GetString(), Is.EqualTo(".NETCoreApp,Version=v10.0"), "the portable publish's, not the RID publish's");
    }

    [Test]
    public void Spicetime_Tree_is_not_a_package()
    {
        Assert.That(Directory.GetFiles(SdkPackage.Feed, "Spicetime.Tree.*"), Is.Empty);
        var packable = DotnetRun.Run("dotnet", SdkPackage.RepositoryRoot, new[] { "msbuild", "src/Spicetime.Tree/Spicetime.Tree.csproj", "-getProperty:IsPackable" }).ShouldSucceed();
        Assert.That(packable.Output.Trim(), Is.EqualTo("false"));
    }

    private static XElement Metadata(ZipArchive zip, string id)
    {
        var nuspec = XDocument.Parse(Text(zip, id + ".nuspec"));
        return nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static XElement? Element(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    private static byte[] Bytes(ZipArchive zip, string entry)
    {
        var found = zip.GetEntry(entry) ?? throw new AssertionException($"{entry} is not in the package: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var stream = found.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Text(ZipArchive zip, string entry) => new StreamReader(new MemoryStream(Bytes(zip, entry))).ReadToEnd();

    private static int BigEndian(byte[] bytes, int at) => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];

    private static string? Normalized(string? text) => text?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>The changelog's first "## " section, heading included: what _SpicetimeReleaseNotes takes.</summary>
    private static string NewestChangelogEntry()
    {
        var changelog = Normalized(File.ReadAllText(Path.Combine(SdkPackage.RepositoryRoot, "CHANGELOG.md")))!;
        var start = changelog.IndexOf("\n## ", StringComparison.Ordinal) + 1;
        var next = changelog.IndexOf("\n## ", start, StringComparison.Ordinal);
        return changelog[start..(next < 0 ? changelog.Length : next)].Trim();
    }

    private static (Guid Guid, uint Stamp) CodeViewOf(byte[] assembly)
    {
        using var pe = new PEReader(new MemoryStream(assembly));
        var entry = pe.ReadDebugDirectory().First(e => e.Type == DebugDirectoryEntryType.CodeView);
        return (pe.ReadCodeViewDebugDirectoryData(entry).Guid, entry.Stamp);
    }

    private static byte[] PdbId(byte[] pdb)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb));
        return provider.GetMetadataReader().DebugMetadataHeader!.Id.ToArray();
    }

    private static string SourceLinkJson(byte[] pdb)
    {
        var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb));
        var reader = provider.GetMetadataReader();
        foreach (var handle in reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
        {
            var information = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(information.Kind) == sourceLinkKind)
            {
                return System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(information.Value));
            }
        }

        return "";
    }
}
