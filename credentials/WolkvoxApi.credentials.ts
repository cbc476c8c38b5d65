import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import {
	loopbackRoute,
	resolveConnection,
	wolkvoxHeaders,
} from '../nodes/shared/wolkvox/api/server';

export class WolkvoxApi implements ICredentialType {
	name = 'wolkvoxApi';

	displayName = 'Wolkvox API';

	icon: Icon = { light: 'file:../icons/wolkvox.svg', dark: 'file:../icons/wolkvox.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-wolkvox/n8n-nodes-wolkvox#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Server',
			name: 'server',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 0042',
			description:
				'The digits of your Wolkvox address: for https://wv0042.wolkvox.com enter 0042. Pasting wv0042, wv0042.wolkvox.com or the whole address also works.',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The API token of the operation, from Wolkvox Manager (Configuration > API token)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://wv0042.wolkvox.com',
			description:
				'Advanced: leave empty to call https://wv<Server>.wolkvox.com. Set https://host[:port][/path] only to go through an API gateway or a proxy; http:// is accepted for this machine (localhost, 127.0.0.1, [::1]) only, e.g. a local simulator.',
		},
		{
			displayName: 'Allow Plain HTTP (Token Unencrypted)',
			name: 'allowPlainHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether to accept an http:// "Base URL" on another machine. The token then crosses the network unencrypted, readable by anyone on the way: turn on only for a gateway on a network you trust.',
		},
	];

	/**
	 * A function rather than a header template: the host is built here from the checked server id
	 * (or checked base URL), so the token is only ever sent to the Wolkvox host, and plain http to
	 * this machine never goes through a proxy (see loopbackRoute).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const connection = resolveConnection(credentials);
		if (!requestOptions.url.startsWith('/')) {
			throw new Error('Wolkvox requests must use a path on the Wolkvox host');
		}
		const proxy = loopbackRoute(connection.baseUrl);
		return {
			...requestOptions,
			baseURL: connection.baseUrl,
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
			...(proxy ? { proxy } : {}),
			headers: { ...requestOptions.headers, ...wolkvoxHeaders(connection) },
		};
	}
}
