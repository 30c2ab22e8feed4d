#!/bin/bash
# run.sh [SECONDS] — builds the libFuzzer targets (clang, in build-fuzz) and runs each for
# SECONDS seconds (default 60) on a temporary copy of its seed corpus, so tests/fuzz/corpus is
# never grown. Exits non-zero when any target finds a crash, a leak, a timeout or a broken
# invariant; the input that did it is kept in build-fuzz/fuzz-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
targets=(fuzz_json_body fuzz_csv fuzz_query fuzz_router fuzz_head fuzz_file)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang meson setup build-fuzz -Dfuzzing=true >"$work/setup.log" ||
    { cat "$work/setup.log"; exit 1; }
fi
ninja -C build-fuzz "${targets[@]/#/tests/fuzz/}" >"$work/build.log" ||
  { cat "$work/build.log"; exit 1; }

mkdir -p build-fuzz/fuzz-logs build-fuzz/fuzz-artifacts
export UBSAN_OPTIONS=print_stacktrace=1
failed=0
for t in "${targets[@]}"; do
  log=build-fuzz/fuzz-logs/$t.log
  mkdir "$work/$t"
  cp tests/fuzz/corpus/"$t"/* "$work/$t"/
  status=0
  build-fuzz/tests/fuzz/"$t" -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 \
    -artifact_prefix=build-fuzz/fuzz-artifacts/"$t"- "$work/$t" >"$log" 2>&1 || status=$?
  # libFuzzer's last words: "Done 123456 runs in 20 second(s)" when nothing was found
  done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n 1 || true)
  if [ "$status" -eq 0 ]; then
    echo "$t: ok, $(echo "$done_line" | awk '{print $2 " executions in " $5 " s"}')"
  else
    failed=1
    echo "$t: FAILED (exit $status); log $log; input: $(grep -o 'Test unit written to .*' \
      "$log" | sed 's/Test unit written to //' || echo none)"
    grep -E 'invariant broken|ERROR: |SUMMARY: |returned' "$log" | head -n 5 | sed 's/^/  /'
  fi
done
exit $failed
