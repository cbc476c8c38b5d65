// @ts-check
'use strict';

/** What both benchmarks (n8n's engine: run.js; real n8n: n8n.js) measure alike. */

const { createSimulator } = require('../tools/simulator');
const { httpJson } = require('../tools/http');
const { DAY, REPORTS } = require('./workflows');

/** The three ways, compared in this order; (b) is the baseline. */
const WAYS = /** @type {const} */ (['wolkvox', 'httpSplit', 'httpSplitTyped']);
const LABELS = {
	wolkvox: '(a) Wolkvox node',
	httpSplit: '(b) HTTP Request + Split Out',
	httpSplitTyped: '(c) (b) + Edit Fields typing',
};
const ROWS_PER_SKILL = 24;

/**
 * A simulator answering `rows` rows for the day (Workforce per Hour: every skill, every hour; any
 * other report: `rows` rows in the usual forms), with a quota that never runs out, and the day's
 * Workforce per Hour report as it answers it. The answers of `reports` are built before the
 * simulator is returned and then served from memory, so the timings are n8n's work, the first
 * measurement's included.
 * @param {number} rows @param {{ reports?: string[], port?: number }} [options] port: 0 for any
 */
async function benchSimulator(rows, { reports = ['skill_5'], port = 0 } = {}) {
	const sim = await createSimulator({
		port,
		skills: rows / ROWS_PER_SKILL,
		quietHours: false,
		catalogueRows: rows,
		cataloguePlain: true,
		reuseReports: true,
		tokens: { 'bench-token-0042': { quota: 1e9 } },
	});
	const answers = [];
	for (const report of reports) answers.push(await fetchDayReport(sim, report));
	return { sim, dayReport: answers[reports.indexOf('skill_5')] };
}

/** The whole day's answer of a report, as the ways ask for it. @param {{ url: string, token: string }} sim @param {string} report */
async function fetchDayReport(sim, report) {
	const query = new URLSearchParams({
		...REPORTS[report].query('all'),
		date_ini: DAY.dateIni,
		date_end: DAY.dateEnd,
	});
	const response = await httpJson(`${sim.url}/api/v2/reports_manager.php?${query}`, {
		headers: { 'wolkvox-token': sim.token },
		timeoutMs: 120_000,
	});
	if (response.status !== 200) throw new Error(`simulator answered ${response.status}`);
	return response.text;
}

/**
 * The ways in the order of a round, rotated every round so none always runs first or last.
 * @template T @param {number} round @param {readonly T[]} [ways]
 */
const waysInRound = (round, ways = /** @type {readonly any[]} */ (WAYS)) =>
	ways.map((_, index) => ways[(index + round) % ways.length]);

const median = (/** @type {number[]} */ values) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (/** @type {number[]} */ values) => [Math.min(...values), Math.max(...values)];
const round = (/** @type {number} */ value, digits = 2) =>
	Math.round(value * 10 ** digits) / 10 ** digits;

module.exports = {
	WAYS,
	LABELS,
	ROWS_PER_SKILL,
	benchSimulator,
	waysInRound,
	median,
	spread,
	round,
};
