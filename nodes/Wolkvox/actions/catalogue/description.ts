import type { INodeProperties } from 'n8n-workflow';
import { rangePresetOptions, rawOutputOption, timezoneOption } from '../../../shared/descriptions';
import {
	ENDPOINTS,
	RESOURCES,
	parameterSpec,
	splittableField,
	type EndpointParameter,
	type EndpointSpec,
	type Picker,
	type ResourceName,
} from '../../../shared/wolkvox/catalogue';
import { REPORT_RANGE_DAYS } from '../../../shared/wolkvox/limits';

/**
 * The editor's view of every catalogue endpoint, generated from the spec: one operation list per
 * resource, the extra parameters (with pickers), the range for dated reports and the options.
 * Workforce per Hour (resource `report`) keeps its own hand-written description.
 */

/** Endpoints served by the generic path. */
export const CATALOGUE_ENDPOINTS = ENDPOINTS.filter((endpoint) => endpoint.resource !== 'report');

/** List-search method of each picker (methods.listSearch of the node). */
export const SEARCH_METHODS: Record<Picker, string> = {
	skill: 'searchSkills',
	agent: 'searchAgents',
	agentDocument: 'searchAgentDocuments',
	campaign: 'searchCampaigns',
	activityCode: 'searchActivityCodes',
};

const TOKEN_NOTE = 'Each listing costs one Wolkvox token; the list is kept 5 minutes.';

function showFor(endpoints: readonly EndpointSpec[]) {
	return {
		show: {
			resource: [...new Set(endpoints.map((endpoint) => endpoint.resource))],
			operation: endpoints.map((endpoint) => endpoint.operation),
		},
	};
}

/** Words that keep their capitals in running text: acronyms and names. */
const KEEPS_CAPITALS = /^([A-Z0-9.]{2,}|WhatsApp|Mr\.|Wizard|Law)$/;

function lowerFirst(text: string): string {
	return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** "Agent Time by State" -> "agent time by state"; "IVR Call Detail" -> "the IVR call detail". */
function inSentenceCase(title: string): string {
	const words = title
		.split(' ')
		.map((word) => (KEEPS_CAPITALS.test(word) ? word : word.toLowerCase()));
	return KEEPS_CAPITALS.test(words[0]) ? `the ${words.join(' ')}` : words.join(' ');
}

function operationList(resource: ResourceName): INodeProperties {
	const endpoints = CATALOGUE_ENDPOINTS.filter((endpoint) => endpoint.resource === resource).sort(
		(a, b) => a.title.localeCompare(b.title),
	);
	const firstOperation = endpoints[0].operation;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: endpoints.map((endpoint) => ({
			name: `Get ${endpoint.title}`,
			value: endpoint.operation,
			// The api id in the action and description: the editor's search finds a report by either.
			action: `Get ${inSentenceCase(endpoint.title)} (${endpoint.api})`,
			description: `Get ${lowerFirst(endpoint.description)} Wolkvox api=${endpoint.api} (${endpoint.file}), one token per request`,
		})),
		default: firstOperation,
	};
}

function parameterProperty(
	param: EndpointParameter,
	endpoints: readonly EndpointSpec[],
): INodeProperties {
	const spec = parameterSpec(param.wire);
	const common = {
		displayName: spec.label,
		name: spec.name,
		required: param.required === true,
		displayOptions: showFor(endpoints),
	};
	if (!spec.picker) {
		return {
			...common,
			type: 'string',
			default: '',
			description: `${spec.description}. ${spec.patternHint}`,
		};
	}
	const byIdHint = param.all ? `"all", or: ${spec.patternHint}` : spec.patternHint;
	return {
		...common,
		type: 'resourceLocator',
		default: { mode: 'list', value: param.all ? 'all' : '' },
		description: `${spec.description}. ${TOKEN_NOTE}`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${spec.label.toLowerCase()}...`,
				typeOptions: { searchListMethod: SEARCH_METHODS[spec.picker], searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				hint: byIdHint,
			},
		],
	};
}

/** One property per parameter and "required" flag, shown for every endpoint that takes it. */
function parameterProperties(): INodeProperties[] {
	const groups = new Map<string, { param: EndpointParameter; endpoints: EndpointSpec[] }>();
	for (const endpoint of CATALOGUE_ENDPOINTS) {
		for (const param of endpoint.params ?? []) {
			const key = `${param.wire} ${param.required === true} ${param.all === true}`;
			const group = groups.get(key) ?? { param, endpoints: [] };
			group.endpoints.push(endpoint);
			groups.set(key, group);
		}
	}
	return [...groups.values()].map(({ param, endpoints }) => parameterProperty(param, endpoints));
}

function rangeProperties(): INodeProperties[] {
	const dated = CATALOGUE_ENDPOINTS.filter((endpoint) => endpoint.maxRangeDays);
	const show = showFor(dated);
	const custom = { show: { ...show.show, range: ['custom'] } };
	return [
		{
			displayName: 'Range',
			name: 'range',
			type: 'options',
			default: 'yesterday',
			description: 'Which period to fetch, in the chosen time zone',
			options: rangePresetOptions,
			displayOptions: show,
		},
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			required: true,
			description: 'Start of the range (inclusive), read in the chosen time zone',
			displayOptions: custom,
		},
		{
			displayName: 'End Date',
			name: 'endDate',
			type: 'dateTime',
			default: '',
			required: true,
			description: `End of the range (exclusive). Wolkvox allows at most ${REPORT_RANGE_DAYS} days per request for these reports.`,
			displayOptions: custom,
		},
	];
}

export const catalogueOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: showFor(CATALOGUE_ENDPOINTS),
	options: [rawOutputOption, timezoneOption],
};

export const catalogueDescription: INodeProperties[] = [
	...(Object.keys(RESOURCES) as ResourceName[])
		.filter((resource) => resource !== 'report')
		.map(operationList),
	...parameterProperties(),
	...rangeProperties(),
	{
		displayName: 'Split Nested Rows',
		name: 'splitNestedRows',
		type: 'boolean',
		default: true,
		description:
			'Whether to output one item per inner row (for example each hour of an agent), carrying the outer fields; off keeps the inner rows as a list in one item',
		displayOptions: showFor(
			CATALOGUE_ENDPOINTS.filter((endpoint) => splittableField(endpoint.fields)),
		),
	},
	catalogueOptions,
];
