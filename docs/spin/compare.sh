#!/usr/bin/env bash
# Compare singlecheck with SPIN on dual-reset: the same protocol, every
# violation kind, N callers. SPIN (Debian package spin) does a full safety
# search of docs/spin/dual-reset.pml with pan -c0 (past every assertion);
# singlecheck explores the built-in protocol exhaustively with its default
# strategy. Each figure is the minimum of three runs.
#
#	bash docs/spin/compare.sh 5 6
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -o "$work/singlecheck" ./cmd/singlecheck)
best() { sort -n | head -1; }
printf '%-4s %-40s %s\n' N SPIN singlecheck
for n in "${@:-5 6}"; do
	(cd "$work" && spin -a -DN="$n" "$here/dual-reset.pml" >/dev/null &&
		gcc -O2 -DSAFETY -DNOCLAIM -DMEMLIM=16000 -o pan pan.c)
	spin_s=$(for _ in 1 2 3; do { /usr/bin/time -f %e "$work/pan" -c0 -m100000 2>&1 >"$work/pan.out" || true; } | tail -1; done | best)
	states=$(grep -m1 'states, stored' "$work/pan.out" | awk '{print $1}')
	mem=$(grep -m1 'total actual memory usage' "$work/pan.out" | awk '{print $1}')
	kinds=$(grep "assertion violated" "$work/pan.out" | sed "s/ (at depth.*//; s/.*violated *//" | sort -u | wc -l)
	sc_s=$(for _ in 1 2 3; do { /usr/bin/time -f %e "$work/singlecheck" explore -protocol dual-reset -threads "$n" -quiet -format json 2>&1 >"$work/sc.json" || true; } | tail -1; done | best)
	execs=$(grep -m1 '"executions"' "$work/sc.json" | tr -dc 0-9)
	found=$(tr -d '\n ' <"$work/sc.json" | sed 's/.*"violations":\[\([^]]*\)\].*/\1/')
	printf '%-4s %-40s %s\n' "$n" "${spin_s}s, ${states} states, ${mem} MB, ${kinds} assertions" "${sc_s}s, ${execs} executions, ${found}"
done
