/* The bug kernels as shared libraries: each kernel's file is compiled with
 * -fPIC -shared and its main renamed bug_main, and this program, linked
 * against the library (found beside it: rpath $ORIGIN), only calls it. So
 * every racing instruction runs in a shared library, none in the
 * executable: the same bug, where a scheduler that looks only at the
 * executable cannot see it. */
int bug_main(); /* (some kernels take argc and argv, most nothing) */

int main(int argc, char **argv)
{
	return bug_main(argc, argv);
}
