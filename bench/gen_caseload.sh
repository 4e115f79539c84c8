#!/bin/sh
# gen_caseload.sh - a synthetic caseload CSV for 'polcheck batch', to stdout.
#
#   gen_caseload.sh ROWS [SEED]
#
# A header row, then ROWS cases: a 'ref' column that polcheck passes
# through, the nine flags of policies/derbyshire.pol (1 or 0, set one time
# in 16), risk (low half the time, medium a quarter, high and very_high an
# eighth each) and mappa (0..3, the same shape).  The columns are not in
# the order the policy declares them.  The same arguments give the same
# bytes with any POSIX awk: the generator is the exact MINSTD LCG.
set -eu
rows=${1:?rows}
seed=${2:-1}
awk -v rows="$rows" -v seed="$seed" '
function rnd() {	# MINSTD: products stay below 2^53, so exact in awk
	state = (state * 48271) % 2147483647
	return state
}
BEGIN {
	state = seed % 2147483646 + 1
	lv[0] = "low"; lv[1] = "medium"; lv[2] = "high"; lv[3] = "very_high"
	# the number of trailing ones of a 3-bit draw, capped at 3
	for (b = 0; b < 8; b++)
		geo[b] = (b % 2 == 0) ? 0 : (int(b / 2) % 2 == 0) ? 1 : (b < 7 ? 2 : 3)
	print "ref,risk,mappa,tact,cppc,high_profile,no_phone,prison_leaver_initial,child_protection,domestic_abuse,cusp_of_escalation,high_priority"
	for (i = 1; i <= rows; i++) {
		x = rnd(); y = rnd()
		# flags: four bits of a draw each, set when they are all zero
		f1 = int(x / 128) % 16 == 0; f2 = int(x / 2048) % 16 == 0
		f3 = int(x / 32768) % 16 == 0; f4 = int(x / 524288) % 16 == 0
		f5 = int(x / 8388608) % 16 == 0
		f6 = int(y / 128) % 16 == 0; f7 = int(y / 2048) % 16 == 0
		f8 = int(y / 32768) % 16 == 0; f9 = int(y / 524288) % 16 == 0
		r = geo[int(y / 8388608) % 8]; m = geo[int(x / 16) % 8]
		printf "C%08d,%s,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d\n", i, lv[r], m,
			f1, f2, f3, f4, f5, f6, f7, f8, f9
	}
}'
