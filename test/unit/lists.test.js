// @ts-check
describe('skills for the picker', () => {
	const { parseSkills, filterSkills } = require('../../dist/nodes/shared/wolkvox/typing/lists');
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
