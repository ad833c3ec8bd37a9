using Spicetime.Tests.Fixtures;
using Spicetime.Tree.Projects;
using Spicetime.Tree.Projects.Cache;

namespace Spicetime.Tree.Tests.Projects.Cache;

/// <summary>
/// The facts cache never changes an answer: after any edit of any input the reader takes, reading through the cache
/// gives what the reader gives without it, and an unchanged project is not evaluated again.
/// </summary>
public class FactsCacheTests
{
    private FactsRepository _repo = null!;

    [SetUp]
    public void Create() => _repo = new FactsRepository();

    [TearDown]
    public void Remove() => _repo.Dispose();

    /// <summary>One edit of each kind of input; each applies to the folder as it is (adding, removing or changing).</summary>
    private static readonly (string Kind, Action<FactsRepository, Random> Apply)[] Edits =
    {
        ("project file", (r, x) => r.Write("src/App/App.csproj", File.ReadAllText(Path.Combine(r.Root, "src/App/App.csproj"))
            .Replace("</Project>", $"<ItemGroup><ProjectReference Include=\"../P{x.Next(3)}/P.csproj\" /></ItemGroup></Project>"))),
        ("project file of a library", (r, x) => r.Write("src/Lib/Lib.csproj", $"""<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><AssemblyOriginatorKeyFile>key{x.Next(3)}.snk</AssemblyOriginatorKeyFile></PropertyGroup></Project>""")),
        ("import", (r, x) => r.Write("eng/common.props", $"<Project><PropertyGroup><Shared>{(x.Next(2) == 0 ? "Lib" : "Core")}</Shared></PropertyGroup></Project>")),
        ("a nearer Directory.Build.props (probe)", (r, _) => Toggle(r, "src/App/Directory.Build.props", "<Project><PropertyGroup><Shared>Near</Shared></PropertyGroup></Project>")),
        ("a nearer Directory.Build.targets (probe)", (r, _) => Toggle(r, "src/Directory.Build.targets", "<Project><ItemGroup><ProjectReference Include=\"$(MSBuildThisFileDirectory)T/T.csproj\" /></ItemGroup></Project>")),
        ("an Exists()-probed file", (r, _) => Toggle(r, "local.props", "<Project><PropertyGroup><Flavor>Local</Flavor></PropertyGroup></Project>")),
        ("a file GetDirectoryNameOfFileAbove searches for", (r, x) => Toggle(r, x.Next(2) == 0 ? "X.slnx" : "src/X.slnx", "<Solution />")),
        ("an environment variable the evaluation reads", (r, x) =>
        {
            if (x.Next(3) == 0)
            {
                r.Environment.Remove("FLAVOR_FROM_ENV");
            }
            else
            {
                r.Environment["FLAVOR_FROM_ENV"] = x.Next(2) == 0 ? "Env" : "Other";
            }
        }),
        ("an environment variable no evaluation reads", (r, x) => r.Environment["UNRELATED"] = x.Next(100).ToString()),
        ("a wildcard import gaining or losing a file", (r, _) => Toggle(r, "eng/b.targets", "<Project><PropertyGroup><FromB>docs/</FromB></PropertyGroup></Project>")),
        ("a wildcard-imported file changed", (r, x) => r.Write("eng/a.targets", $"<Project><PropertyGroup><FromA>a{x.Next(3)}</FromA><FromB Condition=\"{x.Next(2)} == 1\">b/</FromB></PropertyGroup></Project>")),
        ("a build file outside every pattern", (r, _) => Toggle(r, "unrelated/Some.props", "<Project />")),
        ("a project file emptied or restored", (r, _) => r.Write("src/Other/Other.fsproj", File.ReadAllText(Path.Combine(r.Root, "src/Other/Other.fsproj")).Length == 0
            ? """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><ProjectReference Include="../Lib/Lib.csproj" /></ItemGroup></Project>"""
            : string.Empty)),
        ("nothing", (_, _) => { }),
    };

    private static void Toggle(FactsRepository repo, string path, string content)
    {
        if (repo.Exists(path))
        {
            repo.Delete(path);
        }
        else
        {
            repo.Write(path, content);
        }
    }

    [TestCase(1, false)]
    [TestCase(2, false)]
    [TestCase(3, false)]
    [TestCase(4, true)]
    [TestCase(5, true)]
    public void Cached_and_uncached_readers_agree_after_every_generated_edit(int seed, bool settled)
    {
        // Settled: every file written an hour ago and on, so that unchanged files are known by their stamps, not read.
        _repo.Dispose();
        _repo = new FactsRepository(settled);
        var random = new Random(seed);
        Assert.That(_repo.Cached().Dumps, Is.EqualTo(_repo.Uncached()), "cold");
        var hits = 0;
        for (var step = 0; step < 60; step++)
        {
            var (kind, apply) = Edits[random.Next(Edits.Length)];
            apply(_repo, random);
            var (cached, run, _) = _repo.Cached();
            Assert.That(cached, Is.EqualTo(_repo.Uncached()), $"step {step}: {kind}");
            hits += run.Hits;
        }

        Assert.That(hits, Is.GreaterThan(0), "the cache was used at all");
    }

    [Test]
    public void Every_kind_of_edit_re_evaluates_exactly_what_read_it()
    {
        _repo.Cached();
        foreach (var (kind, apply) in Edits)
        {
            apply(_repo, new Random(7));
            var expected = _repo.Uncached();
            var (cached, _, _) = _repo.Cached();
            Assert.That(cached, Is.EqualTo(expected), kind);
        }
    }

    [Test]
    public void A_warm_cache_evaluates_no_project_again()
    {
        var cold = _repo.Cached();
        Assert.That((cold.Run.Evaluated, cold.Run.Hits, cold.Reader.Evaluated), Is.EqualTo((3, 0, 3)));

        var warm = _repo.Cached();
        Assert.That((warm.Run.Evaluated, warm.Run.Hits, warm.Reader.Evaluated), Is.EqualTo((0, 3, 0)));
        Assert.That(warm.Dumps, Is.EqualTo(cold.Dumps));

        // One project edited: only it is evaluated again.
        _repo.Write("src/Lib/Lib.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        var one = _repo.Cached();
        Assert.That((one.Run.Evaluated, one.Run.Hits, one.Reader.Evaluated), Is.EqualTo((1, 2, 1)));

        // The file every project imports: all of them.
        _repo.Write("eng/common.props", "<Project><PropertyGroup><Shared>Core</Shared></PropertyGroup></Project>");
        var all = _repo.Cached();
        Assert.That((all.Run.Evaluated, all.Run.Hits), Is.EqualTo((3, 0)));
        Assert.That(all.Dumps, Is.EqualTo(_repo.Uncached()));
    }

    [Test]
    public void A_warm_cache_reads_no_file_whose_stamp_holds_and_reads_any_other()
    {
        _repo.Dispose();
        _repo = new FactsRepository(settled: true);
        var cold = _repo.Cached();
        Assert.That(cold.Run.Evaluated, Is.EqualTo(3));

        var warm = _repo.Cached();
        Assert.That((warm.Run.Hits, warm.Run.FilesRead), Is.EqualTo((3, 0)), "every file known by its stamp");
        Assert.That(warm.Dumps, Is.EqualTo(cold.Dumps));

        // The same content written again: its stamp is another, so it is read (and found the same); just written, it gets
        // no stamp until it has settled, so the next run reads it again too. (Dated a minute ahead: not settled however
        // long the test takes.)
        var common = Path.Combine(_repo.Root, "eng/common.props");
        File.WriteAllText(common, File.ReadAllText(common));
        File.SetLastWriteTimeUtc(common, DateTime.UtcNow.AddMinutes(1));
        var touched = _repo.Cached();
        Assert.That((touched.Run.Hits, touched.Run.FilesRead), Is.EqualTo((3, 1)));
        Assert.That(_repo.Cached().Run.FilesRead, Is.EqualTo(1), "not settled: no stamp yet");

        // Settled, it is read once more, and its stamp is recorded from then on.
        File.SetLastWriteTimeUtc(common, DateTime.UtcNow.AddMinutes(-1));
        Assert.That(_repo.Cached().Run.FilesRead, Is.EqualTo(1));
        Assert.That(_repo.Cached().Run.FilesRead, Is.EqualTo(0));

        // Another content of the same size, at a time of its own: the stamp differs, the file is read, the projects evaluated.
        var before = File.ReadAllText(common);
        File.WriteAllText(common, before.Replace("<Shared>Lib</Shared>", "<Shared>Cor</Shared>"));
        File.SetLastWriteTimeUtc(common, DateTime.UtcNow.AddSeconds(-30));
        Assert.That(new FileInfo(common).Length, Is.EqualTo(before.Length));
        var edited = _repo.Cached();
        Assert.That((edited.Run.Evaluated, edited.Run.FilesRead), Is.EqualTo((3, 1)));
        Assert.That(edited.Dumps, Is.EqualTo(_repo.Uncached()));

        // One project edited (settled): the run evaluates it and writes the file; the stamps it only confirmed for the
        // other projects' files are kept, so the next run reads nothing.
        _repo.Write("src/Lib/Lib.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><Edited>1</Edited></PropertyGroup></Project>""");
        File.SetLastWriteTimeUtc(Path.Combine(_repo.Root, "src/Lib/Lib.csproj"), DateTime.UtcNow.AddSeconds(-20));
        var one = _repo.Cached();
        Assert.That((one.Run.Evaluated, one.Run.Hits), Is.EqualTo((1, 2)));
        var after = _repo.Cached();
        Assert.That((after.Run.Hits, after.Run.FilesRead), Is.EqualTo((3, 0)), "stamps kept through a run that wrote the file");
        Assert.That(after.Dumps, Is.EqualTo(_repo.Uncached()));
    }

    [Test]
    public void Every_fact_of_a_project_survives_the_cache()
    {
        // A project with every property set to something other than its default (see FactsDump: all of them are compared).
        _repo.Write("src/Rich/Rich.fsproj", """
            <Project Sdk="Microsoft.NET.Sdk;Spicetime.Sdk">
              <PropertyGroup><SpicetimeBranch>rich</SpicetimeBranch><KeyFile>a/b.snk</KeyFile><CentralPackageTransitivePinningEnabled>true</CentralPackageTransitivePinningEnabled></PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Lib/Lib.csproj" />
                <ProjectReference Include="../$(TargetFramework)/X.csproj" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" />
                <PackageReference Include="Serilog" VersionOverride="4.0.0" />
                <PackageReference Include="$(TargetFramework)" />
                <Compile Include="../../shared/**/*.cs" />
                <None Include="readme.md" Pack="true" />
                <Weird Include="@(Unknown->'%(Foo)')" />
              </ItemGroup>
            </Project>
            """);
        var expected = FactsDump.Of(_repo.NewReader().Read("src/Rich/Rich.fsproj"));
        Assert.That(expected, Does.Contain("SPT0403").And.Contain("UsesUnknownPackages = True").And.Contain("ReferencePatterns = [pattern(")
            .And.Contain("DefaultItemExtensions = [").And.Contain("UsesSpicetimeSdk = True").And.Contain("MayPinTransitively = True").And.Contain("Items = [ItemInput"), "the project exercises the facts");

        // Written by one run, read back by the next (another reader, another FactsCache object on the same file).
        var first = new FactsCache(_repo.Root, _repo.Cache.FilePath).Open(_repo.NewReader());
        first.Read("src/Rich/Rich.fsproj");
        first.Save();
        var reader = _repo.NewReader();
        var run = _repo.Cache.Open(reader);
        Assert.That(FactsDump.Of(run.Read("src/Rich/Rich.fsproj")), Is.EqualTo(expected));
        Assert.That(reader.Evaluated, Is.Zero, "it came from the cache");

    }

    [Test]
    public void Projects_read_from_one_cache_file_share_their_common_imports_and_package_uses()
    {
        const string usesSerilog = """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Serilog" /></ItemGroup></Project>""";
        _repo.Write("src/A/A.csproj", usesSerilog).Write("src/B/B.csproj", usesSerilog).Write("src/C/C.csproj", usesSerilog)
            .Write("src/C/Directory.Build.props", """<Project><Import Project="../../Directory.Build.props" /></Project>""");
        var names = new[] { "src/A/A.csproj", "src/B/B.csproj", "src/C/C.csproj" };
        var filling = _repo.Cache.Open(_repo.NewReader());
        var uncached = names.Select(n => FactsDump.Of(filling.Read(n))).ToList();
        filling.Save();

        var run = _repo.Cache.Open(_repo.NewReader());
        var (a, b, c) = (run.Read(names[0])!, run.Read(names[1])!, run.Read(names[2])!);
        Assert.That(run.Hits, Is.EqualTo(3));
        Assert.That(new[] { a, b, c }.Select(FactsDump.Of), Is.EqualTo(uncached));
        var common = a.Imports.Single(i => i.Path == "eng/common.props");
        Assert.That(b.Imports.Single(i => i.Path == "eng/common.props"), Is.SameAs(common), "one object per (import, imported by)");
        Assert.That(c.Imports.Single(i => i.Path == "eng/common.props"), Is.SameAs(common));
        Assert.That(a.Imports[0], Is.Not.SameAs(b.Imports[0]), "each project's own import names the project");
        Assert.That(c.Imports.Select(i => i.Path), Does.Contain("src/C/Directory.Build.props"));
        Assert.That(a.Packages.Single(), Is.SameAs(c.Packages.Single()), "one object per package use");
    }

    [TestCase("garbage")]
    [TestCase("truncated")]
    [TestCase("flipped")]
    [TestCase("empty")]
    [TestCase("another folder")]
    public void A_damaged_or_foreign_cache_file_is_a_cold_run(string damage)
    {
        var cold = _repo.Cached();
        var file = _repo.Cache.FilePath;
        var bytes = File.ReadAllBytes(file);
        switch (damage)
        {
            case "garbage":
                File.WriteAllText(file, "not a cache at all");
                break;
            case "truncated":
                File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
                break;
            case "flipped":
                bytes[bytes.Length / 2] ^= 0x5A;
                File.WriteAllBytes(file, bytes);
                break;
            case "empty":
                File.WriteAllBytes(file, Array.Empty<byte>());
                break;
            case "another folder":
                using (var other = new FactsRepository())
                {
                    other.Cached();
                    File.Copy(other.Cache.FilePath, file, overwrite: true);
                }

                break;
        }

        var after = _repo.Cached();
        Assert.That(after.Dumps, Is.EqualTo(cold.Dumps));
        Assert.That((after.Run.Hits, after.Run.Evaluated), Is.EqualTo((0, 3)), "nothing taken from a file that cannot be trusted");
        Assert.That(_repo.Cached().Run.Hits, Is.EqualTo(3), "and the cache is whole again");
    }

    [Test]
    public void A_cache_file_that_cannot_be_written_changes_nothing()
    {
        var blocked = new FactsCache(_repo.Root, Path.Combine(_repo.Root, "src/App/App.csproj", "facts.bin")); // its folder is a file
        Assert.That(_repo.Cached(blocked).Dumps, Is.EqualTo(_repo.Uncached()));
        Assert.That(_repo.Cached(blocked).Run.Hits, Is.Zero);
    }

    [Test]
    public void Concurrent_runs_leave_a_whole_cache_and_answer_right()
    {
        var expected = new Dictionary<string, IReadOnlyList<string>>();
        var contents = new[] { "Lib", "Core" };
        foreach (var shared in contents)
        {
            _repo.Write("eng/common.props", $"<Project><PropertyGroup><Shared>{shared}</Shared></PropertyGroup></Project>");
            expected[shared] = _repo.Uncached();
        }

        // Runs on one cache file from several threads, each with its own FactsCache object (as separate processes would),
        // while the import they all read is edited between batches.
        for (var batch = 0; batch < 6; batch++)
        {
            var shared = contents[batch % 2];
            _repo.Write("eng/common.props", $"<Project><PropertyGroup><Shared>{shared}</Shared></PropertyGroup></Project>");
            var results = new IReadOnlyList<string>[8];
            Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
                results[i] = _repo.Cached(new FactsCache(_repo.Root, _repo.Cache.FilePath)).Dumps);
            Assert.That(results, Is.All.EqualTo(expected[shared]), $"batch {batch}");
        }

        Assert.That(_repo.Cached().Run.Hits, Is.EqualTo(3), "the file left is whole and current");
        Assert.That(Directory.EnumerateFiles(Path.GetDirectoryName(_repo.Cache.FilePath)!, "*.tmp"), Is.Empty, "no temporary file left");
    }

    [Test]
    public void The_cache_keeps_only_the_projects_of_the_last_run()
    {
        _repo.Cached();
        _repo.Delete("src/Other/Other.fsproj");
        _repo.Cached();
        var stored = _repo.Cache.Load();
        Assert.That(stored!.Entries.Keys, Is.EquivalentTo(FactsRepository.Projects), "a missing project is an entry too (no facts), not a leftover");
        var reader = _repo.NewReader();
        var run = _repo.Cache.Open(reader);
        run.Read("src/App/App.csproj");
        run.Save();
        Assert.That(_repo.Cache.Load()!.Entries.Keys, Is.EqualTo(new[] { "src/App/App.csproj" }));
    }

    [Test]
    public void The_cache_of_a_git_repository_lives_in_its_git_folder()
    {
        Directory.CreateDirectory(Path.Combine(_repo.Root, ".git"));
        File.WriteAllText(Path.Combine(_repo.Root, ".git", "HEAD"), "ref: refs/heads/main\n");
        var cache = FactsCache.For(Path.Combine(_repo.Root));
        Assert.That(cache.FilePath, Does.StartWith(Path.Combine(_repo.Root, ".git", "spicetime") + Path.DirectorySeparatorChar));
        Assert.That(FactsCache.For(Path.Combine(_repo.Root, "src")).FilePath, Is.Not.EqualTo(cache.FilePath), "one file per analysed folder");
    }
}
