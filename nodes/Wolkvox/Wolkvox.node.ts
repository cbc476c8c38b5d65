import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { RESOURCES } from '../shared/wolkvox/catalogue';
import { reportDescription } from './actions/description';
import { router } from './actions/router';
import {
	searchActivityCodes,
	searchAgentDocuments,
	searchAgents,
	searchCampaigns,
} from '../shared/listSearch/searchLists';
import { searchSkills } from '../shared/listSearch/searchSkills';

export class Wolkvox implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wolkvox',
		name: 'wolkvox',
		icon: { light: 'file:../../icons/wolkvox.svg', dark: 'file:../../icons/wolkvox.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle:
			'={{ $parameter["operation"] === "getWorkforcePerHour" ? "Get Workforce per Hour" : $parameter["operation"] }}',
		description:
			'Get Wolkvox contact-centre reports: hourly workforce, calls and handle time per skill',
		defaults: { name: 'Wolkvox' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wolkvoxApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: Object.entries(RESOURCES).map(([value, name]) => ({ name, value })),
				default: 'report',
			},
			...reportDescription,
		],
	};

	methods = {
		listSearch: {
			searchSkills,
			searchAgents,
			searchAgentDocuments,
			searchCampaigns,
			searchActivityCodes,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
