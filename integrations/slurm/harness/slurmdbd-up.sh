#!/usr/bin/env bash
# Starts real Slurm accounting in DIR, as root, for tests: munged, a MariaDB server with its own data directory,
# slurmdbd on it, and a slurmctld (no slurmd) that registers cluster CLUSTER and the TRES gres/gpu and
# gres/gpu:TYPE with slurmdbd, so `sacctmgr load` can set GrpTRESMins on them. Debian's packages; ports chosen free
# at run time; everything listens on loopback.
#
#   slurmdbd-up.sh DIR CLUSTER GPUTYPE     then: SLURM_CONF=DIR/slurm.conf sacctmgr ...; slurmdbd-down.sh DIR
#
# Exit 0 when sacctmgr sees the cluster and its TRES; 3 when this cannot run here (not root, packages missing), with
# the reason on stderr; 1 when it was started but did not come up (logs in DIR/log).
set -euo pipefail
dir=$1 cluster=$2 gpu=$3
[[ $(id -u) -eq 0 ]] || { echo "slurmdbd-up: must run as root (slurmdbd and MariaDB run as root here)" >&2; exit 3; }
for b in munged slurmctld slurmdbd sacctmgr mariadbd mariadb-install-db mariadb; do
  command -v $b >/dev/null || [[ -x /usr/sbin/$b ]] || {
    echo "slurmdbd-up: $b is not installed (apt-get install slurmdbd mariadb-server slurmctld slurm-client munge)" >&2; exit 3; }
done
PATH=$PATH:/usr/sbin
mkdir -p "$dir"/{state,log,munge,db,run}
chmod 700 "$dir/munge"
dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$dir/munge/munge.key"
port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
dbport=$(port); dbd=$(port); ctl=$(port)
host=$(hostname -s)
pass=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')

# MariaDB: a throwaway data directory, TCP on loopback only (slurmdbd connects by host and port).
mariadb-install-db --no-defaults --user=root --datadir="$dir/db" --auth-root-authentication-method=socket \
  >"$dir/log/mariadb-install.log" 2>&1
mariadbd --no-defaults --user=root --datadir="$dir/db" --socket="$dir/run/mysql.sock" --port="$dbport" \
  --bind-address=127.0.0.1 --pid-file="$dir/run/mariadb.pid" --log-error="$dir/log/mariadb.log" \
  --innodb-buffer-pool-size=32M --innodb-log-file-size=16M --skip-name-resolve >/dev/null 2>&1 &
for _ in $(seq 1 60); do
  mariadb --no-defaults -S "$dir/run/mysql.sock" -u root -e 'SELECT 1' >/dev/null 2>&1 && break
  sleep 0.5
done
mariadb --no-defaults -S "$dir/run/mysql.sock" -u root -e "CREATE USER 'slurm'@'127.0.0.1' IDENTIFIED BY '$pass';
  GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1'; CREATE DATABASE slurm_acct_db;" \
  || { echo "slurmdbd-up: MariaDB did not start; see $dir/log/mariadb.log" >&2; tail -n 20 "$dir/log/mariadb.log" >&2; exit 1; }

munged --socket="$dir/munge/munge.sock" --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" \
  --seed-file="$dir/munge/seed" --key-file="$dir/munge/munge.key" -f 2>>"$dir/log/munged.err"

# slurmdbd reads slurmdbd.conf beside slurm.conf (SLURM_CONF); it must be private to SlurmUser.
cat > "$dir/slurmdbd.conf" <<CONF
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.sock
DbdAddr=127.0.0.1
DbdHost=$host
DbdPort=$dbd
SlurmUser=root
PidFile=$dir/slurmdbd.pid
LogFile=$dir/log/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$dbport
StorageUser=slurm
StoragePass=$pass
StorageLoc=slurm_acct_db
CONF
chmod 600 "$dir/slurmdbd.conf"
cat > "$dir/slurm.conf" <<CONF
ClusterName=$cluster
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctl
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmctldPidFile=$dir/slurmctld.pid
SlurmctldLogFile=$dir/log/slurmctld.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
GresTypes=gpu
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=127.0.0.1
AccountingStoragePort=$dbd
# For auth/munge this is munged's socket: how sacctmgr and slurmctld reach slurmdbd with this munged.
AccountingStoragePass=$dir/munge/munge.sock
AccountingStorageTRES=gres/gpu,gres/gpu:$gpu
AccountingStorageEnforce=associations,limits
MpiDefault=none
NodeName=$host NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 Gres=gpu:$gpu:4 State=UNKNOWN
PartitionName=gpu Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
echo "NodeName=$host Name=gpu Type=$gpu File=/dev/null" > "$dir/gres.conf"
export SLURM_CONF=$dir/slurm.conf
slurmdbd
up=
for _ in $(seq 1 60); do
  if timeout 5 sacctmgr -n -P show cluster format=cluster >/dev/null 2>&1; then up=1; break; fi
  sleep 0.5
done
[[ -n $up ]] || { echo "slurmdbd-up: slurmdbd did not answer; see $dir/log" >&2; tail -n 20 "$dir/log/slurmdbd.log" >&2 || true; exit 1; }
timeout 10 sacctmgr -i add cluster "$cluster" >/dev/null
slurmctld -f "$SLURM_CONF"
for _ in $(seq 1 60); do
  if timeout 5 sacctmgr -n -P show tres format=type,name 2>/dev/null | grep -qx "gres|gpu:$gpu"; then
    echo "slurmdbd-up: cluster $cluster with gres/gpu:$gpu in slurmdbd; SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 0.5
done
echo "slurmdbd-up: slurmctld did not register the TRES; see $dir/log" >&2
tail -n 20 "$dir/log/slurmctld.log" "$dir/log/slurmdbd.log" >&2 || true
exit 1
