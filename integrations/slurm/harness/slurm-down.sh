#!/usr/bin/env bash
# Stops the Slurm that slurm-up.sh started in DIR (by its pid files only), then munged.
dir=$1
for f in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
  [[ -s $f ]] && kill "$(cat "$f")" 2>/dev/null || true
done
for _ in $(seq 1 20); do
  alive=
  for f in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    [[ -s $f ]] && kill -0 "$(cat "$f")" 2>/dev/null && alive=1
  done
  [[ -z $alive ]] && exit 0
  sleep 0.25
done
exit 0
