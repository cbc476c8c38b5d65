import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import {
	ENDPOINTS,
	endpointOf,
	pickerSpecialEntries,
	type EndpointSpec,
	type Picker,
} from '../wolkvox/spec';
import { parseSkills, type Skill } from '../wolkvox/typing/lists';
import { pickerList, type ListSource } from './pickerLists';

/**
 * Every picker once: the information.php list behind it and the name of its listSearch method. The
 * nodes' `methods.listSearch` and the editor's resource locators are both built from this table.
 */

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

const list = (api: string, idField: string, nameField: string): ListSource => ({
	api,
	idField,
	entries: entriesBy(idField, nameField),
});

const PICKERS: Record<Picker, { method: string; source: ListSource }> = {
	skill: {
		method: 'searchSkills',
		source: { api: 'skills', idField: 'skill_id', entries: parseSkills },
	},
	agent: { method: 'searchAgents', source: list('agents', 'agent_id', 'agent_name') },
	agentDocument: {
		method: 'searchAgentDocuments',
		source: list('agents', 'agent_dni', 'agent_name'),
	},
	campaign: {
		method: 'searchCampaigns',
		source: list('campaigns', 'campaign_id', 'campaign_name'),
	},
	activityCode: {
		method: 'searchActivityCodes',
		source: list('activity_codes', 'code_act', 'description_cod_act'),
	},
	routingPoint: {
		method: 'searchRoutingPoints',
		source: list('routing_points', 'rp_id', 'rp_name'),
	},
};

/** The listSearch method of a picker, as the editor's resource locator names it. */
export function searchMethodOf(picker: Picker): string {
	return PICKERS[picker].method;
}

/**
 * The report the picker is open on: the action's resource and operation, or the trigger's report
 * (by api id; Workforce per Hour, its default, when the trigger has none).
 */
function reportInEditor(this: ILoadOptionsFunctions): EndpointSpec | undefined {
	const current = (name: string): unknown => {
		try {
			return this.getCurrentNodeParameter(name);
		} catch {
			return undefined;
		}
	};
	const operation = current('operation');
	if (typeof operation === 'string')
		return endpointOf(String(current('resource') ?? 'report'), operation);
	const report = current('report') ?? 'skill_5';
	return ENDPOINTS.find(({ api, file }) => api === report && file === 'reports_manager.php');
}

type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** `methods.listSearch` of a node: every picker, each heading its list with what the report accepts besides. */
export const listSearch: Record<string, ListSearch> = Object.fromEntries(
	(Object.keys(PICKERS) as Picker[]).map((picker) => [
		PICKERS[picker].method,
		pickerList(PICKERS[picker].source, function (this: ILoadOptionsFunctions) {
			const endpoint = reportInEditor.call(this);
			return endpoint ? pickerSpecialEntries(endpoint, picker) : [];
		}),
	]),
);
