#include <string.h>
#include "proj.h"

static struct {
	char key[16];
	int value;
} entries[32];
static int count;

void table_put(const char *key, int value)
{
	for (int i = 0; i < count; i++)
		if (strcmp(entries[i].key, key) == 0) {
			entries[i].value = value;
			return;
		}
	if (count < 32) {
		strncpy(entries[count].key, key, sizeof entries[count].key - 1);
		entries[count++].value = value;
	}
}

int table_get(const char *key, int *value)
{
	for (int i = 0; i < count; i++)
		if (strcmp(entries[i].key, key) == 0) {
			*value = entries[i].value;
			return 1;
		}
	return 0;
}

int table_size(void)
{
	return count;
}
