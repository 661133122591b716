#!/usr/bin/env bash
# Starts a real single-node Slurm (munged, slurmctld, slurmd from Debian's packages) in DIR, as root, for tests:
# one node with 2 CPUs and 4 A100 GPUs backed by fake device files (DIR/dev/nvidia0..3), job_submit/lua with
# integrations/slurm/job_submit.lua asking the admission service at URL, and job completion records in
# DIR/jobcomp.txt (sacct -c; no slurmdbd). Ports are chosen free at run time; everything listens on loopback.
#
#   slurm-up.sh DIR URL PROVIDER CLUSTER     then: SLURM_CONF=DIR/slurm.conf sbatch ...; slurm-down.sh DIR
#
# Exit 0 when the node is idle and takes jobs; 3 when Slurm cannot run here (not root, packages missing), with
# the reason on stderr; 1 when it was started but did not come up (logs in DIR/log).
set -euo pipefail
dir=$1 url=$2 provider=$3 cluster=$4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[[ $(id -u) -eq 0 ]] || { echo "slurm-up: must run as root (slurmd manages jobs of any user)" >&2; exit 3; }
for b in munged slurmctld slurmd sbatch sacct; do
  command -v $b >/dev/null || { echo "slurm-up: $b is not installed (apt-get install slurm-wlm munge)" >&2; exit 3; }
done
lib=$(dirname "$(dpkg -L slurm-wlm-basic-plugins 2>/dev/null | grep -m1 '/job_submit_lua.so$' || true)")
[[ -n $lib && -e $lib/job_submit_lua.so ]] || { echo "slurm-up: this Slurm has no job_submit/lua plugin" >&2; exit 3; }

mkdir -p "$dir"/{state,spool,log,dev,munge}
for i in 0 1 2 3; do : > "$dir/dev/nvidia$i"; done
chmod 700 "$dir/munge"
dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$dir/munge/munge.key"
port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
ctl=$(port); d=$(port)
host=$(hostname -s)
cat > "$dir/slurm.conf" <<CONF
ClusterName=$cluster
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctl
SlurmdPort=$d
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.sock
CredType=cred/munge
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
GresTypes=gpu
JobSubmitPlugins=lua
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/jobcomp.txt
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
MinJobAge=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 Gres=gpu:a100:4 State=UNKNOWN
PartitionName=gpu Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
echo "NodeName=$host Name=gpu Type=a100 File=$dir/dev/nvidia[0-3]" > "$dir/gres.conf"
cp "$here/job_submit.lua" "$dir/job_submit.lua"
cat > "$dir/cgov-admission.conf.lua" <<CONF
return { url = "$url", provider = "$provider", cluster = "$cluster", timeout_seconds = 2, cache_seconds = 30 }
CONF

munged --socket="$dir/munge/munge.sock" --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" \
  --seed-file="$dir/munge/seed" --key-file="$dir/munge/munge.key" -f 2>>"$dir/log/munged.err"
export SLURM_CONF=$dir/slurm.conf
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 1 60); do
  if timeout 5 sinfo -h -o %t 2>/dev/null | grep -qx idle; then
    echo "slurm-up: node $host idle; SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 0.5
done
echo "slurm-up: the node did not become idle; see $dir/log" >&2
tail -n 20 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2 || true
exit 1
