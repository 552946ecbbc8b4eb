#!/usr/bin/perl
# perl system() and backticks: list and shell forms, exit statuses in $?,
# qx in list context, a command killed by a signal, exec in a forked
# child, and %ENV passed down to the children.
# corpus: native=same
use strict;
use warnings;

$| = 1;
system('true');
print "true: $?\n";
system('sh', '-c', 'exit 5');
print "sh exit 5: ", $? >> 8, "\n";
system('echo "system with a shell: $((2 + 3))"');
my $out = `echo backticks; echo second line`;
print "backticks gave ", length($out), " bytes\n";
my @lines = qx(seq 1 5);
chomp @lines;
print "qx lines: @lines\n";
my $wc = `printf 'a b c\\n' | wc -w`;
$wc =~ s/\s+//g;
print "pipeline in backticks: $wc words\n";
system('sh', '-c', 'kill -TERM $$');
print "killed: signal ", $? & 127, "\n";
$ENV{CORPUS_VALUE} = 'passed down';
print `sh -c 'echo "env: \$CORPUS_VALUE"'`;
my $pid = fork() // die;
if ($pid == 0) { exec('sh', '-c', 'echo "exec in child"; exit 9') or die "exec: $!"; }
waitpid($pid, 0);
print "exec'd child exited ", $? >> 8, "\n";
my $rc = system('/nonexistent/command-for-corpus');
print "missing command: ", ($rc == -1 ? "failed to start" : "rc $rc"), "\n";
