#!/bin/bash
# Runs the stress benchmark of each real-Go protocol RUNS times for
# BENCHTIME each, in separate processes, and counts the runs in which the
# contract broke (the harness's oracle) and in which the race detector
# reported a race (a binary built with -race).
#
#   go test -c -race -o /tmp/native.race.test ./protocols/native
#   go test -c -o /tmp/native.test ./protocols/native
#   protocols/native/stress.sh /tmp/native.race.test 100ms 20
#   protocols/native/stress.sh /tmp/native.test 1ms 20
#
# usage: stress.sh BINARY BENCHTIME RUNS
bin=$1; bt=$2; runs=$3
for p in naive dcl; do for n in 2 4 8; do
  oracle=0; race=0; trials=0
  for i in $(seq $runs); do
    out=$($bin -test.run '^$' -test.bench "Stress/$p/N=$n\$" -test.benchtime $bt 2>&1)
    echo "$out" | grep -q "DATA RACE" && race=$((race+1))
    line=$(echo "$out" | grep "^BenchmarkStress")
    b=$(echo "$line" | awk '{for(i=1;i<=NF;i++) if($i=="buggy/trial") print $(i-1)}')
    t=$(echo "$line" | awk '{print $2}')
    trials=$((trials+t))
    awk -v b="$b" 'BEGIN{exit !(b>0)}' && oracle=$((oracle+1))
  done
  echo "$p N=$n: $runs runs of $bt: contract broken in $oracle, race reported in $race, trials total $trials"
done; done
