import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { toNodeError } from '../nodeErrors';
import { connectionKey, wolkvoxConnection, wolkvoxGet, wolkvoxSecret } from '../transport';
import { apiPath } from '../wolkvox/catalogue';
import { filterSkills, type Skill } from '../wolkvox/reports';

/**
 * Pickers backed by information.php lists (agents, campaigns, activity codes). Each listing costs a
 * token and the editor searches on every keystroke, so a list is kept a while per token and host.
 */
const LIST_TTL_MS = 5 * 60_000;
const lists = new Map<string, { rows: unknown[]; fetchedAt: number }>();

interface ListSource {
	api: 'agents' | 'campaigns' | 'activity_codes' | 'routing_points';
	idField: string;
	nameField: string;
}

/** Entries with an id; the name falls back to the id. */
function entriesOf(rows: unknown[], { idField, nameField }: ListSource): Skill[] {
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
}

async function searchList(
	this: ILoadOptionsFunctions,
	source: ListSource,
	filter?: string,
): Promise<INodeListSearchResult> {
	try {
		const connection = await wolkvoxConnection.call(this);
		const key = `${connectionKey(connection)} ${source.api}`;
		let cached = lists.get(key);
		if (!cached || Date.now() - cached.fetchedAt > LIST_TTL_MS) {
			const rows = await wolkvoxGet.call(this, connection, apiPath('information.php'), {
				api: source.api,
			});
			cached = { rows, fetchedAt: Date.now() };
			lists.set(key, cached);
		}
		const entries = filterSkills(entriesOf(cached.rows, source), filter);
		return {
			results: entries.map((entry) => ({ name: `${entry.name} (${entry.id})`, value: entry.id })),
		};
	} catch (error) {
		throw toNodeError(this.getNode(), error, 0, await wolkvoxSecret.call(this));
	}
}

export async function searchAgents(this: ILoadOptionsFunctions, filter?: string) {
	return searchList.call(
		this,
		{ api: 'agents', idField: 'agent_id', nameField: 'agent_name' },
		filter,
	);
}

export async function searchAgentDocuments(this: ILoadOptionsFunctions, filter?: string) {
	return searchList.call(
		this,
		{ api: 'agents', idField: 'agent_dni', nameField: 'agent_name' },
		filter,
	);
}

export async function searchCampaigns(this: ILoadOptionsFunctions, filter?: string) {
	return searchList.call(
		this,
		{ api: 'campaigns', idField: 'campaign_id', nameField: 'campaign_name' },
		filter,
	);
}

export async function searchActivityCodes(this: ILoadOptionsFunctions, filter?: string) {
	return searchList.call(
		this,
		{ api: 'activity_codes', idField: 'code_act', nameField: 'description_cod_act' },
		filter,
	);
}

export async function searchRoutingPoints(this: ILoadOptionsFunctions, filter?: string) {
	return searchList.call(
		this,
		{ api: 'routing_points', idField: 'rp_id', nameField: 'rp_name' },
		filter,
	);
}
