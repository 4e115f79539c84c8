/* test_suggest.c - "did you mean": the edit distance and the choice of
 * the nearest candidate (suggest.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "suggest.h"

static void test_distance(void **state)
{
	(void)state;
	assert_int_equal(suggest_distance("Derby", "Derby", 4), 0);
	assert_int_equal(suggest_distance("", "", 4), 0);
	assert_int_equal(suggest_distance("", "abc", 4), 3);
	assert_int_equal(suggest_distance("abc", "", 4), 3);
	/* a change of case costs nothing */
	assert_int_equal(suggest_distance("derby", "Derby", 4), 0);
	assert_int_equal(suggest_distance("MON", "Mon", 4), 0);
	/* substitution, insertion, deletion */
	assert_int_equal(suggest_distance("Derby", "Darby", 4), 1);
	assert_int_equal(suggest_distance("Derby", "Derbys", 4), 1);
	assert_int_equal(suggest_distance("Derby", "Dery", 4), 1);
	/* an adjacent transposition is one edit */
	assert_int_equal(suggest_distance("Dreby", "Derby", 4), 1);
	assert_int_equal(suggest_distance("hihg", "high", 4), 1);
	/* optimal string alignment: no edits inside a transposed pair */
	assert_int_equal(suggest_distance("ca", "abc", 4), 3);
	assert_int_equal(suggest_distance("kitten", "sitting", 4), 3);
	assert_int_equal(suggest_distance("face_to_face", "face_2_face", 4), 2);
}

static void test_distance_limit(void **state)
{
	(void)state;
	/* over the limit: limit + 1, whatever the true distance */
	assert_int_equal(suggest_distance("kitten", "sitting", 2), 3);
	assert_int_equal(suggest_distance("abcdef", "uvwxyz", 1), 2);
	assert_int_equal(suggest_distance("a", "abcdefgh", 3), 4);	/* by length alone */
	assert_int_equal(suggest_distance("abc", "abd", 0), 1);
	assert_int_equal(suggest_distance("abc", "abc", 0), 0);
	/* words past 128 characters are never near anything */
	char long_a[131], long_b[131];
	memset(long_a, 'a', 130);
	long_a[130] = '\0';
	memcpy(long_b, long_a, sizeof(long_b));
	assert_int_equal(suggest_distance(long_a, long_b, 4), 5);
	long_a[128] = '\0';
	long_b[128] = '\0';
	long_b[0] = 'b';
	assert_int_equal(suggest_distance(long_a, long_b, 4), 1);	/* 128 is fine */
}

static void test_offer_picks_nearest(void **state)
{
	(void)state;
	struct suggest s;
	suggest_init(&s, "Chesterfeild");
	assert_null(s.best);
	suggest_offer(&s, "Derby");
	assert_null(s.best);			/* too far */
	suggest_offer(&s, "Chesterfolk");
	assert_string_equal(s.best, "Chesterfolk");	/* 3 edits, within 12/3 */
	assert_int_equal(s.best_distance, 3);
	suggest_offer(&s, "Chesterfield");
	assert_string_equal(s.best, "Chesterfield");	/* 1 edit: closer */
	suggest_offer(&s, "Chesterfiel");
	assert_string_equal(s.best, "Chesterfield");	/* as far (2): first kept */
	assert_int_equal(s.best_distance, 1);
}

static void test_offer_limits(void **state)
{
	(void)state;
	struct suggest s;
	/* short words: one edit at most */
	suggest_init(&s, "ab");
	suggest_offer(&s, "xy");
	assert_null(s.best);
	suggest_offer(&s, "abc");
	assert_string_equal(s.best, "abc");
	/* a third of the word: "Wensday" (7) allows 2, "Wed" is 4 away */
	suggest_init(&s, "Wensday");
	suggest_offer(&s, "Wed");
	assert_null(s.best);
	suggest_offer(&s, "Wednesday");
	assert_string_equal(s.best, "Wednesday");
	/* never more than 4, however long the word */
	suggest_init(&s, "abcdefghijklmnopqrstuvwxyz");
	suggest_offer(&s, "abcdefghijklmnopqrstu12345");
	assert_null(s.best);	/* 5 edits */
	suggest_offer(&s, "abcdefghijklmnopqrstuv1234");
	assert_string_equal(s.best, "abcdefghijklmnopqrstuv1234");	/* 4 */
	/* the word itself is no suggestion, but another case of it is */
	suggest_init(&s, "Derby");
	suggest_offer(&s, "Derby");
	assert_null(s.best);
	suggest_offer(&s, "derby");
	assert_string_equal(s.best, "derby");
	assert_int_equal(s.best_distance, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_distance_limit),
		cmocka_unit_test(test_offer_picks_nearest),
		cmocka_unit_test(test_offer_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
