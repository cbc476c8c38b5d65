// @ts-check
const { DateTime } = require('luxon');
const { readReportQuery } = require('../../dist/nodes/shared/reportParameters');
const { endpointOf } = require('../../dist/nodes/shared/wolkvox/spec');
const { windowQuery } = require('../../dist/nodes/shared/wolkvox/time/wolkvoxDates');

const workforce = endpointOf('report', 'getWorkforcePerHour');
/** The query of Workforce per Hour for a Skill parameter of `value`. @param {unknown} value */
const queryFor = (value) =>
	readReportQuery((name) => (name === 'skillId' ? value : undefined), workforce);

describe('the skill of a report that accepts "all"', () => {
	test.each([
		['all', 'all'],
		[' ALL ', 'all'],
		['12', '12'],
		[' 0012 ', '0012'],
		[12, '12'],
	])('%j selects %j', (input, expected) => {
		expect(queryFor(input)).toEqual({ api: 'skill_5', skill_id: expected });
	});

	test.each([
		'',
		'sales',
		'12,15',
		'-1',
		'1.5',
		1.5,
		-3,
		'12; DROP',
		null,
		undefined,
		{},
		['12'],
		'1234567890123',
		NaN,
	])('refuses %j naming the field and what is valid', (input) => {
		expect(() => queryFor(input)).toThrow(
			expect.objectContaining({
				field: 'skillId',
				description: expect.stringMatching(/^Use "all", or: Use the numeric ID of the skill/),
			}),
		);
	});
});

test('a window is sent in Wolkvox form, its end inclusive', () => {
	const window = {
		start: DateTime.fromISO('2026-11-23T07:00:00', { zone: 'utc' }),
		end: DateTime.fromISO('2026-11-23T10:00:00', { zone: 'utc' }),
		zone: 'America/Bogota',
	};
	expect(windowQuery(window)).toEqual({ date_ini: '20261123070000', date_end: '20261123095959' });
});
