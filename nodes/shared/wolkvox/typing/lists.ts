import { NUMERIC_ID } from '../spec/spec';

/** The entries of the pickers' lists (information.php), and searching them. */

const SKILL_ID = NUMERIC_ID;

export interface Skill {
	id: string;
	name: string;
}

/** Skills from `information.php?api=skills`; rows without a numeric id are skipped. */
export function parseSkills(rows: unknown[]): Skill[] {
	const skills: Skill[] = [];
	for (const row of rows) {
		if (typeof row !== 'object' || row === null) continue;
		const { skill_id: id, skill_name: name } = row as Record<string, unknown>;
		const idText = typeof id === 'number' ? String(id) : typeof id === 'string' ? id.trim() : '';
		if (!SKILL_ID.test(idText)) continue;
		skills.push({
			id: idText,
			name: typeof name === 'string' && name.trim() !== '' ? name.trim() : `Skill ${idText}`,
		});
	}
	return skills;
}

/** Skills whose name or id contains the filter, ignoring case and accents. */
export function filterSkills(skills: Skill[], filter: string | undefined): Skill[] {
	const fold = (text: string) =>
		text
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase();
	const wanted = fold(filter?.trim() ?? '');
	return wanted === ''
		? skills
		: skills.filter((skill) => fold(`${skill.name} ${skill.id}`).includes(wanted));
}
