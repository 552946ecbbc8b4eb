#!/bin/bash
# Here-documents (expanded, quoted, <<- with tabs, to a command's stdin
# and to a loop) and here-strings: bash writes them to a temp file or a
# pipe that the reading process gets as stdin.
# corpus: native=same
export LC_ALL=C
name=corpus
cat <<EOT
hello $name, $((6 * 7)) is $(echo the answer)
EOT
cat <<'EOT'
quoted: $name $(not run)
EOT
	cat <<-EOT
	tabs stripped for $name
	EOT
while read -r a b; do
	echo "pair: $b $a"
done <<EOT
1 one
2 two
3 three
EOT
tr a-z A-Z <<< "here string for $name"
read -r first rest <<< "alpha beta gamma"
echo "first=$first rest=$rest"
wc -c <<< "12345"
sort -r <<EOT | head -n 2
apple
cherry
banana
EOT
big=$(seq 1 20000 | tr '\n' ' ')
wc -w <<< "$big"
sh <<EOT
echo "sh read its script from a here-doc, $name"
exit 4
EOT
echo "sh exited $?"
