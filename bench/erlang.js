// @ts-check
'use strict';

/**
 * Time of one row's staffing check, per load and occupancy cap, and of the agent search against
 * the search as released in 0.2.0 (below), in the same run: `npm run build && node bench/erlang.js`.
 * Each figure is the median of repeated calls, the ways interleaved so they see the same machine.
 */

const os = require('node:os');
const { performance } = require('node:perf_hooks');
const { staffingCheck } = require('../dist/nodes/shared/wolkvox/staffing/staffing');
const { requiredAgents } = require('../dist/nodes/shared/wolkvox/staffing/erlang');

/**
 * 0.2.0's requiredAgents (Erlang C), as it was: the Erlang B recurrence from 0 agents up to the
 * first candidate (the occupancy cap's floor or just above the traffic), then one agent at a time.
 * @param {number} calls @param {number} ahtSeconds @param {number} intervalSeconds
 * @param {{ serviceLevel: number, answerWithinSeconds: number, maxOccupancy: number }} target
 */
function requiredAgentsBefore(calls, ahtSeconds, intervalSeconds, target) {
	const traffic = (calls * ahtSeconds) / intervalSeconds;
	const ceilExact = (/** @type {number} */ value) => Math.ceil(Number(value.toPrecision(12)));
	let agents = Math.max(1, ceilExact(traffic / target.maxOccupancy));
	if (agents <= traffic) agents = Math.floor(traffic) + 1;
	let blocking = 1;
	for (let k = 1; k <= agents; k++) blocking = (traffic * blocking) / (k + traffic * blocking);
	const levelOf = (/** @type {number} */ wait) =>
		1 - wait * Math.exp((-(agents - traffic) * target.answerWithinSeconds) / ahtSeconds);
	let wait = (agents * blocking) / (agents - traffic * (1 - blocking));
	while (levelOf(wait) < target.serviceLevel) {
		agents++;
		blocking = (traffic * blocking) / (agents + traffic * blocking);
		wait = (agents * blocking) / (agents - traffic * (1 - blocking));
	}
	return agents;
}

/** Median milliseconds of one call of each way, interleaved; at least `minimumMs` of each. */
function medians(/** @type {Record<string, () => unknown>} */ ways, minimumMs = 30) {
	/** @type {Record<string, number[]>} */
	const samples = Object.fromEntries(Object.keys(ways).map((name) => [name, []]));
	const spent = Object.fromEntries(Object.keys(ways).map((name) => [name, 0]));
	for (let round = 0; round < 7 || Object.values(spent).some((ms) => ms < minimumMs); round++) {
		for (const [name, work] of Object.entries(ways)) {
			const started = performance.now();
			work();
			const ms = performance.now() - started;
			samples[name].push(ms);
			spent[name] += ms;
		}
	}
	return Object.fromEntries(
		Object.entries(samples).map(([name, times]) => {
			times.sort((a, b) => a - b);
			return [name, times[Math.floor(times.length / 2)]];
		}),
	);
}

const AHT = 180;
const LOADS = [1, 10, 100, 1000, 10_000];
const CAPS = [0.01, 0.5, 0.85, 1];
const TARGETS = [
	{ name: '80/20', serviceLevel: 0.8, answerWithinSeconds: 20 },
	{ name: '99.9/0', serviceLevel: 0.999, answerWithinSeconds: 0 },
];
const PATIENCE = [60, 3600];

const format = (/** @type {number} */ ms, width = 8) => ms.toFixed(3).padStart(width);
console.log(
	`Node ${process.version}, ${os.cpus().length} CPUs, load average ${os
		.loadavg()
		.map((load) => load.toFixed(2))
		.join(' ')}; ms per row (median), AHT ${AHT} s, hour rows.`,
);
console.log(
	'The search: 0.2.0 against now (requiredAgents). The row: staffingCheck, Erlang C only and with Erlang A.',
);
console.log(
	[
		'target ',
		'  Erlangs',
		'  cap',
		'  0.2.0',
		'    now',
		' 0.2.0/now',
		'  row C',
		...PATIENCE.map((patience) => `row +A ${patience} s`.padStart(14)),
	].join(' '),
);
const worst = { before: 0, after: 0, row: 0, withErlangA: 0 };
for (const { name, ...goal } of TARGETS)
	for (const load of LOADS)
		for (const cap of CAPS) {
			const target = { ...goal, maxOccupancy: cap, shrinkage: 0.3 };
			const row = { inbound_calls: (load * 3600) / AHT, aht: AHT, interval_seconds: 3600 };
			/** @type {Record<string, () => unknown>} */
			const ways = {
				before: () => requiredAgentsBefore(row.inbound_calls, AHT, 3600, target),
				after: () => requiredAgents(row.inbound_calls, AHT, 3600, target),
				row: () => staffingCheck(row, target),
			};
			for (const patienceSeconds of PATIENCE)
				ways[`a${patienceSeconds}`] = () => staffingCheck(row, { ...target, patienceSeconds });
			const ms = medians(ways);
			const withErlangA = Math.max(...PATIENCE.map((patience) => ms[`a${patience}`]));
			worst.before = Math.max(worst.before, ms.before);
			worst.after = Math.max(worst.after, ms.after);
			worst.row = Math.max(worst.row, ms.row);
			worst.withErlangA = Math.max(worst.withErlangA, withErlangA);
			console.log(
				[
					name.padEnd(7),
					String(load).padStart(9),
					`${cap * 100}%`.padStart(5),
					format(ms.before, 7),
					format(ms.after, 7),
					`${(ms.before / ms.after).toFixed(1)}x`.padStart(10),
					format(ms.row, 7),
					...PATIENCE.map((patience) => format(ms[`a${patience}`], 14)),
				].join(' '),
			);
		}
console.log(
	`worst: search 0.2.0 ${worst.before.toFixed(3)} ms, now ${worst.after.toFixed(3)} ms; ` +
		`row ${worst.row.toFixed(3)} ms (Erlang C), ${worst.withErlangA.toFixed(3)} ms with Erlang A`,
);

// The slowest row over a wider grid: handle times, patience and targets at the editor's ends.
let slowest = { ms: 0, question: '' };
for (const aht of [1, 180, 36_000])
	for (const patienceSeconds of [1, 60, 3600])
		for (const [serviceLevel, answerWithinSeconds] of [
			[0.8, 20],
			[0.999, 0],
			[0.01, 3600],
		])
			for (const load of LOADS)
				for (const cap of CAPS) {
					const row = { inbound_calls: (load * 3600) / aht, aht, interval_seconds: 3600 };
					const target = {
						serviceLevel,
						answerWithinSeconds,
						maxOccupancy: cap,
						shrinkage: 0.3,
						patienceSeconds,
					};
					const { ms } = medians({ ms: () => staffingCheck(row, target) }, 5);
					if (ms > slowest.ms)
						slowest = {
							ms,
							question: `${load} Erlangs, AHT ${aht} s, patience ${patienceSeconds} s, ${serviceLevel * 100}/${answerWithinSeconds}, cap ${cap * 100}%`,
						};
				}
console.log(
	`slowest row with Erlang A over AHT 1..36,000 s, patience 1..3600 s, targets, loads and caps: ` +
		`${slowest.ms.toFixed(3)} ms (${slowest.question})`,
);
