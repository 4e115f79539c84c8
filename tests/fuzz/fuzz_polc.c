/* fuzz_polc.c - the whole of polc on arbitrary bytes: scan, parse, check,
 * model, analyse, run the tests, emit C and the header (to /dev/null, not
 * a sink: a sink takes nothing, and the emitter's buffer would go unused).
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
	FILE *null = fopen("/dev/null", "w");
	if (null && source_add_text(&c.arena, &c.sources, "fuzz.pol", (const char *)data,
				    size) == 0) {
		struct model m;
		if (compilation_model(&c, &m)) {
			struct test_run r;
			testrun_all(&r, &c, &m);
			struct writer w;
			writer_init(&w, null);
			struct emit_options o = { "fuzz_policy", "fuzz", "fuzz.h" };
			emit_c_source(&w, &m, &c.sources, &o);
			emit_c_header(&w, &m, &c.sources, &o);
		}
		diags_print(&c.diags, null, DIAG_TEXT, "polc");
		diags_print(&c.diags, null, DIAG_SARIF, "polc");
	}
	if (null)
		fclose(null);
	compilation_free(&c);
	return 0;
}
