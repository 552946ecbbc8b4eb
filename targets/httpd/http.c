/* Request parsing and response bodies. The body of /data/<seed>/<size> is
 * text the client can regenerate, so it can check every byte. */
#include "httpd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t request_length(const char *buf, size_t len)
{
    for (size_t i = 3; i < len; i++)
        if (buf[i - 3] == '\r' && buf[i - 2] == '\n' && buf[i - 1] == '\r' && buf[i] == '\n')
            return i + 1;
    return 0;
}

bool parse_request_line(const char *req, size_t len, char *path, size_t path_size)
{
    if (len < 4 || memcmp(req, "GET ", 4) != 0)
        return false;
    const char *p = req + 4;
    const char *end = memchr(p, ' ', len - 4);
    if (!end || (size_t)(end - p) >= path_size)
        return false;
    memcpy(path, p, end - p);
    path[end - p] = '\0';
    return strncmp(end, " HTTP/1.1\r\n", 11) == 0;
}

/* Lines "seed S line I\n" repeated, cut at size bytes. */
static void fill_body(char *dst, long seed, long size)
{
    long off = 0;
    for (long i = 0; off < size; i++) {
        char line[64];
        int n = snprintf(line, sizeof line, "seed %ld line %ld\n", seed, i);
        long take = n < size - off ? n : size - off;
        memcpy(dst + off, line, take);
        off += take;
    }
}

static char *assemble(int status, const char *reason, const char *body_src,
                      long seed, long size, size_t *len)
{
    char head[160];
    int hn = snprintf(head, sizeof head,
                      "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %ld\r\n\r\n",
                      status, reason, size);
    char *buf = malloc(hn + size);
    if (!buf)
        abort();
    memcpy(buf, head, hn);
    if (body_src)
        memcpy(buf + hn, body_src, size);
    else
        fill_body(buf + hn, seed, size);
    *len = hn + size;
    return buf;
}

char *build_response(const char *path, size_t *len)
{
    long seed, size;
    char tail;
    if (sscanf(path, "/data/%ld/%ld%c", &seed, &size, &tail) == 2 &&
        seed >= 0 && size >= 0 && size <= (4L << 20))
        return assemble(200, "OK", NULL, seed, size, len);
    static const char nf[] = "not found\n";
    return assemble(404, "Not Found", nf, 0, sizeof nf - 1, len);
}
