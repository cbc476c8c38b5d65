// @ts-check
const { DateTime } = require('luxon');
const {
	parseTimeZone,
	parseDateParameter,
} = require('../../dist/nodes/shared/wolkvox/dateParameters');
const {
	planCustomRange,
	planPresetRange,
	lastCompleteHour,
	completeUntil,
} = require('../../dist/nodes/shared/wolkvox/planning');
const { windowQuery } = require('../../dist/nodes/shared/wolkvox/wolkvoxDates');
const { hourCoverage } = require('../../dist/nodes/shared/wolkvox/rows');
const { WORKFORCE_PER_HOUR_LIMIT: LIMIT } = require('../../dist/nodes/shared/wolkvox/limits');

const BOGOTA = 'America/Bogota';
const NEW_YORK = 'America/New_York';
const SANTIAGO = 'America/Santiago';
const MADRID = 'Europe/Madrid';
const LORD_HOWE = 'Australia/Lord_Howe';

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
) => planCustomRange(wall(start, zone), wall(end, zone), zone, LIMIT, split);
const at = (/** @type {string} */ text, zone = BOGOTA) => DateTime.fromISO(text, { zone });
const preset = (/** @type {any} */ name, /** @type {DateTime} */ now, zone = BOGOTA) =>
	planPresetRange(name, now, zone, LIMIT);

describe('parseTimeZone', () => {
	test('accepts IANA zones', () => {
		expect(parseTimeZone('America/Bogota')).toBe('America/Bogota');
		expect(parseTimeZone(' UTC ')).toBe('UTC');
	});
	test.each(['', 'Mars/Olympus', 'GMT+25', 5, null])('refuses %j', (zone) => {
		expect(() => parseTimeZone(zone)).toThrow(expect.objectContaining({ field: 'timezone' }));
	});
});

describe('parseDateParameter: text is wall-clock time as typed, an instant goes to the zone clock', () => {
	const asText = (/** @type {unknown} */ input, zone = BOGOTA) =>
		parseDateParameter(input, zone, 'startDate').toFormat("yyyy-MM-dd'T'HH:mm:ss");
	test.each([
		['2026-11-23T07:00:00', '2026-11-23T07:00:00'],
		['2026-11-23T07:00', '2026-11-23T07:00:00'],
		['2026-11-23', '2026-11-23T00:00:00'],
		['2026-11-23 07:30:00', '2026-11-23T07:30:00'],
		['20261123070000', '2026-11-23T07:00:00'],
		// An explicit offset is an instant: read it, then show it on the operation's clock.
		['2026-11-23T12:00:00Z', '2026-11-23T07:00:00'],
		['2026-11-23T09:00:00-03:00', '2026-11-23T07:00:00'],
	])('text %j is %s in Bogota', (input, expected) => {
		expect(asText(input)).toBe(expected);
	});

	test('a luxon DateTime (any zone), a JS Date and epoch milliseconds are instants', () => {
		const instant = DateTime.fromISO('2026-11-23T12:00:00Z');
		for (const input of [instant.setZone('Asia/Tokyo'), instant.toJSDate(), instant.toMillis()])
			expect(asText(input)).toBe('2026-11-23T07:00:00');
	});

	test('regression: a wall-clock time the zone skips is sent as typed (Santiago 00:00 on 2026-09-06)', () => {
		expect(asText('2026-09-06T00:00', SANTIAGO)).toBe('2026-09-06T00:00:00');
		expect(asText('20260906000000', SANTIAGO)).toBe('2026-09-06T00:00:00');
		expect(asText('2026-03-08T02:30', NEW_YORK)).toBe('2026-03-08T02:30:00');
	});

	test.each([
		['', /Start Date is required/],
		[undefined, /Start Date is required/],
		['yesterday', /Start Date "yesterday" is not a date/],
		['2026-13-01T00:00:00', /is not a date/],
		['2026-02-30', /is not a date/],
		['20261323000000', /is not a date/],
		[{}, /is not a date/],
		[[], /is not a date/],
		[true, /is not a date/],
		[Number.NaN, /is not a date/],
		[new Date('nope'), /is not a date/],
		[DateTime.invalid('test'), /is not a date/],
	])('refuses %j', (input, message) => {
		expect(() => parseDateParameter(input, BOGOTA, 'startDate')).toThrow(message);
		expect(() => parseDateParameter(input, BOGOTA, 'startDate')).toThrow(
			expect.objectContaining({ field: 'startDate', description: expect.stringContaining('ISO') }),
		);
	});

	test.each([
		['0999-12-31T23:00:00', 999],
		['+010000-01-01T00:00:00', 10000],
		[DateTime.fromObject({ year: 12026 }, { zone: 'utc' }), 12025],
		[new Date(Date.UTC(500, 0, 1)), 499],
		[-1e15, -29719],
	])(
		'regression (issue 14, item 6): year outside 1000-9999 (%j) is refused naming the field',
		(input, year) => {
			const call = () => parseDateParameter(input, BOGOTA, 'endDate');
			expect(call).toThrow(expect.objectContaining({ field: 'endDate' }));
			expect(call).toThrow(
				new RegExp(
					`End Date is in the year ${year}; Wolkvox dates must be between the years 1000 and 9999`,
				),
			);
		},
	);

	test('years 1000 and 9999 are accepted', () => {
		expect(asText('1000-01-01')).toBe('1000-01-01T00:00:00');
		expect(asText('9999-12-31T23:00')).toBe('9999-12-31T23:00:00');
	});
});

describe('planCustomRange', () => {
	test('a range of up to 24 wall-clock hours is one window, date_end inclusive', () => {
		expect(sent(custom('2026-11-23T00:00', '2026-11-24T00:00'))).toEqual([
			'20261123000000-20261123235959',
		]);
		expect(sent(custom('2026-11-23T07:00', '2026-11-23T08:00'))).toEqual([
			'20261123070000-20261123075959',
		]);
	});

	test('end not after start names End Date and both wall-clock values', () => {
		expect(() => custom('2026-11-23T08:00', '2026-11-23T08:00')).toThrow(
			/End Date 2026-11-23T08:00:00 must be after Start Date 2026-11-23T08:00:00/,
		);
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

	test('regression: New York [2026-03-08T02:00, 03:00) is the skipped hour, sent as typed', () => {
		const windows = custom('2026-03-08T02:00', '2026-03-08T03:00', NEW_YORK);
		expect(sent(windows)).toEqual(['20260308020000-20260308025959']);
		expect(hourCoverage(windows[0])[2]).toEqual({ hour_start: null, interval_seconds: 0 });
	});

	test('regression: split custom range over Santiago 2-7 Apr: one window per wall-clock day, no overlap', () => {
		expect(sent(custom('2026-04-02T00:00', '2026-04-07T00:00', SANTIAGO, true))).toEqual([
			'20260402000000-20260402235959',
			'20260403000000-20260403235959',
			'20260404000000-20260404235959',
			'20260405000000-20260405235959',
			'20260406000000-20260406235959',
		]);
	});

	test('split long range keeps odd start times: consecutive 24-hour windows across the fall-back', () => {
		const windows = custom('2026-10-20T07:30', '2026-11-19T07:30', NEW_YORK, true);
		expect(windows).toHaveLength(30);
		expect(sent(windows).slice(11, 13)).toEqual([
			'20261031073000-20261101072959',
			'20261101073000-20261102072959',
		]);
	});

	test('over 31 days is refused even when splitting', () => {
		expect(() => custom('2026-10-01T00:00', '2026-11-01T00:01', BOGOTA, true)).toThrow(
			/longer than 31 days/,
		);
		expect(custom('2026-10-01T00:00', '2026-11-01T00:00', BOGOTA, true)).toHaveLength(31);
	});

	test('the limit is a parameter: a 31-day-per-request report gets one window for a month', () => {
		const start = wall('2026-10-01T00:00');
		const end = wall('2026-11-01T00:00');
		const month = planCustomRange(
			start,
			end,
			BOGOTA,
			{ maxWindowHours: 31 * 24, maxSplitRangeDays: 31 },
			false,
		);
		expect(sent(month)).toEqual(['20261001000000-20261031235959']);
	});
});

describe('planPresetRange', () => {
	const now = at('2026-11-23T10:17:42');

	test('last complete hour, today so far, yesterday, last 24 hours on an ordinary day', () => {
		expect(sent(preset('lastCompleteHour', now))).toEqual(['20261123090000-20261123095959']);
		expect(sent(preset('today', now))).toEqual(['20261123000000-20261123101741']);
		expect(preset('today', now.startOf('day'))).toEqual([]);
		expect(sent(preset('yesterday', now))).toEqual(['20261122000000-20261122235959']);
		expect(sent(preset('last24Hours', now))).toEqual(['20261122100000-20261123095959']);
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

	test('regression: "Last Complete Hour" gives the repeated 1 a.m. once, after its second occurrence (New York 2026-11-01)', () => {
		const instants = ['05:10', '05:40', '06:10', '06:40', '07:10'].map((time) =>
			DateTime.fromISO(`2026-11-01T${time}Z`),
		);
		expect(
			instants.map((instant) => sent(preset('lastCompleteHour', instant, NEW_YORK))[0]),
		).toEqual([
			'20261101000000-20261101005959', // 01:10 EDT
			'20261101000000-20261101005959', // 01:40 EDT
			'20261101000000-20261101005959', // 01:10 EST: 1 a.m. is not over on the wall clock
			'20261101000000-20261101005959', // 01:40 EST
			'20261101010000-20261101015959', // 02:10 EST
		]);
	});

	test('"Last Complete Hour" after the spring-forward gap is the hour before the gap', () => {
		expect(sent([lastCompleteHour(at('2026-03-08T03:10', NEW_YORK), NEW_YORK)])).toEqual([
			'20260308010000-20260308015959',
		]);
	});

	test('regression: "Today So Far" at 10:20 cuts hour 10 at 20 minutes (interval_seconds 1200)', () => {
		const windows = preset('today', at('2026-11-23T10:20:00'));
		expect(sent(windows)).toEqual(['20261123000000-20261123101959']);
		expect(hourCoverage(windows[0])[10]).toEqual({
			hour_start: '2026-11-23T10:00:00-05:00',
			interval_seconds: 1200,
		});
	});

	test('completeUntil: the repeated hour is complete only after its last occurrence, plus settling', () => {
		const iso = (/** @type {DateTime} */ time) => time.toFormat("yyyy-MM-dd'T'HH:mm");
		expect(iso(completeUntil(DateTime.fromISO('2026-11-01T06:59Z'), NEW_YORK))).toBe(
			'2026-11-01T01:00',
		);
		expect(iso(completeUntil(DateTime.fromISO('2026-11-01T07:04Z'), NEW_YORK, 5))).toBe(
			'2026-11-01T01:00',
		);
		expect(iso(completeUntil(DateTime.fromISO('2026-11-01T07:05Z'), NEW_YORK, 5))).toBe(
			'2026-11-01T02:00',
		);
	});
});

describe('hourCoverage: hour_start and interval_seconds per hour of day', () => {
	test('New York fall-back day: 1 a.m. starts at its first occurrence and lasts 7200 s', () => {
		const [day] = custom('2026-11-01T00:00', '2026-11-02T00:00', NEW_YORK);
		const coverage = hourCoverage(day);
		expect(coverage.slice(0, 3)).toEqual([
			{ hour_start: '2026-11-01T00:00:00-04:00', interval_seconds: 3600 },
			{ hour_start: '2026-11-01T01:00:00-04:00', interval_seconds: 7200 },
			{ hour_start: '2026-11-01T02:00:00-05:00', interval_seconds: 3600 },
		]);
		expect(coverage.reduce((sum, hour) => sum + (hour?.interval_seconds ?? 0), 0)).toBe(25 * 3600);
	});

	test('Lord Howe: 5400 s for the repeated half hour, 1800 s for the skipped one', () => {
		const [autumn] = custom('2026-04-05T00:00', '2026-04-05T04:00', LORD_HOWE);
		expect(hourCoverage(autumn)[1]).toEqual({
			hour_start: '2026-04-05T01:00:00+11:00',
			interval_seconds: 5400,
		});
		const [spring] = custom('2026-10-04T00:00', '2026-10-04T04:00', LORD_HOWE);
		expect(hourCoverage(spring)[2]).toEqual({
			hour_start: '2026-10-04T02:30:00+11:00',
			interval_seconds: 1800,
		});
	});

	test('Santiago spring-forward: the skipped midnight hour never occurs (hour_start null, 0 s)', () => {
		const [day] = custom('2026-09-06T00:00', '2026-09-07T00:00', SANTIAGO);
		expect(hourCoverage(day)[0]).toEqual({ hour_start: null, interval_seconds: 0 });
		expect(hourCoverage(day)[1]).toEqual({
			hour_start: '2026-09-06T01:00:00-03:00',
			interval_seconds: 3600,
		});
	});

	test('a window across midnight dates each hour of day inside it; hours outside are undefined', () => {
		const [window] = custom('2026-11-22T22:00', '2026-11-23T02:00');
		const coverage = hourCoverage(window);
		expect(coverage[22]?.hour_start).toBe('2026-11-22T22:00:00-05:00');
		expect(coverage[1]?.hour_start).toBe('2026-11-23T01:00:00-05:00');
		expect(coverage[5]).toBeUndefined();
	});
});

describe('ambiguous wall-clock times', () => {
	test.each([
		[NEW_YORK, '2026-11-01T01:30', '2026-11-01T01:30:00-04:00', 3600],
		[SANTIAGO, '2026-04-04T23:30', '2026-04-04T23:30:00-03:00', 3600],
		[MADRID, '2026-10-25T02:30', '2026-10-25T02:30:00+02:00', 3600],
		[LORD_HOWE, '2026-04-05T01:45', '2026-04-05T01:45:00+11:00', 1800],
	])(
		'regression: in %s a range from the repeated %s starts at its first occurrence (both halves counted)',
		(zone, start, firstOccurrence, seconds) => {
			const [window] = custom(
				start,
				DateTime.fromISO(start).plus({ hours: 2 }).toFormat("yyyy-MM-dd'T'HH:mm"),
				zone,
			);
			const hour = Number(start.slice(11, 13));
			expect(hourCoverage(window)[hour]).toEqual({
				hour_start: firstOccurrence,
				interval_seconds: seconds,
			});
		},
	);
});
