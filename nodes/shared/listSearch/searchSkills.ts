import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { toNodeError } from '../nodeErrors';
import { connectionKey, wolkvoxConnection, wolkvoxGet, wolkvoxSecret } from '../transport';
import { filterSkills, INFORMATION_PATH, parseSkills, type Skill } from '../wolkvox/reports';

/** Each listing costs a token, and the editor searches on every keystroke: keep it a while. */
const SKILL_LIST_TTL_MS = 5 * 60_000;
const skillLists = new Map<string, { skills: Skill[]; fetchedAt: number }>();

export const ALL_SKILLS = { name: 'All Skills', value: 'all' };

/** Skill picker: "All skills" first, then the operation's skills by name. */
export async function searchSkills(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	try {
		const connection = await wolkvoxConnection.call(this);
		const key = connectionKey(connection);
		let cached = skillLists.get(key);
		if (!cached || Date.now() - cached.fetchedAt > SKILL_LIST_TTL_MS) {
			const rows = await wolkvoxGet.call(this, connection, INFORMATION_PATH, { api: 'skills' });
			cached = { skills: parseSkills(rows), fetchedAt: Date.now() };
			skillLists.set(key, cached);
		}
		const skills = filterSkills(cached.skills, filter).map((skill) => ({
			name: `${skill.name} (${skill.id})`,
			value: skill.id,
		}));
		const showAll = filterSkills([{ id: 'all', name: ALL_SKILLS.name }], filter).length > 0;
		return { results: showAll ? [ALL_SKILLS, ...skills] : skills };
	} catch (error) {
		throw toNodeError(this.getNode(), error, 0, await wolkvoxSecret.call(this));
	}
}
