// @ts-check
'use strict';

/**
 * nodes/shared/wolkvox/time/planning.ts: the windows a report's range is fetched in (design.md, "Ranges
 * and requests"), Last Complete Hour and the end of the complete hours. The same rules over every
 * zone and offset change: planning.property.test.js.
 */

const { DateTime } = require('luxon');
const { parseDateParameter } = require('../../dist/nodes/shared/wolkvox/time/dateParameters');
const {
	planReportWindows,
	splitWallClockRange,
	splitAtMidnights,
	completeUntil,
	hoursCompletedWithin,
} = require('../../dist/nodes/shared/wolkvox/time/planning');
const { endpointOf } = require('../../dist/nodes/shared/wolkvox/spec');
const { isTimeOfDayReport } = require('../../dist/nodes/shared/reportOptions');
const { windowQuery } = require('../../dist/nodes/shared/wolkvox/time/wolkvoxDates');

const BOGOTA = 'America/Bogota';
const NEW_YORK = 'America/New_York';
const SANTIAGO = 'America/Santiago';
const MADRID = 'Europe/Madrid';
const LORD_HOWE = 'Australia/Lord_Howe';
const TROLL = 'Antarctica/Troll';

/** What the planner knows of a report, from the spec. @param {string} resource @param {string} operation */
const reportOf = (resource, operation) => {
	const endpoint = /** @type {any} */ (endpointOf(resource, operation));
	return { maxRangeDays: endpoint.maxRangeDays, timeOfDay: isTimeOfDayReport(endpoint) };
};
/** skill_5: 24 hours per request, rows by hour of day. */
const WORKFORCE = reportOf('report', 'getWorkforcePerHour');
/** skill_4: 31 days per request, rows by hour of day. */
const PER_HOUR = reportOf('skillReport', 'getCallsAndServiceLevelPerHour');
/** agent_8: 31 days per request, rows dated. */
const DATED = reportOf('agentReport', 'getAgentStatesHourByHour');

/** Windows as Wolkvox receives them: `date_ini-date_end`. */
const sent = (/** @type {any[]} */ windows) =>
	windows.map((window) => {
		const query = windowQuery(window);
		return `${query.date_ini}-${query.date_end}`;
	});
const wall = (/** @type {string} */ text, zone = BOGOTA) =>
	parseDateParameter(text, zone, 'startDate');
const custom = (
	/** @type {string} */ start,
	/** @type {string} */ end,
	zone = BOGOTA,
	split = false,
	report = WORKFORCE,
) =>
	planReportWindows(
		{ preset: 'custom', start: wall(start, zone), end: wall(end, zone) },
		zone,
		report,
		split,
	);
/** Epoch ms of an ISO time, read in `zone` unless it has an offset. */
const at = (/** @type {string} */ text, zone = BOGOTA) =>
	DateTime.fromISO(text, { zone }).toMillis();
const preset = (
	/** @type {string} */ name,
	/** @type {number} */ now,
	zone = BOGOTA,
	report = WORKFORCE,
	split = false,
) => planReportWindows({ preset: name, now }, zone, report, split);
const hours = (/** @type {any} */ window) =>
	window ? `${window.start.toFormat('dd HH:mm')}-${window.end.toFormat('dd HH:mm')}` : '-';
/** Last Complete Hour at each of `runs` instants, 60 real minutes apart from `first`. */
const hourlySchedule = (
	/** @type {string} */ first,
	/** @type {number} */ runs,
	/** @type {string} */ zone,
) =>
	Array.from({ length: runs }, (_, index) =>
		hours(preset('lastCompleteHour', Date.parse(first) + index * 3_600_000, zone)[0]),
	);

describe('custom ranges', () => {
	test('a range of up to 24 wall-clock hours is one window, date_end inclusive', () => {
		expect(sent(custom('2026-11-23T00:00', '2026-11-24T00:00'))).toEqual([
			'20261123000000-20261123235959',
		]);
		expect(sent(custom('2026-11-23T07:00', '2026-11-23T08:00'))).toEqual([
			'20261123070000-20261123075959',
		]);
	});

	test('end not after start names End Date and both wall-clock values', () => {
		const call = () => custom('2026-11-23T08:00', '2026-11-23T08:00');
		expect(call).toThrow(
			/End Date 2026-11-23T08:00:00 must be after Start Date 2026-11-23T08:00:00/,
		);
		expect(call).toThrow(expect.objectContaining({ field: 'endDate' }));
	});

	test('over 24 wall-clock hours names the span and the limit, and suggests splitting', () => {
		const call = () => custom('2026-11-23T00:00', '2026-11-24T01:00');
		expect(call).toThrow(/spans 25 hours; Wolkvox allows at most 24 hours per request/);
		expect(call).toThrow(
			expect.objectContaining({
				field: 'endDate',
				description: expect.stringContaining('Split Long Range'),
			}),
		);
	});

	test('a report of 31 days per request takes a month in one window and refuses a day more', () => {
		expect(sent(custom('2026-10-01T00:00', '2026-11-01T00:00', BOGOTA, false, DATED))).toEqual([
			'20261001000000-20261031235959',
		]);
		expect(() => custom('2026-10-01T00:00', '2026-11-01T00:01', BOGOTA, false, DATED)).toThrow(
			/Wolkvox allows at most 31 days per request/,
		);
	});

	test.each([
		[SANTIAGO, '2026-09-05'],
		[SANTIAGO, '2026-09-06'],
		[SANTIAGO, '2026-04-04'],
		[NEW_YORK, '2026-11-01'],
		[NEW_YORK, '2026-03-08'],
		[MADRID, '2026-10-25'],
		[MADRID, '2026-03-29'],
	])('regression: a whole day in %s (%s) is one request without Split Long Range', (zone, day) => {
		const next = DateTime.fromISO(day).plus({ days: 1 }).toISODate();
		expect(sent(custom(`${day}T00:00`, `${next}T00:00`, zone))).toEqual([
			`${day.replace(/-/g, '')}000000-${day.replace(/-/g, '')}235959`,
		]);
	});

	test('regression: New York [2026-03-08T02:00, 03:00), the skipped hour, is sent as typed', () => {
		expect(sent(custom('2026-03-08T02:00', '2026-03-08T03:00', NEW_YORK))).toEqual([
			'20260308020000-20260308025959',
		]);
	});

	test('regression: split over Santiago 2-7 Apr: one window per wall-clock day, no overlap', () => {
		expect(sent(custom('2026-04-02T00:00', '2026-04-07T00:00', SANTIAGO, true))).toEqual([
			'20260402000000-20260402235959',
			'20260403000000-20260403235959',
			'20260404000000-20260404235959',
			'20260405000000-20260405235959',
			'20260406000000-20260406235959',
		]);
	});

	test('regression (issue 24): 07:30 to 07:30 the next day holds hour 07 twice in one request; split, it is cut at midnight', () => {
		for (const report of [WORKFORCE, PER_HOUR])
			expect(sent(custom('2026-11-23T07:30', '2026-11-24T07:30', BOGOTA, false, report))).toEqual([
				'20261123073000-20261124072959',
			]);
		expect(sent(custom('2026-11-23T07:30', '2026-11-24T07:30', BOGOTA, true))).toEqual([
			'20261123073000-20261123235959',
			'20261124000000-20261124072959',
		]);
	});

	test('split on a time-of-day report cuts at every midnight, across the fall-back too', () => {
		const windows = custom('2026-10-20T07:30', '2026-11-19T07:30', NEW_YORK, true, PER_HOUR);
		expect(windows).toHaveLength(31);
		expect(sent(windows).slice(0, 1)).toEqual(['20261020073000-20261020235959']);
		expect(sent(windows).slice(12, 13)).toEqual(['20261101000000-20261101235959']);
		expect(sent(windows).slice(-1)).toEqual(['20261119000000-20261119072959']);
	});

	test('split on a dated report takes windows of the full 31 days', () => {
		expect(sent(custom('2026-01-01T07:30', '2026-03-15T07:30', BOGOTA, true, DATED))).toEqual([
			'20260101073000-20260201072959',
			'20260201073000-20260304072959',
			'20260304073000-20260315072959',
		]);
	});

	test('over 366 days is refused even when splitting; 366 days are 366 requests', () => {
		const call = () => custom('2026-01-01T00:00', '2027-01-02T00:01', BOGOTA, true);
		expect(call).toThrow(/longer than 366 days, the most "Split Long Range" fetches/);
		expect(call).toThrow(expect.objectContaining({ field: 'endDate' }));
		expect(custom('2026-01-01T00:00', '2027-01-02T00:00', BOGOTA, true)).toHaveLength(366);
	});

	test('dates are whole seconds: milliseconds are dropped before planning', () => {
		const windows = planReportWindows(
			{
				preset: 'custom',
				start: wall('2026-11-23T07:00:00.900'),
				end: wall('2026-11-23T08:00:00.400'),
			},
			BOGOTA,
			WORKFORCE,
			false,
		);
		expect(sent(windows)).toEqual(['20261123070000-20261123075959']);
		expect(windows[0].end.millisecond).toBe(0);
	});
});

describe('splitWallClockRange and splitAtMidnights', () => {
	test('splitWallClockRange keeps odd start times: consecutive 24-hour windows across the fall-back', () => {
		const windows = splitWallClockRange(
			wall('2026-10-20T07:30'),
			wall('2026-11-19T07:30'),
			NEW_YORK,
			24,
		);
		expect(windows).toHaveLength(30);
		expect(sent(windows).slice(11, 13)).toEqual([
			'20261031073000-20261101072959',
			'20261101073000-20261102072959',
		]);
	});

	test('splitAtMidnights: a range inside one day is one window; empty gives none', () => {
		expect(
			sent(splitAtMidnights(wall('2026-11-23T07:30'), wall('2026-11-23T09:00'), BOGOTA)),
		).toEqual(['20261123073000-20261123085959']);
		expect(splitAtMidnights(wall('2026-11-23T07:30'), wall('2026-11-23T07:30'), BOGOTA)).toEqual(
			[],
		);
	});
});

describe('presets', () => {
	const now = at('2026-11-25T10:17:42'); // a Wednesday

	test('last complete hour, today so far, yesterday, last 24 hours on an ordinary day', () => {
		expect(sent(preset('lastCompleteHour', now))).toEqual(['20261125090000-20261125095959']);
		expect(sent(preset('today', now))).toEqual(['20261125000000-20261125101741']);
		expect(preset('today', at('2026-11-25T00:00'))).toEqual([]);
		expect(sent(preset('yesterday', now))).toEqual(['20261124000000-20261124235959']);
		expect(sent(preset('last24Hours', now))).toEqual(['20261124100000-20261125095959']);
	});

	test('last 7 days, this week, last week, this month, last month: one request where the report allows 31 days', () => {
		const range = (/** @type {string} */ name) => sent(preset(name, now, BOGOTA, DATED));
		expect(range('last7Days')).toEqual(['20261118000000-20261124235959']);
		expect(range('thisWeek')).toEqual(['20261123000000-20261125101741']);
		expect(range('lastWeek')).toEqual(['20261116000000-20261122235959']);
		expect(range('thisMonth')).toEqual(['20261101000000-20261125101741']);
		expect(range('lastMonth')).toEqual(['20261001000000-20261031235959']);
		expect(sent(preset('lastMonth', at('2027-01-10T08:00'), BOGOTA, DATED))).toEqual([
			'20261201000000-20261231235959',
		]);
		expect(sent(preset('lastMonth', at('2028-03-01T00:00'), BOGOTA, DATED))).toEqual([
			'20280201000000-20280229235959',
		]);
	});

	test('this week on Monday at 00:00 and this month on the 1st at 00:00 have nothing to fetch yet', () => {
		expect(preset('thisWeek', at('2026-11-23T00:00'), BOGOTA, DATED)).toEqual([]);
		expect(preset('thisMonth', at('2026-11-01T00:00'), BOGOTA, DATED)).toEqual([]);
	});

	test('a preset longer than 24 hours is refused for skill_5 naming the Range, or fetched one day per request with Split Long Range', () => {
		const call = () => preset('lastWeek', now);
		expect(call).toThrow(/spans 168 hours; Wolkvox allows at most 24 hours per request/);
		expect(call).toThrow(expect.objectContaining({ field: 'range' }));
		expect(sent(preset('lastWeek', now, BOGOTA, WORKFORCE, true))).toEqual([
			'20261116000000-20261116235959',
			'20261117000000-20261117235959',
			'20261118000000-20261118235959',
			'20261119000000-20261119235959',
			'20261120000000-20261120235959',
			'20261121000000-20261121235959',
			'20261122000000-20261122235959',
		]);
	});

	test('regression: Santiago "Yesterday" on 2026-09-06 (midnight skipped) includes hour 00', () => {
		expect(sent(preset('yesterday', at('2026-09-06T09:00', SANTIAGO), SANTIAGO))).toEqual([
			'20260905000000-20260905235959',
		]);
		expect(
			sent(preset('yesterday', at('2026-03-08T09:00', 'America/Havana'), 'America/Havana')),
		).toEqual(['20260307000000-20260307235959']);
	});

	test('regression: Santiago "Yesterday" on 2026-04-05 (23:00 repeated) is one request, no overlap', () => {
		expect(sent(preset('yesterday', at('2026-04-05T09:00', SANTIAGO), SANTIAGO))).toEqual([
			'20260404000000-20260404235959',
		]);
	});

	test('yesterday on the 25-hour and the 23-hour day in New York is one request each', () => {
		expect(sent(preset('yesterday', at('2026-11-02T08:00', NEW_YORK), NEW_YORK))).toEqual([
			'20261101000000-20261101235959',
		]);
		expect(sent(preset('yesterday', at('2026-03-09T08:00', NEW_YORK), NEW_YORK))).toEqual([
			'20260308000000-20260308235959',
		]);
	});
});

describe('Last Complete Hour: the hours completed within the last 60 real minutes', () => {
	test("regression (issue 24): on New York's fall-back night an hourly schedule gets hour 00 at 05:10Z, nothing at 06:10Z, hour 01 at 07:10Z", () => {
		expect(hourlySchedule('2026-11-01T03:10Z', 6, NEW_YORK)).toEqual([
			'31 22:00-31 23:00',
			'31 23:00-01 00:00',
			'01 00:00-01 01:00', // 01:10 EDT
			'-', // 01:10 EST: 1 a.m. is not over on the wall clock, and hour 00 was given an hour ago
			'01 01:00-01 02:00', // 02:10 EST
			'01 02:00-01 03:00',
		]);
		// Between runs, the hour stays the last complete one for 60 minutes.
		expect(hours(preset('lastCompleteHour', Date.parse('2026-11-01T05:40Z'), NEW_YORK)[0])).toBe(
			'01 00:00-01 01:00',
		);
		expect(preset('lastCompleteHour', Date.parse('2026-11-01T06:40Z'), NEW_YORK)).toEqual([]);
	});

	test('regression (issue 24): Troll (two hours repeated) gets each hour once, never three times', () => {
		expect(hourlySchedule('2026-10-24T22:10Z', 8, TROLL)).toEqual([
			'24 23:00-25 00:00',
			'25 00:00-25 01:00',
			'-',
			'-',
			'25 01:00-25 02:00',
			'25 02:00-25 03:00',
			'25 03:00-25 04:00',
			'25 04:00-25 05:00',
		]);
	});

	test("Santiago's skipped midnight never completes: hour 23, then hour 01", () => {
		expect(hourlySchedule('2026-09-06T03:10Z', 3, SANTIAGO)).toEqual([
			'05 22:00-05 23:00',
			'05 23:00-06 00:00',
			'06 01:00-06 02:00',
		]);
	});

	test('Lord Howe: two hours at once after the half-hour spring-forward; none while the half hour repeats', () => {
		expect(hourlySchedule('2026-10-03T14:10Z', 3, LORD_HOWE)).toEqual([
			'03 23:00-04 00:00',
			'04 00:00-04 01:00',
			'04 01:00-04 03:00', // 01 ended at 15:30Z and 02 (02:30-03:00 only) at 16:00Z
		]);
		expect(hourlySchedule('2026-04-04T14:10Z', 3, LORD_HOWE)).toEqual([
			'05 00:00-05 01:00',
			'-', // 01:30-02:00 is shown again until 15:30Z
			'05 01:00-05 02:00',
		]);
	});

	test("an hourly schedule over New York's 25-hour day gets its 24 hours, each once", () => {
		const emitted = hourlySchedule('2026-11-01T05:10Z', 25, NEW_YORK);
		expect(emitted.filter((window) => window === '-')).toHaveLength(1);
		expect(emitted.filter((window) => window !== '-')).toEqual(
			Array.from({ length: 24 }, (_, hour) => {
				const end = hour === 23 ? '02 00:00' : `01 ${String(hour + 1).padStart(2, '0')}:00`;
				return `01 ${String(hour).padStart(2, '0')}:00-${end}`;
			}),
		);
	});

	test('after the spring-forward gap the hour before the gap is the last complete one', () => {
		expect(sent(preset('lastCompleteHour', at('2026-03-08T03:10', NEW_YORK), NEW_YORK))).toEqual([
			'20260308010000-20260308015959',
		]);
	});

	test('hoursCompletedWithin waits the settling minutes', () => {
		const within = (/** @type {string} */ instant) =>
			hours(hoursCompletedWithin(Date.parse(instant), NEW_YORK, 3_600_000, 5));
		expect(within('2026-11-01T07:04Z')).toBe('-');
		expect(within('2026-11-01T07:05Z')).toBe('01 01:00-01 02:00');
		expect(within('2026-11-01T08:04Z')).toBe('01 01:00-01 02:00');
		expect(within('2026-11-01T08:05Z')).toBe('01 02:00-01 03:00');
	});
});

test('completeUntil: the repeated hour is complete only after its last occurrence, plus settling', () => {
	const until = (/** @type {string} */ instant, settle = 0) =>
		completeUntil(Date.parse(instant), NEW_YORK, settle).toFormat("yyyy-MM-dd'T'HH:mm");
	expect(until('2026-11-01T05:30Z')).toBe('2026-11-01T01:00'); // 01:30 EDT
	expect(until('2026-11-01T06:59Z')).toBe('2026-11-01T01:00');
	expect(until('2026-11-01T07:04Z', 5)).toBe('2026-11-01T01:00');
	expect(until('2026-11-01T07:05Z', 5)).toBe('2026-11-01T02:00');
	// Troll sets the clock back two hours: at 02:30 (+02) hour 01 is still to come again.
	const troll = (/** @type {string} */ instant) =>
		completeUntil(Date.parse(instant), TROLL, 0).toFormat("yyyy-MM-dd'T'HH:mm");
	expect(troll('2026-10-25T00:30Z')).toBe('2026-10-25T01:00');
	expect(troll('2026-10-25T02:30Z')).toBe('2026-10-25T02:00');
	expect(troll('2026-10-25T03:30Z')).toBe('2026-10-25T03:00');
});
