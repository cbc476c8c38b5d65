// @ts-check
'use strict';

/**
 * Property test of nodes/shared/wolkvox/time/planning.ts (design.md, "Ranges and requests" and the
 * node's Behaviour), over every IANA zone and the offset changes of 2025-2027:
 * - planReportWindows: windows never overlap, leave no gap and cover exactly [start, end) of the
 *   wall clock; each within the report's limit; with "Split Long Range" a time-of-day report's
 *   windows lie each within one wall-clock day (no request holds a time of day twice); a range
 *   over the limit is refused without the option, one over 366 days with it; every preset's range
 *   at "now" instants around each change is the documented one;
 * - Last Complete Hour on an hourly schedule (a run every 60 real minutes at a fixed minute, several
 *   minutes): the hours emitted are every wall-clock hour that really occurs, each exactly once,
 *   each emitted within 60 minutes of its last real occurrence ending (the oracle says when);
 * - the trigger's polls (polling.ts, on completeUntil) across each change, with a restart and an
 *   overlapping poll every tick: each hour once, none before it is over;
 * - range dates (dateParameters.ts): a reading typed as text is kept as typed, even one the zone
 *   skips or repeats; an instant from an expression is read on the zone's clock.
 * References: wall-clock readings from Intl (zoneSamples.js), real time from the oracle
 * (tools/simulator/realTime.js); never the node's own RealTime.
 */

const { DateTime } = require('luxon');
const { parseDateParameter } = require('../../dist/nodes/shared/wolkvox/time/dateParameters');
const {
	planReportWindows,
	hoursCompletedWithin,
} = require('../../dist/nodes/shared/wolkvox/time/planning');
const {
	planPoll,
	readPollCursor,
	writePollCursor,
	cursorGuard,
	cursorIn,
} = require('../../dist/nodes/shared/wolkvox/time/polling');
const { MAX_SPLIT_RANGE_DAYS } = require('../../dist/nodes/shared/wolkvox/api/limits');
const { windowQuery } = require('../../dist/nodes/shared/wolkvox/time/wolkvoxDates');
const {
	MINUTE,
	HOUR,
	DAY,
	wallOf,
	ruleSets,
	oracle,
	floorDay,
	floorHour,
	naive,
	shown,
	inYear,
	problemList,
} = require('./zoneSamples');

/** The three kinds of dated report: skill_5, a time-of-day report of 31 days, a dated one. */
const REPORTS = [
	{ maxRangeDays: 1, timeOfDay: true },
	{ maxRangeDays: 31, timeOfDay: true },
	{ maxRangeDays: 31, timeOfDay: false },
];
const SETTLE_MINUTES = 5;
const stamp = (/** @type {number} */ wall) => naive(wall).toFormat('yyyyMMddHHmmss');

/**
 * The windows planned for a range, as [start, end) in naive ms, or the field an error names.
 * @param {any} request @param {string} zone @param {{ maxRangeDays: number, timeOfDay: boolean }} report
 * @param {boolean} split
 * @returns {{ windows: number[][] } | { refused: string }}
 */
function plan(request, zone, report, split) {
	try {
		const windows = planReportWindows(request, zone, report, split);
		return {
			windows: windows.map((/** @type {any} */ window, /** @type {number} */ index) => {
				if (window.zone !== zone) throw new Error(`a window of zone ${window.zone}`);
				const [from, to] = [window.start.toMillis(), window.end.toMillis()];
				// Sent as Wolkvox reads it, date_end inclusive (looked at in the first windows and the
				// last: writing hundreds of them costs more than it shows).
				if (index < 2 || index === windows.length - 1) {
					const query = windowQuery(window);
					if (query.date_ini !== stamp(from) || query.date_end !== stamp(to - 1000))
						throw new Error(`sent ${query.date_ini}-${query.date_end}`);
				}
				return [from, to];
			}),
		};
	} catch (error) {
		if (/** @type {any} */ (error).name !== 'WolkvoxInputError') throw error;
		return { refused: /** @type {any} */ (error).field };
	}
}

/**
 * What is wrong with a plan of the range [from, to) (naive ms; to <= from: nothing to fetch).
 * @returns {string[]}
 */
function planProblems(
	/** @type {ReturnType<typeof plan>} */ planned,
	/** @type {number} */ from,
	/** @type {number} */ to,
	/** @type {{ maxRangeDays: number, timeOfDay: boolean }} */ report,
	/** @type {boolean} */ split,
	/** @type {string} */ field,
) {
	const hours = (to - from) / HOUR;
	const overLimit = hours > report.maxRangeDays * 24;
	const overSplit = hours > MAX_SPLIT_RANGE_DAYS * 24;
	const range = `[${shown(from)}, ${shown(to)}) ${JSON.stringify(report)}${split ? ' split' : ''}`;
	if ((overLimit && !split) || overSplit)
		return 'refused' in planned && planned.refused === field
			? []
			: [`${range}: not refused naming ${field}: ${JSON.stringify(planned)}`];
	if (!('windows' in planned)) return [`${range}: refused (${planned.refused})`];
	const { windows } = planned;
	if (to <= from) return windows.length ? [`${range}: windows for nothing`] : [];
	const problems = [];
	if (!windows.length || windows[0][0] !== from || windows[windows.length - 1][1] !== to)
		problems.push(`${range}: covers ${windows.map(([a, b]) => `${shown(a)}..${shown(b)}`)}`);
	windows.forEach(([start, end], index) => {
		if (end <= start || end - start > report.maxRangeDays * DAY)
			problems.push(`${range}: window ${index} spans ${(end - start) / HOUR} h`);
		if (index > 0 && start !== windows[index - 1][1])
			problems.push(`${range}: gap or overlap before window ${index}`);
		// One wall-clock day each: cut at every midnight, at nothing else.
		if (split && report.timeOfDay && floorDay(start) !== floorDay(end - 1))
			problems.push(`${range}: window ${index} holds a time of day twice`);
		if (split && report.timeOfDay && index > 0 && start !== floorDay(start))
			problems.push(`${range}: window ${index} is not cut at midnight`);
	});
	if (!split && windows.length !== 1) problems.push(`${range}: ${windows.length} requests`);
	if (
		split &&
		!report.timeOfDay &&
		windows.length !== Math.ceil(hours / (report.maxRangeDays * 24))
	)
		problems.push(`${range}: ${windows.length} windows of at most ${report.maxRangeDays} days`);
	return problems;
}

/** Seeded, so a failure can be run again. */
function random(seed = 7) {
	return () => (seed = (seed * 16807) % 2147483647) / 2147483647;
}

test('every IANA zone x every offset change 2025-2027: custom and preset ranges plan windows that cover each wall-clock hour once, within the limits', () => {
	const startedAt = performance.now();
	const { problems, add } = problemList();
	const next = random();
	const LENGTHS = [1000, HOUR, 23 * HOUR, DAY, DAY + 1000, 25 * HOUR, 7 * DAY, 31 * DAY];
	LENGTHS.push(31 * DAY + 1000, 0, -HOUR, 400 * DAY);
	const SHORT = [...LENGTHS];
	LENGTHS.push(366 * DAY, 366 * DAY + 1000);
	let plans = 0;
	for (const set of ruleSets()) {
		const changes = set.transitions.length
			? set.transitions
			: [{ at: Date.UTC(2026, 5, 15, 12), before: 0, after: 0 }];
		for (const { at: change, after } of changes) {
			const wallAt = wallOf(set.zone, change);
			const day = floorDay(wallOf(set.zone, change - 1000));
			// Every length, kind of report and zone for the changes of one year; fewer for the others.
			const full = inYear(change, 2026);
			const changing = set.transitions.length > 0;

			// Custom ranges around the change: whole days, from an odd time, of every length around the
			// limits, and seeded random ones to the second (planning never looks at the zone's offsets).
			/** @type {number[][]} */
			const ranges = [
				[day, day + DAY],
				[day - DAY + 7.5 * HOUR, day + 7.5 * HOUR],
				[day + 7.5 * HOUR, day + DAY + 7.5 * HOUR],
				[day - DAY + 7.5 * HOUR, day + 2 * DAY + 7.5 * HOUR],
			];
			// A year of one-day windows once per rule set.
			const lengths =
				change === set.transitions.find((t) => inYear(t.at, 2026))?.at ? LENGTHS : SHORT;
			if (full && changing)
				for (const length of lengths)
					ranges.push([day + 7 * HOUR + 13 * MINUTE, day + 7 * HOUR + 13 * MINUTE + length]);
			for (let index = 0; index < (full && changing ? 6 : 0); index++) {
				const start = day + Math.round(((next() * 6 - 3) * DAY) / 1000) * 1000;
				ranges.push([start, start + Math.round((next() ** 2 * 40 * DAY) / 1000) * 1000]);
			}
			for (const [from, to] of ranges)
				for (const report of REPORTS)
					for (const split of [false, true]) {
						plans++;
						const request = { preset: 'custom', start: naive(from), end: naive(to) };
						const planned = plan(request, set.zone, report, split);
						const found =
							to <= from
								? 'refused' in planned && planned.refused === 'endDate'
									? []
									: [`[${shown(from)}, ${shown(to)}) is not refused`]
								: planProblems(planned, from, to, report, split, 'endDate');
						for (const problem of found) add(`${set.zone}: custom ${problem}`);
					}

			// Presets at "now" instants around the change (a zone that never changes: the first three
			// around noon), the first two in every zone of the rule set.
			const nows = [-1000, 0, -61 * MINUTE, 30 * MINUTE, 2 * HOUR, DAY + 30 * MINUTE, 7 * DAY];
			for (const [index, now] of nows.map((offset, index) => [index, change + offset])) {
				if (!changing && index > 2) break;
				const allZones = full && index < 2 ? set.zones : [set.zone];
				const wall = Math.floor(wallOf(set.zone, now) / 1000) * 1000;
				const today = floorDay(wall);
				const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
				const date = new Date(today);
				const first = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
				const previousFirst = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1);
				// The first wall-clock hour whose last occurrence is not over: a change within the
				// next hours may show earlier readings again.
				let lowest = wallOf(set.zone, now);
				for (const t of set.transitions)
					if (t.at > now && t.at <= now + 3 * HOUR) lowest = Math.min(lowest, t.at + t.after);
				const until = floorHour(lowest);
				/** @type {Record<string, number[]>} */
				const expected = {
					today: [today, wall],
					yesterday: [today - DAY, today],
					last24Hours: [until - DAY, until],
					last7Days: [today - 7 * DAY, today],
					thisWeek: [monday, wall],
					lastWeek: [monday - 7 * DAY, monday],
					thisMonth: [first, wall],
					lastMonth: [previousFirst, first],
				};
				for (const [preset, [from, to]] of Object.entries(expected)) {
					const request = { preset, now };
					// Each kind of report and the option around the changes of one year.
					const kinds = /** @type {[any, boolean, string[]][]} */ ([
						[REPORTS[2], false, allZones],
						...(full && changing && index < 3
							? [
									[REPORTS[0], false, [set.zone]],
									[REPORTS[0], true, [set.zone]],
									[REPORTS[1], true, [set.zone]],
								]
							: []),
					]);
					for (const [report, split, zones] of kinds)
						for (const zone of zones) {
							plans++;
							for (const problem of planProblems(
								plan(request, zone, report, split),
								from,
								to,
								report,
								split,
								'range',
							))
								add(`${zone} at ${new Date(now).toISOString()}: ${preset} ${problem}`);
						}
				}
			}

			// Range dates: a reading typed as text is kept as typed (the one the zone skips or shows
			// twice around this change); an instant from an expression is read on the zone's clock.
			const edge = after > 0 ? wallOf(set.zone, change - 1000) + 1000 : wallAt;
			const typed = naive(edge).toFormat("yyyy-MM-dd'T'HH:mm:ss");
			if (parseDateParameter(typed, set.zone, 'startDate').toMillis() !== edge)
				add(`${set.zone}: typed ${typed} is not kept as typed`);
			const instant = DateTime.fromMillis(change, { zone: 'Asia/Tokyo' });
			if (parseDateParameter(instant, set.zone, 'startDate').toMillis() !== wallAt)
				add(`${set.zone}: the instant ${instant.toISO()} is not read on the zone's clock`);
		}
	}
	console.log(
		`planning property: ${plans} plans in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
	);
	expect(problems).toEqual([]);
});

test('every IANA zone x every offset change 2025-2027: an hourly schedule of Last Complete Hour gets every wall-clock hour that occurs, exactly once', () => {
	const startedAt = performance.now();
	const { problems, add } = problemList();
	let runs = 0;
	/** Whether wall-clock hour `hour` is over at `instant`: none of its real time lies after it. */
	const overAt = (
		/** @type {any} */ set,
		/** @type {number} */ hour,
		/** @type {number} */ instant,
	) => oracle(set, hour, hour + HOUR, instant).seconds === oracle(set, hour, hour + HOUR).seconds;
	for (const set of ruleSets()) {
		for (const { at: change } of set.transitions) {
			const checkEach = inYear(change, 2026);
			// The hours whose timing is asked of the oracle: those the change may move.
			const readings = [wallOf(set.zone, change - 1000), wallOf(set.zone, change)];
			const timed = (/** @type {number} */ hour) =>
				checkEach && readings.some((reading) => Math.abs(hour - floorHour(reading)) <= 2 * HOUR);
			// Runs at several minutes past the hour, with and without settling time; fewer around the
			// changes of the other years.
			const schedules = checkEach
				? [
						[0, 0],
						[10, 0],
						[30, 0],
						[45, 0],
						[5, SETTLE_MINUTES],
						[35, SETTLE_MINUTES],
					]
				: [
						[0, 0],
						[30, 0],
					];
			for (const [minute, settle] of schedules) {
				const first = Math.floor((change - 4 * HOUR) / HOUR) * HOUR + minute * MINUTE;
				const schedule = Array.from({ length: 9 }, (_, index) => first + index * HOUR);
				// From the hour before the first run's to the hour before the last run's, every hour
				// that occurs (the oracle finds real time showing it), in order.
				const wanted = [];
				const lastHour = floorHour(wallOf(set.zone, schedule[8] - settle * MINUTE)) - HOUR;
				for (
					let hour = floorHour(wallOf(set.zone, first - settle * MINUTE)) - HOUR;
					hour <= lastHour;
					hour += HOUR
				)
					if (oracle(set, hour, hour + HOUR).seconds > 0) wanted.push(hour);
				for (const zone of checkEach && minute < 10 ? set.zones : [set.zone]) {
					/** @type {number[]} */
					const emitted = [];
					for (const run of schedule) {
						runs++;
						const window = settle
							? hoursCompletedWithin(run, zone, HOUR, settle)
							: planReportWindows(
									{ preset: 'lastCompleteHour', now: run },
									zone,
									REPORTS[0],
									false,
								)[0];
						if (!window) continue;
						if (window.zone !== zone) add(`${zone}: a window of ${window.zone}`);
						for (let hour = window.start.toMillis(); hour < window.end.toMillis(); hour += HOUR) {
							emitted.push(hour);
							// Emitted within the 60 minutes after its last real occurrence ended.
							const instant = run - settle * MINUTE;
							if (
								timed(hour) &&
								zone === set.zone &&
								(!overAt(set, hour, instant) || overAt(set, hour, instant - HOUR))
							)
								add(
									`${zone}: run at ${new Date(run).toISOString()} (settle ${settle}) emitted ${shown(hour)}, not completed within the last hour`,
								);
						}
					}
					if (emitted.join() !== wanted.join())
						add(
							`${zone}, runs at minute ${minute} (settle ${settle}) from ${new Date(first).toISOString()}: emitted ${emitted.map(shown).join(' ')}; occurring ${wanted.map(shown).join(' ')}`,
						);
				}
			}
		}
	}
	console.log(
		`last complete hour property: ${runs} runs in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
	);
	expect(problems).toEqual([]);
	expect(runs).toBeGreaterThan(5000);
});

test('every IANA zone x every offset change 2025-2027: trigger polls emit each wall-clock hour once, after it is over, across restarts and overlapping polls', () => {
	const { problems, add } = problemList();
	let polls = 0;
	for (const set of ruleSets()) {
		const { zone, transitions } = set;
		/** The first wall-clock hour not over at `instant`: the lowest reading from then on. */
		const completeUntil = (/** @type {number} */ instant) => {
			let lowest = wallOf(zone, instant);
			for (const t of transitions)
				if (t.at > instant && t.at <= instant + 3 * HOUR) lowest = Math.min(lowest, t.at + t.after);
			return floorHour(lowest);
		};
		for (const { at: change } of transitions) {
			const guard = cursorGuard();
			/** @type {Record<string, string>} */
			let state = {};
			/** @type {number[]} */
			const emitted = [];
			let firstCursor = NaN;
			let lastTick = NaN;
			for (
				let tick = change - 3 * HOUR + 7 * MINUTE;
				tick <= change + 4 * HOUR;
				tick += 20 * MINUTE
			) {
				polls += 2;
				lastTick = tick;
				if (tick > change) state = JSON.parse(JSON.stringify(state)); // a restart: static data as saved
				const stale = readPollCursor(state, zone);
				/** The poll's plan from the cursor it sees (the stored one, or this process's). */
				const plan = () => {
					const cursor = guard.latest('k', stale);
					return planPoll(cursor && cursorIn(cursor, zone), tick, zone, SETTLE_MINUTES, 60);
				};
				const planned = plan();
				if (Number.isNaN(firstCursor)) firstCursor = planned.cursor.toMillis();
				for (const window of planned.windows)
					for (let hour = window.start.toMillis(); hour < window.end.toMillis(); hour += HOUR) {
						if (hour + HOUR > completeUntil(tick - SETTLE_MINUTES * MINUTE))
							add(
								`${zone}: poll at ${new Date(tick).toISOString()} emitted ${shown(hour)} before it was over`,
							);
						emitted.push(hour);
					}
				writePollCursor(state, { wall: planned.cursor, zone });
				guard.reach('k', { wall: planned.cursor, zone });
				// The overlapping poll started with the static data as it was before this one wrote.
				if (plan().windows.length)
					add(`${zone}: an overlapping poll at ${new Date(tick).toISOString()} emitted again`);
			}
			const wanted = [];
			for (
				let hour = firstCursor;
				hour < completeUntil(lastTick - SETTLE_MINUTES * MINUTE);
				hour += HOUR
			)
				wanted.push(hour);
			if (emitted.join() !== wanted.join())
				add(
					`${zone}: polls emitted ${emitted.map(shown).join(' ')}, expected ${wanted.map(shown).join(' ')}`,
				);
		}
	}
	expect(problems).toEqual([]);
	expect(polls).toBeGreaterThan(3000);
});
