#!/usr/bin/env bash
# The build cache on a generated tree (docs/benchmarks.md, "Build cache"): 50 C# projects on Spicetime.Sdk in 5 forks,
# 5 of them NUnit test projects (generate.sh), committed to git and cloned three times at different paths (A, B, C).
#
# Timed, as whole `dotnet build All.slnx` processes (node reuse off, -v:n so the cache's messages can be counted), in
# rounds, each round in this order with a new empty cache folder:
#   (a) clean  - A after `git clean -xdf`, the cache empty: every project compiles and is stored
#   (b) cached - B after `git clean -xdf`, the cache (a) filled: every project should come from the cache
#   (c) second - B again, nothing changed: on a fresh clone the second restore rewrites every project.assets.json
#                (a referenced project's version is 1.0.0 in the first restore, its fork's version from then on), so
#                this build restores and writes deps.json files again, though it compiles nothing
#   (d) no-op  - B a third time: nothing to do
# Per build: wall time, CPU time (user + system of the build and of every process it started, MSBuild nodes and
# compilers included, however they exit: cputime.py, a child subreaper; GNU time misses the nodes still shutting down
# when `dotnet build` returns, which lost half a clean build's CPU in a trial run), and the other tenants' CPU during
# it (the machine's busy time from /proc/stat less ours, in cores). Reported: medians and the
# medians of the paired ratios (b)/(a), (b)/(c) and (b)/(d) within each round.
#
# Checked after the rounds:
#   - every project of each (b) from the cache (its "compiled outputs from the cache" message), none missed or stored;
#   - bin/ of B, built once more from a clean state with the cache, byte for byte against C built clean with an empty
#     cache (both first builds of their clone);
#   - `dotnet test All.slnx` on A (records the passing runs), then on B: no test process ("Test run for"), a summary
#     for each test project;
#   - EDITS random .cs edits in B (seeded): body-only (the private Tweak's constant), API (a public method added) or a
#     comment; before building, `spicetime cache status` (miss or waits) against `spicetime affected --files FILE`;
#     B built with the cache after each: which projects miss, against the same;
#     then the edit undone and B built again (every project back from the cache or current).
#
# Usage: benchmarks/build-cache/run.sh [rounds=5]      EDITS=20 SEED=1 SHARED=0 KEEP=1 EXTRA=0 CHECKS=1
#   EXTRA=N: N more (b), (c), (d) builds after the rounds, with the last round's cache (more pairs of (b) against (d)).
#   FLOOR=1: with EXTRA, each followed by (f): B with its bin/ folders and NuGet's restore outputs deleted and its compile
#   outputs kept (every key current: nothing unpacked or compiled), the part of (b) beyond (d) that no build cache removes.
#   CHECKS=0: the timings alone (no byte comparison, tests or edits).
#   SHARED=0 (default): UseSharedCompilation=false, every compile a csc process of the build (as this machine's
#   environment sets it). SHARED=1: the compiler server, one of this run's own (its own pipe), whose CPU during each
#   build is read from /proc and added; it is stopped at the end.
set -euo pipefail
rounds=${1:-5}
edits=${EDITS:-20}
seed=${SEED:-1}
source "$(dirname "$0")/../common.sh"
bench_setup build-cache
here="$root/benchmarks/build-cache"
quiet=(-nodeReuse:false -v:q -clp:NoSummary)
pack_sdk
dotnet build "$root/src/Spicetime.Cli/Spicetime.Cli.csproj" -c Release -o "$work/cli" "${quiet[@]}" > "$work/setup.log" 2>&1 ||
  { cat "$work/setup.log"; exit 1; }
spicetime() { dotnet "$work/cli/spicetime.dll" "$@"; }
echo "Spicetime.Sdk $version from $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src sdk || echo ' (with uncommitted changes)')"

nuget_config "$work"
"$here/generate.sh" "$work/origin" "$version" "$work/NuGet.config"
for clone in A B C; do git clone -q "$work/origin" "$work/$clone"; done
mkdir -p "$work/logs"

if [ "${SHARED:-0}" = 1 ]; then
  export UseSharedCompilation=true SharedCompilationId="spicetime-bench-$$" SPICETIME_CPU_GRACE=5
else
  export UseSharedCompilation=false
fi
server_pid() { pgrep -u "$(id -u)" -f -- "-pipename:${SharedCompilationId:-none}" | head -1 || true; }
stop_server() { local pid; pid=$(server_pid); [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; }
trap 'stop_server; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
server_ticks() { local pid; pid=$(server_pid); if [ -n "$pid" ]; then echo "$pid $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)"; else echo "- 0"; fi; }
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
hz=$(getconf CLK_TCK)
cores=$(nproc)

# build LABEL DIR CACHE [args]: dotnet build All.slnx in DIR with SPICETIME_CACHE=CACHE; log in logs/LABEL.log;
# sets $wall $cpu $others (cores' worth of other tenants' CPU during the build) $load (1-minute load average before).
build() {
  local label=$1 dir=$2 cache=$3 s0 s1 b0 b1 server
  shift 3
  load=$(cut -d' ' -f1 /proc/loadavg)
  s0=$(server_ticks); b0=$(busy_ticks)
  if ! (cd "$dir" && SPICETIME_CACHE="$cache" python3 "$here/cputime.py" "$work/time" \
        dotnet build All.slnx -nodeReuse:false -v:n -tl:off "$@" > "$work/logs/$label.log" 2>&1); then
    grep -E 'error|warning SPT' "$work/logs/$label.log" | sort -u | head -20; echo "RESULT: build $label failed"; exit 1
  fi
  s1=$(server_ticks); b1=$(busy_ticks)
  # The server's CPU during the build: its ticks now less before (0 before when it started during this build).
  server=$(awk -v a="$s0" -v b="$s1" 'BEGIN { split(a, x, " "); split(b, y, " "); print (x[1] == y[1]) ? y[2] - x[2] : y[2] }')
  read -r wall user sys _ < "$work/time"
  cpu=$(awk -v u="$user" -v s="$sys" -v t="$server" -v hz="$hz" 'BEGIN { printf "%.2f", u + s + t / hz }')
  others=$(awk -v b0="$b0" -v b1="$b1" -v c="$cpu" -v w="$wall" -v hz="$hz" 'BEGIN { o = (b1 - b0) / hz - c; printf "%.2f", (o < 0 ? 0 : o) / w }')
}
count() { grep -c -- "$2" "$work/logs/$1.log" || true; }

results="$work/results.tsv"; : > "$results"
for ((r = 1; r <= rounds; r++)); do
  cache="$work/cache-$r"
  rm -rf "$work/cache-$((r - 1))"
  git -C "$work/A" clean -xdfq; git -C "$work/B" clean -xdfq
  build "a$r" "$work/A" "$cache"; echo "$r a $wall $cpu $others $load" >> "$results"
  build "b$r" "$work/B" "$cache"; echo "$r b $wall $cpu $others $load" >> "$results"
  build "c$r" "$work/B" "$cache"; echo "$r c $wall $cpu $others $load" >> "$results"
  build "d$r" "$work/B" "$cache"; echo "$r d $wall $cpu $others $load" >> "$results"
  echo "round $r: $(awk -v r=$r '$1 == r { printf "(%s) %.1f s wall, %.1f s CPU, others %.2f cores, load %s;  ", $2, $3, $4, $5, $6 }' "$results")"
  echo "  (a) stored $(count "a$r" ': stored key'), from the cache $(count "a$r" 'compiled outputs from the cache');" \
       "(b) from the cache $(count "b$r" 'compiled outputs from the cache'), missed $(count "b$r" ': miss for key'), stored $(count "b$r" ': stored key');" \
       "(c) current $(count "c$r" 'are already those of key'), missed $(count "c$r" ': miss for key');" \
       "(d) current $(count "d$r" 'are already those of key'), missed $(count "d$r" ': miss for key')"
done

# EXTRA more (b), (c), (d) triples with the last round's cache: (b) against (d) alone, without a clean build each time.
for ((x = 1; x <= ${EXTRA:-0}; x++)); do
  r=$((rounds + x))
  git -C "$work/B" clean -xdfq
  build "b$r" "$work/B" "$work/cache-$rounds"; echo "$r b $wall $cpu $others $load" >> "$results"
  build "c$r" "$work/B" "$work/cache-$rounds"; echo "$r c $wall $cpu $others $load" >> "$results"
  build "d$r" "$work/B" "$work/cache-$rounds"; echo "$r d $wall $cpu $others $load" >> "$results"
  if [ "${FLOOR:-0}" = 1 ]; then
    # (f): B's bin/ folders and NuGet's restore outputs deleted, the compile outputs kept: every key current (stamped,
    # nothing unpacked), so what is left is what a clean checkout costs beyond a no-op even with a free cache.
    find "$work/B" -name bin -type d -prune -exec rm -rf {} +
    find "$work/B" -path '*/obj/*' \( -name project.assets.json -o -name '*.nuget.*' -o -name project.nuget.cache -o -name '*.dgspec.json' \) -delete
    build "f$r" "$work/B" "$work/cache-$rounds"; echo "$r f $wall $cpu $others $load" >> "$results"
    [ "$(count "f$r" 'compiled outputs from the cache')$(count "f$r" 'bincore/csc')" = 00 ] || { echo "RESULT: (f) unpacked or compiled"; exit 1; }
  fi
  echo "extra $x: $(awk -v r=$r '$1 == r { printf "(%s) %.1f s wall, %.1f s CPU, others %.2f cores;  ", $2, $3, $4, $5 }' "$results") from the cache $(count "b$r" 'compiled outputs from the cache')"
done

quartiles() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f %.3f %.3f", v[int((NR + 3) / 4)], m, v[int((3 * NR + 3) / 4)] }'; }
paired() { awk -v c="$1" -v x="$2" -v y="$3" '$2 == x { a[$1] = $c } $2 == y { b[$1] = $c } END { for (r in a) if (r in b) print a[r] / b[r] }' "$results"; }
echo
echo "== $rounds rounds, 50 projects, $cores cores (medians; others: other tenants' CPU during the build, in cores)"
printf '%-10s %10s %10s %8s %6s\n' build "wall s" "CPU s" others load
for phase in a b c d f; do
  grep -q "^[0-9]* $phase " "$results" || continue
  printf '%-10s %10.2f %10.2f %8.2f %6.2f\n' "$(case $phase in a) echo "(a) clean" ;; b) echo "(b) cached" ;; c) echo "(c) second" ;; d) echo "(d) no-op" ;; f) echo "(f) floor" ;; esac)" \
    "$(awk -v p=$phase '$2 == p { print $3 }' "$results" | median)" "$(awk -v p=$phase '$2 == p { print $4 }' "$results" | median)" \
    "$(awk -v p=$phase '$2 == p { print $5 }' "$results" | median)" "$(awk -v p=$phase '$2 == p { print $6 }' "$results" | median)"
done
echo "paired ratios, p25 / median / p75:"
echo "  (b)/(a) wall $(paired 3 b a | quartiles | sed 's| | / |g')   CPU $(paired 4 b a | quartiles | sed 's| | / |g')   goal <= 0.3"
echo "  (b)/(c) wall $(paired 3 b c | quartiles | sed 's| | / |g')   CPU $(paired 4 b c | quartiles | sed 's| | / |g')"
echo "  (b)/(d) wall $(paired 3 b d | quartiles | sed 's| | / |g')   CPU $(paired 4 b d | quartiles | sed 's| | / |g')   goal <= 1.2"
if grep -q "^[0-9]* f " "$results"; then
  echo "  (f)/(d) wall $(paired 3 f d | quartiles | sed 's| | / |g')   CPU $(paired 4 f d | quartiles | sed 's| | / |g')   (a clean checkout's own cost beyond a no-op)"
  echo "  (b)/(f) wall $(paired 3 b f | quartiles | sed 's| | / |g')   CPU $(paired 4 b f | quartiles | sed 's| | / |g')   (what the cache's hits cost beyond that)"
fi
echo "raw (round phase wall cpu others load):"; sed 's/^/  /' "$results"

# Byte for byte: B (outputs from the cache) against C compiled with an empty cache, each the first build of its clone.
echo
last="$work/cache-$rounds"
[ "${CHECKS:-1}" = 1 ] || exit 0
git -C "$work/B" clean -xdfq
build b-check "$work/B" "$last"
echo "== B built clean again with the cache: from the cache $(count b-check 'compiled outputs from the cache'), missed $(count b-check ': miss for key')"
git -C "$work/C" clean -xdfq
build c-clean "$work/C" "$work/cache-empty"
echo "== C built clean with an empty cache: stored $(count c-clean ': stored key'), from the cache $(count c-clean 'compiled outputs from the cache')"
compare_bins() { # $1 $2: two clones; prints the counts of files under */bin/ that are identical, differ, or are only in one
  (cd "$1" && find . -path '*/bin/*' -type f | sort) > "$work/files1"
  (cd "$2" && find . -path '*/bin/*' -type f | sort) > "$work/files2"
  local same=0 differ=0 asm_same=0 asm_differ=0 f
  while read -r f; do
    if cmp -s "$1/$f" "$2/$f"; then same=$((same + 1)); [[ $f == *.dll ]] && asm_same=$((asm_same + 1))
    else differ=$((differ + 1)); [[ $f == *.dll ]] && asm_differ=$((asm_differ + 1)); echo "  differs: $f"; fi
  done < <(comm -12 "$work/files1" "$work/files2")
  echo "  files: $same identical, $differ different, $(comm -23 "$work/files1" "$work/files2" | wc -l) only in the first, $(comm -13 "$work/files1" "$work/files2" | wc -l) only in the second"
  local own=0 p
  for p in $(cd "$1" && git ls-files '*.csproj'); do
    f="$(dirname "$p")/bin/Debug/net10.0/$(basename "$p" .csproj).dll"
    [ -f "$1/$f" ] && cmp -s "$1/$f" "$2/$f" && own=$((own + 1))
  done
  echo "  assemblies (.dll): $asm_same identical, $asm_differ different; each project's own assembly in its own bin/: $own of 50 identical"
}
echo "== bin/ of B (from the cache) against C (compiled):"
compare_bins "$work/B" "$work/C"

# Tests: A records its passing runs, then B replays them.
echo
test_run() { # LABEL DIR
  (cd "$2" && SPICETIME_CACHE="$last" python3 "$here/cputime.py" "$work/time" dotnet test All.slnx -nodeReuse:false -tl:off -v:n > "$work/logs/$1.log" 2>&1) ||
    { tail -40 "$work/logs/$1.log"; echo "RESULT: dotnet test $1 failed"; exit 1; }
  echo "  $1: $(tail -n 1 "$work/time" | awk '{ printf "%.1f s wall, %.1f s CPU", $1, $2 + $3 }'), test runs started $(count "$1" 'Test run for '), recorded $(count "$1" 'recorded a passing run'), replayed $(count "$1" 'from the Spicetime cache')"
}
echo "== dotnet test"
test_run test-A "$work/A"
test_run test-B "$work/B"
grep -h 'from the Spicetime cache' "$work/logs/test-B.log" | sed 's/^ */    /' | sort -u

# Edits: which projects miss, against what `affected` names.
echo
echo "== $edits random .cs edits in B (seed $seed): misses against spicetime affected --files"
RANDOM=$seed
mapfile -t files < <(git -C "$work/B" ls-files '*.cs' | sort)
projects() { { grep -oE "$2" "$work/logs/$1.log" || true; } | sed -E "s/$3//" | sort -u; }
edit_file() { # KIND FILE n
  case $1 in
    body)    perl -pi -e 's/(Tweak\(int x\) => x \+ )(\d+)/$1.($2+1)/e' "$2" ;;
    api)     perl -0pi -e "s/\}\n\z/    public static int Added$3() => $3;\n}\n/" "$2" ;;
    comment) echo "// edited $3" >> "$2" ;;
  esac
}
kinds=(body api comment)
: > "$work/edits.tsv"
for ((e = 1; e <= edits; e++)); do
  file=${files[$((RANDOM % ${#files[@]}))]}
  kind=${kinds[$((RANDOM % 3))]}
  (cd "$work/B" && edit_file "$kind" "$file" "$e")
  git -C "$work/B" diff --quiet -- "$file" && { echo "edit $e of $file changed nothing"; exit 1; }
  (cd "$work/B" && spicetime affected --files "$file" --format json) > "$work/affected-$e.json"
  jq -r '.projects[] | .path // .project // .' "$work/affected-$e.json" | xargs -n1 basename | sed 's/\.csproj$//' | sort -u > "$work/affected.txt"
  # cache status before building: the projects it says will not come from the cache (miss, or waits on one that misses).
  (cd "$work/B" && spicetime cache status --cache "$last" --format json) > "$work/status-$e.json"
  jq -r '.projects[] | select(.status == "miss" or .status == "waits") | .project' "$work/status-$e.json" | xargs -r -n1 basename | sed 's/\.csproj$//' | sort -u > "$work/status.txt"
  status_disagrees=$( (comm -3 "$work/status.txt" "$work/affected.txt" || true) | tr -d '\t' | tr '\n' ' ')
  build "edit$e" "$work/B" "$last"
  projects "edit$e" '[A-Za-z0-9.]+\.csproj: miss for key' '\.csproj: miss for key' > "$work/missed.txt"
  projects "edit$e" '[A-Za-z0-9.]+: compiled outputs from the cache' ': compiled outputs from the cache' > "$work/hit.txt"
  projects "edit$e" "[A-Za-z0-9.]+\.csproj's outputs are already those" "\.csproj's outputs are already those" > "$work/current.txt"
  missed_not_named=$(comm -23 "$work/missed.txt" "$work/affected.txt" | tr '\n' ' ')
  named_not_missed=$(comm -13 "$work/missed.txt" "$work/affected.txt" | tr '\n' ' ')
  edited=$(basename "$(dirname "$file")")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$e" "$kind" "$file" "$(wc -l < "$work/affected.txt")" "$(wc -l < "$work/missed.txt")" \
    "$(wc -l < "$work/hit.txt")" "$(wc -l < "$work/current.txt")" "${missed_not_named:--}" "$(tr '\n' ' ' < "$work/missed.txt")" "${status_disagrees:--}" >> "$work/edits.tsv"
  echo "edit $e ($kind) $file: affected names $(wc -l < "$work/affected.txt"), missed $(wc -l < "$work/missed.txt") [$(tr '\n' ' ' < "$work/missed.txt")]," \
       "current $(wc -l < "$work/current.txt"), from the cache $(wc -l < "$work/hit.txt"); missed but not named: ${missed_not_named:-none};" \
       "named, not missed (a dependency's reference assembly unchanged): $(echo $named_not_missed | wc -w);" \
       "cache status: $(wc -l < "$work/status.txt") miss or wait, against affected: ${status_disagrees:-agrees}; $wall s"
  grep -q "^$edited\$" "$work/missed.txt" || echo "  the edited project $edited did not miss"
  git -C "$work/B" checkout -q -- "$file"
  build "undo$e" "$work/B" "$last"
  echo "  undone: from the cache $(count "undo$e" 'compiled outputs from the cache'), missed $(count "undo$e" ': miss for key'), current $(count "undo$e" 'are already those of key'); $wall s"
done
echo
awk -F'\t' '{ n++; named += $4; missed += $5; if ($8 != "-") bad++; if ($10 != "-") disagree++ } END { printf "edits %d: affected named %d projects in all, %d missed; edits with a miss affected did not name: %d; edits where cache status (miss or waits) differs from affected: %d\n", n, named, missed, bad + 0, disagree + 0 }' "$work/edits.tsv"
[ -n "${KEEP:-}" ] && echo "work folder: $work"
true
