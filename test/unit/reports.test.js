// @ts-check
const { DateTime } = require('luxon');
const {
	parseSkillSelector,
	workforcePerHourQuery,
} = require('../../dist/nodes/shared/wolkvox/reports');

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
		expect(() => parseSkillSelector(input)).toThrow(
			expect.objectContaining({ field: 'skillId', description: expect.stringContaining('"all"') }),
		);
	});
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

describe('skills for the picker', () => {
	const { parseSkills, filterSkills } = require('../../dist/nodes/shared/wolkvox/reports');
	const rows = [
		{ skill_id: '12', skill_name: 'Ventas' },
		{ skill_id: 15, skill_name: 'Atención al cliente' },
		{ skill_id: '27', skill_name: '' },
		{ skill_id: 'x', skill_name: 'broken' },
		null,
		'junk',
	];

	test('keeps skills with numeric ids and names the unnamed ones', () => {
		expect(parseSkills(rows)).toEqual([
			{ id: '12', name: 'Ventas' },
			{ id: '15', name: 'Atención al cliente' },
			{ id: '27', name: 'Skill 27' },
		]);
	});

	test('search ignores case and accents and matches ids', () => {
		const skills = parseSkills(rows);
		expect(filterSkills(skills, 'ATENCION').map((skill) => skill.id)).toEqual(['15']);
		expect(filterSkills(skills, '27').map((skill) => skill.id)).toEqual(['27']);
		expect(filterSkills(skills, '')).toHaveLength(3);
		expect(filterSkills(skills, undefined)).toHaveLength(3);
	});
});
