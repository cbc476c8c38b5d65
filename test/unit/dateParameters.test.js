// @ts-check
'use strict';

/** nodes/shared/wolkvox/time/dateParameters.ts: the zone, the range and the dates a user gives. */

const { DateTime } = require('luxon');
const {
	parseTimeZone,
	parseDateParameter,
	parseRangePreset,
	RANGE_PRESETS,
} = require('../../dist/nodes/shared/wolkvox/time/dateParameters');

const BOGOTA = 'America/Bogota';
const NEW_YORK = 'America/New_York';
const SANTIAGO = 'America/Santiago';

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

describe('parseRangePreset', () => {
	test('every documented range is accepted', () => {
		expect(RANGE_PRESETS).toEqual([
			'custom',
			'lastCompleteHour',
			'today',
			'yesterday',
			'last24Hours',
			'last7Days',
			'thisWeek',
			'lastWeek',
			'thisMonth',
			'lastMonth',
		]);
		for (const preset of RANGE_PRESETS) expect(parseRangePreset(preset)).toBe(preset);
	});

	test.each(['', 'lastYear', 'Today', null, 3])('refuses %j naming the Range', (value) => {
		expect(() => parseRangePreset(value)).toThrow(expect.objectContaining({ field: 'range' }));
		expect(() => parseRangePreset(value)).toThrow(/is not one of custom, lastCompleteHour/);
	});
});
