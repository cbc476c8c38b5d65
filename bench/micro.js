// @ts-check
'use strict';

/**
 * In-process micro-benchmarks: our parse+type step against the JSON.parse floor on the same
 * 60,000-row body, and the per-token limiter's cost when under the limit.
 */

const { execFile } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const { promisify } = require('node:util');
const { DateTime } = require('luxon');
const { answerRows } = require('../dist/nodes/shared/wolkvox/api/answers');
const { reportRows } = require('../dist/nodes/shared/wolkvox/report');
const {
	requiredAgents,
	MAX_TRAFFIC_ERLANGS,
} = require('../dist/nodes/shared/wolkvox/staffing/erlang');
const { KeyedLimiter } = require('../dist/nodes/shared/wolkvox/api/limiter');
const { rowTyper } = require('../dist/nodes/shared/wolkvox/typing/typing');
const { endpointOf } = require('../dist/nodes/shared/wolkvox/spec');
const { HOUR_MS } = require('../dist/nodes/shared/wolkvox/time/wallClock');
const { catalogueRows } = require('../tools/simulator/catalogue');
const { DAY, ZONE } = require('./workflows');

/** @param {() => unknown} work @param {number} repetitions @returns {number[]} milliseconds, sorted */
function timings(work, repetitions) {
	const samples = [];
	for (let index = 0; index < repetitions; index++) {
		const started = performance.now();
		work();
		samples.push(performance.now() - started);
	}
	return samples.sort((a, b) => a - b);
}

const median = (/** @type {number[]} */ sorted) => sorted[Math.floor(sorted.length / 2)];

/**
 * Median times of a bare JSON.parse of `body` and of each of `ways`, interleaved so all see the
 * same machine.
 * @template {string} Way
 * @param {string} body @param {Record<Way, () => unknown>} ways @param {number} repetitions
 * @returns {{ floorMs: number } & Record<Way, number>}
 */
function versusJsonParse(body, ways, repetitions) {
	/** @type {Record<string, number[]>} */
	const samples = { floorMs: [] };
	const works = Object.entries(ways);
	for (const [name] of works) samples[name] = [];
	for (let round = 0; round < repetitions; round++) {
		samples.floorMs.push(...timings(() => JSON.parse(body), 1));
		for (const [name, work] of works)
			samples[name].push(...timings(/** @type {() => unknown} */ (work), 1));
	}
	return /** @type {any} */ (
		Object.fromEntries(
			Object.entries(samples).map(([name, times]) => [name, median(times.sort((a, b) => a - b))]),
		)
	);
}

/** @param {string} body a 200 answer of the report */
function parseVersusFloor(body, repetitions = 21) {
	// A window is wall-clock time (naive, held in UTC) of the zone.
	const window = {
		start: DateTime.fromISO(DAY.start, { zone: 'utc' }),
		end: DateTime.fromISO(DAY.end, { zone: 'utc' }),
		zone: ZONE,
	};
	// As the node reads an answer of Workforce per Hour: parsed, typed, dated.
	const readRows = reportRows(endpointOf('report', 'getWorkforcePerHour'), {
		zone: ZONE,
		rawOutput: false,
		nowMs: Date.now(),
	});
	const parseAndType = () => {
		const rows = answerRows(200, body, 'bench', 'bench-token', (answered, answer) =>
			readRows(answered, window, answer),
		);
		if (!Array.isArray(rows)) throw rows;
		return rows;
	};
	const rows = parseAndType().length;
	const { floorMs, oursMs } = versusJsonParse(body, { oursMs: parseAndType }, repetitions);
	return {
		rows,
		bytes: body.length,
		jsonParseMs: floorMs,
		parseAndTypeMs: oursMs,
		ratio: oursMs / floorMs,
	};
}

/**
 * Login and logout of each row in a different hour of a 31-day window (a month's answer meets up to
 * 744 wall-clock hours, each resolved once), instead of the two hours of the usual samples.
 * @param {Record<string, unknown>[]} rows
 */
function spreadOverAMonth(rows) {
	const start = Date.UTC(2026, 9, 1);
	const stamp = (/** @type {number} */ ms) =>
		new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
	rows.forEach((row, index) => {
		const login = start + ((index * 7919) % 744) * HOUR_MS + ((index * 61) % 3600) * 1000;
		row.login = stamp(login);
		row.logout = stamp(login + 8 * HOUR_MS + ((index * 37) % 3600) * 1000);
	});
}

/**
 * A catalogue report read and typed as the node reads it (answerRows: JSON.parse, then typing by
 * the endpoint's field kinds) against the JSON.parse floor: 60,000 rows of agent_1 (22 fields: ids,
 * counts, H:MM:SS durations, login/logout stamps) as Wolkvox prints them; with `spread`, stamps
 * spread over a month.
 */
function catalogueTypingVersusFloor(rowCount = 60_000, repetitions = 21, spread = false) {
	const endpoint = /** @type {any} */ (endpointOf('agentReport', 'getAgentTimeByState'));
	const { wire } = catalogueRows(endpoint, { rows: rowCount, plain: true, zone: ZONE });
	if (spread) spreadOverAMonth(wire);
	const body = JSON.stringify({
		code: 200,
		error: null,
		msg: `${rowCount} records were found`,
		data: wire,
	});
	const readRows = rowTyper(endpoint.fields, { zone: ZONE });
	const parseAndType = () => {
		const rows = answerRows(200, body, 'bench', 'bench-token', readRows);
		if (!Array.isArray(rows)) throw rows;
		return rows;
	};
	const rows = parseAndType().length;
	const { floorMs, oursMs } = versusJsonParse(body, { oursMs: parseAndType }, repetitions);
	return {
		api: endpoint.api,
		spread,
		rows,
		fields: Object.keys(endpoint.fields).length,
		bytes: body.length,
		jsonParseMs: floorMs,
		parseAndTypeMs: oursMs,
		ratio: oursMs / floorMs,
	};
}

/** Average cost of acquire + release with a free slot, in microseconds. */
async function limiterOverhead(operations = 200_000) {
	const limiter = new KeyedLimiter(2);
	const key = 'a'.repeat(64);
	const started = performance.now();
	for (let index = 0; index < operations; index++) (await limiter.acquire(key))();
	return {
		operations,
		microsecondsPerRequest: ((performance.now() - started) * 1000) / operations,
	};
}

/**
 * The slowest staffing check of one row: traffic at the cap (MAX_TRAFFIC_ERLANGS) with a strict
 * target, and a few ordinary rows, in milliseconds (the bound: any row under 5 ms).
 */
function staffingWorstRow(repetitions = 21) {
	const strict = { serviceLevel: 0.99, answerWithinSeconds: 1, maxOccupancy: 1, shrinkage: 0.3 };
	const usual = { serviceLevel: 0.8, answerWithinSeconds: 20, maxOccupancy: 0.85, shrinkage: 0.3 };
	const cases = [
		['cap, strict', () => requiredAgents(MAX_TRAFFIC_ERLANGS * 36, 100, 3600, strict)],
		['cap, usual', () => requiredAgents(MAX_TRAFFIC_ERLANGS * 36, 100, 3600, usual)],
		['over the cap (not computed)', () => requiredAgents(99_999 * 36, 100, 3600, strict)],
		['1,000 calls', () => requiredAgents(1000, 120, 3600, usual)],
	];
	return Object.fromEntries(
		cases.map(([name, work]) => [
			name,
			median(timings(/** @type {() => void} */ (work), repetitions)),
		]),
	);
}

module.exports = {
	versusJsonParse,
	parseVersusFloor,
	catalogueTypingVersusFloor,
	catalogueTypingInFreshProcesses,
	limiterOverhead,
	staffingWorstRow,
};

/**
 * catalogueTypingVersusFloor in `processes` fresh Node processes, one after the other: a process's
 * heap (what earlier work left to collect, when its old generation is marked) moves the ratio by
 * ±0.1, more than repetitions inside one process smooth out. Medians over the processes. `node`:
 * the Node binary to measure with (n8n 1.x runs on Node 20, n8n 2.x on Node 24; their V8s differ).
 * @param {number} processes @param {number} rowCount @param {number} repetitions
 * @param {string} [node] @param {boolean} [spread] date-times spread over a month
 */
async function catalogueTypingInFreshProcesses(
	processes,
	rowCount,
	repetitions,
	node = process.execPath,
	spread = false,
) {
	const samples = [];
	for (let index = 0; index < processes; index++) {
		const { stdout } = await promisify(execFile)(node, [
			__filename,
			'--json',
			String(rowCount),
			String(repetitions),
			...(spread ? ['--spread'] : []),
		]);
		samples.push(JSON.parse(stdout));
	}
	const ratios = samples.map((sample) => sample.ratio).sort((a, b) => a - b);
	const middle = (/** @type {string} */ key) =>
		median(samples.map((sample) => sample[key]).sort((a, b) => a - b));
	const { stdout: version } = await promisify(execFile)(node, ['--version']);
	return {
		...samples[0],
		node: version.trim(),
		processes,
		jsonParseMs: middle('jsonParseMs'),
		parseAndTypeMs: middle('parseAndTypeMs'),
		ratio: median(ratios),
		ratioSpread: [ratios[0], ratios[ratios.length - 1]],
	};
}

if (require.main === module) {
	const args = process.argv.slice(2);
	const spread = args.includes('--spread');
	const [flag, rows, repetitions] = args.filter((arg) => arg !== '--spread');
	if (flag === '--json')
		process.stdout.write(
			JSON.stringify(catalogueTypingVersusFloor(Number(rows), Number(repetitions), spread)),
		);
	// `node bench/micro.js [path of another node binary] [--spread]`
	else
		catalogueTypingInFreshProcesses(5, 60_000, 21, flag, spread).then((result) =>
			console.log(result),
		);
}
