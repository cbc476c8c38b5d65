// @ts-check
'use strict';

/**
 * Property test of nodes/shared/wolkvox/time/intervals.ts (design.md, "Interval reports"), over every
 * IANA zone and the days around each offset change of 2025-2027: rows of the interval reports, read
 * as the node reads them (typed, then dated), carry the `interval_start` and `interval_seconds`
 * that the oracle (tools/simulator/realTime.js) gives for their wall-clock interval inside the
 * window and before now:
 * - time-of-day rows of 60, 30 and 10 minutes in one-day windows, in two-day windows where a time of
 *   day repeats (start null, seconds summed), and in the windows "Split Long Range" makes of them;
 * - dated rows (a day and an hour or half hour), with the day sent as a date or a date-time;
 * - "now" in the first pass of a repeated hour, in the second, just after a skipped one, and later;
 * - every real second of a window counted once: the rows of one window (each interval once) add up
 *   to the window's real length up to now.
 * The oracle is asked once per rule set; the node runs for every zone of it.
 */

const { endpointOf } = require('../../dist/nodes/shared/wolkvox/spec');
const { reportRows } = require('../../dist/nodes/shared/wolkvox/report');
const { planReportWindows } = require('../../dist/nodes/shared/wolkvox/time/planning');
const { AnswerReading } = require('../../dist/nodes/shared/wolkvox/api/answers');
const {
	MINUTE,
	HOUR,
	DAY,
	wallOf,
	ruleSets,
	oracle,
	floorDay,
	naive,
	shown,
	inYear,
	problemList,
} = require('./zoneSamples');

/** @param {string} resource @param {string} operation */
const endpoint = (resource, operation) => {
	const found = endpointOf(resource, operation);
	if (!found?.interval) throw new Error(`${operation} is not an interval report`);
	return found;
};
/** Time-of-day reports of each length, and dated ones. */
const PER_HOUR = endpoint('report', 'getWorkforcePerHour'); // skill_5: also hour_start
const PER_HOUR_31_DAYS = endpoint('skillReport', 'getCallsAndServiceLevelPerHour');
const PER_30_MINUTES = endpoint('skillReport', 'getCallsAndServiceLevelPer30Minutes');
const PER_10_MINUTES = endpoint('skillReport', 'getCallsAndServiceLevelPer10Minutes');
const DATED_HOURS = endpoint('agentReport', 'getAgentStatesHourByHour');
const DATED_30_MINUTES = endpoint('agentReport', 'getAgentStatesPer30Minutes');

const pad = (/** @type {number} */ value) => String(value).padStart(2, '0');

/**
 * @typedef {{ minute: number, day?: number }} RowKey  minute of the day; day (naive ms) if dated
 * @typedef {[string | null, number | null]} Dating  [interval_start, interval_seconds]
 */

/** The row Wolkvox sends for an interval, as text (dates alternately as a date and a date-time). */
function wireRow(
	/** @type {any} */ report,
	/** @type {RowKey} */ key,
	/** @type {number} */ index,
) {
	const { minutes, timeField, dateField } = report.interval;
	const hour = Math.floor(key.minute / 60);
	/** @type {Record<string, string>} */
	const row = {
		[timeField]:
			minutes === 60 && report.fields[timeField] === 'hour'
				? pad(hour)
				: `${pad(hour)}:${pad(key.minute % 60)}`,
	};
	if (dateField && key.day !== undefined) {
		const day = new Date(key.day).toISOString().slice(0, 10);
		row[dateField] = index % 2 ? `${day} 00:00:00` : day;
	}
	return row;
}

/**
 * What the contract gives a row: the interval on each day of the window it meets (a dated row: on
 * its day), each piece clipped to the window, asked of the oracle; one piece gives its start.
 * @returns {Dating}
 */
function expected(
	/** @type {import('./zoneSamples').RuleSet} */ set,
	/** @type {number} */ minutes,
	/** @type {RowKey} */ key,
	/** @type {number} */ from,
	/** @type {number} */ to,
	/** @type {number} */ nowMs,
) {
	const days = key.day !== undefined ? [key.day] : [];
	if (key.day === undefined) for (let day = floorDay(from); day < to; day += DAY) days.push(day);
	const pieces = days
		.map((day) => day + key.minute * MINUTE)
		.filter((start) => start + minutes * MINUTE > from && start < to)
		.map((start) =>
			oracle(set, Math.max(start, from), Math.min(start + minutes * MINUTE, to), nowMs),
		);
	return [
		pieces.length === 1 ? pieces[0].start : null,
		pieces.reduce((sum, piece) => sum + piece.seconds, 0),
	];
}

/** Every interval of a window once: each time of day, or each day's intervals that meet it. */
function everyInterval(
	/** @type {any} */ report,
	/** @type {number} */ from,
	/** @type {number} */ to,
) {
	const { minutes, dateField } = report.interval;
	/** @type {RowKey[]} */
	const keys = [];
	for (let day = floorDay(from); day < (dateField ? to : from + 1); day += DAY)
		for (let minute = 0; minute < 24 * 60; minute += minutes) {
			const start = day + minute * MINUTE;
			if (!dateField) keys.push({ minute });
			else if (start + minutes * MINUTE > from && start < to) keys.push({ minute, day });
		}
	return keys;
}

let checkedRows = 0;
let checkedWindows = 0;

/**
 * @typedef {object} WindowCheck
 * @property {import('./zoneSamples').RuleSet} set
 * @property {string[]} zones      the zones the node reads the rows for
 * @property {any} report
 * @property {number} from         the window, naive ms
 * @property {number} to
 * @property {number} [nowMs]
 * @property {(from: number, to: number) => boolean} compare  rows compared one by one
 * @property {RowKey[]} [extra]    rows beside every interval of the window (dated outside it)
 */

/**
 * Reads one window's rows (each interval once, plus `extra`) for each zone and compares them with
 * the contract: the rows for which `compare` holds, one by one against the oracle; all of them
 * together against the window's real length up to now.
 */
function checkWindow(
	/** @type {WindowCheck} */ {
		set,
		zones,
		report,
		from,
		to,
		nowMs = Infinity,
		compare,
		extra = [],
	},
	/** @type {(problem: string) => void} */ fail,
) {
	const { minutes } = report.interval;
	const keys = everyInterval(report, from, to);
	const all = [...keys, ...extra];
	const wire = all.map((key, index) => wireRow(report, key, index));
	const daysOf = (/** @type {RowKey} */ key) => {
		if (key.day !== undefined) return [key.day];
		const days = [];
		for (let day = floorDay(from); day < to; day += DAY) days.push(day);
		return days;
	};
	/** @type {(Dating | undefined)[]} */
	const wanted = all.map((key, index) =>
		index >= keys.length ||
		daysOf(key).some((day) =>
			compare(day + key.minute * MINUTE, day + (key.minute + minutes) * MINUTE),
		)
			? expected(set, minutes, key, from, to, nowMs)
			: undefined,
	);
	const realSeconds = oracle(set, from, to, nowMs).seconds;
	checkedWindows++;
	const when = Number.isFinite(nowMs) ? ` at ${new Date(nowMs).toISOString()}` : '';
	for (const zone of zones) {
		const rows = reportRows(report, { zone, rawOutput: false, nowMs })(
			wire.map((row) => ({ ...row })),
			{ start: naive(from), end: naive(to), zone },
			new AnswerReading('wv0042', ''),
		);
		const where = `${zone} ${report.api} [${shown(from)}, ${shown(to)})${when}`;
		let total = 0;
		rows.forEach((row, index) => {
			if (index < keys.length) total += /** @type {number} */ (row.interval_seconds);
			const { startAlias } = report.interval;
			if (startAlias && row[startAlias] !== row.interval_start)
				fail(`${where} ${JSON.stringify(wire[index])}: ${startAlias} is not interval_start`);
			const want = wanted[index];
			if (!want) return;
			checkedRows++;
			const got = [row.interval_start, row.interval_seconds];
			if (got[0] !== want[0] || got[1] !== want[1])
				fail(
					`${where} ${JSON.stringify(wire[index])}: got ${JSON.stringify(got)}, oracle ${JSON.stringify(want)}`,
				);
		});
		if (total !== realSeconds)
			fail(`${where}: the rows add up to ${total} s, the window has ${realSeconds} s`);
	}
}

/** Rows whose interval lies within `span` of any of these naive times. */
const near =
	(/** @type {number[]} */ centres, /** @type {number} */ span) =>
	(/** @type {number} */ from, /** @type {number} */ to) =>
		centres.some((centre) => to > centre - span && from < centre + span);

test("every IANA zone, days around each offset change of 2025-2027: interval_start and interval_seconds are the oracle's", () => {
	const startedAt = performance.now();
	const { problems, add } = problemList();
	const sets = ruleSets();
	/** The windows "Split Long Range" makes of a range of a time-of-day report. */
	const split = (
		/** @type {number} */ from,
		/** @type {number} */ to,
		/** @type {string} */ zone,
	) =>
		planReportWindows(
			{ preset: 'custom', start: naive(from), end: naive(to) },
			zone,
			{ maxRangeDays: 31, timeOfDay: true },
			true,
		).map((/** @type {any} */ window) => [window.start.toMillis(), window.end.toMillis()]);

	for (const set of sets) {
		const { zone, zones } = set;
		/** A zone without changes is checked around noon of an ordinary day, as if it changed then. */
		const noon = Date.UTC(2026, 5, 15, 12);
		const changes = set.transitions.length
			? set.transitions.map((t) => t.at)
			: [noon - (wallOf(zone, noon) - noon)];
		for (const change of changes) {
			// Readings just before and at the change: the edges of a skipped or repeated span.
			const readings = [wallOf(zone, change - 1000) + 1000, wallOf(zone, change)];
			const days = [...new Set(readings.flatMap((r) => [floorDay(r - 1000), floorDay(r)]))];
			const aroundChange = near(readings, 2 * HOUR);

			// Every zone: one-day windows, the rows near the change one by one, all rows in sum (ten
			// minutes, for which the oracle walks in short steps, around the changes of one year).
			const full = !set.transitions.length || inYear(change, 2026);
			for (const day of days)
				for (const [report, span] of /** @type {[any, number][]} */ ([
					[PER_HOUR, 2 * HOUR],
					[PER_30_MINUTES, HOUR],
					...(full ? [[PER_10_MINUTES, 20 * MINUTE]] : []),
				]))
					checkWindow(
						{ set, zones, report, from: day, to: day + DAY, compare: near(readings, span) },
						add,
					);

			// The rest once per rule set, for the changes of one year.
			if (!full) continue;
			const one = [zone];
			for (const day of days)
				checkWindow(
					{ set, zones: one, report: PER_HOUR, from: day, to: day + DAY, compare: () => true },
					add,
				);

			// "Now" in the first pass of a repeated hour (before the change), in the second pass or
			// just after a skipped hour, and later.
			const nows = [
				[change - 30 * MINUTE, [PER_HOUR, PER_30_MINUTES]],
				[change + 30 * MINUTE, [PER_HOUR, PER_30_MINUTES]],
				[change + 90 * MINUTE, [PER_HOUR]],
				[change + 10 * MINUTE, [PER_10_MINUTES]],
			];
			for (const [nowMs, reports] of /** @type {[number, any[]][]} */ (nows)) {
				const wallNow = wallOf(zone, nowMs);
				const day = floorDay(wallNow);
				const compare = near([wallNow, ...readings], 20 * MINUTE);
				for (const report of reports)
					checkWindow({ set, zones: one, report, from: day, to: day + DAY, nowMs, compare }, add);
			}

			// Two days from 07:30 in one request: times of day met on two or three days are summed
			// and undated; then the same range as "Split Long Range" fetches it, a day per request.
			const from = days[0] - DAY + 7.5 * HOUR;
			const to = from + 2 * DAY;
			const edges = near([from, to, ...readings], HOUR);
			for (const nowMs of [Infinity, change + 30 * MINUTE])
				checkWindow(
					{ set, zones: one, report: PER_HOUR_31_DAYS, from, to, nowMs, compare: edges },
					add,
				);
			checkWindow({ set, zones: one, report: PER_30_MINUTES, from, to, compare: edges }, add);
			for (const [start, end] of split(from, to, zone))
				checkWindow(
					{ set, zones: one, report: PER_HOUR_31_DAYS, from: start, to: end, compare: edges },
					add,
				);

			// Dated rows over three days (the day sent as a date or a date-time), and a row Wolkvox
			// dates outside the window.
			const extra = [{ minute: 60, day: days[0] + 5 * DAY }];
			const dated = { set, zones: one, from: days[0] - DAY, to: days[0] + 2 * DAY, extra };
			for (const nowMs of [Infinity, change + 30 * MINUTE])
				checkWindow({ ...dated, report: DATED_HOURS, nowMs, compare: aroundChange }, add);
			checkWindow({ ...dated, report: DATED_30_MINUTES, compare: near(readings, HOUR) }, add);
		}
	}

	const seconds = (performance.now() - startedAt) / 1000;
	const zoneCount = sets.reduce((count, set) => count + set.zones.length, 0);
	console.log(
		`intervals property: ${zoneCount} zones in ${sets.length} rule sets, ` +
			`${sets.reduce((count, set) => count + set.transitions.length, 0)} offset changes 2025-2027, ` +
			`${checkedWindows} windows, ${checkedRows} rows checked against the oracle, in ${seconds.toFixed(1)} s`,
	);
	expect(problems).toEqual([]);
	expect(zoneCount).toBe(Intl.supportedValuesOf('timeZone').length);
	expect(sets.filter((set) => set.transitions.length).length).toBeGreaterThan(20);
});
