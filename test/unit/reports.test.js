// @ts-check
const { DateTime } = require('luxon');
const { parseSkillSelector, workforcePerHourQuery } = require('../../dist/nodes/shared/wolkvox/reports');

describe('parseSkillSelector', () => {
	test.each([
		['all', 'all'],
		[' ALL ', 'all'],
		['12', '12'],
		[' 0012 ', '0012'],
		[12, '12'],
	])('%j selects %j', (input, expected) => {
		expect(parseSkillSelector(input)).toBe(expected);
	});

	test.each(['', 'sales', '12,15', '-1', '1.5', 1.5, -3, '12; DROP', null, undefined, {}, ['12'], '1234567890123', NaN])(
		'refuses %j naming the field and what is valid',
		(input) => {
			expect(() => parseSkillSelector(input)).toThrow(
				expect.objectContaining({ field: 'skillId', description: expect.stringContaining('"all"') }),
			);
		},
	);
});

test('workforcePerHourQuery sends api, skill and the window in Wolkvox form', () => {
	const zone = 'America/Bogota';
	const window = {
		start: DateTime.fromISO('2026-11-23T07:00:00', { zone }),
		end: DateTime.fromISO('2026-11-23T10:00:00', { zone }),
	};
	expect(workforcePerHourQuery('12', window)).toEqual({
		api: 'skill_5',
		skill_id: '12',
		date_ini: '20261123070000',
		date_end: '20261123095959',
	});
});
