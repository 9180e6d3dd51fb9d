#!/usr/bin/env bash
# End-to-end test of `convrec submit --slurm` against a real single-node
# Slurm: submit a small experiment as an array of 3 tasks plus the dependent
# report job, wait (with a timeout), then check that the merged shard results
# equal a local run of the same experiment trial by trial (every metric but
# the timings) and that the report job wrote report.md.
#
#   scripts/slurm/e2e-test.sh [path/to/convrec]
#
# When the daemons cannot start here (not root, packages missing and not
# installable, no munge), it prints "SKIPPED: <reason>" and exits 0; any
# other failure exits 1.
set -uo pipefail
cd "$(dirname "$0")/../.."
convrec=$(readlink -f "${1:-.build/release/convrec}")
[ -x "$convrec" ] || { echo "slurm e2e: FAILED: $convrec is not built"; exit 1; }

skip() { echo "slurm e2e: SKIPPED: $*"; exit 0; }
fail() { echo "slurm e2e: FAILED: $*"; [ -n "${work:-}" ] && tail -n 20 "$work"/cluster/log/*.log "$work"/out/slurm/*.out 2>/dev/null; exit 1; }

[ "$(id -u)" -eq 0 ] || skip "the local cluster runs slurmctld/slurmd as root; this user is $(id -un)"
scripts/slurm/local-cluster.sh install >/dev/null 2>&1 || skip "could not install slurm-wlm and munge from Debian"

work=$(mktemp -d)
cleanup() { scripts/slurm/local-cluster.sh stop "$work/cluster" >/dev/null 2>&1; }
trap cleanup EXIT
if ! started=$(scripts/slurm/local-cluster.sh start "$work/cluster" 2>&1); then
  skip "the Slurm daemons did not start: $(echo "$started" | tail -n 1)"
fi
eval "$(echo "$started" | grep '^export SLURM_CONF=')"

experiment=scripts/slurm/tiny.yaml
submitted=$("$convrec" submit "$experiment" --slurm --shards 3 --cpus-per-task 1 --output "$work/out" 2>&1) \
  || fail "convrec submit failed: $submitted"
echo "$submitted"
array=$(echo "$submitted" | sed -n 's/^submitted array job \([0-9]*\).*/\1/p')
report=$(echo "$submitted" | sed -n 's/^submitted report job \([0-9]*\).*/\1/p')
[ -n "$array" ] && [ -n "$report" ] || fail "no job ids in the submit output"

# Wait for both jobs to leave the queue (timeout 180 s).
deadline=$((SECONDS + 180))
while squeue -h -j "$array,$report" 2>/dev/null | grep -q .; do
  [ $SECONDS -lt $deadline ] || fail "jobs still queued or running after 180 s: $(squeue -j "$array,$report")"
  sleep 1
done
for state in $(scontrol show job "$array" 2>/dev/null | sed -n 's/.*JobState=\([A-Z]*\).*/\1/p'); do
  [ "$state" = COMPLETED ] || fail "an array task ended in state $state"
done

shards=$(ls "$work/out/slurm-tiny"/results.shard-*-of-3.jsonl 2>/dev/null | wc -l)
[ "$shards" -eq 3 ] || fail "expected 3 shard result files, found $shards"
[ -s "$work/out/slurm-tiny/report.md" ] || fail "the report job did not write report.md"

"$convrec" run "$experiment" --output "$work/local" --jobs 2 >/dev/null 2>&1 || fail "the local run failed"
python3 - "$work/out/slurm-tiny" "$work/local/slurm-tiny" <<'PY' || fail "cluster and local results differ"
import json, glob, sys
def load(folder):
    records = {}
    for path in sorted(glob.glob(folder + "/results*.jsonl")):
        for line in open(path):
            if line.strip():
                r = json.loads(line)
                metrics = {k: v for k, v in r["metrics"].items() if k != "timings"}
                records[r["key"]] = (metrics, r["history"], r["seed"])
    return records
cluster, local = load(sys.argv[1]), load(sys.argv[2])
assert set(cluster) == set(local), f"trial keys differ: {len(cluster)} vs {len(local)}"
different = [k for k in local if cluster[k] != local[k]]
assert not different, f"{len(different)} trials differ, e.g. {different[0]}"
print(f"slurm e2e: {len(local)} trials identical to the local run")
PY
echo "slurm e2e: PASSED (array $array with 3 tasks, report job $report)"
