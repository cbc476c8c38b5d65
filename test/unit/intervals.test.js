// @ts-check
'use strict';

/**
 * nodes/shared/wolkvox/time/intervals.ts: `interval_start` and `interval_seconds` of the rows of interval
 * reports (design.md, "Interval reports"). The same rules over every zone and offset change, against
 * an independent oracle: intervals.property.test.js.
 */

const { DateTime } = require('luxon');
const { intervalDater } = require('../../dist/nodes/shared/wolkvox/time/intervals');
const { planReportWindows } = require('../../dist/nodes/shared/wolkvox/time/planning');
const { reportRows } = require('../../dist/nodes/shared/wolkvox/report');
const { endpointOf } = require('../../dist/nodes/shared/wolkvox/spec');
const { AnswerReading } = require('../../dist/nodes/shared/wolkvox/api/answers');

const BOGOTA = 'America/Bogota';
const NEW_YORK = 'America/New_York';
const SANTIAGO = 'America/Santiago';
const MADRID = 'Europe/Madrid';
const LORD_HOWE = 'Australia/Lord_Howe';

/** @param {string} resource @param {string} operation */
const endpoint = (resource, operation) => /** @type {any} */ (endpointOf(resource, operation));
const WORKFORCE = endpoint('report', 'getWorkforcePerHour'); // skill_5
const PER_HOUR = endpoint('skillReport', 'getCallsAndServiceLevelPerHour'); // skill_4
const PER_30_MINUTES = endpoint('skillReport', 'getCallsAndServiceLevelPer30Minutes');
const PER_10_MINUTES = endpoint('skillReport', 'getCallsAndServiceLevelPer10Minutes');
const DATED_HOURS = endpoint('agentReport', 'getAgentStatesHourByHour'); // agent_8

const wall = (/** @type {string} */ text) => DateTime.fromISO(text, { zone: 'utc' });
/** A window [start, end) of the wall clock of `zone`. */
const window = (/** @type {string} */ start, /** @type {string} */ end, zone = BOGOTA) => ({
	start: wall(start),
	end: wall(end),
	zone,
});
/** Epoch ms of an ISO time, read in `zone` unless it has an offset. */
const at = (/** @type {string} */ text, zone = BOGOTA) =>
	DateTime.fromISO(text, { zone }).toMillis();

/**
 * [interval_start, interval_seconds] of typed rows of `report` read in `of` at `nowMs`.
 * @param {any} report @param {any} of @param {Record<string, unknown>[]} rows
 */
function dated(report, of, rows, nowMs = Infinity) {
	const date = intervalDater(report.interval, of, nowMs);
	return rows.map((row) => {
		const copy = { ...row };
		date(copy);
		return [copy.interval_start, copy.interval_seconds];
	});
}
/** The rows of every hour of the day 0..23, dated. */
const everyHour = (/** @type {any} */ of, nowMs = Infinity, report = WORKFORCE) =>
	dated(
		report,
		of,
		Array.from({ length: 24 }, (_, hour) => ({ hour })),
		nowMs,
	);
const total = (/** @type {any[][]} */ rows) => rows.reduce((sum, [, seconds]) => sum + seconds, 0);

describe('hours of a one-day window', () => {
	test('New York fall-back day: 1 a.m. starts at its first occurrence and lasts 7200 s; the day has 25 hours', () => {
		const day = everyHour(window('2026-11-01T00:00', '2026-11-02T00:00', NEW_YORK));
		expect(day.slice(0, 3)).toEqual([
			['2026-11-01T00:00:00-04:00', 3600],
			['2026-11-01T01:00:00-04:00', 7200],
			['2026-11-01T02:00:00-05:00', 3600],
		]);
		expect(total(day)).toBe(25 * 3600);
	});

	test('Lord Howe: 5400 s for the hour whose second half repeats, 1800 s for the one whose first half is skipped', () => {
		expect(everyHour(window('2026-04-05T00:00', '2026-04-05T04:00', LORD_HOWE))[1]).toEqual([
			'2026-04-05T01:00:00+11:00',
			5400,
		]);
		expect(everyHour(window('2026-10-04T00:00', '2026-10-04T04:00', LORD_HOWE))[2]).toEqual([
			'2026-10-04T02:30:00+11:00',
			1800,
		]);
	});

	test('Santiago spring-forward: the skipped midnight hour never occurs (start null, 0 s)', () => {
		const day = everyHour(window('2026-09-06T00:00', '2026-09-07T00:00', SANTIAGO));
		expect(day.slice(0, 2)).toEqual([
			[null, 0],
			['2026-09-06T01:00:00-03:00', 3600],
		]);
		expect(total(day)).toBe(23 * 3600);
	});

	test('a window across midnight dates each hour of day inside it; an hour outside it covers nothing', () => {
		const hours = everyHour(window('2026-11-22T22:00', '2026-11-23T02:00'));
		expect(hours[22]).toEqual(['2026-11-22T22:00:00-05:00', 3600]);
		expect(hours[1]).toEqual(['2026-11-23T01:00:00-05:00', 3600]);
		expect(hours[5]).toEqual([null, 0]);
	});

	test.each([
		[NEW_YORK, '2026-11-01T01:30', '2026-11-01T01:30:00-04:00', 3600],
		[SANTIAGO, '2026-04-04T23:30', '2026-04-04T23:30:00-03:00', 3600],
		[MADRID, '2026-10-25T02:30', '2026-10-25T02:30:00+02:00', 3600],
		[LORD_HOWE, '2026-04-05T01:45', '2026-04-05T01:45:00+11:00', 1800],
	])(
		'regression: in %s a range from the repeated %s starts at its first occurrence (both passes counted)',
		(zone, start, firstOccurrence, seconds) => {
			const end = DateTime.fromISO(start).plus({ hours: 2 }).toFormat("yyyy-MM-dd'T'HH:mm");
			const hour = Number(start.slice(11, 13));
			expect(everyHour(window(start, end, zone))[hour]).toEqual([firstOccurrence, seconds]);
		},
	);

	test('regression: New York [2026-03-08T02:00, 03:00), the skipped hour, has no start and 0 s', () => {
		expect(everyHour(window('2026-03-08T02:00', '2026-03-08T03:00', NEW_YORK))[2]).toEqual([
			null,
			0,
		]);
	});
});

describe('only the time before now counts', () => {
	test('regression (issue 24): Today So Far at New York 2026-11-01 01:30 EDT gives hour 01 1800 s, not the second pass to come', () => {
		const now = at('2026-11-01T01:30:00-04:00');
		const [today] = planReportWindows(
			{ preset: 'today', now },
			NEW_YORK,
			{ maxRangeDays: 1, timeOfDay: true },
			false,
		);
		expect(everyHour(today, now).slice(0, 2)).toEqual([
			['2026-11-01T00:00:00-04:00', 3600],
			['2026-11-01T01:00:00-04:00', 1800],
		]);
	});

	test('regression (issue 24): Custom today 00:00 to tomorrow 00:00 at 10:20 gives hour 10 1200 s and later hours 0', () => {
		const hours = everyHour(window('2026-11-23T00:00', '2026-11-24T00:00'), at('2026-11-23T10:20'));
		expect(hours[9]).toEqual(['2026-11-23T09:00:00-05:00', 3600]);
		expect(hours[10]).toEqual(['2026-11-23T10:00:00-05:00', 1200]);
		for (const hour of [11, 17, 23])
			expect(hours[hour]).toEqual([`2026-11-23T${hour}:00:00-05:00`, 0]);
		expect(total(hours)).toBe(10 * 3600 + 1200);
	});

	test('in the second pass of the repeated hour, the first pass and what elapsed of the second count', () => {
		const of = window('2026-11-01T00:00', '2026-11-02T00:00', NEW_YORK);
		expect(everyHour(of, at('2026-11-01T01:15:00-05:00'))[1]).toEqual([
			'2026-11-01T01:00:00-04:00',
			3600 + 900,
		]);
	});

	test('just after a skipped hour: the skipped hour 0 s, the current one what elapsed', () => {
		const of = window('2026-03-08T00:00', '2026-03-09T00:00', NEW_YORK);
		const hours = everyHour(of, at('2026-03-08T03:10:00-04:00'));
		expect(hours.slice(1, 4)).toEqual([
			['2026-03-08T01:00:00-05:00', 3600],
			[null, 0],
			['2026-03-08T03:00:00-04:00', 600],
		]);
		const lordHowe = everyHour(
			window('2026-10-04T00:00', '2026-10-05T00:00', LORD_HOWE),
			at('2026-10-04T02:40:00+11:00'),
		);
		expect(lordHowe[2]).toEqual(['2026-10-04T02:30:00+11:00', 600]);
	});
});

describe('half hours and ten minutes', () => {
	test('regression (issue 24): New York fall-back, the 01:00 and 01:30 rows each cover an hour, from the first occurrence', () => {
		const day = window('2026-11-01T00:00', '2026-11-02T00:00', NEW_YORK);
		expect(
			dated(PER_30_MINUTES, day, [
				{ hour: '00:30' },
				{ hour: '01:00' },
				{ hour: '01:30' },
				{ hour: '02:00' },
			]),
		).toEqual([
			['2026-11-01T00:30:00-04:00', 1800],
			['2026-11-01T01:00:00-04:00', 3600],
			['2026-11-01T01:30:00-04:00', 3600],
			['2026-11-01T02:00:00-05:00', 1800],
		]);
		expect(dated(PER_10_MINUTES, day, [{ hour: '01:10' }, { hour: '02:10' }])).toEqual([
			['2026-11-01T01:10:00-04:00', 1200],
			['2026-11-01T02:10:00-05:00', 600],
		]);
	});

	test('Lord Howe spring-forward: 02:00 is skipped, 02:30 is not', () => {
		const day = window('2026-10-04T00:00', '2026-10-05T00:00', LORD_HOWE);
		expect(dated(PER_30_MINUTES, day, [{ hour: '02:00' }, { hour: '02:30' }])).toEqual([
			[null, 0],
			['2026-10-04T02:30:00+11:00', 1800],
		]);
	});
});

describe('times of day met on several days of one request', () => {
	test('regression (issue 24): Custom 07:30 to 07:30 the next day in one request: hour 07 is summed (start null, 3600 s)', () => {
		const hours = everyHour(window('2026-11-23T07:30', '2026-11-24T07:30'), Infinity, PER_HOUR);
		expect(hours[7]).toEqual([null, 3600]);
		expect(hours[8]).toEqual(['2026-11-23T08:00:00-05:00', 3600]);
		expect(total(hours)).toBe(24 * 3600);
	});

	test('the same range split at midnight dates hour 07 in each window, 1800 s each', () => {
		const windows = planReportWindows(
			{ preset: 'custom', start: wall('2026-11-23T07:30'), end: wall('2026-11-24T07:30') },
			BOGOTA,
			{ maxRangeDays: 31, timeOfDay: true },
			true,
		);
		expect(windows.map((/** @type {any} */ of) => everyHour(of, Infinity, PER_HOUR)[7])).toEqual([
			['2026-11-23T07:30:00-05:00', 1800],
			['2026-11-24T07:00:00-05:00', 1800],
		]);
	});

	test('three days over the New York fall-back: hour 01 sums 3600 + 7200 + 3600 s, undated; up to now only what elapsed', () => {
		const of = window('2026-10-31T00:00', '2026-11-03T00:00', NEW_YORK);
		expect(everyHour(of, Infinity, PER_HOUR)[1]).toEqual([null, 14400]);
		expect(everyHour(of, at('2026-11-01T01:30:00-04:00'), PER_HOUR)[1]).toEqual([
			null,
			3600 + 1800,
		]);
		expect(total(everyHour(of, Infinity, PER_HOUR))).toBe(73 * 3600);
	});
});

describe("dated rows and the node's reading", () => {
	test('skill_5 keeps hour_start, the same value as interval_start', () => {
		const rows = reportRows(WORKFORCE, { zone: NEW_YORK, rawOutput: false, nowMs: Infinity })(
			[{ hour: '01', inbound_calls: '3' }],
			window('2026-11-01T00:00', '2026-11-02T00:00', NEW_YORK),
			new AnswerReading('wv0042', ''),
		);
		expect(rows).toEqual([
			{
				hour: 1,
				inbound_calls: 3,
				hour_start: '2026-11-01T01:00:00-04:00',
				interval_start: '2026-11-01T01:00:00-04:00',
				interval_seconds: 7200,
			},
		]);
	});

	test('a dated row is dated on its own day; one Wolkvox dates outside the window covers nothing', () => {
		const of = window('2026-10-31T00:00', '2026-11-03T00:00', NEW_YORK);
		const rows = reportRows(DATED_HOURS, { zone: NEW_YORK, rawOutput: false, nowMs: Infinity })(
			[
				{ date: '2026-11-01', hour: '01' },
				{ date: '2026-11-02 00:00:00', hour: '01' },
				{ date: '2026-11-09', hour: '01' },
			],
			of,
			new AnswerReading('wv0042', ''),
		);
		expect(rows.map((row) => [row.interval_start, row.interval_seconds])).toEqual([
			['2026-11-01T01:00:00-04:00', 7200],
			['2026-11-02T01:00:00-05:00', 3600],
			[null, 0],
		]);
	});

	test("regression: a dated row whose date-time the zone skips (Santiago's midnight) is still dated by its day", () => {
		const of = window('2026-09-05T00:00', '2026-09-08T00:00', SANTIAGO);
		const rows = reportRows(DATED_HOURS, { zone: SANTIAGO, rawOutput: false, nowMs: Infinity })(
			[
				{ date: '2026-09-06 00:00:00', hour: '05' },
				{ date: '20260906000000', hour: '00' },
			],
			of,
			new AnswerReading('wv0042', ''),
		);
		expect(rows).toEqual([
			{
				date: null,
				hour: 5,
				_unparsed: { date: '2026-09-06 00:00:00' },
				interval_start: '2026-09-06T05:00:00-03:00',
				interval_seconds: 3600,
			},
			{
				date: null,
				hour: 0,
				_unparsed: { date: '20260906000000' },
				interval_start: null,
				interval_seconds: 0,
			},
		]);
	});

	test('a row without a readable time, or a dated row without a readable day, is not dated (null, null)', () => {
		const of = window('2026-11-01T00:00', '2026-11-02T00:00', NEW_YORK);
		expect(dated(WORKFORCE, of, [{ hour: null }, { hour: 'x' }])).toEqual([
			[null, null],
			[null, null],
		]);
		expect(
			dated(DATED_HOURS, of, [
				{ date: null, hour: 1 },
				{ date: null, hour: 1, _unparsed: { date: '2026-02-30 00:00:00' } },
			]),
		).toEqual([
			[null, null],
			[null, null],
		]);
	});
});
