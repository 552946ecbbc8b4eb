/* A CGI program: one short text response naming its query. A real,
 * separate executable so that recording the server spans fork, exec,
 * pipes and wait4. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(void)
{
    const char *q = getenv("QUERY_STRING");
    printf("Content-Type: text/plain\r\n\r\n"
           "hello from a C program, query=%s\n", q ? q : "");
    fflush(stdout);
    /* TARGET_WIDEN only (tests): stay alive a moment after writing, so the
     * server reads the output and sees EAGAIN before we exit. */
    const char *w = getenv("TARGET_WIDEN");
    if (w && strcmp(w, "1") == 0)
        nanosleep(&(struct timespec){ 0, 5000000 }, NULL);
    return 0;
}
