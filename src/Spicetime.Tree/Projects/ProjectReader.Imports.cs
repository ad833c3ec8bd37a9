using Spicetime.Tree.Paths;

namespace Spicetime.Tree.Projects;

public sealed partial class ProjectReader
{
    /// <summary>Imports: MSBuild's implicit ones (Directory.Build.props/.targets, Directory.Packages.props, the SDK's hooks) and explicit ones, wildcards included.</summary>
    private sealed partial class Evaluation
    {
        /// <summary>Microsoft.Common.props: the nearest Directory.Build.props, then the nearest Directory.Packages.props.</summary>
        private void ImplicitProps()
        {
            if (_propsImported)
            {
                return;
            }

            _propsImported = true;
            ImportNearest("Directory.Build.props", "ImportDirectoryBuildProps", "DirectoryBuildPropsPath", "_DirectoryBuildPropsFile", "_DirectoryBuildPropsBasePath");
            PackageProps();
            ImportNearest("Directory.Packages.props", "ImportDirectoryPackagesProps", "DirectoryPackagesPropsPath", "_DirectoryPackagesPropsFile", "_DirectoryPackagesPropsBasePath");
            ImportHooks(DotNetSdkFacts.PropsHooks);
        }

        /// <summary>
        /// What the SDK sets right after Directory.Build.props that the reader knows: the restore's nuget.g.props imports
        /// the build props of the project's packages (Microsoft.NET.Test.Sdk's set <c>IsTestProject</c> to true,
        /// whatever Directory.Build.props said), and MSTest.Sdk's props may set it (some of its versions do).
        /// </summary>
        private void PackageProps()
        {
            if (_testPackages != Truth.False)
            {
                Assign("IsTestProject", new[] { "true" }, uncertain: _testPackages == Truth.Unknown);
            }
            else if (_testSdk)
            {
                Assign("IsTestProject", new[] { "true" }, uncertain: true);
            }
        }

        /// <summary>Microsoft.Common.targets: the nearest Directory.Build.targets.</summary>
        private void ImplicitTargets()
        {
            if (_targetsImported)
            {
                return;
            }

            _targetsImported = true;
            ImportHooks(DotNetSdkFacts.TargetsHooksBefore);
            ImportNearest("Directory.Build.targets", "ImportDirectoryBuildTargets", "DirectoryBuildTargetsPath", "_DirectoryBuildTargetsFile", "_DirectoryBuildTargetsBasePath");
            ImportHooks(DotNetSdkFacts.TargetsHooksAfter);
        }

        /// <summary>
        /// The files the SDK imports because a property names them (<c>CustomBeforeMicrosoftCSharpTargets</c> and the
        /// other hooks of Microsoft.Common and the language targets; each a ';' list). A value the repository set is
        /// imported like any import; a relative one would be relative to the SDK's file, outside the folder.
        /// </summary>
        private void ImportHooks(IEnumerable<string> hooks)
        {
            foreach (var hook in hooks)
            {
                if (!_properties.TryGetValue(hook, out var values))
                {
                    continue; // set by no file of the folder: nothing of ours to import
                }

                foreach (var part in values.SelectMany(v => MSBuildList.Items(v)))
                {
                    if (part.Contains(MSBuildText.Unknown[0]))
                    {
                        // Counted like an import with an unknown part: every build file it may name.
                        if (DotNetSdkFacts.LooksLikePath(part) && PathPattern.Create(_reader._root, RepositoryPath.Root, part) is { } pattern)
                        {
                            foreach (var match in BuildFiles(pattern).Where(_imported.Add))
                            {
                                _imports.Add(new ImportedFile(match, _project));
                            }
                        }

                        _opaque = true;
                    }
                    else if (RepositoryPath.IsAbsolute(RepositoryPath.Normalize(part)) && RepositoryPath.Resolve(_reader._root, RepositoryPath.Root, part) is { } path)
                    {
                        _probes.Add(path);
                        if (Exists(path))
                        {
                            Import(path, _project, uncertain: values.Count > 1);
                        }
                    }
                }
            }
        }

        /// <summary>
        /// As Microsoft.Common.props/.targets do it: the switch, the properties they set (files that chain to the
        /// one above read them, e.g. <c>$([System.IO.Path]::Combine('..', '$(_DirectoryBuildPropsFile)'))</c>), then
        /// the nearest file of that name at or above the project's folder.
        /// </summary>
        private void ImportNearest(string name, string switchProperty, string pathProperty, string fileProperty, string basePathProperty)
        {
            if (SingleValue(switchProperty) is { } on && on.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            _properties[switchProperty] = new List<string> { "true" };
            _properties[fileProperty] = new List<string> { name };
            var folder = FolderAbove(_projectFolder, name);
            _properties[basePathProperty] = new List<string> { folder is null ? string.Empty : _reader.FullFolder(folder) };
            _properties[pathProperty] = new List<string> { folder is null ? string.Empty : _reader.Full(RepositoryPath.Join(folder, name)) };
            if (folder is not null)
            {
                Import(RepositoryPath.Join(folder, name), _project, uncertain: false);
            }
        }

        /// <summary>The nearest folder at or above <paramref name="folder"/> holding <paramref name="name"/>; every place looked at is a probe.</summary>
        private string? FolderAbove(string folder, string name)
        {
            var (found, probes) = _reader.Nearest(folder, name);
            _probeChains.Add(probes);
            Searched(name, probes);
            return found;
        }

        private void Import(string file, string importedBy, bool uncertain)
        {
            if (!_imported.Add(file))
            {
                return; // MSBuild skips a file imported twice (MSB4011)
            }

            _imports.Add(new ImportedFile(file, importedBy));
            if (Load(file).Root is { } root)
            {
                Walk(root.Children, file, new List<string>(), uncertain);
            }
        }


        private void ImportElement(MSBuildElement import, string file, bool uncertain)
        {
            var project = import.Attribute("Project") ?? string.Empty;
            var text = Text(file);
            var truth = Condition(import.Attribute("Condition"), file, text);
            if (truth == Truth.False)
            {
                return;
            }

            uncertain |= truth == Truth.Unknown;
            if (import.Attribute("Sdk") is { Length: > 0 })
            {
                // <Import Project="Sdk.props" Sdk="X" />: the SDK's own files, which bring MSBuild's implicit imports.
                if (project.EndsWith(".props", StringComparison.OrdinalIgnoreCase))
                {
                    ImplicitProps();
                }
                else
                {
                    ImplicitTargets();
                }

                _opaque |= !DotNetSdkFacts.KnownSdks.Contains(import.Attribute("Sdk")!.Split('/')[0].Trim());
                return;
            }

            var name = RepositoryPath.FileName(RepositoryPath.Normalize(project));
            if (name.Equals("Microsoft.Common.props", StringComparison.OrdinalIgnoreCase))
            {
                ImplicitProps();
                return;
            }

            if (DotNetSdkFacts.CommonTargets.Contains(name))
            {
                ImplicitTargets();
                return;
            }

            // A file outside the folder (an SDK's, another repository's) is not read: what it defines is unknown.
            var folder = RepositoryPath.FolderOf(file);
            if (text.Expand(project).Values.Any(v => v.Contains(MSBuildText.Unknown[0]) || RepositoryPath.Resolve(_reader._root, folder, v) is null))
            {
                _opaque = true;
            }

            foreach (var pattern in Paths(project, folder, text, import, file, "Import"))
            {
                if (pattern.Exact is { } exact)
                {
                    _probes.Add(exact);
                    if (Exists(exact))
                    {
                        Import(exact, file, uncertain);
                    }

                    continue;
                }

                // A wildcard import reads every file it matches, in order; one with an unknown part cannot be read
                // (what it defines is unknown), but a change to any file it may be counts.
                foreach (var match in BuildFiles(pattern).OrderBy(f => f, StringComparer.Ordinal))
                {
                    if (pattern.HasUnknown)
                    {
                        if (_imported.Add(match))
                        {
                            _imports.Add(new ImportedFile(match, file));
                        }
                    }
                    else
                    {
                        Import(match, file, uncertain);
                    }
                }

                _opaque |= pattern.HasUnknown;
            }
        }
    }
}
