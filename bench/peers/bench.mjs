// bench.mjs - the bundled contact decision in peer engines, timed.
//
//   node bench.mjs CASES.csv [--runs R] [--only NAME,...]
//
// CASES.csv is what bench/decide writes: provider, one column per
// attribute, and pol's mode for the case.  The decision is the one of
// policies/derbyshire.pol: for NPS and CRC, the highest-priority mode among
// the rules that match (face_to_face > discretionary > doorstep > remote),
// else the 'otherwise' mode, remote.  Each peer writes it in its own idiom,
// by hand, from the .pol source; nothing here is generated from pol.
//
// Before any timing counts every peer must give pol's mode on every case;
// one difference and the program stops with status 1.  Then, per peer, a
// warm-up run and R timed runs over all the cases; one line per peer:
//
//   name median_ns min_ns max_ns decisions_per_s runs
//
// with ns per decision (single thread: Node runs the loop on one thread).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cedar = require('@cedar-policy/cedar-wasm/nodejs');
const { Engine } = require('json-rules-engine');

const MODES = ['face_to_face', 'discretionary', 'doorstep', 'remote'];
const RISK = { low: 0, medium: 1, high: 2, very_high: 3 };

// ---- the cases ------------------------------------------------------------

function readCases(path) {
	const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
	const head = lines[0].split(',');
	const want = ['provider', 'tact', 'cppc', 'high_profile', 'no_phone',
		'prison_leaver_initial', 'child_protection', 'domestic_abuse',
		'cusp_of_escalation', 'high_priority', 'risk', 'mappa', 'mode'];
	for (const w of want)
		if (!head.includes(w))
			throw new Error(`${path}: no column '${w}'`);
	const col = Object.fromEntries(head.map((h, i) => [h, i]));
	const cases = [];
	for (let i = 1; i < lines.length; i++) {
		const f = lines[i].split(',');
		const flag = (h) => f[col[h]] === '1';
		// one object literal: every case has the same shape
		const c = {
			provider: f[col.provider], mode: f[col.mode],
			tact: flag('tact'), cppc: flag('cppc'), high_profile: flag('high_profile'),
			no_phone: flag('no_phone'), prison_leaver_initial: flag('prison_leaver_initial'),
			child_protection: flag('child_protection'), domestic_abuse: flag('domestic_abuse'),
			cusp_of_escalation: flag('cusp_of_escalation'), high_priority: flag('high_priority'),
			risk: RISK[f[col.risk]], mappa: Number(f[col.mappa]),
		};
		if (c.risk === undefined || !(c.mappa >= 0 && c.mappa <= 3))
			throw new Error(`${path}:${i + 1}: bad risk or mappa`);
		cases.push(c);
	}
	return cases;
}

// ---- plain JavaScript: the baseline -----------------------------------------
// The rules of derbyshire.pol as one hand-written function per provider,
// highest mode first.

function plainNPS(c) {
	if (c.tact || c.risk === 3 || c.mappa === 3 || c.cppc || c.high_profile ||
	    c.no_phone || c.prison_leaver_initial)
		return 'face_to_face';
	if (c.risk === 2)
		return 'discretionary';
	if (c.risk >= 2 || c.high_priority)
		return 'doorstep';
	return 'remote';
}

function plainCRC(c) {
	if (c.no_phone || c.prison_leaver_initial || c.child_protection ||
	    c.domestic_abuse || c.cusp_of_escalation)
		return 'face_to_face';
	return 'remote';
}

function plain(c) {
	return c.provider === 'NPS' ? plainNPS(c) : plainCRC(c);
}

// ---- Cedar ----------------------------------------------------------------
// One policy per rule.  The principal is the case, the resource the
// provider, one action per contact mode; the case's attributes travel in
// the context (a level as a Long: low 0 .. very_high 3, Cedar has no
// ordered enumerations).  'otherwise remote' is an unconditional permit.
// The mode is the first action, in priority order, that is allowed.

const CEDAR_POLICIES = `
@id("nps_tact") permit(principal, action == Action::"face_to_face", resource == Provider::"NPS") when { context.tact };
@id("nps_very_high") permit(principal, action == Action::"face_to_face", resource == Provider::"NPS") when { context.risk == 3 };
@id("nps_mappa3") permit(principal, action == Action::"face_to_face", resource == Provider::"NPS") when { context.mappa == 3 };
@id("nps_cppc") permit(principal, action == Action::"face_to_face", resource == Provider::"NPS") when { context.cppc };
@id("nps_high_profile") permit(principal, action == Action::"face_to_face", resource == Provider::"NPS") when { context.high_profile };
@id("nps_high") permit(principal, action == Action::"discretionary", resource == Provider::"NPS") when { context.risk == 2 };
@id("nps_no_phone") permit(principal, action == Action::"face_to_face", resource == Provider::"NPS") when { context.no_phone };
@id("nps_prison_leaver") permit(principal, action == Action::"face_to_face", resource == Provider::"NPS") when { context.prison_leaver_initial };
@id("nps_doorstep") permit(principal, action == Action::"doorstep", resource == Provider::"NPS") when { context.risk >= 2 || context.high_priority };
@id("nps_otherwise") permit(principal, action == Action::"remote", resource == Provider::"NPS");
@id("crc_no_phone") permit(principal, action == Action::"face_to_face", resource == Provider::"CRC") when { context.no_phone };
@id("crc_prison_leaver") permit(principal, action == Action::"face_to_face", resource == Provider::"CRC") when { context.prison_leaver_initial };
@id("crc_cp_da") permit(principal, action == Action::"face_to_face", resource == Provider::"CRC") when { context.child_protection || context.domestic_abuse };
@id("crc_cusp") permit(principal, action == Action::"face_to_face", resource == Provider::"CRC") when { context.cusp_of_escalation };
@id("crc_otherwise") permit(principal, action == Action::"remote", resource == Provider::"CRC");
`;

const CEDAR_SET = 'derbyshire';
const ACTIONS = MODES.map((m) => ({ type: 'Action', id: m }));
const PROVIDERS = { NPS: { type: 'Provider', id: 'NPS' }, CRC: { type: 'Provider', id: 'CRC' } };

function cedarSetup() {
	const r = cedar.preparsePolicySet(CEDAR_SET, { staticPolicies: CEDAR_POLICIES });
	if (r.type !== 'success')
		throw new Error('cedar: ' + JSON.stringify(r.errors));
}

// The request of a case, less the action: built once, outside the timing,
// as pol's packed case is.
function cedarRequest(c, i) {
	return {
		principal: { type: 'Case', id: String(i) },
		resource: PROVIDERS[c.provider],
		context: {
			tact: c.tact, cppc: c.cppc, high_profile: c.high_profile,
			no_phone: c.no_phone, prison_leaver_initial: c.prison_leaver_initial,
			child_protection: c.child_protection, domestic_abuse: c.domestic_abuse,
			cusp_of_escalation: c.cusp_of_escalation, high_priority: c.high_priority,
			risk: c.risk, mappa: c.mappa,
		},
	};
}

function cedarDecide(req) {
	for (let m = 0; m < ACTIONS.length; m++) {
		const a = cedar.statefulIsAuthorized({
			principal: req.principal, action: ACTIONS[m], resource: req.resource,
			context: req.context, preparsedPolicySetId: CEDAR_SET, entities: [],
		});
		if (a.type !== 'success')
			throw new Error('cedar: ' + JSON.stringify(a.errors));
		if (a.response.decision === 'allow')
			return MODES[m];
	}
	return null;
}

// ---- json-rules-engine ------------------------------------------------------
// One engine per provider, one rule per pol rule: conditions on the facts,
// an event whose type is the mode.  The mode is the highest-priority event
// type fired; no event is 'otherwise'.

function is(fact) {
	return { fact, operator: 'equal', value: true };
}

function rule(mode, conditions) {
	return { conditions, event: { type: mode } };
}

const JRE_RULES = {
	NPS: [
		rule('face_to_face', { all: [is('tact')] }),
		rule('face_to_face', { all: [{ fact: 'risk', operator: 'equal', value: 3 }] }),
		rule('face_to_face', { all: [{ fact: 'mappa', operator: 'equal', value: 3 }] }),
		rule('face_to_face', { all: [is('cppc')] }),
		rule('face_to_face', { all: [is('high_profile')] }),
		rule('discretionary', { all: [{ fact: 'risk', operator: 'equal', value: 2 }] }),
		rule('face_to_face', { all: [is('no_phone')] }),
		rule('face_to_face', { all: [is('prison_leaver_initial')] }),
		rule('doorstep', { any: [{ fact: 'risk', operator: 'greaterThanInclusive', value: 2 },
			is('high_priority')] }),
	],
	CRC: [
		rule('face_to_face', { all: [is('no_phone')] }),
		rule('face_to_face', { all: [is('prison_leaver_initial')] }),
		rule('face_to_face', { any: [is('child_protection'), is('domestic_abuse')] }),
		rule('face_to_face', { all: [is('cusp_of_escalation')] }),
	],
};
const JRE_OTHERWISE = { NPS: 'remote', CRC: 'remote' };

function jreSetup() {
	const engines = {};
	for (const p of Object.keys(JRE_RULES)) {
		const e = new Engine([], { allowUndefinedFacts: true });
		for (const r of JRE_RULES[p])
			e.addRule(r);
		engines[p] = e;
	}
	return engines;
}

// The facts of a case: built once, outside the timing.
function jreFacts(c) {
	const { provider, mode, ...facts } = c;
	void mode;
	return { provider, facts };
}

async function jreDecide(engines, x) {
	const { events } = await engines[x.provider].run(x.facts);
	let best = MODES.length;
	for (const ev of events) {
		const m = MODES.indexOf(ev.type);
		if (m < best)
			best = m;
	}
	return best < MODES.length ? MODES[best] : JRE_OTHERWISE[x.provider];
}

// ---- timing -------------------------------------------------------------------

function median(xs) {
	const s = [...xs].sort((a, b) => a - b);
	return s[s.length >> 1];
}

// A run decides every case once; returns ns for the run.  The answers
// feed a checksum that is printed, so no engine's work can be skipped.
let checksum = 0;

function timeSync(n, decideAt) {
	const t0 = process.hrtime.bigint();
	let sum = 0;
	for (let i = 0; i < n; i++)
		sum += decideAt(i).length;
	const t = Number(process.hrtime.bigint() - t0);
	checksum += sum;
	return t;
}

async function timeAsync(n, decideAt) {
	const t0 = process.hrtime.bigint();
	let sum = 0;
	for (let i = 0; i < n; i++)
		sum += (await decideAt(i)).length;
	const t = Number(process.hrtime.bigint() - t0);
	checksum += sum;
	return t;
}

async function main() {
	const args = process.argv.slice(2);
	if (args.length < 1) {
		console.error('usage: node bench.mjs CASES.csv [--runs R] [--only NAME,...]');
		process.exit(2);
	}
	let runs = 11, only = null;
	for (let i = 1; i < args.length; i++) {
		if (args[i] === '--runs')
			runs = Number(args[++i]);
		else if (args[i] === '--only')
			only = args[++i].split(',');
		else {
			console.error(`bench.mjs: unknown argument '${args[i]}'`);
			process.exit(2);
		}
	}
	const cases = readCases(args[0]);
	const n = cases.length;

	cedarSetup();
	const requests = cases.map(cedarRequest);
	const engines = jreSetup();
	const facts = cases.map(jreFacts);

	const peers = [
		{ name: 'js_plain', sync: true, at: (i) => plain(cases[i]) },
		{ name: 'json_rules_engine', sync: false, at: (i) => jreDecide(engines, facts[i]) },
		{ name: 'cedar_wasm', sync: true, at: (i) => cedarDecide(requests[i]) },
	].filter((p) => !only || only.includes(p.name));

	// every answer first: one difference and nothing is timed
	for (const p of peers) {
		let bad = 0;
		for (let i = 0; i < n; i++) {
			const got = p.sync ? p.at(i) : await p.at(i);
			if (got !== cases[i].mode) {
				if (bad < 5)
					console.error(`bench.mjs: ${p.name} says ${got} for case ${i + 1} ` +
						`(${JSON.stringify(cases[i])}), pol says ${cases[i].mode}`);
				bad++;
			}
		}
		if (bad) {
			console.error(`bench.mjs: ${p.name} disagrees with pol on ${bad} of ${n} cases`);
			process.exit(1);
		}
		console.log(`# ${p.name}: agrees with pol on all ${n} cases`);
	}

	console.log(`# node ${process.version} cedar-wasm ${cedar.getCedarSDKVersion?.() ?? '?'} ` +
		`cases ${n} runs ${runs} warmup 1`);
	console.log('# name median_ns min_ns max_ns decisions_per_s runs');
	for (const p of peers) {
		const once = () => (p.sync ? timeSync(n, p.at) : timeAsync(n, p.at));
		await once();	// warm-up: the JIT and the engines' caches
		const per = [];
		for (let r = 0; r < runs; r++)
			per.push((await once()) / n);
		const med = median(per);
		console.log(`${p.name} ${med.toFixed(3)} ${Math.min(...per).toFixed(3)} ` +
			`${Math.max(...per).toFixed(3)} ${(1e9 / med).toFixed(0)} ${runs}`);
	}
	console.log(`# checksum ${checksum}`);
}

main().catch((e) => {
	console.error('bench.mjs: ' + (e && e.stack ? e.stack : e));
	process.exit(2);
});
