#!/bin/bash
# awk and sed programs as users write them: awk field sums, arrays,
# printf reports, BEGIN/END, -v variables and getline from a command; sed
# substitutions, ranges, hold space, -n with p, in-place editing with -i.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/sales" <<'EOT'
north,widget,12,2.50
south,gadget,3,10.00
north,gadget,7,10.00
east,widget,20,2.50
south,widget,5,2.50
east,gizmo,1,99.99
north,gizmo,2,99.99
EOT
awk -F, '{ total[$1] += $3 * $4; n[$1]++ } END { for (r in total) printf "%-6s %8.2f %d\n", r, total[r], n[r] }' "$tmp/sales" | sort
awk -F, -v min=5 '$3 >= min { print $2 " x" $3 }' "$tmp/sales"
awk 'BEGIN { while (("seq 1 5" | getline x) > 0) s += x; print "getline sum", s }'
awk 'BEGIN { OFS = "|" } { $1 = $1; print NR, NF, $0 }' <<< "a  b   c"
seq 1 20 | awk 'NR % 5 == 0 { printf "%s%s", sep, $0; sep = "," } END { print "" }'
awk 'function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) } BEGIN { print "10! =", fact(10) }'
sed 's/widget/WIDGET/g; s/,/ /g' "$tmp/sales" | head -n 2
sed -n '/south/,/east/p' "$tmp/sales"
sed -n '$p' "$tmp/sales"
sed '1!G;h;$!d' "$tmp/sales" | head -n 2
printf 'key=value\nname = corpus\n# comment\n' | sed -E -n 's/^([a-z]+) *= *(.*)$/\2 <- \1/p'
cp "$tmp/sales" "$tmp/edit"
sed -i 's/gizmo/thing/; /south/d' "$tmp/edit"
cat "$tmp/edit"
seq 1 10 | sed -n '2~3p' | tr '\n' ' '; echo
echo "hello world" | sed 's/\(hello\) \(world\)/\2 \1/'
