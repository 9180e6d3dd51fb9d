#!/usr/bin/env bash
# A real single-node Slurm cluster on this machine, for testing the cluster
# path of convrec (PLATFORM.md, "Slurm on one machine").
#
#   scripts/slurm/local-cluster.sh install          install slurm-wlm + munge (Debian) when missing
#   scripts/slurm/local-cluster.sh start DIR        start munged, slurmctld, slurmd with state in DIR;
#                                                   prints `export SLURM_CONF=…` for the caller
#   scripts/slurm/local-cluster.sh stop DIR         stop the daemons started in DIR
#
# Runs as root without systemd. Every wait has a timeout; on failure the
# reason is printed and the exit status is non-zero.
set -euo pipefail

command=${1:-}
dir=${2:-}

die() { echo "local-cluster: $*" >&2; exit 1; }

install_packages() {
  local missing=()
  for p in slurm-wlm munge; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || die "installing ${missing[*]} needs root"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

wait_for() { # seconds, description, command...
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

start() {
  [ -n "$dir" ] || die "usage: $0 start DIR"
  [ "$(id -u)" -eq 0 ] || die "the local cluster runs its daemons as root"
  for tool in munged slurmctld slurmd sbatch scontrol; do
    command -v "$tool" >/dev/null || die "$tool not found; run '$0 install' first"
  done
  mkdir -p "$dir"/{munge,state,spool,log}
  dir=$(cd "$dir" && pwd)
  local host; host=$(hostname -s)
  # munge: a fresh key, mode 600, owned by munge's user when it exists.
  local munge_user=root
  id munge >/dev/null 2>&1 && munge_user=munge
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
  chmod 700 "$dir/munge"; chmod 600 "$dir/munge/munge.key"
  chown -R "$munge_user" "$dir/munge"
  chmod 755 "$dir/munge"
  local socket="$dir/munge/munge.socket"
  munged --key-file="$dir/munge/munge.key" --socket="$socket" --pid-file="$dir/munge/munged.pid" \
         --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munge.seed" --origin=127.0.0.1 --force \
    || die "munged did not start (see $dir/log/munged.log)"
  # The node line from slurmd -C, with this machine's cores and memory.
  local node; node=$(slurmd -C | head -n 1 | sed -E "s/^NodeName=[^ ]+/NodeName=$host/")
  cat > "$dir/slurm.conf" <<CONF
ClusterName=convrec-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MailProg=/bin/true
ReturnToService=2
SchedulerParameters=batch_sched_delay=0
MinJobAge=600
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -f "$SLURM_CONF" || die "slurmctld did not start (see $dir/log/slurmctld.log)"
  slurmd -f "$SLURM_CONF" -N "$host" || die "slurmd did not start (see $dir/log/slurmd.log)"
  wait_for 30 "node idle" bash -c "sinfo -h -o %t | grep -qE '^idle'" \
    || die "the node did not become idle within 30 s (see $dir/log/)"
  echo "export SLURM_CONF=$SLURM_CONF"
}

stop() {
  [ -n "$dir" ] || die "usage: $0 stop DIR"
  for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    if [ -f "$pidfile" ]; then
      local pid; pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
}

case "$command" in
  install) install_packages ;;
  start) start ;;
  stop) stop ;;
  *) die "usage: $0 install | start DIR | stop DIR" ;;
esac
