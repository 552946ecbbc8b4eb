/* heisen ls: the traces in the trace directory, by name. */
#define _GNU_SOURCE
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/trace.h"

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_trace(const struct dirent *d)
{
	return d->d_name[0] != '.' && strcmp(d->d_name, "latest-trace") != 0;
}

static long long dir_size(const char *dir)
{
	char path[PATH_MAX + 32];
	struct stat st;
	snprintf(path, sizeof path, "%s/%s", dir, TRACE_FILE);
	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

int cmd_ls(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		puts("usage: heisen ls\nList the traces in $HEISEN_TRACE_DIR "
		     "(default ~/.local/share/heisen); * marks the latest.");
		return 0;
	}
	if (argc > 1)
		return cli_fail("ls", "unexpected argument '%s'", argv[1]);
	char root[PATH_MAX], latest[PATH_MAX + 16], target[PATH_MAX] = "";
	trace_root(root, sizeof root);
	snprintf(latest, sizeof latest, "%s/latest-trace", root);
	if (!realpath(latest, target))
		target[0] = 0;
	struct dirent **names;
	int n = scandir(root, &names, is_trace, by_name);
	if (n < 0) {
		printf("no traces in %s\n", root);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		char dir[PATH_MAX + 300], real[PATH_MAX];
		struct ev_header h;
		struct trace_reader r;
		struct err e;
		snprintf(dir, sizeof dir, "%s/%s", root, names[i]->d_name);
		if (trace_open(&r, dir, &h, &e) == 0) {
			char when[32];
			time_t t = (time_t)h.start_time;
			strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", localtime(&t));
			int is_latest = realpath(dir, real) && !strcmp(real, target);
			printf("%c %-28s %s %10lld bytes  ", is_latest ? '*' : ' ',
			       names[i]->d_name, when, dir_size(dir));
			cli_put_safe(stdout, h.exe, 1);
			putchar('\n');
		}
		trace_reader_close(&r);
		trace_header_free(&h);
		free(names[i]);
	}
	free(names);
	return 0;
}
