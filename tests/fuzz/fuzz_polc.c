/* fuzz_polc.c - the whole of polc on arbitrary bytes: scan, parse, check,
 * model, analyse, run the tests, emit C (into a sink) and the header.
 * Nothing may crash, leak, hang or read out of bounds, whatever the input. */
#include <stddef.h>
#include <stdint.h>

#include "driver.h"
#include "emit_c.h"
#include "model.h"
#include "testrun.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct compilation c;
	compilation_init(&c);
	/* the diagnostics are printed nowhere, but formatted all the same */
	if (source_add_text(&c.arena, &c.sources, "fuzz.pol", (const char *)data, size) == 0) {
		struct model m;
		if (compilation_model(&c, &m)) {
			struct test_run r;
			testrun_all(&r, &c, &m);
			struct writer sink;
			writer_init(&sink, NULL);
			struct emit_options o = { "fuzz_policy", "fuzz", "fuzz.h" };
			emit_c_source(&sink, &m, &c.sources, &o);
			emit_c_header(&sink, &m, &c.sources, &o);
		}
		FILE *null = fopen("/dev/null", "w");
		if (null) {
			diags_print(&c.diags, null, DIAG_TEXT, "polc");
			diags_print(&c.diags, null, DIAG_SARIF, "polc");
			fclose(null);
		}
	}
	compilation_free(&c);
	return 0;
}
