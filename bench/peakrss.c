/* peakrss.c - run a command; report its wall time and peak resident memory.
 *
 *   peakrss REPORT COMMAND [ARG]...
 *
 * Runs COMMAND (found on PATH) with this program's stdin, stdout and
 * stderr, waits for it with wait4() and appends one line to REPORT ("-"
 * for stderr):
 *
 *   wall_seconds max_rss_kib exit_status user_seconds system_seconds
 *
 * wall time from just before fork() to just after wait4() on
 * CLOCK_MONOTONIC; max_rss_kib is the child's ru_maxrss (KiB on Linux);
 * exit_status is the child's, or 128+N when signal N ended it.  The exit
 * status of peakrss is the child's.  GNU time would do, but need not be
 * installed.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval t)
{
	return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: peakrss REPORT COMMAND [ARG]...\n", stderr);
		return 125;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "peakrss: fork: %s\n", strerror(errno));
		return 125;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "peakrss: cannot run '%s': %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	int status;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "peakrss: wait4: %s\n", strerror(errno));
			return 125;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	int code = WIFEXITED(status) ? WEXITSTATUS(status)
		   : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 125;
	double wall = (double)(t1.tv_sec - t0.tv_sec) +
		      (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	FILE *out = stderr;
	if (strcmp(argv[1], "-") != 0 && !(out = fopen(argv[1], "a"))) {
		fprintf(stderr, "peakrss: cannot write '%s': %s\n", argv[1], strerror(errno));
		return 125;
	}
	fprintf(out, "%.6f %ld %d %.6f %.6f\n", wall, ru.ru_maxrss, code,
		seconds(ru.ru_utime), seconds(ru.ru_stime));
	if (out != stderr)
		fclose(out);
	return code;
}
