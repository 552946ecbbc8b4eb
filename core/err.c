#include "err.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int err_set(struct err *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	e->sys = 0;
	return -1;
}

int err_sys(struct err *e, const char *fmt, ...)
{
	int saved = errno;
	char head[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	snprintf(e->msg, sizeof e->msg, "%.760s: %.200s", head, strerror(saved));
	e->sys = saved;
	return -1;
}

int err_wrap(struct err *e, const char *fmt, ...)
{
	char head[512], old[sizeof e->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof old);
	size_t n = strlen(head);
	/* head, ": ", then as much of the old message as fits */
	memcpy(e->msg, head, n);
	memcpy(e->msg + n, ": ", 2);
	size_t room = sizeof e->msg - n - 3;
	size_t m = strnlen(old, room);
	memcpy(e->msg + n + 2, old, m);
	e->msg[n + 2 + m] = 0;
	return -1;
}
