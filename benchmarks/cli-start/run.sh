#!/usr/bin/env bash
# Whole-process start of `spicetime affected` as users install it: the portable tool package (plain `dotnet pack`,
# framework-dependent, ReadyToRun for linux-x64 with its IL) against the native one (`-p:SpicetimeNativeTool=true`, .NET 10 RID-specific tool package,
# Native AOT for this machine's RID, with the `any` fallback), both installed with `dotnet tool install` from a local
# feed, on generated repositories (SyntheticForkRepository) of the given sizes; one .cs edit (base HEAD~2, head HEAD~1).
# Alternating portable/native, each in a clone of its own with its facts cache warm; medians of wall time in ms (the
# process alone, timed by bash's $EPOCHREALTIME).
# Needs a C toolchain (clang or gcc) for Native AOT.
# Usage: benchmarks/cli-start/run.sh [iterations=9] [sizes="1000 20000"]
set -euo pipefail
export LC_NUMERIC=C # $EPOCHREALTIME's decimal point
iterations=${1:-9}
sizes=${2:-"1000 20000"}
source "$(dirname "$0")/../common.sh"
bench_setup cli-start
rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
portable_version="0.1.0-portable.$(date +%s)"
native_version="0.1.0-native.$(date +%s)"
cli="$root/src/Spicetime.Cli/Spicetime.Cli.csproj"
pack() { dotnet pack "$cli" -c Release -o "$work/feed" -nodeReuse:false -v:q -clp:NoSummary "$@" >/dev/null; }
pack -p:PackageVersion="$portable_version"
pack -p:PackageVersion="$native_version" -p:SpicetimeNativeTool=true -p:SpicetimeNativeToolRuntimeIdentifiers="$rid%3Bany"
pack -p:PackageVersion="$native_version" -p:SpicetimeNativeTool=true -p:SpicetimeNativeToolRuntimeIdentifiers="$rid%3Bany" -r "$rid"
pack -p:PackageVersion="$native_version" -p:SpicetimeNativeTool=true -p:SpicetimeNativeToolRuntimeIdentifiers="$rid%3Bany" -r any
echo "packages: $(cd "$work/feed" && ls *.nupkg | tr '\n' ' ')"
for kind in portable native; do
  version_var="${kind}_version"
  dotnet tool install Spicetime.Cli --version "${!version_var}" --tool-path "$work/$kind" --add-source "$work/feed" >/dev/null
done
# The native install holds no managed entry assembly; the portable one does.
[ -z "$(find "$work/native/.store" -name spicetime.dll)" ] || { echo "the native install is not native" >&2; exit 1; }
[ -n "$(find "$work/portable/.store" -name spicetime.dll)" ] || { echo "the portable install has no spicetime.dll" >&2; exit 1; }
echo "installed: portable $(du -sh "$work/portable/.store" | cut -f1), native $(du -sh "$work/native/.store" | cut -f1) ($rid)"

dotnet build "$root/benchmarks/Spicetime.Benchmarks/Spicetime.Benchmarks.csproj" -c Release -o "$work/gen" -nodeReuse:false -v:q -clp:NoSummary >/dev/null
printf '%-9s %15s %13s %8s\n' projects "portable (ms)" "native (ms)" ratio
for size in $sizes; do
  if [ "$size" -le 1000 ]; then forks=10; else forks=$((size / 100)); fi
  repo="$work/repo-$size"
  dotnet "$work/gen/Spicetime.Benchmarks.dll" generate-repo "$repo" "$forks" "$((size / forks))" >/dev/null
  # Each build in a clone of its own: the facts cache is per build of Spicetime (a native one has its own), so taking
  # turns in one clone would make every run a cold one. One run of each first fills its cache: the figures are warm.
  git clone -q "$repo" "$repo-native"
  for kind in portable native; do
    dir="$repo"; [ "$kind" = native ] && dir="$repo-native"
    (cd "$dir" && "$work/$kind/spicetime" affected --base HEAD~2 --head HEAD~1 --format json >/dev/null)
  done
  declare -A walls=()
  for ((i = 0; i < iterations; i++)); do
    for kind in portable native; do
      dir="$repo"; [ "$kind" = native ] && dir="$repo-native"
      # The process alone is timed: bash's own clock, no subshell and no `date` process around it (on this kind of
      # machine those cost ~10 ms a run, a fifth of the native tool's run at 1,000 projects).
      cd "$dir"
      start=$EPOCHREALTIME
      "$work/$kind/spicetime" affected --base HEAD~2 --head HEAD~1 --format json >/dev/null
      end=$EPOCHREALTIME
      cd "$root"
      walls[$kind]+="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%d", (b - a) * 1000 }') "
    done
  done
  p=$(median <<<"${walls[portable]}"); n=$(median <<<"${walls[native]}")
  printf '%-9s %15s %13s %8.2f\n' "$size" "$p" "$n" "$(awk -v p="$p" -v n="$n" 'BEGIN { print n / p }')"
  unset walls
  rm -rf "$repo" "$repo-native"
done
echo "(medians of $iterations alternating runs, whole processes, $(nproc) cores)"
