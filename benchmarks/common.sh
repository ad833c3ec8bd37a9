# Shared by the whole-process benchmark scripts (source it; bash only).
#   bench_setup NAME   a work folder of its own ($work, removed on exit unless KEEP=1), the repository root ($root),
#                      a package folder of its own, no MSBuild node reuse or server
#   pack_sdk           packs Spicetime.Sdk into $work/feed with a version of its own ($version)
#   nuget_config DIR   writes DIR/NuGet.config: $work/feed first, then the public NuGet feed
#   median             the median of the numbers on standard input (whitespace or newline separated)

bench_setup() {
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  work=$(mktemp -d "/tmp/spicetime-$1.XXXXXX")
  trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
  export DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
  export NUGET_PACKAGES="$work/packages"
}

pack_sdk() {
  # A version no earlier run used, so the package folder can never hold a stale Spicetime.Sdk.
  version="0.1.0-bench.$(date +%s)"
  dotnet pack "$root/src/Spicetime.Sdk/Spicetime.Sdk.csproj" -c Release -o "$work/feed" -p:PackageVersion="$version" \
    -nodeReuse:false -v:q -clp:NoSummary >/dev/null
}

# install_spicetime LABEL: packs Spicetime.Sdk and Spicetime.Cli as 0.1.0-LABEL.<time> into $work/feed and installs the
# CLI as a tool; sets $version and $spicetime (the tool's path). Exits with its log on a failure.
install_spicetime() {
  version="0.1.0-$1.$(date +%s)"
  local package
  for package in Spicetime.Sdk Spicetime.Cli; do
    dotnet pack "$root/src/$package/$package.csproj" -c Release -o "$work/feed" -p:Version="$version" -nodeReuse:false -v:q -clp:NoSummary > "$work/setup.log" 2>&1 ||
      { cat "$work/setup.log"; echo "RESULT: packing $package failed"; exit 1; }
  done
  dotnet tool install Spicetime.Cli --version "$version" --tool-path "$work/tool" --add-source "$work/feed" > "$work/setup.log" 2>&1 ||
    { cat "$work/setup.log"; echo "RESULT: installing the CLI failed"; exit 1; }
  spicetime="$work/tool/spicetime"
}

nuget_config() {
  cat > "$1/NuGet.config" <<XML
<configuration><packageSources><clear /><add key="feed" value="$work/feed" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>
XML
}

median() {
  tr -s ' \t' '\n' | grep -v '^$' | sort -n |
    awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
