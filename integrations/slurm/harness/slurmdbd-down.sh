#!/usr/bin/env bash
# Stops what slurmdbd-up.sh started in DIR (by its pid files only): slurmctld, slurmdbd, MariaDB, munged.
dir=$1
pids=("$dir/slurmctld.pid" "$dir/slurmdbd.pid" "$dir/run/mariadb.pid" "$dir/munge/munged.pid")
for f in "${pids[@]}"; do
  [[ -s $f ]] && kill "$(cat "$f")" 2>/dev/null || true
done
for _ in $(seq 1 40); do
  alive=
  for f in "${pids[@]}"; do
    [[ -s $f ]] && kill -0 "$(cat "$f")" 2>/dev/null && alive=1
  done
  [[ -z $alive ]] && exit 0
  sleep 0.25
done
exit 0
