import { parseSkills } from '../wolkvox/reports';
import { pickerList } from './pickerLists';

const ALL_SKILLS = { name: 'All Skills', value: 'all' };

/** Skill picker: "All Skills" first, then the operation's skills. */
export const searchSkills = pickerList(
	{ api: 'skills', idField: 'skill_id', entries: parseSkills },
	ALL_SKILLS,
);
