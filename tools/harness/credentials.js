// @ts-check
'use strict';

/**
 * Credentials as n8n applies them, without the CLI's database:
 *
 * - `CredentialTypes`: registry by name, with `extends` (parent types) and the node types
 *   that list each credential (`supportedNodes`), like the CLI's CredentialTypes.
 * - `HarnessCredentialsHelper`: an `ICredentialsHelper` reproducing packages/cli/src/
 *   credentials-helper.ts: `getDecrypted` looks the data up by type and id (instead of
 *   decrypting a DB row), then applies property defaults and resolves `={{ }}` expressions
 *   in credential fields (CLI `applyDefaultsAndOverwrites`, minus overwrites, external
 *   secrets and dynamic credentials); `authenticate` supports function-style and
 *   `{ type: 'generic' }` authenticate (expressions resolved against `$credentials`);
 *   `preAuthentication` refreshes an `expirable` hidden property and stores it in memory.
 * - `testCredential`: packages/cli/src/services/credentials-tester.service.ts, using
 *   n8n-core's RoutingNode + ExecuteContext (both exported by n8n-core) to send the
 *   credential's `test.request` through `httpRequestWithAuthentication`.
 */

const { core, workflowLib, coreRequire } = require('./runtime');

const lodashGet = coreRequire('lodash/get');

const {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	UnexpectedError,
	isExpression,
	createRunExecutionData,
} = workflowLib;

/**
 * @typedef {import('n8n-workflow').ICredentialType} ICredentialType
 * @typedef {import('n8n-workflow').ICredentialDataDecryptedObject} ICredentialDataDecryptedObject
 * @typedef {import('n8n-workflow').INodeProperties} INodeProperties
 * @typedef {import('n8n-workflow').INode} INode
 * @typedef {import('n8n-workflow').INodeType} INodeType
 * @typedef {import('n8n-workflow').INodeTypes} INodeTypes
 * @typedef {import('n8n-workflow').IHttpRequestOptions} IHttpRequestOptions
 * @typedef {import('n8n-workflow').IWorkflowExecuteAdditionalData} IWorkflowExecuteAdditionalData
 * @typedef {import('n8n-workflow').INodeCredentialTestResult} INodeCredentialTestResult
 * @typedef {Record<string, Record<string, ICredentialDataDecryptedObject>>} CredentialsStore
 *   decrypted data by credential type, then by credential id
 */

class CredentialTypes {
	/**
	 * @param {Record<string, ICredentialType>} types by credential name
	 * @param {() => Record<string, import('n8n-workflow').INodeType | import('n8n-workflow').IVersionedNodeType>} getNodeTypes
	 */
	constructor(types, getNodeTypes) {
		this.types = types;
		this.getNodeTypes = getNodeTypes;
	}

	/** @param {string} name */
	recognizes(name) {
		return name in this.types;
	}

	/** @param {string} name @returns {ICredentialType} */
	getByName(name) {
		const type = this.types[name];
		if (!type) throw new core.UnrecognizedCredentialTypeError(name);
		return type;
	}

	/** @param {string} name @returns {string[]} */
	getParentTypes(name) {
		const ext = this.types[name]?.extends ?? [];
		return ext.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	/** Full node type names whose description lists this credential. @param {string} name */
	getSupportedNodes(name) {
		const result = [];
		for (const [typeName, nodeType] of Object.entries(this.getNodeTypes())) {
			const versions =
				'nodeVersions' in nodeType ? Object.values(nodeType.nodeVersions) : [nodeType];
			if (versions.some((v) => (v.description.credentials ?? []).some((c) => c.name === name))) {
				result.push(typeName);
			}
		}
		return result;
	}
}

/** Placeholder node/workflow used to resolve expressions that have no node context (CLI does the same). */
const mockNode = /** @type {INode} */ ({
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
});
/** @type {INodeTypes} */
const mockNodeTypes = {
	getByName: () => /** @type {any} */ ({ description: { properties: [] } }),
	getByNameAndVersion: () => /** @type {any} */ ({ description: { properties: [] } }),
	getKnownTypes: () => ({}),
};

class HarnessCredentialsHelper extends ICredentialsHelper {
	/**
	 * @param {CredentialTypes} credentialTypes
	 * @param {CredentialsStore} store mutated by updateCredentials (e.g. preAuthentication tokens)
	 */
	constructor(credentialTypes, store) {
		super();
		this.credentialTypes = credentialTypes;
		this.store = store;
		/** Calls of getDecrypted so far. */
		this.decryptions = 0;
	}

	/**
	 * @param {ICredentialDataDecryptedObject} credentials
	 * @param {string} typeName
	 * @param {any} requestOptions IHttpRequestOptions | IRequestOptionsSimplified
	 * @param {import('n8n-workflow').Workflow} [workflow]
	 * @param {INode} [node]
	 * @returns {Promise<IHttpRequestOptions>}
	 */
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (!workflow || !node) {
			throw new UnexpectedError(
				'Workflow and node are required for declarative credential authentication',
			);
		}
		requestOptions.headers ??= {};
		if (authenticate.type === 'generic') {
			// properties: { headers | qs | body | auth: { key: value-or-expression } }
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue ?? {})) {
					const keyResolved = this.resolveValue(key, { $credentials: credentials }, workflow, node);
					const valueResolved = this.resolveValue(
						value,
						{ $credentials: credentials },
						workflow,
						node,
					);
					requestOptions[outerKey] ??= {};
					requestOptions[outerKey][keyResolved] = valueResolved;
				}
			}
		}
		return requestOptions;
	}

	/**
	 * CLI semantics: `={{$credentials.x}}` evaluated with the workflow's expression engine.
	 * @param {unknown} value
	 * @param {import('n8n-workflow').IWorkflowDataProxyAdditionalKeys} additionalKeys
	 * @param {import('n8n-workflow').Workflow} workflow
	 * @param {INode} node
	 * @returns {string}
	 */
	resolveValue(value, additionalKeys, workflow, node) {
		if (!isExpression(value)) return /** @type {string} */ (value);
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			/** @type {string} */ (value),
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		return resolved ? resolved.toString() : '';
	}

	/**
	 * Called before every authenticated request; runs the credential's preAuthentication when
	 * its `expirable` hidden property is empty, expired (after a 401) or when testing.
	 * @param {import('n8n-workflow').IHttpRequestHelper} helpers
	 * @param {ICredentialDataDecryptedObject} credentials
	 * @param {string} typeName
	 * @param {INode} node
	 * @param {boolean} credentialsExpired
	 */
	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirable = credentialType.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (expirable?.name === undefined || typeof credentialType.preAuthentication !== 'function') {
			return undefined;
		}
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] === '' || credentialsExpired || isTestingCredentials) {
			const output = await credentialType.preAuthentication.call(helpers, credentials);
			if (output[expirable.name] === undefined) return undefined;
			const nodeCredentials = node.credentials?.[credentialType.name];
			if (nodeCredentials) {
				const stored = this.lookup(nodeCredentials, credentialType.name);
				await this.updateCredentials(
					nodeCredentials,
					credentialType.name,
					/** @type {ICredentialDataDecryptedObject} */ ({ ...stored, ...output }),
				);
				return Object.assign(credentials, output);
			}
		}
		return undefined;
	}

	/**
	 * @param {import('n8n-workflow').IHttpRequestHelper} helpers
	 * @param {ICredentialDataDecryptedObject} credentials
	 * @param {string} typeName
	 * @returns {Promise<ICredentialDataDecryptedObject | undefined>}
	 */
	async runPreAuthentication(helpers, credentials, typeName) {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		return /** @type {ICredentialDataDecryptedObject | undefined} */ (output ?? undefined);
	}

	/** @param {string} name */
	getParentTypes(name) {
		return this.credentialTypes.getParentTypes(name);
	}

	/** @param {string} credentialType @param {string} nodeType */
	isCredentialUsableByNode(credentialType, nodeType) {
		if (!this.credentialTypes.recognizes(credentialType)) return true;
		const typeDef = this.credentialTypes.getByName(credentialType);
		if (!typeDef.restrictToSupportedNodes) return true;
		return this.credentialTypes.getSupportedNodes(credentialType).includes(nodeType);
	}

	/** Own properties plus those of `extends` parents (the parents' take lower precedence). @param {string} type @returns {INodeProperties[]} */
	getCredentialsProperties(type) {
		const typeData = this.credentialTypes.getByName(type);
		if (typeData.extends === undefined) return typeData.properties;
		/** @type {INodeProperties[]} */
		const combined = [];
		for (const parent of typeData.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, typeData.properties);
		return combined;
	}

	/**
	 * @param {import('n8n-workflow').INodeCredentialsDetails} nodeCredentials
	 * @param {string} type
	 * @returns {ICredentialDataDecryptedObject}
	 */
	lookup(nodeCredentials, type) {
		if (!nodeCredentials.id) {
			throw new workflowLib.UserError(
				`Credential "${nodeCredentials.name}" of type "${type}" has no ID`,
			);
		}
		const data = this.store[type]?.[nodeCredentials.id];
		if (data === undefined) {
			// Same wording as the CLI's CredentialNotFoundError.
			throw new workflowLib.UserError(
				`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`,
			);
		}
		return data;
	}

	/**
	 * @param {import('n8n-workflow').INodeCredentialsDetails} nodeCredentials
	 * @param {string} type
	 */
	async getCredentials(nodeCredentials, type) {
		const data = this.lookup(nodeCredentials, type);
		const credentials = new core.Credentials(
			{ id: nodeCredentials.id, name: nodeCredentials.name },
			type,
		);
		credentials.setData(data);
		return credentials;
	}

	/**
	 * Returns a fresh copy each call (the CLI decrypts a DB row each time, so node code can
	 * never mutate stored data through it).
	 * @param {IWorkflowExecuteAdditionalData} additionalData
	 * @param {import('n8n-workflow').INodeCredentialsDetails} nodeCredentials
	 * @param {string} type
	 * @param {import('n8n-workflow').WorkflowExecuteMode} mode
	 * @param {import('n8n-workflow').IExecuteData} [executeData]
	 * @param {boolean} [raw]
	 * @param {import('n8n-workflow').ICredentialsExpressionResolveValues} [expressionResolveValues]
	 */
	async getDecrypted(
		additionalData,
		nodeCredentials,
		type,
		mode,
		executeData,
		raw,
		expressionResolveValues,
	) {
		// Each call is a decryption in n8n (a key derivation and AES-GCM): counted for tests.
		this.decryptions++;
		const data = structuredClone(this.lookup(nodeCredentials, type));
		if (raw === true) return data;
		return await this.applyDefaultsAndOverwrites(
			additionalData,
			data,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/**
	 * CLI `applyDefaultsAndOverwrites` without overwrites: fill defaults of the credential's
	 * properties, then resolve expressions in field values.
	 * @param {IWorkflowExecuteAdditionalData} additionalData
	 * @param {ICredentialDataDecryptedObject} original
	 * @param {string} type
	 * @param {import('n8n-workflow').WorkflowExecuteMode} mode
	 * @param {import('n8n-workflow').IExecuteData} [executeData]
	 * @param {import('n8n-workflow').ICredentialsExpressionResolveValues} [expressionResolveValues]
	 * @returns {Promise<ICredentialDataDecryptedObject>}
	 */
	async applyDefaultsAndOverwrites(
		additionalData,
		original,
		type,
		mode,
		executeData,
		expressionResolveValues,
	) {
		const properties = this.getCredentialsProperties(type);
		let data = /** @type {ICredentialDataDecryptedObject} */ (
			NodeHelpers.getNodeParameters(
				properties,
				/** @type {any} */ (original),
				true,
				false,
				null,
				null,
			)
		);
		// Not declared as properties, but kept by the CLI.
		for (const key of ['oauthTokenData', 'allowedHttpRequestDomains', 'allowedDomains']) {
			if (data[key] === undefined && original[key] !== undefined) data[key] = original[key];
		}
		const additionalKeys = core.getAdditionalKeys(additionalData, mode, null, {
			isCredential: true,
		});
		if (expressionResolveValues) {
			try {
				data = /** @type {ICredentialDataDecryptedObject} */ (
					expressionResolveValues.workflow.expression.getParameterValue(
						/** @type {any} */ (data),
						expressionResolveValues.runExecutionData,
						expressionResolveValues.runIndex,
						expressionResolveValues.itemIndex,
						expressionResolveValues.node.name,
						expressionResolveValues.connectionInputData,
						mode,
						additionalKeys,
						executeData,
						false,
						data,
					)
				);
			} catch (e) {
				/** @type {Error} */ (e).message += ' [Error resolving credentials]';
				throw e;
			}
		} else {
			const workflow = new Workflow({
				nodes: [mockNode],
				connections: {},
				active: false,
				nodeTypes: mockNodeTypes,
			});
			data = /** @type {ICredentialDataDecryptedObject} */ (
				workflow.expression.getComplexParameterValue(
					mockNode,
					/** @type {any} */ (data),
					mode,
					additionalKeys,
					undefined,
					undefined,
					data,
				)
			);
		}
		return data;
	}

	/**
	 * @param {import('n8n-workflow').INodeCredentialsDetails} nodeCredentials
	 * @param {string} type
	 * @param {ICredentialDataDecryptedObject} data
	 */
	async updateCredentials(nodeCredentials, type, data) {
		if (!nodeCredentials.id) return;
		(this.store[type] ??= {})[nodeCredentials.id] = structuredClone(data);
	}

	/**
	 * @param {import('n8n-workflow').INodeCredentialsDetails} nodeCredentials
	 * @param {string} type
	 * @param {ICredentialDataDecryptedObject} data
	 */
	async updateCredentialsOauthTokenData(nodeCredentials, type, data) {
		const stored = this.lookup(nodeCredentials, type);
		await this.updateCredentials(nodeCredentials, type, {
			...stored,
			oauthTokenData: data.oauthTokenData,
		});
	}
}

/** The node type the CLI uses for credential `test` requests (n8n-nodes-base.noOp). */
const noOpDescription = /** @type {import('n8n-workflow').INodeTypeDescription} */ ({
	displayName: 'No Operation, do nothing',
	name: 'n8n-nodes-base.noOp',
	group: ['organization'],
	version: 1,
	description: 'No Operation',
	defaults: { name: 'No Operation, do nothing' },
	inputs: ['main'],
	outputs: ['main'],
	properties: [],
});

/**
 * What n8n's credential "Test" button does (CredentialsTester.testCredentials), for a
 * credential with `test: ICredentialTestRequest`, or a node `credentials[].testedBy`
 * (request object or `methods.credentialTest` function).
 *
 * @param {object} args
 * @param {CredentialTypes} args.credentialTypes
 * @param {Record<string, any>} args.nodeTypes full type name -> node type instance
 * @param {HarnessCredentialsHelper} args.credentialsHelper
 * @param {IWorkflowExecuteAdditionalData} args.additionalData
 * @param {string} args.credentialType
 * @param {ICredentialDataDecryptedObject} args.data
 * @returns {Promise<INodeCredentialTestResult>}
 */
async function testCredentialWith({
	credentialTypes,
	nodeTypes,
	credentialsHelper,
	additionalData,
	credentialType,
	data,
}) {
	const logger = require('./runtime').captureLogger;
	/** @type {{ nodeType?: INodeType, testRequest: import('n8n-workflow').ICredentialTestRequest } | Function | undefined} */
	let testFunction;
	const type = credentialTypes.getByName(credentialType);
	if (type.test) {
		testFunction = { testRequest: type.test };
	} else {
		for (const typeName of credentialTypes.getSupportedNodes(credentialType)) {
			const node = nodeTypes[typeName];
			const versions = 'nodeVersions' in node ? Object.values(node.nodeVersions).reverse() : [node];
			for (const nodeType of versions) {
				const ref = (nodeType.description.credentials ?? []).find(
					(/** @type {any} */ c) => c.name === credentialType && c.testedBy,
				);
				if (!ref) continue;
				testFunction =
					typeof ref.testedBy === 'string'
						? nodeType.methods?.credentialTest?.[ref.testedBy]
						: { nodeType, testRequest: ref.testedBy };
				if (testFunction) break;
			}
			if (testFunction) break;
		}
	}
	if (testFunction === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	/** @type {import('n8n-workflow').ICredentialsDecrypted} */
	const credentialsDecrypted = {
		id: 'credential-test',
		name: 'Credential test',
		type: credentialType,
		data,
	};
	try {
		credentialsDecrypted.data = await credentialsHelper.applyDefaultsAndOverwrites(
			additionalData,
			data,
			credentialType,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: String(/** @type {Error} */ (error).message) };
	}

	if (typeof testFunction === 'function') {
		const context = new core.CredentialTestContext(additionalData);
		return await testFunction.call(context, credentialsDecrypted);
	}

	// A throwaway workflow with one node whose single property routes the test request,
	// executed by n8n-core's RoutingNode (declarative-node engine) like the CLI does.
	const baseDescription = testFunction.nodeType?.description ?? noOpDescription;
	const nodeTypeCopy = /** @type {INodeType} */ ({
		description: {
			...baseDescription,
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testFunction.testRequest.request },
					default: '',
				},
			],
		},
	});
	const version = baseDescription.version;
	/** @type {INode} */
	const node = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: baseDescription.name,
		typeVersion: Array.isArray(version) ? version[version.length - 1] : version,
		position: [0, 0],
		credentials: {
			[credentialType]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name },
		},
	};
	/** @type {INodeTypes} */
	const singleNodeTypes = {
		getByName: () => nodeTypeCopy,
		getByNameAndVersion: () => nodeTypeCopy,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: singleNodeTypes,
	});
	const executeFunctions = new core.ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData({ resultData: { runData: {} } }),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new core.RoutingNode(executeFunctions, nodeTypeCopy, credentialsDecrypted);
	const rules = testFunction.testRequest.rules;

	/** @type {import('n8n-workflow').INodeExecutionData[][] | null | undefined} */
	let response;
	try {
		response = await routingNode.runNode();
	} catch (e) {
		const error = /** @type {any} */ (e);
		if (error.cause?.response) {
			const statusCode = error.cause.response.status;
			const statusMessage = error.cause.response.statusText;
			for (const rule of rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: statusMessage || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		logger.debug('Credential test failed', error);
		return { status: 'Error', message: String(error.message) };
	}

	for (const rule of Array.isArray(rules) ? rules : []) {
		if (rule.type === 'responseSuccessBody') {
			const json = response?.[0]?.[0]?.json;
			if (lodashGet(json, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

module.exports = { CredentialTypes, HarnessCredentialsHelper, testCredentialWith };
