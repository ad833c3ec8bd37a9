#!/usr/bin/env bash
# Whole-process wall time and peak memory of `spicetime affected` on synthetic fork repositories
# (SyntheticForkRepository: forks x projects, git history), for two changes:
#   edit  - one .cs file in one fork's project (base HEAD~2, head HEAD~1)
#   bump  - one PackageVersion in Directory.Packages.props (base HEAD~1, head HEAD)
# Each measurement runs `dotnet spicetime.dll affected ... --format json` (process start included) N times,
# alternating edit and bump; prints medians of wall time, of CPU time (user + system: less disturbed than wall time
# on a shared machine) and of peak RSS (GNU time), and the affected counts.
# Each change is measured with the facts cache in three states, alternating: off (--no-cache), cold (the cache
# folder .git/spicetime deleted before the run: every project evaluated, the cache written) and warm (the cache as
# the previous run of that change left it; a run before the measurements fills it).
# Usage: benchmarks/affected/run.sh [iterations=5] [sizes="100 1000 5000 20000"] [modes="off cold warm"]
set -euo pipefail
iterations=${1:-5}
sizes=${2:-"100 1000 5000 20000"}
modes=${3:-"off cold warm"}
source "$(dirname "$0")/../common.sh"
bench_setup affected-bench

dotnet build "$root/src/Spicetime.Cli/Spicetime.Cli.csproj" -c Release -o "$work/cli" -nodeReuse:false -v:q -clp:NoSummary >/dev/null
dotnet build "$root/benchmarks/Spicetime.Benchmarks/Spicetime.Benchmarks.csproj" -c Release -o "$work/gen" -nodeReuse:false -v:q -clp:NoSummary >/dev/null

printf '%-9s %-6s %-5s %10s %10s %12s %10s\n' projects change cache "wall (s)" "cpu (s)" "peak (MiB)" affected
for size in $sizes; do
  if [ "$size" -le 1000 ]; then forks=10; else forks=$((size / 100)); fi
  per_fork=$((size / forks))
  repo="$work/repo-$size"
  dotnet "$work/gen/Spicetime.Benchmarks.dll" generate-repo "$repo" "$forks" "$per_fork"
  declare -A walls=() cpus=() peaks=() counts=()
  (cd "$repo" && dotnet "$work/cli/spicetime.dll" affected --base HEAD~1 --format json >/dev/null) # fills the cache for the first warm run
  for ((i = 0; i < iterations; i++)); do
    for change in edit bump; do
      if [ "$change" = edit ]; then range=(--base HEAD~2 --head HEAD~1); else range=(--base HEAD~1); fi
      for mode in $modes; do
        flags=()
        case $mode in
          off) flags=(--no-cache) ;;
          cold) rm -rf "$repo/.git/spicetime" ;;
        esac
        out=$(cd "$repo" && /usr/bin/time -f '%e %M %U %S' -o "$work/time" dotnet "$work/cli/spicetime.dll" affected "${range[@]}" --format json "${flags[@]}")
        read -r wall peak user system < "$work/time"
        walls[$change-$mode]+="$wall "
        cpus[$change-$mode]+="$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }') "
        peaks[$change-$mode]+="$peak "
        counts[$change-$mode]=$(grep -c '"path"' <<<"$out" || true)
      done
    done
  done
  for change in edit bump; do
    for mode in $modes; do
      wall=$(median <<<"${walls[$change-$mode]}")
      cpu=$(median <<<"${cpus[$change-$mode]}")
      peak=$(median <<<"${peaks[$change-$mode]}" | awk '{ printf "%.0f", $1 / 1024 }')
      printf '%-9s %-6s %-5s %10s %10s %12s %10s\n' "$size" "$change" "$mode" "$wall" "$cpu" "$peak" "${counts[$change-$mode]}"
    done
  done
  unset walls cpus peaks counts
  rm -rf "$repo"
done
