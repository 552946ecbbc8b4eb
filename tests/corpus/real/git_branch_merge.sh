#!/bin/bash
# git branches with fixed identities and dates: branch, switch, commits
# on both sides, a merge commit (--no-ff), a fast-forward, a conflicting
# merge and its abort, log --graph, tag and describe; hashes are fixed.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1 GIT_PAGER=cat PAGER=cat
export GIT_AUTHOR_NAME="Corpus Author" GIT_AUTHOR_EMAIL=author@example.com
export GIT_COMMITTER_NAME="Corpus Committer" GIT_COMMITTER_EMAIL=committer@example.com
day=0
at() {
	day=$((day + 1))
	export GIT_AUTHOR_DATE="2024-02-$(printf %02d $day)T12:00:00+0000" GIT_COMMITTER_DATE="2024-02-$(printf %02d $day)T12:00:00+0000"
}
cd "$tmp"
git init -q -b main repo
cd repo
seq 1 10 > file
at; git add file; git commit -q -m base
git tag v1.0
git branch feature
git switch -q feature
sed -i 's/^3$/three/' file
at; git commit -q -am "feature: three"
echo extra > feature.txt
at; git add feature.txt; git commit -q -m "feature: extra file"
git switch -q main
sed -i 's/^9$/nine/' file
at; git commit -q -am "main: nine"
at; git merge -q --no-ff -m "merge feature" feature
echo "merge exited $?"
git log --graph --oneline --all
cat file | tr '\n' ' '; echo
git branch hotfix
git switch -q hotfix
echo fix >> file
at; git commit -q -am "hotfix"
git switch -q main
git merge -q --ff-only hotfix && echo "fast-forwarded to $(git rev-parse --short HEAD)"
git switch -q -c side HEAD~1
sed -i 's/^1$/one-side/' file
at; git commit -q -am "side: line 1"
git switch -q main
sed -i 's/^1$/one-main/' file
at; git commit -q -am "main: line 1"
git merge side > merge.out 2>&1
echo "conflicting merge exited $?"
grep -o 'CONFLICT.*' merge.out
git status --porcelain
git merge --abort
git status --porcelain | wc -l
git describe --tags
git branch --list | tr -d ' *' | tr '\n' ' '; echo
git log --oneline | wc -l
