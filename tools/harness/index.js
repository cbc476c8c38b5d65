// @ts-check
'use strict';

/**
 * Integration harness: runs real n8n workflows through n8n-core's real WorkflowExecute.
 * Nothing of n8n is mocked: node contexts, `this.helpers.httpRequestWithAuthentication`
 * (n8n-core -> @n8n/backend-network OutboundHttp -> real HTTP), expressions (legacy
 * engine), continueOnFail / alwaysOutputData / pairedItem all run n8n's own code.
 * Only the CLI's database-backed parts are reimplemented (credentials, see credentials.js).
 *
 *   const { runWorkflow, runPoll, testCredential, loadPackageTypes } = require('../tools/harness');
 *
 *   const types = await loadPackageTypes();          // package.json "n8n" section -> dist/ classes
 *   const result = await runWorkflow({
 *     types,                                          // or packageRoot (default: repo root)
 *     nodes: [
 *       { name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
 *       { name: 'Wolkvox', type: 'n8n-nodes-wolkvox.wolkvox', parameters: { skill: '={{ $json.skill }}' },
 *         credentials: { wolkvoxApi: { id: '1', name: 'Wolkvox' } } },
 *     ],
 *     connections: { Start: { main: [[{ node: 'Wolkvox', type: 'main', index: 0 }]] } },
 *     credentials: { wolkvoxApi: { '1': { server: '0042', token: 'x', baseUrl: 'http://127.0.0.1:1234' } } },
 *     timezone: 'America/Bogota',
 *     inputItems: [{ json: { skill: 'A' } }, { json: { skill: 'B' } }],  // emitted by the start node
 *   });
 *   // result: { status, items: { [nodeName]: INodeExecutionData[][] (per output, last run) },
 *   //           lastNodeItems, error, runData, run (full IRun), staticData, executionSignal,
 *   //           logs: string[] }
 *
 *   await runPoll({ types, node, credentials, staticData, timezone })   // a poll() tick, production path
 *   await testCredential({ types, credentialType: 'wolkvoxApi', data })  // the credential "Test" button
 *
 * Nodes may omit id / position / typeVersion (defaults: name-based id, [0,0], latest version).
 * Built-in stand-ins: `n8n-nodes-base.manualTrigger` (emits `inputItems`, default [{json:{}}])
 * and `n8n-nodes-base.noOp` (passes items through). `extraNodeTypes` / `extraCredentialTypes`
 * add more (`{ fullTypeName: instance-or-class }`, `{ credentialName: instance-or-class }`).
 * `mode` defaults to 'manual' (like the editor's "Execute workflow").
 */

const fs = require('node:fs');
const path = require('node:path');
const { randomUUID } = require('node:crypto');

const { core, workflowLib, Container, ensureRuntime, withLogCapture } = require('./runtime');
const { CredentialTypes, HarnessCredentialsHelper, testCredentialWith } = require('./credentials');

const { Workflow, NodeHelpers, createRunExecutionData } = workflowLib;

/**
 * @typedef {import('n8n-workflow').INode} INode
 * @typedef {import('n8n-workflow').INodeType} INodeType
 * @typedef {import('n8n-workflow').IVersionedNodeType} IVersionedNodeType
 * @typedef {import('n8n-workflow').ICredentialType} ICredentialType
 * @typedef {import('n8n-workflow').INodeExecutionData} INodeExecutionData
 * @typedef {import('n8n-workflow').IConnections} IConnections
 * @typedef {import('n8n-workflow').IRun} IRun
 * @typedef {import('n8n-workflow').IDataObject} IDataObject
 * @typedef {import('n8n-workflow').WorkflowExecuteMode} WorkflowExecuteMode
 * @typedef {import('./credentials').CredentialsStore} CredentialsStore
 *
 * @typedef {{ packageName: string, nodeTypes: Record<string, INodeType | IVersionedNodeType>,
 *             credentialTypes: Record<string, ICredentialType> }} PackageTypes
 *
 * @typedef {object} TypeOptions
 * @property {PackageTypes} [types] result of loadPackageTypes (takes precedence over packageRoot)
 * @property {string | null} [packageRoot] package to load; null = none. Default: repo root
 * @property {Record<string, INodeType | IVersionedNodeType | (new () => INodeType | IVersionedNodeType)>} [extraNodeTypes]
 * @property {Record<string, ICredentialType | (new () => ICredentialType)>} [extraCredentialTypes]
 */

const DEFAULT_PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/** @type {Map<string, Promise<PackageTypes>>} */
const packageCache = new Map();

/**
 * Loads a community-node package the way n8n does: n8n-core's PackageDirectoryLoader reads
 * package.json "n8n", requires each class, validates node descriptions and applies n8n's
 * fix-ups (e.g. `pollTimes` on polling nodes). Node types are keyed `<package>.<name>`.
 * @param {string} [packageRoot]
 * @returns {Promise<PackageTypes>}
 */
async function loadPackageTypes(packageRoot = DEFAULT_PACKAGE_ROOT) {
	ensureRuntime();
	const root = path.resolve(packageRoot);
	let cached = packageCache.get(root);
	if (!cached) {
		cached = (async () => {
			const { n8n } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
			for (const file of [...(n8n?.nodes ?? []), ...(n8n?.credentials ?? [])]) {
				if (!fs.existsSync(path.join(root, file))) {
					throw new Error(`harness: ${file} not found in ${root} (run the build first)`);
				}
			}
			const loader = new core.PackageDirectoryLoader(root);
			await loader.loadAll();
			/** @type {PackageTypes} */
			const types = { packageName: loader.packageName, nodeTypes: {}, credentialTypes: {} };
			for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
				types.nodeTypes[`${loader.packageName}.${name}`] = type;
			}
			for (const [name, { type }] of Object.entries(loader.credentialTypes)) {
				types.credentialTypes[name] = type;
			}
			return types;
		})();
		cached.catch(() => packageCache.delete(root));
		packageCache.set(root, cached);
	}
	return await cached;
}

// ---------------------------------------------------------------------------------------
// Built-in stand-ins for n8n-nodes-base nodes the test workflows need.

/**
 * Manual trigger. In 'manual' mode WorkflowExecute calls trigger() and awaits the items it
 * emits (like n8n's ManualTrigger); in other modes a trigger just passes on the input data
 * the harness puts on the execution stack (also `inputItems`).
 * @param {INodeExecutionData[]} inputItems
 * @returns {INodeType}
 */
function createManualTrigger(inputItems) {
	return {
		description: {
			displayName: 'Manual Trigger',
			name: 'manualTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Runs the flow on clicking a button in n8n',
			maxNodes: 1,
			defaults: { name: "When clicking 'Execute workflow'" },
			inputs: [],
			outputs: [/** @type {any} */ ('main')],
			properties: [],
		},
		async trigger() {
			return {
				manualTriggerFunction: async () => {
					this.emit([structuredClone(inputItems)]);
				},
			};
		},
	};
}

/** @type {INodeType} */
const noOpNode = {
	description: {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: [/** @type {any} */ ('main')],
		outputs: [/** @type {any} */ ('main')],
		properties: [],
	},
	async execute() {
		return [this.getInputData()];
	},
};

// ---------------------------------------------------------------------------------------

/** INodeTypes over a plain map of full type name -> node type. */
class HarnessNodeTypes {
	/** @param {Record<string, INodeType | IVersionedNodeType>} types */
	constructor(types) {
		this.types = types;
	}

	/** @param {string} type */
	getByName(type) {
		const nodeType = this.types[type];
		if (!nodeType) {
			const dot = type.lastIndexOf('.');
			throw new core.UnrecognizedNodeTypeError(type.slice(0, dot), type.slice(dot + 1));
		}
		return nodeType;
	}

	/** @param {string} type @param {number} [version] */
	getByNameAndVersion(type, version) {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes() {
		return Object.fromEntries(
			Object.keys(this.types).map((t) => [t, { className: t, sourcePath: '' }]),
		);
	}
}

/**
 * @template T
 * @param {Record<string, T | (new () => T)> | undefined} extra
 * @returns {Record<string, T>}
 */
function instantiate(extra) {
	return Object.fromEntries(
		Object.entries(extra ?? {}).map(([name, t]) => [
			name,
			typeof t === 'function' ? new /** @type {any} */ (t)() : t,
		]),
	);
}

/**
 * Registries and credentials helper for one run.
 * @param {TypeOptions & { credentials?: CredentialsStore, inputItems?: INodeExecutionData[] }} opts
 */
async function prepare(opts) {
	ensureRuntime();
	const types =
		opts.types ??
		(opts.packageRoot === null
			? { packageName: '', nodeTypes: {}, credentialTypes: {} }
			: await loadPackageTypes(opts.packageRoot ?? DEFAULT_PACKAGE_ROOT));
	/** @type {Record<string, INodeType | IVersionedNodeType>} */
	const nodeTypeMap = {
		'n8n-nodes-base.manualTrigger': createManualTrigger(opts.inputItems ?? [{ json: {} }]),
		'n8n-nodes-base.noOp': noOpNode,
		...types.nodeTypes,
		...instantiate(opts.extraNodeTypes),
	};
	const nodeTypes = new HarnessNodeTypes(nodeTypeMap);
	const credentialTypes = new CredentialTypes(
		{ ...types.credentialTypes, ...instantiate(opts.extraCredentialTypes) },
		() => nodeTypeMap,
	);
	// Deep copy: preAuthentication may "persist" refreshed tokens into the store.
	const credentialsHelper = new HarnessCredentialsHelper(
		credentialTypes,
		structuredClone(opts.credentials ?? {}),
	);
	return { nodeTypeMap, nodeTypes, credentialTypes, credentialsHelper };
}

/**
 * IWorkflowExecuteAdditionalData: what the CLI's WorkflowExecuteAdditionalData.getBase()
 * provides, minus the server (sub-workflows, task runners and AI logging throw / no-op).
 * @param {object} args
 * @param {HarnessCredentialsHelper} args.credentialsHelper
 * @param {InstanceType<typeof core.ExecutionLifecycleHooks>} [args.hooks]
 * @param {string} [args.executionId]
 * @param {string} [args.workflowId]
 * @param {import('n8n-workflow').IWorkflowSettings} [args.workflowSettings]
 * @returns {import('n8n-workflow').IWorkflowExecuteAdditionalData}
 */
function buildAdditionalData({
	credentialsHelper,
	hooks,
	executionId,
	workflowId,
	workflowSettings,
}) {
	const base = 'http://localhost:5678';
	const unsupported = (/** @type {string} */ what) => async () => {
		throw new workflowLib.UnexpectedError(`harness: ${what} is not supported`);
	};
	return /** @type {any} */ ({
		credentialsHelper,
		hooks,
		executionId,
		workflowId,
		workflowSettings,
		userId: 'harness-user',
		projectId: 'harness-project',
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		externalSecretsProxy: new core.ExternalSecretsProxy(),
		executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
		startRunnerTask: unsupported('startRunnerTask (Code node task runner)'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
	});
}

/**
 * Fill what the editor always stores (id, position, typeVersion) and copy the nodes, so
 * n8n's in-place changes (parameter defaults) never touch the caller's objects.
 * @param {Array<Partial<INode> & { name: string, type: string }>} nodes
 * @param {HarnessNodeTypes} nodeTypes
 * @returns {INode[]}
 */
function normalizeNodes(nodes, nodeTypes) {
	return nodes.map((n, i) => {
		const node = structuredClone(n);
		if (node.typeVersion === undefined) {
			const type = nodeTypes.getByName(node.type);
			const version = 'nodeVersions' in type ? type.currentVersion : type.description.version;
			node.typeVersion = Array.isArray(version) ? Math.max(...version) : version;
		}
		return /** @type {INode} */ ({
			id: `node-${i}-${node.name.replace(/\W+/g, '-')}`,
			position: [i * 200, 0],
			parameters: {},
			...node,
		});
	});
}

/** Static data as plain JSON (Workflow keeps it in an ObservableObject proxy). @param {import('n8n-workflow').Workflow} workflow @returns {IDataObject} */
function plainStaticData(workflow) {
	return JSON.parse(JSON.stringify(workflow.staticData));
}

/**
 * @param {IRun} run
 */
function summarize(run) {
	const { runData, lastNodeExecuted, error } = run.data.resultData;
	/** @type {Record<string, INodeExecutionData[][]>} */
	const items = {};
	for (const [name, tasks] of Object.entries(runData)) {
		const last = tasks[tasks.length - 1];
		items[name] = /** @type {INodeExecutionData[][]} */ (last?.data?.main ?? []).map(
			(o) => o ?? [],
		);
	}
	return {
		status: run.status,
		items,
		lastNodeItems: lastNodeExecuted ? (items[lastNodeExecuted]?.[0] ?? []) : [],
		error,
		runData,
		run,
	};
}

/**
 * Runs a workflow with n8n-core's WorkflowExecute.
 * @param {TypeOptions & {
 *   nodes: Array<Partial<INode> & { name: string, type: string }>,
 *   connections: IConnections,
 *   credentials?: CredentialsStore,
 *   timezone?: string,
 *   settings?: import('n8n-workflow').IWorkflowSettings,
 *   inputItems?: INodeExecutionData[],
 *   startNode?: string,
 *   mode?: WorkflowExecuteMode,
 *   staticData?: IDataObject,
 *   pinData?: import('n8n-workflow').IPinData,
 * }} opts
 */
async function runWorkflow(opts) {
	ensureRuntime();
	const { value, logs } = await withLogCapture(async () => {
		const { nodeTypes, credentialsHelper } = await prepare(opts);
		const mode = opts.mode ?? 'manual';
		const settings = workflowSettings(opts.timezone, opts.settings);
		const nodes = normalizeNodes(opts.nodes, nodeTypes);
		const workflowId = 'harness-workflow';
		const workflow = new Workflow({
			id: workflowId,
			name: 'Harness workflow',
			nodes,
			connections: opts.connections,
			active: false,
			nodeTypes,
			settings,
			staticData: structuredClone(opts.staticData ?? {}),
			pinData: opts.pinData,
		});
		const executionId = randomUUID();
		const hooks = new core.ExecutionLifecycleHooks(mode, executionId, {
			id: workflowId,
			name: workflow.name ?? '',
			active: false,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes,
			connections: opts.connections,
			settings,
		});
		const additionalData = buildAdditionalData({
			credentialsHelper,
			hooks,
			executionId,
			workflowId,
			workflowSettings: settings,
		});

		const startNode = opts.startNode ? workflow.getNode(opts.startNode) : workflow.getStartNode();
		if (!startNode)
			throw new Error(
				`harness: no start node found${opts.startNode ? ` (${opts.startNode})` : ''}`,
			);
		// Same shape as WorkflowExecute.run(): the start node is the only entry on the stack;
		// its input is `inputItems` (used as-is unless it is a trigger running in manual mode).
		const runExecutionData = createRunExecutionData({
			resultData: { runData: {}, pinData: opts.pinData },
			executionData: {
				nodeExecutionStack: [
					{
						node: startNode,
						data: { main: [structuredClone(opts.inputItems ?? [{ json: {} }])] },
						source: null,
					},
				],
			},
		});
		const workflowExecute = new core.WorkflowExecute(additionalData, mode, runExecutionData);
		const run = await workflowExecute.processRunExecutionData(workflow);
		return {
			...summarize(run),
			// What n8n gives every node of this execution as getExecutionCancelSignal().
			executionSignal: /** @type {{ abortController: AbortController }} */ (
				/** @type {unknown} */ (workflowExecute)
			).abortController.signal,
			staticData: plainStaticData(workflow),
			credentialDecryptions: credentialsHelper.decryptions,
		};
	});
	return { ...value, logs };
}

/**
 * Settings as n8n gives a new workflow, with the run's time zone.
 * @param {string | undefined} timezone @param {import('n8n-workflow').IWorkflowSettings} [extra]
 */
function workflowSettings(timezone, extra) {
	return {
		executionOrder: /** @type {const} */ ('v1'),
		...(timezone ? { timezone } : {}),
		...extra,
	};
}

/**
 * A workflow of the one node under test (a trigger to poll, a node whose list is searched).
 * @param {{ node: Partial<INode> & { name: string, type: string }, timezone?: string }} opts
 * @param {Awaited<ReturnType<typeof prepare>>} prepared
 * @param {{ active: boolean, staticData?: IDataObject }} state
 */
function oneNodeWorkflow(opts, { nodeTypes, credentialsHelper }, { active, staticData }) {
	const [node] = normalizeNodes([opts.node], nodeTypes);
	const settings = workflowSettings(opts.timezone);
	const workflow = new Workflow({
		id: 'harness-workflow',
		name: 'Harness workflow',
		nodes: [node],
		connections: {},
		active,
		nodeTypes,
		settings,
		staticData,
	});
	const additionalData = buildAdditionalData({
		credentialsHelper,
		workflowId: workflow.id,
		workflowSettings: settings,
	});
	return { node, workflow, additionalData };
}

/**
 * One production poll tick of a polling trigger, through n8n-core's PollTriggerExecutor
 * (what ActiveWorkflows schedules for an active workflow): PollContext in 'trigger' mode,
 * TriggersAndPollers.runPollFunction, emit on non-null result, errors to __emitError.
 * `staticData` is the workflow static data (the node's lives under `node:<name>`); the
 * returned `staticData` is its state after the poll, to feed into the next call.
 * @param {TypeOptions & {
 *   node: Partial<INode> & { name: string, type: string },
 *   credentials?: CredentialsStore,
 *   staticData?: IDataObject,
 *   timezone?: string,
 *   activation?: import('n8n-workflow').WorkflowActivateMode,
 *   mode?: WorkflowExecuteMode,
 * }} opts
 * @returns {Promise<{ emitted: INodeExecutionData[][] | null, error: Error | undefined,
 *   staticData: IDataObject, staticDataChanged: boolean, logs: string[] }>}
 */
async function runPoll(opts) {
	ensureRuntime();
	const { value, logs } = await withLogCapture(async () => {
		const { node, workflow, additionalData } = oneNodeWorkflow(opts, await prepare(opts), {
			active: true,
			staticData: structuredClone(opts.staticData ?? {}),
		});
		/** @type {INodeExecutionData[][] | null} */
		let emitted = null;
		/** @type {Error | undefined} */
		let error;
		const pollFunctions = new core.PollContext(
			workflow,
			node,
			additionalData,
			opts.mode ?? 'trigger',
			opts.activation ?? 'activate',
			(data) => {
				emitted = data;
			},
			(e) => {
				error = e;
			},
		);
		const execute = Container.get(core.PollTriggerExecutor).create(
			workflow,
			node,
			pollFunctions,
			() => true,
		);
		await execute(false);
		// workflow.staticData is an ObservableObject (a Proxy) that sets the non-enumerable
		// `__dataChanged` when the node writes to it; the CLI saves static data only then.
		const staticDataChanged = workflow.staticData.__dataChanged === true;
		return { emitted, error, staticData: plainStaticData(workflow), staticDataChanged };
	});
	return { ...value, logs };
}

/**
 * The credential "Test" button: see credentials.js testCredentialWith.
 * @param {TypeOptions & { credentialType: string, data: import('n8n-workflow').ICredentialDataDecryptedObject }} opts
 * @returns {Promise<import('n8n-workflow').INodeCredentialTestResult & { logs: string[] }>}
 */
async function testCredential(opts) {
	ensureRuntime();
	const { value, logs } = await withLogCapture(async () => {
		const { nodeTypeMap, credentialTypes, credentialsHelper } = await prepare(opts);
		const additionalData = buildAdditionalData({ credentialsHelper });
		return await testCredentialWith({
			credentialTypes,
			nodeTypes: nodeTypeMap,
			credentialsHelper,
			additionalData,
			credentialType: opts.credentialType,
			data: opts.data,
		});
	});
	return { ...value, logs };
}

/**
 * A searchable list of a resource locator, as the editor asks for it (the CLI's
 * DynamicNodeParametersService.getResourceLocatorResults): a LoadOptionsContext on the node,
 * then `methods.listSearch[method]`.
 * @param {TypeOptions & { node: Partial<INode> & { name: string, type: string }, method: string,
 *   filter?: string, paginationToken?: string, credentials?: CredentialsStore, timezone?: string }} opts
 * @returns {Promise<{ result: import('n8n-workflow').INodeListSearchResult | undefined, error: Error | undefined, logs: string[] }>}
 */
async function runListSearch(opts) {
	ensureRuntime();
	const { value, logs } = await withLogCapture(async () => {
		const prepared = await prepare(opts);
		const { nodeTypes } = prepared;
		const { node, workflow, additionalData } = oneNodeWorkflow(opts, prepared, { active: false });
		// The editor sends the node's parameters as they stand with each search.
		additionalData.currentNodeParameters = node.parameters;
		const context = new core.LoadOptionsContext(workflow, node, additionalData, 'parameters');
		const nodeType = /** @type {INodeType} */ (
			nodeTypes.getByNameAndVersion(node.type, node.typeVersion)
		);
		const search = nodeType.methods?.listSearch?.[opts.method];
		if (!search) throw new Error(`node ${node.type} has no listSearch method ${opts.method}`);
		try {
			return {
				result: await search.call(context, opts.filter, opts.paginationToken),
				error: undefined,
			};
		} catch (error) {
			return { result: undefined, error: /** @type {Error} */ (error) };
		}
	});
	return { ...value, logs };
}

module.exports = {
	loadPackageTypes,
	runWorkflow,
	runPoll,
	runListSearch,
	testCredential,
	// lower-level pieces, for tests that need them
	buildAdditionalData,
	HarnessNodeTypes,
	CredentialTypes,
	HarnessCredentialsHelper,
	DEFAULT_PACKAGE_ROOT,
};
