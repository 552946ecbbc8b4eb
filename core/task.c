#include "task.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Threads are few; a linear scan of a dense array is simplest and fast.
 * Entries move on removal, so callers never keep a task pointer across a
 * task_add() or task_remove(). */
struct task *task_find(struct task_table *tt, pid_t tid)
{
	for (size_t i = 0; i < tt->n; i++)
		if (tt->v[i].tid == tid)
			return &tt->v[i];
	return NULL;
}

struct task *task_find_vtid(struct task_table *tt, pid_t vtid)
{
	for (size_t i = 0; i < tt->n; i++)
		if (tt->v[i].vtid == vtid)
			return &tt->v[i];
	return NULL;
}

struct task *task_add(struct task_table *tt, pid_t tid)
{
	if (tt->n == tt->cap) {
		size_t cap = tt->cap ? tt->cap * 2 : 16;
		struct task *v = realloc(tt->v, cap * sizeof *v);
		if (!v)
			abort();
		tt->v = v;
		tt->cap = cap;
	}
	struct task *t = &tt->v[tt->n++];
	memset(t, 0, sizeof *t);
	t->tid = tid;
	t->vtid = -1;
	t->state = T_NEW;
	return t;
}

size_t task_count_process(struct task_table *tt, pid_t tgid, pid_t except)
{
	size_t n = 0;
	for (size_t i = 0; i < tt->n; i++)
		if (tt->v[i].tgid == tgid && tt->v[i].tid != except &&
		    tt->v[i].state != T_EXITING)
			n++;
	return n;
}

#define STATUS_VALUE_MAX 64

/* The values of the lines "key:\tvalue" of /proc/TID/status for each of
 * the n keys, in one read ("" for a key not found, or if tid is gone). */
static void status_fields(pid_t tid, const char *const *keys, int n,
			  char (*out)[STATUS_VALUE_MAX])
{
	char path[64], line[256];
	int found = 0;
	for (int i = 0; i < n; i++)
		out[i][0] = 0;
	snprintf(path, sizeof path, "/proc/%d/status", tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return;
	while (found < n && fgets(line, sizeof line, f))
		for (int i = 0; i < n; i++) {
			size_t klen = strlen(keys[i]);
			if (strncmp(line, keys[i], klen) == 0 && line[klen] == ':') {
				snprintf(out[i], STATUS_VALUE_MAX, "%s", line + klen + 1);
				found++;
				break;
			}
		}
	fclose(f);
}

static void status_field(pid_t tid, const char *key, char out[STATUS_VALUE_MAX])
{
	char v[1][STATUS_VALUE_MAX];
	status_fields(tid, &key, 1, v);
	memcpy(out, v[0], STATUS_VALUE_MAX);
}

pid_t proc_tgid(pid_t tid)
{
	char v[STATUS_VALUE_MAX];
	status_field(tid, "Tgid", v);
	return (pid_t)atoi(v);
}

uint64_t proc_caught_signals(pid_t tid)
{
	char v[STATUS_VALUE_MAX];
	status_field(tid, "SigCgt", v);
	return strtoull(v, NULL, 16);
}

int proc_signal_masks(pid_t tid, uint64_t *blocked, uint64_t *caught)
{
	static const char *const keys[] = {"SigBlk", "SigCgt"};
	char v[2][STATUS_VALUE_MAX];
	status_fields(tid, keys, 2, v);
	if (!v[0][0] || !v[1][0])
		return -1;
	*blocked = strtoull(v[0], NULL, 16);
	*caught = strtoull(v[1], NULL, 16);
	return 0;
}

char proc_state(pid_t tid)
{
	char path[64], line[512], state = 0;
	snprintf(path, sizeof path, "/proc/%d/stat", tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	if (fgets(line, sizeof line, f)) {
		char *p = strrchr(line, ')'); /* the name may hold anything */
		if (p && p[1] == ' ')
			state = p[2];
	}
	fclose(f);
	return state;
}

void task_remove(struct task_table *tt, pid_t tid)
{
	for (size_t i = 0; i < tt->n; i++) {
		if (tt->v[i].tid != tid)
			continue;
		free(tt->v[i].copy_peek);
		memmove(&tt->v[i], &tt->v[i + 1], (tt->n - i - 1) * sizeof *tt->v);
		tt->n--;
		return;
	}
}

void task_table_free(struct task_table *tt)
{
	for (size_t i = 0; i < tt->n; i++)
		free(tt->v[i].copy_peek);
	free(tt->v);
	memset(tt, 0, sizeof *tt);
}

void task_share_yield(struct task_table *tt, const struct task *t)
{
	struct yield_set set = t->yield; /* (t is in the table) */
	for (size_t i = 0; i < tt->n; i++)
		if (tt->v[i].tgid == t->tgid)
			tt->v[i].yield = set;
}
