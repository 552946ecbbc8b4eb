#!/bin/bash
# git gc in a repository with 30 fixed-date commits: gc runs pack-refs,
# reflog expire, repack (pack-objects with threads), prune and
# commit-graph as child processes; object counts, fsck and the log are
# printed before and after, sizes are not.
# corpus: native=same timeout=120
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1 GIT_PAGER=cat PAGER=cat
export GIT_AUTHOR_NAME="Corpus Author" GIT_AUTHOR_EMAIL=author@example.com
export GIT_COMMITTER_NAME="Corpus Committer" GIT_COMMITTER_EMAIL=committer@example.com
cd "$tmp"
git init -q -b main repo
cd repo
for i in $(seq 1 30); do
	export GIT_AUTHOR_DATE="2024-03-01T00:00:$(printf %02d $i)+0000" GIT_COMMITTER_DATE="2024-03-01T00:00:$(printf %02d $i)+0000"
	seq 1 $((i * 20)) > "file$((i % 5))"
	git add -A
	git commit -q -m "commit $i"
done
counts() { git count-objects -v | grep -E '^(count|in-pack|packs|prune-packable):' | tr '\n' ' '; echo; }
counts
git gc -q
echo "gc exited $?"
counts
git fsck --no-progress && echo "fsck ok"
git log --oneline | head -n 3
git rev-list --all --objects | wc -l
ls .git/objects/pack | sed 's/pack-[0-9a-f]*/pack-HASH/' | sort | uniq -c
git gc -q --aggressive
echo "aggressive gc exited $?"
counts
git log --format=%H | tail -n 1
