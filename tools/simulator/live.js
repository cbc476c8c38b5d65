// @ts-check
'use strict';

/**
 * Answers the simulator gives beside the catalogue's fixed rows, for the trigger's tests:
 * - scripted answers of an endpoint (a real-time view over successive polls): each request of
 *   that api takes the next answer of its script, and the last answer repeats;
 * - rows per interval of the time-of-day interval reports (skill_4, skill_4_1, skill_4_2): one row
 *   per skill and interval the window asked for meets, so the rows a trigger emits can be
 *   told apart interval by interval. Values are a pure function of (skill, day, minute).
 */

const { DAY_MS, parseWolkvoxDate } = require('./dates');

/** @typedef {Record<string, unknown>} WireRow */

class AnswerScripts {
	constructor() {
		/** @type {Map<string, { answers: WireRow[][], served: number }>} */
		this.scripts = new Map();
	}

	/** @param {string} api @param {unknown} answers a non-empty list of answers, each a list of rows */
	set(api, answers) {
		if (typeof api !== 'string' || api === '') throw new Error('api must be an api id');
		const valid =
			Array.isArray(answers) &&
			answers.length > 0 &&
			answers.every(
				(rows) =>
					Array.isArray(rows) &&
					rows.every((row) => typeof row === 'object' && row !== null && !Array.isArray(row)),
			);
		if (!valid) throw new Error('answers must be a non-empty list of answers, each a list of rows');
		this.scripts.set(api, {
			answers: structuredClone(/** @type {WireRow[][]} */ (answers)),
			served: 0,
		});
	}

	clear() {
		this.scripts.clear();
	}

	/** The next scripted answer of `api`, or undefined when it has no script. @param {string} api */
	next(api) {
		const script = this.scripts.get(api);
		if (!script) return undefined;
		const rows = script.answers[Math.min(script.served, script.answers.length - 1)];
		script.served++;
		return structuredClone(rows);
	}

	/** Per scripted api: answers served and answers in the script. */
	stats() {
		return Object.fromEntries(
			[...this.scripts].map(([api, { answers, served }]) => [
				api,
				{ served, answers: answers.length },
			]),
		);
	}
}

/** A value of a field kind for (skill, day, minute), deterministic. @param {string} kind @param {number} seed */
function valueOf(kind, seed) {
	switch (kind) {
		case 'count':
			return String(seed % 60);
		case 'percentage':
			return `${(50 + (seed % 500) / 10).toFixed(2)}%`;
		case 'seconds':
			return String(30 + (seed % 300));
		default:
			return String(seed % 100);
	}
}

/**
 * The rows of a time-of-day interval report for the window `date_ini`..`date_end` (inclusive):
 * one per skill and interval it meets; a time of day the window meets on several days once.
 * @param {any} spec the endpoint of the catalogue spec
 * @param {URLSearchParams} params
 * @param {ReadonlyArray<{ id: number }>} skills
 * @returns {WireRow[]}
 */
function intervalRows(spec, params, skills) {
	const from = /** @type {Date} */ (parseWolkvoxDate(params.get('date_ini'))).getTime();
	const to = /** @type {Date} */ (parseWolkvoxDate(params.get('date_end'))).getTime();
	const { minutes, timeField } = spec.interval;
	const step = minutes * 60_000;
	const skillId = params.get('skill_id');
	const chosen =
		skillId === 'all' ? skills : skills.filter((skill) => String(skill.id) === skillId);
	/** @type {WireRow[]} */
	const rows = [];
	const seen = new Set();
	for (let start = Math.floor(from / step) * step; start <= to; start += step) {
		const day = Math.floor(start / DAY_MS);
		const minute = (start - day * DAY_MS) / 60_000;
		if (seen.has(minute)) continue;
		seen.add(minute);
		const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
		for (const skill of chosen) {
			/** @type {WireRow} */
			const row = {};
			Object.entries(spec.fields).forEach(([name, kind], index) => {
				const seed = skill.id * 7919 + day * 104729 + minute * 31 + index * 613;
				row[name] =
					name === 'skill_id'
						? String(skill.id)
						: name === timeField
							? minutes === 60
								? time.slice(0, 2)
								: time
							: valueOf(/** @type {string} */ (kind), seed);
			});
			rows.push(row);
		}
	}
	return rows;
}

module.exports = { AnswerScripts, intervalRows };
