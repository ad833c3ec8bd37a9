using Spicetime.Tree.Mapping;
using Spicetime.Tree.Build;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Git;

namespace Spicetime.Tree.Tests.Build;

/// <summary>Generated files: written atomically, and only when their content changes.</summary>
public class GeneratedFileTests : BuildFolderTests
{
    [Test]
    public void Generated_files_are_written_only_when_their_content_changes()
    {
        var path = Path.Combine(_root, "obj", "spicetime", "App.csproj.g.props");
        Assert.That(GeneratedFile.WriteIfChanged(path, "<Project />\n"), Is.True);
        var stamp = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, stamp.AddMinutes(-5));
        Assert.That(GeneratedFile.WriteIfChanged(path, "<Project />\n"), Is.False);
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(stamp.AddMinutes(-5)), "not touched");
        Assert.That(GeneratedFile.WriteIfChanged(path, "<Project>\n</Project>\n"), Is.True);
        Assert.That(File.ReadAllText(path), Is.EqualTo("<Project>\n</Project>\n"));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Has.Length.EqualTo(1), "no temporary file left behind");
    }

    [Test]
    public void A_writer_learns_what_the_file_held_before_so_it_can_tell_which_part_changed()
    {
        var path = Path.Combine(_root, "obj", "App.csproj.g.props");
        Assert.That(GeneratedFile.WriteIfChanged(path, "one", out var previous), Is.True);
        Assert.That(previous, Is.Null, "there was none");
        Assert.That(GeneratedFile.WriteIfChanged(path, "one", out previous), Is.False);
        Assert.That(previous, Is.EqualTo("one"));
        Assert.That(GeneratedFile.WriteIfChanged(path, "two", out previous), Is.True);
        Assert.That(previous, Is.EqualTo("one"));
        Assert.That(File.ReadAllText(path), Is.EqualTo("two"));
    }

    [Test]
    public void Concurrent_writers_never_leave_a_half_written_file()
    {
        var path = Path.Combine(_root, "shared.g.props");
        var contents = Enumerable.Range(0, 8).Select(i => new string((char)('a' + i), 200_000)).ToArray();
        Parallel.For(0, 64, i => GeneratedFile.WriteIfChanged(path, contents[i % contents.Length]));
        Assert.That(contents, Does.Contain(File.ReadAllText(path)));
    }

    [Test]
    public void Writers_that_race_for_a_claimed_file_are_asked_one_after_the_other()
    {
        // Two projects restoring at once in one build: each refuses a file that another wrote. Without the lock both read
        // "absent" and both write; with it exactly one writes and every other is asked about the winner's content.
        for (var round = 0; round < 20; round++)
        {
            var path = Path.Combine(_root, $"round{round}", "Api.csproj.g.props");
            var writers = Enumerable.Range(0, 8).Select(i => $"owner {i}").ToArray();
            var wrote = new bool[writers.Length];
            var refusedFor = new string?[writers.Length];
            using var start = new Barrier(writers.Length);
            var threads = writers.Select((content, i) => new Thread(() =>
            {
                start.SignalAndWait();
                wrote[i] = GeneratedFile.WriteIfChanged(path, content, existing =>
                {
                    Thread.Sleep(5); // the window the race needs
                    refusedFor[i] = existing;
                    return false;
                }, out _);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.That(wrote.Count(w => w), Is.EqualTo(1), $"round {round}: one writer wins");
            var winner = writers[Array.IndexOf(wrote, true)];
            Assert.That(File.ReadAllText(path), Is.EqualTo(winner));
            Assert.That(refusedFor.Where((_, i) => !wrote[i]), Is.All.EqualTo(winner), "every other writer saw the winner's file");
        }
    }

    [Test]
    public void A_rename_refused_while_another_process_reads_the_file_is_tried_again()
    {
        // Windows refuses to rename over a file another process holds open (an evaluation importing a node's shared file).
        var path = Write("obj/spicetime/node.a.g.props", "old");
        var temporary = Write("obj/spicetime/node.a.g.props.tmp", "new");
        var refusals = 2;
        void Move(string from, string to)
        {
            if (refusals-- > 0)
            {
                throw new IOException("The process cannot access the file because it is being used by another process.");
            }

            File.Move(from, to, overwrite: true);
        }

        Assert.That(GeneratedFile.Replace(temporary, path, "new"u8.ToArray(), Move), Is.True);
        Assert.That(File.ReadAllText(path), Is.EqualTo("new"));
        Assert.That(refusals, Is.EqualTo(-1), "two refusals, then the rename");
    }

    [Test]
    public void A_rename_refused_over_a_file_that_already_holds_the_same_content_is_done()
    {
        // Another project of the node wrote the same content first, and a third process reads it: nothing left to write.
        var path = Write("obj/spicetime/node.a.g.props", "same");
        var temporary = Write("obj/spicetime/node.a.g.props.tmp", "same");
        var calls = 0;
        Assert.That(GeneratedFile.Replace(temporary, path, "same"u8.ToArray(), (_, _) =>
        {
            calls++;
            throw new IOException("in use");
        }), Is.False, "the other writer wrote it");
        Assert.That(calls, Is.EqualTo(1));
    }
}
