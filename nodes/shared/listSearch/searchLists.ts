import type { Skill } from '../wolkvox/reports';
import { pickerList } from './pickerLists';

/** Pickers backed by information.php lists of agents, campaigns, activity codes and routing points. */

/** A list's entries: rows with an id (at most 64 characters); the name falls back to the id. */
function entriesBy(idField: string, nameField: string) {
	return (rows: unknown[]): Skill[] => {
		const entries: Skill[] = [];
		for (const row of rows) {
			if (typeof row !== 'object' || row === null) continue;
			const record = row as Record<string, unknown>;
			const id = String(record[idField] ?? '').trim();
			if (id === '' || id.length > 64) continue;
			const name = String(record[nameField] ?? '').trim();
			entries.push({ id, name: name === '' ? id : name });
		}
		return entries;
	};
}

const list = (api: string, idField: string, nameField: string) =>
	pickerList({ api, idField, entries: entriesBy(idField, nameField) });

export const searchAgents = list('agents', 'agent_id', 'agent_name');

export const searchAgentDocuments = list('agents', 'agent_dni', 'agent_name');

export const searchCampaigns = list('campaigns', 'campaign_id', 'campaign_name');

export const searchActivityCodes = list('activity_codes', 'code_act', 'description_cod_act');

export const searchRoutingPoints = list('routing_points', 'rp_id', 'rp_name');
