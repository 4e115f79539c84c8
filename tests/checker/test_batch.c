/* test_batch.c - polcheck batch on inputs that fail part way through.
 *
 * The caseload comes from a stream (fopencookie) that serves a header and
 * rows and then fails with EIO, so the read error of a real disk or
 * network file system can be had on demand.  What must hold: exit status
 * 2, and either nothing at all on stdout (the output was held) or output
 * that ends with a mark saying it is incomplete.
 */
#define _GNU_SOURCE	/* fopencookie */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "polcheck.h"

extern const struct pol_policy pol_checker_policy;

/* A caseload of `rows` rows, then a read error. */
struct failing {
	long rows, next;
	char line[32];
	size_t len, pos;
};

static ssize_t failing_read(void *cookie, char *buf, size_t size)
{
	struct failing *f = cookie;
	if (f->pos == f->len) {
		if (f->next > f->rows) {
			errno = EIO;
			return -1;
		}
		if (f->next == 0)
			f->len = (size_t)snprintf(f->line, sizeof(f->line), "ref,risk\n");
		else
			f->len = (size_t)snprintf(f->line, sizeof(f->line), "A%ld,high\n",
						  f->next);
		f->next++;
		f->pos = 0;
	}
	size_t n = f->len - f->pos < size ? f->len - f->pos : size;
	memcpy(buf, f->line + f->pos, n);
	f->pos += n;
	return (ssize_t)n;
}

/* Run batch NPS over the failing caseload into memory; the exit status,
 * and *text what reached the output FILE. */
static int run_failing(long rows, bool json, size_t hold, char **text, size_t *len)
{
	struct failing state = { .rows = rows };
	cookie_io_functions_t io = { .read = failing_read };
	FILE *in = fopencookie(&state, "r", io);
	assert_non_null(in);
	FILE *outf = open_memstream(text, len);
	assert_non_null(outf);
	struct out o;
	char *buf = malloc(4096);
	assert_non_null(buf);
	out_init(&o, outf, buf, 4096);
	o.growable = true;
	out_hold(&o, hold);
	struct args a = { .command = CMD_BATCH, .json = json };
	int status = batch_stream(&pol_checker_policy, 0, &a, in, "the input", &o);
	if (status == EXIT_BAD_INPUT)
		out_discard(&o);	/* as main does */
	out_flush(&o);
	free(o.buf);
	fclose(outf);
	fclose(in);
	return status;
}

/* Within the held size: nothing reaches the output. */
static void test_read_error_leaves_no_output(void **state)
{
	(void)state;
	for (int json = 0; json < 2; json++) {
		char *text = NULL;
		size_t len = 0;
		assert_int_equal(run_failing(1000, json, 1 << 20, &text, &len),
				 EXIT_BAD_INPUT);
		assert_int_equal(len, 0);
		free(text);
	}
}

/* Past it: what was written ends with the mark. */
static void test_read_error_marks_streamed_output(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	assert_int_equal(run_failing(5000, false, 4096, &text, &len), EXIT_BAD_INPUT);
	assert_true(len > 4096);
	const char *last = text + len - 1;
	while (last > text && last[-1] != '\n')
		last--;
	static const char mark[] = "polcheck: incomplete: cannot read the input after row ";
	assert_true(strncmp(last, mark, sizeof(mark) - 1) == 0);
	free(text);

	text = NULL;
	assert_int_equal(run_failing(5000, true, 4096, &text, &len), EXIT_BAD_INPUT);
	assert_true(len > 4096);
	/* still one JSON array, its last element the mark */
	assert_memory_equal(text + len - 4, "}\n]\n", 4);
	assert_non_null(strstr(text, "{\"incomplete\":true,\"error\":\"polcheck: incomplete: "));
	free(text);
}

/* The same rows without the error: all decided, exit 0. */
static void test_no_error_all_rows(void **state)
{
	(void)state;
	const char *input = "ref,risk\nA1,high\nA2,low\n";
	FILE *in = fmemopen((void *)input, strlen(input), "r");
	char *text = NULL;
	size_t len = 0;
	FILE *outf = open_memstream(&text, &len);
	struct out o;
	char *buf = malloc(4096);
	assert_non_null(buf);
	out_init(&o, outf, buf, 4096);
	struct args a = { .command = CMD_BATCH };
	assert_int_equal(batch_stream(&pol_checker_policy, 0, &a, in, "x", &o),
			 EXIT_ANSWERED);
	assert_true(out_flush(&o));
	fclose(outf);
	fclose(in);
	free(o.buf);
	assert_string_equal(text, "ref,risk,mode\nA1,high,discretionary\nA2,low,remote\n");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_error_leaves_no_output),
		cmocka_unit_test(test_read_error_marks_streamed_output),
		cmocka_unit_test(test_no_error_all_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
