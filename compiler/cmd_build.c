/* cmd_build.c - polc build FILE... -o CHECKER: compile a policy set and
 * link a polcheck for it, in one step, with the installed runtime.
 *
 * The runtime is found beside polc itself: an installed polc in PREFIX/bin
 * uses PREFIX/include and PREFIX/lib; a polc in a build tree uses the
 * libraries next to it and the source tree's include/.  POL_HOME, when
 * set, is a prefix that wins over both.  The C compiler is $CC or cc, with
 * $CFLAGS and $LDFLAGS split at blanks, run directly (no shell), so no
 * file name can inject a command.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "driver.h"
#include "emit_c.h"
#include "model.h"
#include "options.h"
#include "outputs.h"
#include "replace.h"
#include "tmpfiles.h"

extern char **environ;

struct layout {
	char *include;		/* holds pol/runtime.h */
	char *polrt, *polcheck;	/* the two static libraries */
};

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Try PREFIX-style and build-tree layouts around a directory. */
static bool try_layout(struct arena *a, const char *include, const char *lib,
		       struct layout *out)
{
	char *h = arena_printf(a, "%s/pol/runtime.h", include);
	char *rt = arena_printf(a, "%s/libpolrt.a", lib);
	char *ck = arena_printf(a, "%s/libpolcheck.a", lib);
	if (!exists(h) || !exists(rt) || !exists(ck))
		return false;
	out->include = arena_strdup(a, include);
	out->polrt = rt;
	out->polcheck = ck;
	return true;
}

static bool find_runtime(struct arena *a, struct layout *out)
{
	const char *home = getenv("POL_HOME");
	if (home && *home)
		return try_layout(a, arena_printf(a, "%s/include", home),
				  arena_printf(a, "%s/lib", home), out);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';		/* exe is now polc's directory */
	return try_layout(a, arena_printf(a, "%s/../include", exe),
			  arena_printf(a, "%s/../lib", exe), out) ||
	       try_layout(a, arena_printf(a, "%s/../include", exe), exe, out);
}

struct job {
	const struct model *m;
	const struct source_set *sources;
	struct emit_options eo;
};

static bool produce(struct writer *w, void *arg)
{
	struct job *j = arg;
	return emit_c_source(w, j->m, j->sources, &j->eo);
}

/* Append the words of an environment variable to argv. */
static void add_words(struct arena *a, struct vec *argv, const char *var)
{
	const char *v = getenv(var);
	if (!v)
		return;
	char *copy = arena_strdup(a, v);
	for (char *w = strtok(copy, " \t\n"); w; w = strtok(NULL, " \t\n"))
		vec_push(a, argv, w);
}

/* Run argv[0] with argv; the exit status, or -1 if it could not run or
 * a signal ended it.  While it runs it is the child tmpfiles.h forwards a
 * signal to, so that it has stopped writing its output before the output
 * is removed.  It is started with the signals held, so none can come
 * between its start and its registration, and given polc's own mask. */
static int run(char *const argv[])
{
	posix_spawnattr_t attr;
	int err = posix_spawnattr_init(&attr);
	if (err) {
		fprintf(stderr, "polc: cannot run '%s': %s\n", argv[0], strerror(err));
		return -1;
	}
	sigset_t old;
	pid_t pid;
	tmpfiles_hold(&old);
	posix_spawnattr_setsigmask(&attr, &old);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
	err = posix_spawnp(&pid, argv[0], NULL, &attr, argv, environ);
	if (!err)
		tmpfiles_set_child(pid);
	tmpfiles_release(&old);
	posix_spawnattr_destroy(&attr);
	if (err) {
		fprintf(stderr, "polc: cannot run '%s': %s\n", argv[0], strerror(err));
		return -1;
	}
	int status, w;
	while ((w = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	tmpfiles_set_child(0);
	if (w < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Run the C compiler (args, without its -o) to link out.  The program is
 * linked to a temporary beside out and renamed over it only when the
 * compiler succeeded: a failed link (which makes a linker delete its
 * output) leaves an existing checker as it was, and no half-written one
 * under its name.  The checker gets the mode a new program gets (0777
 * less the umask), as when the compiler wrote out itself.  An out that
 * is not a regular file (/dev/null) is linked to directly. */
static int link_checker(struct arena *a, struct vec *args, const char *out)
{
	struct stat st;
	if (stat(out, &st) == 0 && !S_ISREG(st.st_mode)) {
		vec_push(a, args, "-o");
		vec_push(a, args, (char *)out);
		vec_push(a, args, NULL);
		int status = run((char *const *)args->items);
		if (status == 0)
			return 0;
		fprintf(stderr, "polc: the C compiler failed (status %d)\n", status);
		return 2;
	}
	const char *why = NULL;
	char *target = replace_target(out, &why);
	if (!target)
		return command_write_failed(out, why);
	char *tmp = arena_printf(a, "%s.tmp.XXXXXX", target);
	int fd = tmpfiles_mkstemp(tmp);
	if (fd < 0) {
		int rc = command_write_failed(out, strerror(errno));
		free(target);
		return rc;
	}
	close(fd);
	vec_push(a, args, "-o");
	vec_push(a, args, tmp);
	vec_push(a, args, NULL);
	int rc = 0, status = run((char *const *)args->items);
	if (status != 0) {
		fprintf(stderr, "polc: the C compiler failed (status %d)\n", status);
		rc = 2;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		if (chmod(tmp, 0777 & ~mask) != 0 || tmpfiles_rename(tmp, target) != 0)
			rc = command_write_failed(out, strerror(errno));
	}
	if (rc)
		tmpfiles_remove(tmp);
	free(target);
	return rc;
}

int cmd_build(int argc, char **argv)
{
	struct options o;
	int rc = options_parse(argc, argv, OPT_TODAY | OPT_WERROR | OPT_OUTPUT | OPT_NAME, false, &o);
	if (rc)
		return rc;
	if (!o.output || strcmp(o.output, "-") == 0) {
		fputs("polc: build needs -o CHECKER, the program to write\n"
		      "Try 'polc --help' for more information.\n", stderr);
		return 2;
	}
	const struct named_output names[] = { { o.output, "-o" } };
	rc = outputs_check(names, 1, o.files, o.nfiles);
	if (rc)
		return rc;
	struct compilation c;
	struct model m;
	rc = compilation_open(&c, &o, &m);
	if (rc)
		return rc;
	struct layout lay;
	if (!find_runtime(&c.arena, &lay)) {
		fputs("polc: cannot find the pol runtime (pol/runtime.h, libpolrt.a, "
		      "libpolcheck.a) beside polc; install pol or set POL_HOME\n", stderr);
		compilation_free(&c);
		return 2;
	}
	/* the directory and the C in it are registered temporaries: a
	 * signal removes them, newest (the C) first */
	char dir[] = "/tmp/polc-build-XXXXXX";
	if (!tmpfiles_mkdtemp(dir)) {
		fprintf(stderr, "polc: cannot make a temporary directory: %s\n", strerror(errno));
		compilation_free(&c);
		return 2;
	}
	char *src = arena_printf(&c.arena, "%s/policy.c", dir);
	struct job j = { &m, &c.sources, { "pol_checker_policy",
					    o.name ? o.name : "policy", NULL } };
	const char *why = NULL;
	if (!tmpfiles_add(src)) {
		rc = command_write_failed(src, strerror(errno));
	} else if (!write_file_atomic(src, produce, &j, &why)) {
		rc = command_write_failed(src, why);
	} else {
		const char *cc = getenv("CC");
		struct vec args = { 0 };
		vec_push(&c.arena, &args, (char *)(cc && *cc ? cc : "cc"));
		vec_push(&c.arena, &args, "-std=c11");
		vec_push(&c.arena, &args, "-O2");
		add_words(&c.arena, &args, "CFLAGS");
		vec_push(&c.arena, &args, arena_printf(&c.arena, "-I%s", lay.include));
		vec_push(&c.arena, &args, src);
		vec_push(&c.arena, &args, lay.polcheck);
		vec_push(&c.arena, &args, lay.polrt);
		add_words(&c.arena, &args, "LDFLAGS");
		rc = link_checker(&c.arena, &args, o.output);
	}
	tmpfiles_remove(src);
	tmpfiles_remove(dir);
	compilation_free(&c);
	return rc;
}
