#!/bin/bash
# git in a temp repository with HOME and identities/dates fixed, so the
# commit hashes are fixed: init, add, two commits, log --oneline, diff,
# status --porcelain, show --stat, rev-list, cat-file, blame.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1 GIT_PAGER=cat PAGER=cat
export GIT_AUTHOR_NAME="Corpus Author" GIT_AUTHOR_EMAIL=author@example.com
export GIT_COMMITTER_NAME="Corpus Committer" GIT_COMMITTER_EMAIL=committer@example.com
export GIT_AUTHOR_DATE="2024-01-01T00:00:00+0000" GIT_COMMITTER_DATE="2024-01-01T00:00:00+0000"
cd "$tmp"
git init -q -b main repo
cd repo
printf 'line 1\nline 2\nline 3\n' > a.txt
seq 1 20 > numbers
git add a.txt numbers
git commit -q -m "first commit"
echo "commit 1 exited $?"
export GIT_AUTHOR_DATE="2024-01-02T00:00:00+0000" GIT_COMMITTER_DATE="2024-01-02T00:00:00+0000"
sed -i 's/line 2/line two/' a.txt
seq 21 25 >> numbers
echo new > b.txt
git status --porcelain
git diff --stat
git diff a.txt | tail -n 4
git add -A
git commit -q -m "second commit" -m "with a body"
git log --oneline
git log --format='%H %an <%ae> %ad %s' --date=iso-strict
git show --stat --format='%h %s' HEAD
git rev-list --count HEAD
git cat-file -p HEAD | head -n 2
git blame -s a.txt | cut -c1-8,9- | sed 's/ *[0-9]*) /) /'
git ls-files
git status --porcelain
echo "clean status lines: $(git status --porcelain | wc -l)"
git diff HEAD~1 --name-status
