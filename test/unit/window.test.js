// @ts-check
const { DateTime } = require('luxon');
const {
	parseTimeZone,
	parseDateParameter,
	customRangeWindows,
	presetWindows,
	splitIntoWindows,
	windowQuery,
	windowSpanHours,
	hourStartsOf,
} = require('../../dist/nodes/shared/wolkvox/window');

const BOGOTA = 'America/Bogota';
const NEW_YORK = 'America/New_York';
const iso = (/** @type {DateTime} */ moment) => moment.toISO({ suppressMilliseconds: true });
const windowsAsText = (/** @type {Array<{start: DateTime, end: DateTime}>} */ windows) =>
	windows.map((window) => `${iso(window.start)} -> ${iso(window.end)}`);

describe('parseTimeZone', () => {
	test('accepts IANA zones', () => {
		expect(parseTimeZone('America/Bogota')).toBe('America/Bogota');
		expect(parseTimeZone(' UTC ')).toBe('UTC');
	});
	test.each(['', 'Mars/Olympus', 'GMT+25', 5, null])('refuses %j', (zone) => {
		expect(() => parseTimeZone(zone)).toThrow(expect.objectContaining({ field: 'timezone' }));
	});
});

describe('parseDateParameter', () => {
	test.each([
		['2026-11-23T07:00:00', '2026-11-23T07:00:00-05:00'],
		['2026-11-23T07:00', '2026-11-23T07:00:00-05:00'],
		['2026-11-23', '2026-11-23T00:00:00-05:00'],
		['2026-11-23 07:30:00', '2026-11-23T07:30:00-05:00'],
		['20261123070000', '2026-11-23T07:00:00-05:00'],
		// An explicit offset is an instant: read it, then show it on the operation's clock.
		['2026-11-23T12:00:00Z', '2026-11-23T07:00:00-05:00'],
		['2026-11-23T09:00:00-03:00', '2026-11-23T07:00:00-05:00'],
	])('text %j is %s in Bogota', (input, expected) => {
		expect(iso(parseDateParameter(input, BOGOTA, 'startDate'))).toBe(expected);
	});

	test('accepts a luxon DateTime (any zone), a JS Date and epoch milliseconds', () => {
		const instant = DateTime.fromISO('2026-11-23T12:00:00Z');
		const expected = '2026-11-23T07:00:00-05:00';
		expect(iso(parseDateParameter(instant.setZone('Asia/Tokyo'), BOGOTA, 'startDate'))).toBe(expected);
		expect(iso(parseDateParameter(instant.toJSDate(), BOGOTA, 'startDate'))).toBe(expected);
		expect(iso(parseDateParameter(instant.toMillis(), BOGOTA, 'startDate'))).toBe(expected);
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
});

describe('customRangeWindows', () => {
	const at = (/** @type {string} */ text, zone = BOGOTA) => DateTime.fromISO(text, { zone });

	test('a range of up to 24 hours is one window', () => {
		const windows = customRangeWindows(at('2026-11-23T00:00'), at('2026-11-24T00:00'), false);
		expect(windowsAsText(windows)).toEqual(['2026-11-23T00:00:00-05:00 -> 2026-11-24T00:00:00-05:00']);
	});

	test('end not after start names End Date and both values', () => {
		expect(() => customRangeWindows(at('2026-11-23T08:00'), at('2026-11-23T08:00'), false)).toThrow(
			/End Date 2026-11-23T08:00:00-05:00 must be after Start Date 2026-11-23T08:00:00-05:00/,
		);
	});

	test('over 24 hours names the span and the limit, and suggests splitting', () => {
		const call = () => customRangeWindows(at('2026-11-23T00:00'), at('2026-11-24T01:00'), false);
		expect(call).toThrow(/spans 25 hours; Wolkvox allows at most 24 hours per request/);
		expect(call).toThrow(expect.objectContaining({ field: 'endDate', description: expect.stringContaining('Split Long Range') }));
	});

	test('a 24-hour wall-clock range over the spring-forward night is 23 elapsed hours: allowed', () => {
		const windows = customRangeWindows(at('2026-03-08T00:00', NEW_YORK), at('2026-03-09T00:00', NEW_YORK), false);
		expect(windows).toHaveLength(1);
	});

	test('a 24-hour wall-clock range over the fall-back night is 25 elapsed hours: refused without splitting', () => {
		expect(() =>
			customRangeWindows(at('2026-11-01T00:00', NEW_YORK), at('2026-11-02T00:00', NEW_YORK), false),
		).toThrow(/spans 25 hours/);
	});

	test('split long range: consecutive windows of at most 24 hours, no gap, no overlap', () => {
		const start = at('2026-10-20T07:30', NEW_YORK);
		const end = at('2026-11-19T07:30', NEW_YORK);
		const windows = customRangeWindows(start, end, true);
		expect(windows[0].start.equals(start)).toBe(true);
		expect(windows[windows.length - 1].end.equals(end)).toBe(true);
		for (let index = 0; index < windows.length; index++) {
			expect(windowSpanHours(windows[index].start, windows[index].end)).toBeLessThanOrEqual(24);
			if (index > 0) expect(windows[index].start.equals(windows[index - 1].end)).toBe(true);
		}
		// 30 days, one of them 25 hours long: 31 windows.
		expect(windows).toHaveLength(31);
	});

	test('over 31 days is refused even when splitting', () => {
		expect(() => customRangeWindows(at('2026-10-01T00:00'), at('2026-11-01T00:01'), true)).toThrow(
			/longer than 31 days/,
		);
		expect(customRangeWindows(at('2026-10-01T00:00'), at('2026-11-01T00:00'), true)).toHaveLength(31);
	});
});

describe('presetWindows', () => {
	const now = DateTime.fromISO('2026-11-23T10:17:42', { zone: BOGOTA });

	test('last complete hour', () => {
		expect(windowsAsText(presetWindows('lastCompleteHour', now))).toEqual([
			'2026-11-23T09:00:00-05:00 -> 2026-11-23T10:00:00-05:00',
		]);
	});

	test('today so far', () => {
		expect(windowsAsText(presetWindows('today', now))).toEqual([
			'2026-11-23T00:00:00-05:00 -> 2026-11-23T10:17:42-05:00',
		]);
		expect(presetWindows('today', now.startOf('day'))).toEqual([]);
	});

	test('yesterday', () => {
		expect(windowsAsText(presetWindows('yesterday', now))).toEqual([
			'2026-11-22T00:00:00-05:00 -> 2026-11-23T00:00:00-05:00',
		]);
	});

	test('last 24 hours ends at the current hour', () => {
		expect(windowsAsText(presetWindows('last24Hours', now))).toEqual([
			'2026-11-22T10:00:00-05:00 -> 2026-11-23T10:00:00-05:00',
		]);
	});

	test('yesterday on a 25-hour day (fall back) is split in two windows', () => {
		const morningAfter = DateTime.fromISO('2026-11-02T08:00', { zone: NEW_YORK });
		expect(windowsAsText(presetWindows('yesterday', morningAfter))).toEqual([
			'2026-11-01T00:00:00-04:00 -> 2026-11-01T23:00:00-05:00',
			'2026-11-01T23:00:00-05:00 -> 2026-11-02T00:00:00-05:00',
		]);
	});

	test('yesterday on a 23-hour day (spring forward) is one window', () => {
		const morningAfter = DateTime.fromISO('2026-03-09T08:00', { zone: NEW_YORK });
		expect(windowsAsText(presetWindows('yesterday', morningAfter))).toEqual([
			'2026-03-08T00:00:00-05:00 -> 2026-03-09T00:00:00-04:00',
		]);
	});

	test('last complete hour right after the clocks go back is the repeated 1 a.m.', () => {
		const secondOneAm = DateTime.fromISO('2026-11-01T06:30:00Z').setZone(NEW_YORK); // 01:30 EST
		expect(windowsAsText(presetWindows('lastCompleteHour', secondOneAm.plus({ hours: 1 })))).toEqual([
			'2026-11-01T01:00:00-05:00 -> 2026-11-01T02:00:00-05:00',
		]);
	});
});

describe('windowQuery and hour starts', () => {
	test('dates are the wall clock of the zone, end inclusive at the last second', () => {
		const window = {
			start: DateTime.fromISO('2026-11-22T22:00:00Z').setZone('Europe/Madrid'),
			end: DateTime.fromISO('2026-11-23T01:00:00Z').setZone('Europe/Madrid'),
		};
		expect(windowQuery(window)).toEqual({ date_ini: '20261122230000', date_end: '20261123015959' });
	});

	test('each hour of day maps to its first start inside the window, across midnight', () => {
		const window = {
			start: DateTime.fromISO('2026-11-22T22:00', { zone: BOGOTA }),
			end: DateTime.fromISO('2026-11-23T02:00', { zone: BOGOTA }),
		};
		const starts = hourStartsOf(window);
		expect(starts.get(22)).toBe('2026-11-22T22:00:00-05:00');
		expect(starts.get(1)).toBe('2026-11-23T01:00:00-05:00');
		expect(starts.size).toBe(24);
	});

	test('on the fall-back day the hours after the change carry the new offset', () => {
		const [first, second] = splitIntoWindows(
			DateTime.fromISO('2026-11-01T00:00', { zone: NEW_YORK }),
			DateTime.fromISO('2026-11-02T00:00', { zone: NEW_YORK }),
		);
		const firstStarts = hourStartsOf(first);
		expect(firstStarts.get(0)).toBe('2026-11-01T00:00:00-04:00');
		expect(firstStarts.get(1)).toBe('2026-11-01T01:00:00-04:00');
		expect(firstStarts.get(2)).toBe('2026-11-01T02:00:00-05:00');
		expect(firstStarts.get(22)).toBe('2026-11-01T22:00:00-05:00');
		expect(hourStartsOf(second).get(23)).toBe('2026-11-01T23:00:00-05:00');
		expect(windowQuery(first)).toEqual({ date_ini: '20261101000000', date_end: '20261101225959' });
	});
});
