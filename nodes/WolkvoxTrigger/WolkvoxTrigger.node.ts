import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type ILoadOptionsFunctions,
	type IPollFunctions,
} from 'n8n-workflow';
import { toNodeError } from '../shared/nodeErrors';
import { wolkvoxSecret } from '../shared/transport';
import { listSearch } from '../shared/listSearch/searchLists';
import { wolkvoxApiTest } from '../shared/credentialTest';
import { pollCompleteIntervals } from './completeInterval';
import { fieldOptions, triggerProperties } from './description';
import { pollRealTimeAlerts } from './realTimeAlert';

export class WolkvoxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wolkvox Trigger',
		name: 'wolkvoxTrigger',
		icon: { light: 'file:../../icons/wolkvox.svg', dark: 'file:../../icons/wolkvox.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["event"] === "realTimeAlert" ? "Alert on " + ($parameter["view"] === "agents" ? "Agents Now" : "Skills Now") : {"skill_4": "Calls and Service Level per Hour", "skill_4_1": "Calls and Service Level per 30 Minutes", "skill_4_2": "Calls and Service Level per 10 Minutes"}[$parameter["report"]] || "Workforce per Hour" }}',
		// n8n's nodes panel shows Wolkvox and Wolkvox Trigger as one "Wolkvox" entry and gives that
		// entry the trigger's description (useActionsGeneration: "default to trigger description"),
		// so this text describes the entry: the reports and the trigger.
		description:
			'Get Wolkvox contact-centre reports, or start a workflow as each interval of a report completes or a live queue or agent meets your conditions',
		defaults: { name: 'Wolkvox Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wolkvoxApi', required: true, testedBy: 'wolkvoxApiTest' }],
		properties: triggerProperties,
	};

	methods = {
		listSearch,
		credentialTest: { wolkvoxApiTest },
		loadOptions: {
			/** The fields a condition may compare, of the view the trigger watches. */
			async getAlertFields(this: ILoadOptionsFunctions) {
				const view = this.getCurrentNodeParameter('view');
				return fieldOptions(view === 'agents' ? 'agents' : 'skills');
			},
		},
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		try {
			const event = this.getNodeParameter('event', 'completeInterval');
			const rows: IDataObject[] =
				event === 'realTimeAlert'
					? await pollRealTimeAlerts.call(this)
					: await pollCompleteIntervals.call(this);
			// The rows come with the token blanked out (transport.ts).
			return rows.length === 0 ? null : [rows.map((json) => ({ json }))];
		} catch (error) {
			throw toNodeError(this.getNode(), error, 0, await wolkvoxSecret.call(this));
		}
	}
}
