import { describeValue, WolkvoxInputError } from './errors';

/**
 * Where a Wolkvox operation lives. The host is only ever built from a checked server id, or from a
 * checked base URL override; nothing else a user types reaches a URL.
 */

const SERVER_FORMS =
	'Use the digits of your Wolkvox address: for wv0042.wolkvox.com enter 0042 (wv0042, wv0042.wolkvox.com or https://wv0042.wolkvox.com also work).';

const BARE_SERVER = /^(?:wv)?([0-9]{1,6})$/i;
const SERVER_URL = /^(?:https?:\/\/)?wv([0-9]{1,6})\.wolkvox\.com(?:[/?#][^\s]*)?$/i;

/** The server id ("0042") from any of the forms users paste, or a WolkvoxInputError. */
export function parseServerId(input: unknown): string {
	const text =
		typeof input === 'string' ? input.trim() : typeof input === 'number' ? String(input) : '';
	const match = BARE_SERVER.exec(text) ?? SERVER_URL.exec(text);
	if (!match) {
		const shown = text === '' ? 'is empty' : `${describeValue(input)} is not a Wolkvox server`;
		throw new WolkvoxInputError('server', `Server ${shown}`, SERVER_FORMS);
	}
	return match[1];
}

const BASE_URL =
	/^(https?):\/\/([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::([0-9]{1,5}))?((?:\/[a-z0-9._~!$&'()*+,;=:@%-]*)*)$/i;

/** A checked base URL override (`http(s)://host[:port][/path]`, no trailing slash), or undefined when empty. */
export function parseBaseUrl(input: unknown): string | undefined {
	const text = typeof input === 'string' ? input.trim() : '';
	if (text === '' && (input === undefined || input === null || typeof input === 'string'))
		return undefined;
	const match = BASE_URL.exec(text);
	const port = match?.[3] === undefined ? undefined : Number(match[3]);
	if (!match || (port !== undefined && (port < 1 || port > 65535))) {
		throw new WolkvoxInputError(
			'baseUrl',
			`Base URL ${describeValue(input)} is not a valid http(s) address`,
			'Leave it empty to use https://wv<server>.wolkvox.com, or enter http(s)://host[:port][/path] of your gateway, proxy or simulator (no query, no user name).',
		);
	}
	return text.replace(/\/+$/, '');
}

const HEADER_SAFE_TOKEN = /^[\x21-\x7e]+$/;

/** The token, checked to be sendable as a header. Messages never repeat it. */
export function parseToken(input: unknown): string {
	const token = typeof input === 'string' ? input.trim() : '';
	if (token === '')
		throw new WolkvoxInputError(
			'token',
			'Token is empty',
			'Paste the API token from Wolkvox Manager.',
		);
	if (!HEADER_SAFE_TOKEN.test(token)) {
		throw new WolkvoxInputError(
			'token',
			'Token contains spaces, line breaks or non-ASCII characters',
			'A Wolkvox token is one word of visible ASCII characters. Copy it again from Wolkvox Manager.',
		);
	}
	return token;
}

export interface WolkvoxConnection {
	serverId: string;
	/** Base of every API path, e.g. https://wv0042.wolkvox.com */
	baseUrl: string;
	/** Host (and port) for messages: says where without saying how. */
	host: string;
	token: string;
}

/** Checks the credential's fields and says where requests go. */
export function resolveConnection(credentials: {
	server?: unknown;
	token?: unknown;
	baseUrl?: unknown;
}): WolkvoxConnection {
	const serverId = parseServerId(credentials.server);
	const baseUrl = parseBaseUrl(credentials.baseUrl) ?? `https://wv${serverId}.wolkvox.com`;
	const host = baseUrl.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
	return { serverId, baseUrl, host, token: parseToken(credentials.token) };
}
