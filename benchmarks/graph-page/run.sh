#!/usr/bin/env bash
# The graph page at scale: `spicetime graph --format html` on a synthetic tree (SyntheticForkRepository: FORKS forks of
# PROJECTS projects each, a root and its children, git history), without and with an affected overlay (--base HEAD~2:
# one .cs edit and one central version bump), then each page opened in headless Chromium (Debian's /usr/bin/chromium,
# or SPICETIME_CHROMIUM) through the DevTools protocol (Spicetime.Benchmarks page-timing).
# Prints, per page: the command's wall time, CPU time (user + sys) and peak memory (medians of N, process start
# included) beside `spicetime affected --base HEAD~2`'s (a reference that reads the same projects), the file's size, and page-timing's table (ms from navigation start to the page's "spicetime-ready" mark,
# then a fork click and a search, timed inside the page).
# Usage: benchmarks/graph-page/run.sh [iterations=5] [forks=1000] [projects-per-fork=20]
set -euo pipefail
iterations=${1:-5}
forks=${2:-1000}
per_fork=${3:-20}
source "$(dirname "$0")/../common.sh"
bench_setup graph-page-bench

dotnet build "$root/src/Spicetime.Cli/Spicetime.Cli.csproj" -c Release -o "$work/cli" -nodeReuse:false -v:q -clp:NoSummary >/dev/null
dotnet build "$root/benchmarks/Spicetime.Benchmarks/Spicetime.Benchmarks.csproj" -c Release -o "$work/gen" -nodeReuse:false -v:q -clp:NoSummary >/dev/null
repo="$work/repo"
dotnet "$work/gen/Spicetime.Benchmarks.dll" generate-repo "$repo" "$forks" "$per_fork"
echo "$forks forks, $((forks * per_fork)) projects; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# The reference: `spicetime affected` over the same projects (the page's command reads them the same way, then writes
# show's JSON, every project with its references, every entry's why chain, and the page).
walls="" cpus=""
for ((i = 0; i < iterations; i++)); do
  (cd "$repo" && /usr/bin/time -f '%e %U %S %M' -o "$work/time" dotnet "$work/cli/spicetime.dll" affected --base HEAD~2 --format json >/dev/null)
  read -r wall user sys peak < "$work/time"
  walls+="$wall " cpus+="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') "
done
printf 'reference, affected --base HEAD~2 --format json: wall %s s, CPU %s s\n' "$(median <<<"$walls")" "$(median <<<"$cpus")"

for overlay in none base; do
  if [ "$overlay" = base ]; then args=(--base HEAD~2); else args=(); fi
  page="$work/page-$overlay.html"
  walls="" cpus="" peaks=""
  for ((i = 0; i < iterations; i++)); do
    (cd "$repo" && /usr/bin/time -f '%e %U %S %M' -o "$work/time" dotnet "$work/cli/spicetime.dll" graph --format html --output "$page" "${args[@]}" >/dev/null)
    read -r wall user sys peak < "$work/time"
    walls+="$wall " cpus+="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') " peaks+="$peak "
  done
  echo
  printf 'graph --format html %s: wall %s s, CPU %s s, peak %s MiB, file %s MB\n' "${args[*]:-(no overlay)}" \
    "$(median <<<"$walls")" "$(median <<<"$cpus")" "$(median <<<"$peaks" | awk '{ printf "%.0f", $1 / 1024 }')" \
    "$(stat -c %s "$page" | awk '{ printf "%.1f", $1 / 1e6 }')"
  dotnet "$work/gen/Spicetime.Benchmarks.dll" page-timing "$page" "$iterations"
done
