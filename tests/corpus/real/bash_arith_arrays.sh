#!/bin/bash
# Arithmetic loops and arrays: (( )) for-loops, indexed arrays grown,
# sliced and sorted through sort, associative arrays counted by word,
# primes by a sieve, bit operations and bases.
# corpus: native=same
export LC_ALL=C
declare -a sieve
n=200
for ((i = 2; i <= n; i++)); do sieve[i]=1; done
for ((i = 2; i * i <= n; i++)); do
	((sieve[i])) || continue
	for ((j = i * i; j <= n; j += i)); do sieve[j]=0; done
done
primes=()
for ((i = 2; i <= n; i++)); do ((sieve[i])) && primes+=("$i"); done
echo "${#primes[@]} primes up to $n, last ${primes[-1]}, slice ${primes[*]:5:4}"
declare -A count
for w in the cat and the dog and the bird; do count[$w]=$((${count[$w]:-0} + 1)); done
for k in "${!count[@]}"; do echo "$k ${count[$k]}"; done | sort
echo "hex $((16#ff)) octal $((8#17)) binary $((2#1011)) shift $((1 << 20)) xor $((0x55 ^ 0xff))"
sum=0; i=0
while ((i < 1000)); do ((sum += i * i, i++)); done
echo "sum of squares below 1000: $sum"
arr=(delta alpha charlie bravo)
mapfile -t sorted < <(printf '%s\n' "${arr[@]}" | sort)
echo "sorted: ${sorted[*]}"
unset 'arr[1]'
echo "after unset: ${#arr[@]} items, indices ${!arr[*]}"
echo "division $((7 / 2)) modulo $((-7 % 3)) power $((3 ** 13))"
