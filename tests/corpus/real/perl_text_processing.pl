#!/usr/bin/perl
# A small perl text job: generate an access log into a temp file, parse
# it with regexes, aggregate with hashes, sort by count and name, format
# with sprintf, rewrite with s///e, and use a here-doc template.
# corpus: native=same
use strict;
use warnings;
use File::Temp qw(tempdir);

my $dir = tempdir(CLEANUP => 1);
my @paths = qw(/ /index.html /about /api/items /api/items/7 /static/app.js);
my @codes = (200, 200, 200, 304, 404, 500);
open(my $log, '>', "$dir/access.log") or die;
for my $i (0 .. 499) {
	printf $log "10.0.%d.%d - - [01/Jan/2024:00:%02d:%02d +0000] \"GET %s HTTP/1.1\" %d %d\n",
		$i % 7, $i % 13, ($i / 60) % 60, $i % 60, $paths[($i * 7) % @paths], $codes[($i * 11) % @codes],
		($i * 97) % 5000;
}
close $log;
my (%hits, %status, %bytes, %ips);
open($log, '<', "$dir/access.log") or die;
while (my $line = <$log>) {
	next unless $line =~ m{^(\S+) .*?"GET (\S+) [^"]+" (\d{3}) (\d+)$};
	$hits{$2}++;
	$status{$3}++;
	$bytes{$2} += $4;
	$ips{$1} = 1;
}
close $log;
for my $p (sort { $hits{$b} <=> $hits{$a} || $a cmp $b } keys %hits) {
	printf "%-14s %4d hits %8d bytes\n", $p, $hits{$p}, $bytes{$p};
}
print join(", ", map { "$_:$status{$_}" } sort keys %status), "\n";
print scalar(keys %ips), " distinct clients\n";
my $text = "prices: 10 20 35";
(my $taxed = $text) =~ s/(\d+)/sprintf("%.2f", $1 * 1.2)/ge;
print "$taxed\n";
my @words = split /\W+/, lc "The cat and the hat and THE bat";
my %freq;
$freq{$_}++ for @words;
print join(" ", map { "$_=$freq{$_}" } sort keys %freq), "\n";
my $name = "corpus";
print <<"END";
Report for $name: @{[ scalar(keys %hits) ]} paths, @{[ $status{200} ]} OK responses.
END
print join(",", reverse sort { $a <=> $b } grep { $_ % 3 == 0 } 1 .. 20), "\n";
