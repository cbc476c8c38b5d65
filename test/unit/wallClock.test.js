// @ts-check
'use strict';

/**
 * nodes/shared/wolkvox/time/wallClock.ts: wall-clock readings of a zone and the real time they cover.
 * Over every zone and offset change, through the code that uses them: intervals.property.test.js,
 * planning.property.test.js, typing.property.test.js.
 */

const { DateTime } = require('luxon');
const {
	wallClockAt,
	readingOffset,
	RealTime,
	isoInZone,
	isoOffsetInZone,
	wallClockHours,
	formatWallClock,
} = require('../../dist/nodes/shared/wolkvox/time/wallClock');

const NEW_YORK = 'America/New_York';
const LORD_HOWE = 'Australia/Lord_Howe';
const HOUR = 3_600_000;
const wall = (/** @type {string} */ text) => DateTime.fromISO(text, { zone: 'utc' });
const ms = (/** @type {string} */ text) => wall(text).toMillis();
const iso = (/** @type {number | null} */ instant) =>
	instant === null ? null : new Date(instant).toISOString();

test('wallClockAt: both passes of the repeated hour show the same reading', () => {
	for (const instant of ['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z'])
		expect(formatWallClock(wallClockAt(Date.parse(instant), NEW_YORK))).toBe('2026-11-01T01:30:00');
	expect(
		formatWallClock(wallClockAt(DateTime.fromISO('2026-11-23T12:00:00Z'), 'America/Bogota')),
	).toBe('2026-11-23T07:00:00');
});

test.each([
	['2026-11-23T07:00:00', { offset: -5 * HOUR, exists: true, repeated: false }],
	['2026-11-01T00:59:59', { offset: -4 * HOUR, exists: true, repeated: false }],
	['2026-11-01T01:00:00', { offset: -4 * HOUR, exists: true, repeated: true }],
	['2026-11-01T01:59:59', { offset: -4 * HOUR, exists: true, repeated: true }],
	['2026-11-01T02:00:00', { offset: -5 * HOUR, exists: true, repeated: false }],
	['2026-03-08T02:30:00', { offset: -5 * HOUR, exists: false, repeated: false }],
	['2026-03-08T03:00:00', { offset: -4 * HOUR, exists: true, repeated: false }],
])('readingOffset in New York of %s', (reading, expected) => {
	expect(readingOffset(NEW_YORK, ms(reading))).toEqual(expected);
});

describe('RealTime.cover', () => {
	const fallBack = new RealTime(NEW_YORK, wall('2026-11-01T00:00'), wall('2026-11-02T00:00'));
	const hourOne = (/** @type {number} */ until = Infinity) => {
		const { first, last, seconds } = fallBack.cover(
			ms('2026-11-01T01:00'),
			ms('2026-11-01T02:00'),
			until,
		);
		return [iso(first), iso(last), seconds];
	};

	test('the repeated hour: first instant of its first pass, end of its second, 7200 s', () => {
		expect(hourOne()).toEqual(['2026-11-01T05:00:00.000Z', '2026-11-01T07:00:00.000Z', 7200]);
	});

	test('untilMs counts only the time before it: in the first pass, the second, before and after', () => {
		expect(hourOne(Date.parse('2026-11-01T04:00Z'))[2]).toBe(0);
		expect(hourOne(Date.parse('2026-11-01T05:30Z'))[2]).toBe(1800);
		expect(hourOne(Date.parse('2026-11-01T06:30Z'))[2]).toBe(5400);
		expect(hourOne(Date.parse('2026-11-01T08:00Z'))[2]).toBe(7200);
		// The first instant and the end are the interval's, whatever now is.
		expect(hourOne(Date.parse('2026-11-01T04:00Z')).slice(0, 2)).toEqual(hourOne().slice(0, 2));
	});

	test('a skipped hour has no instant and no length', () => {
		const springForward = new RealTime(
			NEW_YORK,
			wall('2026-03-08T00:00'),
			wall('2026-03-09T00:00'),
		);
		expect(springForward.cover(ms('2026-03-08T02:00'), ms('2026-03-08T03:00'))).toEqual({
			first: null,
			last: null,
			seconds: 0,
		});
		expect(springForward.cover(ms('2026-03-08T01:30'), ms('2026-03-08T03:30')).seconds).toBe(3600);
	});

	test('Lord Howe: half an hour repeated, half an hour skipped', () => {
		const autumn = new RealTime(LORD_HOWE, wall('2026-04-05T00:00'), wall('2026-04-06T00:00'));
		expect(autumn.cover(ms('2026-04-05T01:00'), ms('2026-04-05T02:00')).seconds).toBe(5400);
		const spring = new RealTime(LORD_HOWE, wall('2026-10-04T00:00'), wall('2026-10-05T00:00'));
		const { first, seconds } = spring.cover(ms('2026-10-04T02:00'), ms('2026-10-04T03:00'));
		expect([isoInZone(LORD_HOWE, /** @type {number} */ (first)), seconds]).toEqual([
			'2026-10-04T02:30:00+11:00',
			1800,
		]);
	});

	test('lowestWallClockFrom: in the first pass of a repeated hour the clock will show its start again', () => {
		expect(formatWallClock(fallBack.lowestWallClockFrom(Date.parse('2026-11-01T05:30Z')))).toBe(
			'2026-11-01T01:00:00',
		);
		expect(formatWallClock(fallBack.lowestWallClockFrom(Date.parse('2026-11-01T07:30Z')))).toBe(
			'2026-11-01T02:30:00',
		);
	});
});

test('isoInZone writes what luxon writes, with the offset of the instant', () => {
	const instants = [
		'2026-11-01T05:30:00Z',
		'2026-11-01T06:30:00Z',
		'2026-11-01T06:30:00.250Z',
		'2026-03-08T07:00:00Z',
		'9999-12-31T23:00:00Z',
	].map(Date.parse);
	for (const zone of [NEW_YORK, LORD_HOWE, 'UTC', 'Asia/Kathmandu'])
		for (const instant of instants) {
			const luxon = DateTime.fromMillis(instant, { zone }).toISO({ suppressMilliseconds: true });
			expect(isoInZone(zone, instant)).toBe(luxon);
		}
	// The offset alone, as typing asks it for whole wall-clock hours.
	expect(isoOffsetInZone(NEW_YORK, Date.parse('2026-11-01T05:00:00Z'))).toBe('-04:00');
	expect(isoOffsetInZone(NEW_YORK, Date.parse('2026-11-01T06:00:00Z'))).toBe('-05:00');
	expect(isoOffsetInZone('Asia/Kathmandu', Date.parse('2026-11-01T06:00:00Z'))).toBe('+05:45');
	expect(isoOffsetInZone('UTC', Date.parse('2026-11-01T06:00:00Z'))).toBe('Z');
	expect(isoInZone(NEW_YORK, Date.parse('2026-11-01T05:30:00Z'))).toBe('2026-11-01T01:30:00-04:00');
	expect(isoInZone(NEW_YORK, Date.parse('2026-11-01T06:30:00Z'))).toBe('2026-11-01T01:30:00-05:00');
});

test('wallClockHours counts wall-clock hours (the 25-hour day is 24); formatWallClock writes the reading as typed', () => {
	expect(wallClockHours(wall('2026-11-01T00:00'), wall('2026-11-02T00:00'))).toBe(24);
	expect(formatWallClock(wall('2026-11-01T00:00'))).toBe('2026-11-01T00:00:00');
	expect(formatWallClock(wall('2026-11-01T00:00:01.5'))).toBe('2026-11-01T00:00:01.500');
});
