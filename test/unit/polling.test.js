// @ts-check
const { DateTime } = require('luxon');
const { planPoll, lastCompleteHourWindow, completeUntil } = require('../../dist/nodes/shared/wolkvox/polling');

const zone = 'America/Bogota';
const at = (/** @type {string} */ text) => DateTime.fromISO(text, { zone });
const iso = (/** @type {DateTime} */ moment) => moment.toISO({ suppressMilliseconds: true });

describe('planPoll', () => {
	test('first activation starts from now: no windows, cursor at the current incomplete hour', () => {
		const plan = planPoll(undefined, at('2026-11-23T10:17'), 5);
		expect(plan.windows).toEqual([]);
		expect(iso(plan.cursor)).toBe('2026-11-23T10:00:00-05:00');
	});

	test('an hour is fetched once it is complete plus the settling time, then never again', () => {
		let plan = planPoll(at('2026-11-23T10:00'), at('2026-11-23T11:03'), 5);
		expect(plan.windows).toEqual([]); // 11:03 is within the 5 settling minutes

		plan = planPoll(at('2026-11-23T10:00'), at('2026-11-23T11:05'), 5);
		expect(plan.windows.map((w) => [iso(w.start), iso(w.end)])).toEqual([
			['2026-11-23T10:00:00-05:00', '2026-11-23T11:00:00-05:00'],
		]);
		expect(iso(plan.cursor)).toBe('2026-11-23T11:00:00-05:00');

		const again = planPoll(plan.cursor, at('2026-11-23T11:50'), 5);
		expect(again.windows).toEqual([]);
	});

	test('after a few hours down, the missed hours come in one window', () => {
		const plan = planPoll(at('2026-11-23T06:00'), at('2026-11-23T10:10'), 5);
		expect(plan.windows.map((w) => [iso(w.start), iso(w.end)])).toEqual([
			['2026-11-23T06:00:00-05:00', '2026-11-23T10:00:00-05:00'],
		]);
		expect(plan.skipped).toBeUndefined();
	});

	test('after days down, only the last 24 hours are caught up and the gap is reported', () => {
		const plan = planPoll(at('2026-11-20T00:00'), at('2026-11-23T10:10'), 5);
		expect(plan.windows).toHaveLength(1);
		expect(iso(plan.windows[0].start)).toBe('2026-11-22T10:00:00-05:00');
		expect(plan.skipped && iso(plan.skipped.start)).toBe('2026-11-20T00:00:00-05:00');
	});
});

test('manual test mode shows the last complete hour', () => {
	const window = lastCompleteHourWindow(at('2026-11-23T10:02'), 5);
	expect([iso(window.start), iso(window.end)]).toEqual(['2026-11-23T08:00:00-05:00', '2026-11-23T09:00:00-05:00']);
	expect(iso(completeUntil(at('2026-11-23T10:05'), 5))).toBe('2026-11-23T10:00:00-05:00');
});
