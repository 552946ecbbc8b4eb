/* Four threads fwrite big blocks (48 KiB of lines each) to one fully
 * buffered stdout: stdio flushes split the blocks into write(2)s of its
 * buffer size, and which thread's block comes next is the scheduler's.
 * corpus: native=differs */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

enum { THREADS = 4, BLOCKS = 6, LINE = 64, LINES_PER_BLOCK = 768 };

static void *writer(void *arg)
{
	long id = (long)arg;
	static __thread char block[LINE * LINES_PER_BLOCK];
	for (int b = 0; b < BLOCKS; b++) {
		for (int l = 0; l < LINES_PER_BLOCK; l++) {
			char *p = block + l * LINE;
			memset(p, 'a' + (int)id, LINE);
			snprintf(p, LINE, "thread %ld block %d line %03d ", id, b, l);
			p[strlen(p)] = ' ';
			p[LINE - 1] = '\n';
		}
		if (fwrite(block, LINE, LINES_PER_BLOCK, stdout) != LINES_PER_BLOCK)
			return (void *)1;
	}
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, writer, (void *)i);
	int bad = 0;
	for (int i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		bad += r != NULL;
	}
	printf("done, %d writers failed\n", bad);
	return bad != 0;
}
