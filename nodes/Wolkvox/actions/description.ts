import type { INodeProperties } from 'n8n-workflow';
import { rangePresetOptions } from '../../shared/descriptions';
import { reportOptionList } from '../../shared/reportOptions';
import {
	ENDPOINTS,
	RESOURCES,
	parameterSpec,
	splittableField,
	type EndpointParameter,
	type EndpointSpec,
	type Picker,
	type ResourceName,
} from '../../shared/wolkvox/catalogue';
import { ID_DIGITS, NUMERIC_ID } from '../../shared/wolkvox/reports';

/**
 * The editor's view of every report, generated from the spec: one operation list per resource,
 * the extra parameters (with pickers), the range of dated reports and the options each offers.
 */

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
	const endpoints = ENDPOINTS.filter((endpoint) => endpoint.resource === resource).sort((a, b) =>
		a.title.localeCompare(b.title),
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
	const placeholder = `e.g. ${spec.example}${param.all ? ', or all' : ''}`;
	if (!spec.picker) {
		return {
			...common,
			type: 'string',
			default: '',
			placeholder,
			description: `${spec.description}. ${spec.patternHint}`,
		};
	}
	const byIdHint = param.all ? `"all", or: ${spec.patternHint}` : spec.patternHint;
	const idForm = spec.pattern === NUMERIC_ID ? ID_DIGITS : undefined;
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
				placeholder,
				hint: byIdHint,
				...(idForm && {
					validation: [
						{
							type: 'regex' as const,
							properties: {
								regex: `^\\s*(${param.all ? '[Aa][Ll][Ll]|' : ''}${idForm})\\s*$`,
								errorMessage: `Enter ${param.all ? '"all" or ' : ''}a numeric ${spec.label.toLowerCase()} ID`,
							},
						},
					],
				}),
			},
		],
	};
}

/** One property per parameter and "required" flag, shown for every endpoint that takes it. */
function parameterProperties(): INodeProperties[] {
	const groups = new Map<string, { param: EndpointParameter; endpoints: EndpointSpec[] }>();
	for (const endpoint of ENDPOINTS) {
		for (const param of endpoint.params ?? []) {
			const key = `${param.wire} ${param.required === true} ${param.all === true}`;
			const group = groups.get(key) ?? { param, endpoints: [] };
			group.endpoints.push(endpoint);
			groups.set(key, group);
		}
	}
	return [...groups.values()].map(({ param, endpoints }) => parameterProperty(param, endpoints));
}

/** Endpoints grouped by a text of what their editor view depends on, in the spec's order. */
function groupedBy(endpoints: readonly EndpointSpec[], key: (endpoint: EndpointSpec) => string) {
	const groups = new Map<string, EndpointSpec[]>();
	for (const endpoint of endpoints) {
		const group = groups.get(key(endpoint)) ?? [];
		group.push(endpoint);
		groups.set(key(endpoint), group);
	}
	return [...groups.values()];
}

/** Range, Start Date and End Date of the dated reports, per default range and limit. */
function rangeProperties(): INodeProperties[] {
	const dated = ENDPOINTS.filter((endpoint) => endpoint.maxRangeDays);
	return groupedBy(dated, (e) => `${e.defaultRange} ${e.maxRangeDays}`).flatMap((endpoints) => {
		const { defaultRange = 'yesterday', maxRangeDays = 1 } = endpoints[0];
		const perRequest = maxRangeDays === 1 ? '24 hours' : `${maxRangeDays} days`;
		const show = showFor(endpoints);
		const custom = { show: { ...show.show, range: ['custom'] } };
		return [
			{
				displayName: 'Range',
				name: 'range',
				type: 'options',
				default: defaultRange,
				description:
					'Which period to fetch, in the time zone set by the "Time Zone" option (by default the workflow\'s)',
				options: rangePresetOptions,
				displayOptions: show,
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				required: true,
				description:
					'Start of the range (included), in the time zone set by the "Time Zone" option',
				displayOptions: custom,
			},
			{
				displayName: 'End Date',
				name: 'endDate',
				type: 'dateTime',
				default: '',
				required: true,
				description: `End of the range (not included). Wolkvox allows at most ${perRequest} per request for this report; for longer ranges turn on "Split Long Range".`,
				displayOptions: custom,
			},
		] satisfies INodeProperties[];
	});
}

/** "Options" of each report: every report with the same options shares one collection. */
const OPTIONS_GROUPS = groupedBy(ENDPOINTS, (endpoint) =>
	JSON.stringify(reportOptionList(endpoint)),
).map((endpoints) => ({
	endpoints,
	collection: {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showFor(endpoints),
		options: reportOptionList(endpoints[0]),
	} satisfies INodeProperties,
}));

/** The "Options" collection the editor shows for `endpoint`. */
export function optionsCollectionOf(endpoint: EndpointSpec): INodeProperties {
	const group = OPTIONS_GROUPS.find(({ endpoints }) => endpoints.includes(endpoint));
	if (!group) throw new Error(`No options for ${endpoint.api}`);
	return group.collection;
}

export const reportDescription: INodeProperties[] = [
	...(Object.keys(RESOURCES) as ResourceName[]).map(operationList),
	...parameterProperties(),
	...rangeProperties(),
	{
		displayName: 'Split Nested Rows',
		name: 'splitNestedRows',
		type: 'boolean',
		default: true,
		description:
			'Whether to output one item per inner row (for example each hour of an agent), carrying the outer fields; off keeps the inner rows as a list in one item',
		displayOptions: showFor(ENDPOINTS.filter((endpoint) => splittableField(endpoint.fields))),
	},
	...OPTIONS_GROUPS.map(({ collection }) => collection),
];
