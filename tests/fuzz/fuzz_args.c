/* fuzz_args.c - the checker's command line on arbitrary bytes: split at
 * NULs into arguments, parsed and answered against the bundled policy,
 * output into memory.  Any argv must give an answer or one clean error.
 * (Its one-line errors go to stderr: tests/fuzz/run.sh closes that.)
 * Batch, which would read a file or stdin, is parsed but not run. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern const struct pol_policy pol_checker_policy;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *copy = malloc(size + 1);
	char *argv[66];
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	int argc = 0;
	argv[argc++] = "polcheck";
	for (size_t i = 0; i <= size && argc < 64;) {
		argv[argc++] = copy + i;
		i += strlen(copy + i) + 1;
	}
	argv[argc] = NULL;
	struct args a;
	struct msg m;
	if (args_parse(argc, argv, &a, &m) == 0 && a.command != CMD_BATCH) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		enum { CAP = 1 << 16 };
		char *obuf = malloc(CAP);
		if (f && obuf) {
			struct out o;
			out_init(&o, f, obuf, CAP);
			polcheck_run(&pol_checker_policy, &a, &o);
			out_flush(&o);
		}
		if (f)
			fclose(f);
		free(buf);
		free(obuf);
	}
	free(copy);
	return 0;
}
