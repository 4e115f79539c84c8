/* fuzz_roundtrip.c - a string from a policy, through the C emitter, must
 * come back byte for byte, and nothing in it may act as C.
 *
 * The input becomes the text of a provider in a small policy; the
 * generated C is decoded here by an independent reading of C's rules for
 * string literals (octal and simple escapes only: the emitter uses no
 * others) and compared with the input.  The literal must not hold "??"
 * (a trigraph in old compilers) or an unescaped quote, and no comment of
 * the output may be closed early.  tests/e2e/compile_c.sh compiles such
 * output with gcc and clang and reads it back from the tables. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "emit_c.h"
#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decode the C string literal at p; returns the byte after its closing
 * quote, or NULL if it is not a well-formed literal of the emitter's kind. */
static const char *decode(const char *p, const char *end, char *out, size_t *n)
{
	if (p >= end || *p != '"')
		return NULL;
	p++;
	*n = 0;
	while (p < end && *p != '"') {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c >= 0x7F)
			return NULL;	/* must have been escaped */
		if (c == '?' && p + 1 < end && p[1] == '?')
			return NULL;	/* a trigraph could form */
		if (c != '\\') {
			out[(*n)++] = (char)c;
			p++;
			continue;
		}
		p++;
		if (p >= end)
			return NULL;
		if (*p >= '0' && *p <= '7') {
			int v = 0, k = 0;
			while (k < 3 && p < end && *p >= '0' && *p <= '7')
				v = v * 8 + (*p++ - '0'), k++;
			out[(*n)++] = (char)v;
		} else if (*p == '"' || *p == '\\' || *p == '?') {
			out[(*n)++] = *p++;
		} else {
			return NULL;
		}
	}
	return p < end ? p + 1 : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 3000)
		return 0;	/* long texts are char arrays: compile_c.sh covers them */
	/* the input as a policy text literal: escape what the language needs */
	size_t cap = size * 2 + 128;
	char *pol = malloc(cap);
	if (!pol)
		return 0;
	size_t k = (size_t)snprintf(pol, cap, "provider P \"");
	for (size_t i = 0; i < size; i++) {
		char ch = (char)data[i];
		if (ch == '"' || ch == '\\')
			pol[k++] = '\\';
		pol[k++] = ch;
	}
	k += (size_t)snprintf(pol + k, cap - k, "\"\n");

	struct compilation c;
	compilation_init(&c);
	struct model m;
	char *buf = NULL;
	size_t len = 0;
	if (source_add_text(&c.arena, &c.sources, "fuzz.pol", pol, k) == 0 &&
	    compilation_model(&c, &m)) {
		/* what the policy holds: the decoded text of the provider */
		const struct decl *p = c.set.decls[DECL_PROVIDER].items[0];
		FILE *f = open_memstream(&buf, &len);
		if (f) {
			struct writer w;
			writer_init(&w, f);
			struct emit_options o = { "fuzz_policy", "fuzz", NULL };
			emit_c_source(&w, &m, &c.sources, &o);
			fclose(f);
			/* outside string literals, every comment the emitter
			 * writes closes at the end of a line: nothing from the
			 * policy ended it early */
			bool in_string = false;
			for (const char *q = buf; q < buf + len; q++) {
				if (in_string) {
					if (*q == '\\')
						q++;
					else if (*q == '"')
						in_string = false;
				} else if (*q == '"') {
					in_string = true;
				} else if (q[0] == '/' && q[1] == '*') {
					const char *close = strstr(q + 2, "*/");
					if (!close || (close[2] != '\n' && close[2] != '\0'))
						abort();
					q = close + 1;
				}
			}
			const char *at = strstr(buf, "{ \"P\", ");
			if (!at)
				abort();
			char *back = malloc(p->title->len + 1);
			size_t n = 0;
			const char *after = back ? decode(at + 7, buf + len, back, &n) : NULL;
			if (back && (!after || n != p->title->len ||
				     memcmp(back, p->title->s, n) != 0))
				abort();
			free(back);
		}
	}
	free(buf);
	free(pol);
	compilation_free(&c);
	return 0;
}
