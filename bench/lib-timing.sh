# Timing helpers the benchmarks source (not run on its own). The caller sets `names` (what each command is called
# in the output), `commands` (one shell command line each, run with `bash -c`) and `work` (a folder for the times),
# then calls `time_rounds N`: one warm-up run of each command, then N rounds, each running every command once in
# order (interleaved: a burst of load from elsewhere on a shared machine hits all commands alike instead of one
# command's whole series), timed with hyperfine when installed, else bash's `time`. Both the wall-clock time and the
# CPU time (user + system, the JVM's threads and children included) are kept: on a loaded machine the wall time
# mostly measures the queue for a core, the CPU time far less so. Each command's times (ms, one a line) land in
# "$work/times-<index>.ms" (wall) and "$work/cpu-<index>.ms"; `median < file` prints their median. Set
# NO_HYPERFINE=1 to time with bash even when hyperfine is installed.

# The median of the whole numbers on standard input, one a line (the mean of the middle two when even).
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }

# The machine's load averages over 1, 5 and 15 minutes, as "2.69 3.15 3.65".
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# Runs one command; prints its wall-clock and CPU milliseconds ("3190 5230"); fails when the command does (its
# standard error is kept in "$work/failed.err").
elapsed_ms() {
  local TIMEFORMAT='%3R %3U %3S' timing
  { timing=$( { time bash -c "$1" >/dev/null 2>"$work/failed.err"; } 2>&1 ); } || return 1
  awk '{printf "%.0f %.0f\n", $1 * 1000, ($2 + $3) * 1000}' <<< "$timing"
}

# Sets `timer` (how the commands are timed, for the summary) and defines `time_round`, which prints each command's
# wall-clock and CPU milliseconds, one command a line, in order; runs every command once as a warm-up.
timing_setup() {
  local i
  if [[ -z "${NO_HYPERFINE:-}" ]] && command -v hyperfine >/dev/null; then
    timer="hyperfine, one run of each command per round"
    hyperfine_args=()
    for i in "${!names[@]}"; do hyperfine_args+=(-n "${names[$i]}" "${commands[$i]}"); done
    hyperfine --style none --runs 1 "${hyperfine_args[@]}" >/dev/null
    time_round() {
      hyperfine --style none --runs 1 --export-csv "$work/round.csv" "${hyperfine_args[@]}" >/dev/null
      # command,mean,stddev,median,user,system,min,max in seconds
      awk -F, 'NR > 1 {printf "%.0f %.0f\n", $4 * 1000, ($5 + $6) * 1000}' "$work/round.csv"
    }
  else
    timer="bash's time, one run of each command per round"
    for i in "${!names[@]}"; do
      elapsed_ms "${commands[$i]}" >/dev/null || { echo "the warm-up of '${names[$i]}' failed: ${commands[$i]}"; cat "$work/failed.err"; return 1; }
    done
    time_round() {
      local i
      for i in "${!names[@]}"; do elapsed_ms "${commands[$i]}"; done
    }
  fi
}

# Warms up, then times N interleaved rounds; prints one line per round with the load average at its start, and
# sets `medians` and `cpu_medians` (ms, in the order of `names`) and `load_seen` (the lowest and highest 1-minute
# load average seen at the start of a round).
time_rounds() {
  local rounds=$1 round i line load times wall cpu
  echo "==> Timing $rounds rounds, each running every command once (after one warm-up run each)"
  for i in "${!names[@]}"; do printf '    %-36s %s\n' "${names[$i]}:" "${commands[$i]}"; done
  timing_setup || return 1
  for i in "${!names[@]}"; do : > "$work/times-$i.ms"; : > "$work/cpu-$i.ms"; done
  : > "$work/load.txt"
  for round in $(seq 1 "$rounds"); do
    load=$(load_average)
    echo "${load%% *}" >> "$work/load.txt"
    mapfile -t times < <(time_round)
    [[ ${#times[@]} -eq ${#names[@]} ]] || { echo "a command failed in round $round; run the commands above by hand to see why"; return 1; }
    line="    round $round (load $load):"
    for i in "${!names[@]}"; do
      read -r wall cpu <<< "${times[$i]}"
      echo "$wall" >> "$work/times-$i.ms"
      echo "$cpu" >> "$work/cpu-$i.ms"
      line="$line ${names[$i]} $wall ms (CPU $cpu ms);"
    done
    echo "$line"
  done
  medians=()
  cpu_medians=()
  for i in "${!names[@]}"; do
    medians+=("$(median < "$work/times-$i.ms")")
    cpu_medians+=("$(median < "$work/cpu-$i.ms")")
  done
  load_seen="$(sort -n "$work/load.txt" | head -1)–$(sort -n "$work/load.txt" | tail -1)"
}
