// @ts-check
'use strict';

/**
 * What the wall-clock property tests walk, and the oracle they check against.
 *
 * Every IANA zone the runtime knows is grouped by rule set: zones whose offsets agree over
 * 2025-2027 show the same wall clock, so the oracle is asked once per group and the code under
 * test runs for every zone of it. Offset changes are found with Intl.DateTimeFormat (not luxon, not
 * the node): a weekly scan, then bisection to the second.
 *
 * The oracle is tools/simulator/realTime.js (real time walked in steps with luxon), asked with the
 * coarsest step that is still exact: one dividing every offset and change of the zone and every
 * bound asked about.
 */

const { DateTime } = require('luxon');
const realTime = require('../../tools/simulator/realTime');
const realTimeOf = (/** @type {any[]} */ ...a) => realTime.realTimeOf(...a);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2028, 0, 1);

/** @type {Map<string, Intl.DateTimeFormat>} */
const formatters = new Map();

/** Wall-clock reading of an instant in `zone`, as milliseconds of a naive UTC clock. */
function wallOf(/** @type {string} */ zone, /** @type {number} */ instant) {
	let format = formatters.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(zone, format);
	}
	// "11/1/2026, 01:30:00": format() is several times faster than formatToParts().
	const [month, day, year, hour, minute, second] = format
		.format(instant)
		.split(/[/, :]+/)
		.map(Number);
	return Date.UTC(year, month - 1, day, hour, minute, second) + (((instant % 1000) + 1000) % 1000);
}

const offsetOf = (/** @type {string} */ zone, /** @type {number} */ instant) =>
	wallOf(zone, instant) - instant;

/** @typedef {{ at: number, before: number, after: number }} Transition */

/** Offset changes of `zone` in [FROM, TO). @param {string} zone @returns {Transition[]} */
function transitionsOf(zone) {
	/** @type {Transition[]} */
	const found = [];
	for (let week = FROM; week < TO; week += 7 * DAY) {
		const end = Math.min(week + 7 * DAY, TO);
		const target = offsetOf(zone, end);
		// There may be two changes in a week: bisect each.
		for (let from = week; offsetOf(zone, from) !== target; ) {
			const start = offsetOf(zone, from);
			let low = from;
			let high = end;
			while (high - low > 1000) {
				const middle = low + Math.floor((high - low) / 2000) * 1000;
				if (offsetOf(zone, middle) === start) low = middle;
				else high = middle;
			}
			found.push({ at: high, before: start, after: offsetOf(zone, high) });
			from = high;
		}
	}
	return found;
}

const gcd = (/** @type {number} */ a, /** @type {number} */ b) => {
	for (a = Math.abs(a), b = Math.abs(b); b; ) [a, b] = [b, a % b];
	return a;
};

/**
 * @typedef {object} RuleSet
 * @property {string} zone       the zone the oracle is asked about
 * @property {string[]} zones    every zone with the same offsets over 2025-2027
 * @property {Transition[]} transitions
 * @property {number} grid       ms dividing every offset and change instant of the zone (<= 1 h)
 */

/** @type {RuleSet[] | undefined} */
let known;

/** Every IANA zone, grouped by rule set. @returns {RuleSet[]} */
function ruleSets() {
	if (known) return known;
	/** @type {Map<string, RuleSet>} */
	const bySignature = new Map();
	for (const zone of Intl.supportedValuesOf('timeZone')) {
		const transitions = transitionsOf(zone);
		const first = offsetOf(zone, FROM);
		const signature = `${first}|${transitions.map((t) => `${t.at}:${t.after}`).join(',')}`;
		const set = bySignature.get(signature);
		if (set) {
			set.zones.push(zone);
			continue;
		}
		const grid = transitions.reduce((step, t) => gcd(gcd(step, t.at), t.after), gcd(HOUR, first));
		bySignature.set(signature, { zone, zones: [zone], transitions, grid });
	}
	return (known = [...bySignature.values()]);
}

/** @type {Map<string, { start: string | null, seconds: number }>} */
const answers = new Map();

/**
 * The oracle: first instant (ISO, null if none) showing a wall-clock time in [from, to) of the
 * set's zone (naive ms), and the seconds of those instants before `nowMs`.
 * @param {RuleSet} set @param {number} from @param {number} to @param {number} [nowMs]
 */
function oracle(set, from, to, nowMs = Infinity) {
	const key = `${set.zone}|${from}|${to}|${nowMs}`;
	let answer = answers.get(key);
	if (!answer) {
		let step = gcd(gcd(set.grid, from), to);
		if (Number.isFinite(nowMs)) step = gcd(step, nowMs);
		// A finer step is exact too, but a walk of a day and more by seconds takes seconds.
		if (step < 5 * MINUTE) throw new Error(`oracle asked off the 5-minute grid (${step} ms)`);
		answer = realTimeOf(set.zone, from, to, { nowMs, stepMs: step });
		answers.set(key, answer);
	}
	return answer;
}

const floorDay = (/** @type {number} */ wall) => Math.floor(wall / DAY) * DAY;
const floorHour = (/** @type {number} */ wall) => Math.floor(wall / HOUR) * HOUR;
/** A naive wall-clock time as the node holds it (a luxon DateTime in UTC). */
const naive = (/** @type {number} */ wall) => DateTime.fromMillis(wall, { zone: 'utc' });
/** "2026-11-01 01:30" of a naive time, for messages. */
const shown = (/** @type {number} */ wall) => new Date(wall).toISOString().slice(0, 16);
const inYear = (/** @type {number} */ instant, /** @type {number} */ year) =>
	new Date(instant).getUTCFullYear() === year;

/**
 * Collects what went wrong, the first `limit` of them, so a failing property prints a short list.
 */
function problemList(limit = 20) {
	/** @type {string[]} */
	const problems = [];
	let count = 0;
	return {
		problems,
		/** @param {string} problem */
		add(problem) {
			count++;
			if (problems.length < limit) problems.push(problem);
		},
		get count() {
			return count;
		},
	};
}

module.exports = {
	MINUTE,
	HOUR,
	DAY,
	wallOf,
	offsetOf,
	ruleSets,
	oracle,
	floorDay,
	floorHour,
	naive,
	shown,
	inYear,
	problemList,
};
